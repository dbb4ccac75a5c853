// 手机号码验证 for a public form: the number, 获取验证码 (then a countdown), the six-digit code and 验证; the token it
// gives is sent with the form in X-Phone-Token (safetyHeaders). Asks for the image captcha when the server does.
// Plain HTML for the public pages; strings in the publicSafety namespace (add publicSafetyStrings to the page's chunk).
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import { errorText } from '@/modules/common/errors';
import { CaptchaField } from './CaptchaField';
import { needsCaptcha, safetyHeaders, type CaptchaAnswer } from './public-safety';
import './public-safety.css';

export interface VerifiedPhone { token: string; phone: string; expiresAt: number }

export function PhoneVerify({ value, onVerified }: { value: VerifiedPhone | null; onVerified: (v: VerifiedPhone | null) => void }) {
  const { t } = useTranslation();
  const phoneId = useId();
  const codeId = useId();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [wait, setWait] = useState(0);
  const [sentTo, setSentTo] = useState<{ minutes: number; demo: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [captchaRound, setCaptchaRound] = useState<number | null>(null);
  const [captcha, setCaptcha] = useState<CaptchaAnswer | null>(null);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const validPhone = /^1[3-9]\d{9}$/.test(phone.replace(/[\s-]/g, ''));

  const getCode = async () => {
    if (!validPhone) { setError(t('publicSafety.phoneInvalid')); return; }
    if (captchaRound !== null && !captcha) { setError(t('publicSafety.captchaInvalid')); return; }
    setBusy(true);
    setError(null);
    try {
      const res = await ok(api.POST('/api/public/phone-code', { body: { phone }, headers: safetyHeaders({ captcha }) }));
      setWait(res.retryAfterSeconds);
      setSentTo({ minutes: Math.round(res.expiresInSeconds / 60), demo: res.demo });
      setCaptchaRound(null);
    } catch (e) {
      setError(errorText(t, e));
      if (needsCaptcha(e)) setCaptchaRound((r) => (r ?? 0) + 1);
    } finally {
      setCaptcha(null);
      setBusy(false);
    }
  };

  const verify = async () => {
    if (!/^\d{6}$/.test(code)) { setError(t('publicSafety.codeInvalid')); return; }
    setBusy(true);
    setError(null);
    try {
      const res = await ok(api.POST('/api/public/phone-verify', { body: { phone, code } }));
      onVerified({ token: res.token, phone: res.phone, expiresAt: Date.now() + res.expiresInSeconds * 1000 });
      setCode('');
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  if (value) {
    return (
      <div className="ps-box ps-verified" data-testid="phone-verified">
        <span role="status">{t('publicSafety.verified', { phone: value.phone })}</span>
        <button type="button" className="ps-link" onClick={() => { onVerified(null); setSentTo(null); setWait(0); }}>{t('publicSafety.change')}</button>
      </div>
    );
  }
  return (
    <div className="ps-box" data-testid="phone-verify">
      <label htmlFor={phoneId} className="ps-label">{t('publicSafety.phone')}</label>
      <div className="ps-row">
        <input id={phoneId} className="ps-input" type="tel" inputMode="numeric" autoComplete="tel" maxLength={13} value={phone}
          placeholder={t('publicSafety.phonePlaceholder')} onChange={(e) => setPhone(e.target.value)} data-testid="phone-input" />
        <button type="button" className="ps-button" onClick={() => void getCode()} disabled={busy || wait > 0} data-testid="phone-get-code">
          {wait > 0 ? t('publicSafety.resendIn', { seconds: wait }) : t('publicSafety.getCode')}
        </button>
      </div>
      {captchaRound !== null && <CaptchaField round={captchaRound} onChange={setCaptcha} />}
      {sentTo && (
        <>
          <p className="ps-note" role="status">{t('publicSafety.sent', { phone: phone.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2'), minutes: sentTo.minutes })}</p>
          {sentTo.demo && <p className="ps-note">{t('publicSafety.demoHint')}</p>}
          <label htmlFor={codeId} className="ps-label">{t('publicSafety.code')}</label>
          <div className="ps-row">
            <input id={codeId} className="ps-input ps-input-short" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code}
              placeholder={t('publicSafety.codePlaceholder')} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} data-testid="phone-code" />
            <button type="button" className="ps-button" onClick={() => void verify()} disabled={busy} data-testid="phone-verify-submit">{t('publicSafety.verify')}</button>
          </div>
        </>
      )}
      {error && <p className="ps-error" role="alert">{error}</p>}
    </div>
  );
}
