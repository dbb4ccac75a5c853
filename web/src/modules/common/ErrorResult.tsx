// A failed page load, with the reason and a retry.
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors';

export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="warning"
      title={errorText(t, error)}
      extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
