// 403: shown in place of a screen the account has no permission for.
import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

export function ForbiddenPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title={<h1 className="result-title">{t('common.forbidden')}</h1>}
      subTitle={t('common.forbiddenHint')}
      extra={<Button type="primary" onClick={() => navigate('/admin')}>{t('common.backConsole')}</Button>}
    />
  );
}

/** An unknown path inside the console. */
export function ConsoleNotFound() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('common.notFound')}</h1>}
      extra={<Button type="primary" onClick={() => navigate('/admin')}>{t('common.backConsole')}</Button>}
    />
  );
}
