// /login: password, then (when the account has one) the 6-digit TOTP code, or the
// enrolment of an authenticator when policy requires one and none is bound yet.
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Tabs } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { ME_KEY, authApi, hasSessionHint, homeOf, sessionStep, setSessionHint, useMe } from '@/modules/auth/auth-api';
import { errorText } from '@/modules/common/errors';
import { PublicFrame } from './PublicFrame';
import { MfaStep } from './MfaStep';
import { EnrolStep } from './EnrolStep';
import { SmsLoginForm } from './SmsLoginForm';

type Step = 'password' | 'mfa' | 'enrol';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [hinted] = useState(hasSessionHint);
  const me = useMe(hinted);
  const [step, setStep] = useState<Step>('password');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ username: string; password: string }>();

  const finished = useRef(false);
  const finish = (account: Me) => {
    if (finished.current) return;
    finished.current = true;
    setSessionHint(true);
    queryClient.setQueryData(ME_KEY, account);
    const from = (location.state as { from?: string } | null)?.from;
    // Go back where the user was heading, if that place belongs to this kind of account.
    const fits = from && (account.kind === 'staff' ? from.startsWith('/admin') : (from.startsWith('/me') || from.startsWith('/viewing/')));
    navigate(fits && !account.mustChangePassword ? from : homeOf(account), { replace: true });
  };

  // A session that already exists either goes straight in or resumes its second step.
  useEffect(() => {
    if (!me.data || step !== 'password') return;
    const s = sessionStep(me.data);
    if (s === 'ok') finish(me.data);
    else setStep(s);
  }, [me.data]); // eslint-disable-line react-hooks/exhaustive-deps -- runs when the session is first known, not on each step or render

  /** What a sign-in (password or SMS code) answered: in, or on to the second step. */
  const signedIn = (res: Awaited<ReturnType<typeof authApi.login>>) => {
    if (res.status === 'ok') finish(res.me);
    else {
      setSessionHint(true);
      queryClient.setQueryData(ME_KEY, res.me);
      setStep(res.status === 'mfa_required' ? 'mfa' : 'enrol');
    }
  };

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      signedIn(await authApi.login(v.username.trim(), v.password));
    } catch (e) {
      setError(errorText(t, e));
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  const restart = async () => {
    await authApi.logout().catch(() => undefined);
    setSessionHint(false);
    queryClient.setQueryData(ME_KEY, null);
    setStep('password');
    setError(null);
  };

  const passwordForm = (
    <>
      <p className="login-sub">{t('login.subtitle')}</p>
      {error && <Alert type="error" showIcon title={error} role="alert" className="login-alert" />}
      <Form name="login" form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
          <Input prefix={<UserOutlined aria-hidden />} placeholder={t('login.usernamePlaceholder')} autoComplete="username" autoFocus data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password prefix={<LockOutlined aria-hidden />} placeholder={t('login.passwordPlaceholder')} autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
    </>
  );

  return (
    <PublicFrame>
      <div className="login-wrap">
        <Card className="login-card">
          {step === 'password' && (
            <>
              <h1 className="login-title">{t('login.title')}</h1>
              <Tabs
                className="login-tabs"
                items={[
                  { key: 'password', label: t('login.tabPassword'), children: passwordForm },
                  { key: 'sms', label: t('login.tabSms'), children: <SmsLoginForm onResult={signedIn} /> },
                ]}
              />
              <p className="login-foot"><Link to="/">{t('login.backToPortal')}</Link></p>
            </>
          )}
          {step === 'mfa' && <MfaStep onDone={finish} onRestart={restart} />}
          {step === 'enrol' && <EnrolStep onDone={finish} onRestart={restart} />}
        </Card>
      </div>
    </PublicFrame>
  );
}
