// The safety part of the public cadre forms: the verified phone, the captcha when the server asks, and the send with
// their headers; field errors come back by field name. Plain HTML (no antd).
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import { errorText } from '@/modules/common/errors';
import { CaptchaField } from '@/modules/safety/public/CaptchaField';
import { PhoneVerify, type VerifiedPhone } from '@/modules/safety/public/PhoneVerify';
import { needsCaptcha, needsPhone, safetyHeaders, type CaptchaAnswer } from '@/modules/safety/public/public-safety';

export type FieldErrors = Record<string, string>;

export function useSafeSubmit() {
  const { t } = useTranslation();
  const [phone, setPhone] = useState<VerifiedPhone | null>(null);
  const [captchaRound, setCaptchaRound] = useState<number | null>(null);
  const [captcha, setCaptcha] = useState<CaptchaAnswer | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Sends with the safety headers; resolves true when the server took it. */
  const send = async (call: (headers: Record<string, string>) => Promise<unknown>): Promise<boolean> => {
    setErrors({});
    setError(null);
    if (!phone) { setError(t('cadrePublic.needPhone')); return false; }
    setBusy(true);
    try {
      await call(safetyHeaders({ captcha, phoneToken: phone.token }));
      setCaptchaRound(null);
      return true;
    } catch (e) {
      if (needsCaptcha(e)) setCaptchaRound((r) => (r ?? 0) + 1);
      else if (captchaRound !== null) setCaptchaRound((r) => (r ?? 0) + 1);
      if (needsPhone(e)) setPhone(null);
      if (isApiError(e) && e.errors.length) setErrors(Object.fromEntries(e.errors.map((x) => [x.field, x.message])));
      else setError(errorText(t, e));
      return false;
    } finally { setBusy(false); }
  };

  const safety: ReactNode = (
    <>
      <PhoneVerify value={phone} onVerified={setPhone} />
      {captchaRound !== null && <CaptchaField round={captchaRound} onChange={setCaptcha} />}
    </>
  );
  return { send, safety, errors, error, busy };
}

/** A labelled text field (input or textarea) with its error under it. */
export function Field({ id, label, error, value, onChange, multiline, maxLength }: {
  id: string; label: string; error?: string; value: string; onChange: (v: string) => void; multiline?: boolean; maxLength: number;
}) {
  const errId = `${id}-err`;
  const common = { id, value, maxLength, className: 'ps-input cp-input', 'aria-invalid': !!error || undefined, 'aria-describedby': error ? errId : undefined };
  return (
    <div className="cp-field">
      <label htmlFor={id} className="ps-label">{label}</label>
      {multiline ? <textarea {...common} rows={5} onChange={(e) => onChange(e.target.value)} /> : <input {...common} onChange={(e) => onChange(e.target.value)} />}
      {error && <p id={errId} className="ps-error">{error}</p>}
    </div>
  );
}
