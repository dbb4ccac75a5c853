// The image captcha of a public form: the server's SVG (four digits), an input for them and 换一张. Plain HTML for the
// public pages. The parent shows it after a `safety.captcha_required` / `safety.captcha_invalid` answer (needsCaptcha)
// and changes `round` after each attempt: a captcha is good for one try, so a new image is fetched.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import type { CaptchaAnswer } from './public-safety';

export function CaptchaField({ round, onChange, error }: { round: number; onChange: (a: CaptchaAnswer | null) => void; error?: string | null }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [img, setImg] = useState<{ id: string; src: string } | null>(null);
  const [failed, setFailed] = useState(false);
  const [answer, setAnswer] = useState('');
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setAnswer('');
    onChange(null);
    ok(api.POST('/api/public/captcha', {}))
      .then((c) => { if (live) { setImg({ id: c.id, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.svg)}` }); setFailed(false); } })
      .catch(() => { if (live) setFailed(true); });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new image per round or reload; onChange is the parent's setter
  }, [round, reload]);

  const change = (v: string) => {
    const digits = v.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\D/g, '').slice(0, 4);
    setAnswer(digits);
    onChange(img && digits.length === 4 ? { id: img.id, answer: digits } : null);
  };

  return (
    <div className="ps-captcha" data-testid="captcha-field">
      <label htmlFor={inputId} className="ps-label">{t('publicSafety.captcha')}</label>
      <div className="ps-row">
        <input id={inputId} className="ps-input ps-input-short" inputMode="numeric" autoComplete="off" maxLength={4} value={answer}
          placeholder={t('publicSafety.captchaPlaceholder')} onChange={(e) => change(e.target.value)} aria-invalid={!!error} data-testid="captcha-answer" />
        {img && <img src={img.src} width={150} height={50} alt={t('publicSafety.captchaAlt')} className="ps-captcha-img" />}
        <button type="button" className="ps-link" onClick={() => setReload((n) => n + 1)}>{t('publicSafety.captchaRefresh')}</button>
      </div>
      {failed && <p className="ps-error" role="alert">{t('publicSafety.captchaLoadFailed')}</p>}
      {error && <p className="ps-error" role="alert">{error}</p>}
    </div>
  );
}
