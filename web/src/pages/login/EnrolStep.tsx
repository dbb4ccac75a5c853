// Login step for an account that must bind an authenticator before it may continue.
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { TotpEnrol } from '@/modules/auth/TotpEnrol';

export function EnrolStep({ onDone, onRestart }: { onDone: (me: Me) => void; onRestart: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="login-title">{t('login.enrolTitle')}</h1>
      <p className="login-sub">{t('login.enrolHint')}</p>
      <TotpEnrol onDone={onDone} />
      <p className="login-foot">
        <Button type="link" onClick={onRestart}>{t('login.backToLogin')}</Button>
      </p>
    </>
  );
}
