// The login page's 「短信验证码登录」 tab: a member's mobile number, 获取验证码 (then a 60-second countdown), the
// 6-digit code, 登录. The server answers a code request the same whether or not the number has an account, so
// the page says "if this number belongs to a member account". In demo mode it says where the code shows up.
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Space } from 'antd';
import { MobileOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { authApi } from '@/modules/auth/auth-api';
import { errorText } from '@/modules/common/errors';
import { isApiError } from '@/api/client';
import { MOBILE_RE } from '@/modules/members/id-number';

type LoginResult = Awaited<ReturnType<typeof authApi.smsLogin>>;

/** Spaces, dashes and a leading +86 are dropped as the server drops them. */
const normalizePhone = (v: string) => v.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');

export function SmsLoginForm({ onResult }: { onResult: (res: LoginResult) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<{ minutes: number; demo: boolean } | null>(null);
  const [wait, setWait] = useState(0);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const getCode = async () => {
    setError(null);
    let phone: string;
    try {
      phone = (await form.validateFields(['phone'])).phone;
    } catch {
      return;
    }
    setSending(true);
    try {
      const res = await authApi.smsCode(normalizePhone(phone));
      setSent({ minutes: Math.round(res.expiresInSeconds / 60), demo: res.demo });
      setWait(res.retryAfterSeconds);
    } catch (e) {
      setError(errorText(t, e));
      // "验证码已发送，请N秒后再重新获取": count down from there.
      const seconds = isApiError(e) && e.code === 'auth.sms_code_rate_limited' ? /(\d+)秒/.exec(e.title)?.[1] : undefined;
      if (seconds) setWait(Number(seconds));
    } finally {
      setSending(false);
    }
  };

  const submit = async (v: { phone: string; code: string }) => {
    setBusy(true);
    setError(null);
    try {
      onResult(await authApi.smsLogin(normalizePhone(v.phone), v.code));
    } catch (e) {
      setError(errorText(t, e));
      form.setFieldValue('code', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="login-sub">{t('login.smsSubtitle')}</p>
      {error && <Alert type="error" showIcon title={error} role="alert" className="login-alert" />}
      {sent && !error && <Alert type="success" showIcon title={t('login.codeSent', { m: sent.minutes })} className="login-alert" />}
      {sent?.demo && <Alert type="info" showIcon title={t('login.demoSmsHint')} className="login-alert" data-testid="sms-demo-hint" />}
      <Form name="sms-login" form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
        <Form.Item
          name="phone"
          label={t('login.phone')}
          rules={[
            { required: true, whitespace: true, message: t('login.phoneRequired') },
            { validator: (_, v: string | undefined) => (!v || MOBILE_RE.test(normalizePhone(v)) ? Promise.resolve() : Promise.reject(new Error(t('login.phoneFormat')))) },
          ]}
        >
          <Input prefix={<MobileOutlined aria-hidden />} inputMode="tel" autoComplete="tel" maxLength={20} placeholder={t('login.phonePlaceholder')} data-testid="sms-phone" />
        </Form.Item>
        <Form.Item label={t('login.smsCode')} required={false}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="code"
              noStyle
              normalize={(v: string) => v.replace(/\D/g, '').slice(0, 6)}
              rules={[{ required: true, message: t('login.smsCodeRequired') }, { pattern: /^\d{6}$/, message: t('login.smsCodeFormat') }]}
            >
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder={t('login.codePlaceholder')} aria-label={t('login.smsCode')} data-testid="sms-code" />
            </Form.Item>
            <Button onClick={() => void getCode()} loading={sending} disabled={wait > 0 || busy} className="sms-code-btn" data-testid="sms-get-code">
              {wait > 0 ? t('login.resendIn', { s: wait }) : t('login.getCode')}
            </Button>
          </Space.Compact>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="sms-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </>
  );
}
