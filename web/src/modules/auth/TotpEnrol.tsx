// Binding an authenticator: fetch a fresh secret, show it as a QR code and as text,
// and confirm with the first code. Used at login and on the profile page.
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me, TotpSetup } from '@/api/types';
import { errorText } from '@/modules/common/errors';
import { CodeField } from './CodeField';
import { authApi } from './auth-api';

export function TotpEnrol({ onDone, submitLabel }: { onDone: (me: Me) => void; submitLabel?: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    authApi.totpSetup().then(
      (s) => live && setSetup(s),
      (e: unknown) => live && setError(errorText(t, e)),
    );
    return () => {
      live = false;
    };
  }, [t]);

  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await authApi.totpConfirm(code));
    } catch (e) {
      setError(errorText(t, e));
      form.setFieldValue('code', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="totp-enrol">
      {error && <Alert type="error" showIcon title={error} className="login-alert" />}
      {setup ? (
        <>
          <img className="totp-qr" src={setup.qrDataUrl} alt={t('login.qrAlt')} width={200} height={200} />
          <p className="totp-secret-label">{t('login.secret')}</p>
          <p className="totp-secret">
            {/* Shown in groups of four for reading aloud or typing; copying gives it whole. */}
            <Typography.Text code copyable={{ text: setup.secret }} data-testid="totp-secret">
              {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
            </Typography.Text>
          </p>
          <Form name="totp-enrol" form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
            <CodeField autoFocus={false} />
            <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="totp-confirm">
              {submitLabel ?? t('login.enrolConfirm')}
            </Button>
          </Form>
        </>
      ) : (
        !error && <div className="page-fallback" role="status"><Spin /></div>
      )}
    </div>
  );
}
