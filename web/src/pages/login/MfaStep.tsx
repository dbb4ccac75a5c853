// Second login step: the code from the authenticator app.
import { useState } from 'react';
import { Alert, Button, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { authApi } from '@/modules/auth/auth-api';
import { errorText } from '@/modules/common/errors';
import { CodeField } from '@/modules/auth/CodeField';

export function MfaStep({ onDone, onRestart }: { onDone: (me: Me) => void; onRestart: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      const res = await authApi.mfa(code);
      onDone(res.me);
    } catch (e) {
      setError(errorText(t, e));
      form.setFieldValue('code', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 className="login-title">{t('login.mfaTitle')}</h1>
      <p className="login-sub">{t('login.mfaHint')}</p>
      {error && <Alert type="error" showIcon title={error} className="login-alert" />}
      <Form name="mfa" form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
        <CodeField />
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-mfa-submit">
          {t('login.verify')}
        </Button>
      </Form>
      <p className="login-foot">
        <Button type="link" onClick={onRestart}>{t('login.backToLogin')}</Button>
      </p>
    </>
  );
}
