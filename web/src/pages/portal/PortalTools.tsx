// Language and large-type switches of the public header: plain buttons, no antd, so the
// portal's first load stays small.
import { useTranslation } from 'react-i18next';
import { useElderMode, useLang } from '@/modules/common/prefs';

export function PortalTools() {
  const { t } = useTranslation();
  const [lang, setLang] = useLang();
  const [elder, setElder] = useElderMode();
  return (
    <div className="portal-tools">
      <button
        type="button"
        className="portal-btn"
        lang={lang === 'en' ? 'zh-CN' : 'en'}
        title={t('common.switchLanguage')}
        onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
      >
        {lang === 'en' ? '中文' : 'English'}
      </button>
      <button
        type="button"
        className="portal-btn"
        aria-pressed={elder}
        title={elder ? t('common.elderModeOn') : t('common.elderModeOff')}
        onClick={() => setElder(!elder)}
      >
        {t('common.elderMode')}
      </button>
    </div>
  );
}
