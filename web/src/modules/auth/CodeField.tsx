// The 6-digit TOTP code field, shared by the second login step, the enrolment step and
// the profile page.
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

export function CodeField({ autoFocus = true }: { autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="code"
      label={t('login.code')}
      normalize={(v: string) => v.replace(/\D/g, '').slice(0, 6)}
      rules={[
        { required: true, message: t('login.codeRequired') },
        { pattern: /^\d{6}$/, message: t('login.codeFormat') },
      ]}
    >
      <Input
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        placeholder={t('login.codePlaceholder')}
        autoFocus={autoFocus}
        className="code-input"
        data-testid="login-code"
      />
    </Form.Item>
  );
}
