// The header's language switch: one button naming the other language in that language.
import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLang } from './prefs';

export function LanguageSwitch({ dark = false }: { dark?: boolean }) {
  const { t } = useTranslation();
  const [lang, setLang] = useLang();
  const other = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined aria-hidden />}
      aria-label={`${t('common.switchLanguage')}: ${lang === 'en' ? '中文' : 'English'}`}
      className={dark ? 'header-btn' : undefined}
      onClick={() => setLang(other)}
    >
      <span lang={other}>{lang === 'en' ? '中文' : 'English'}</span>
    </Button>
  );
}
