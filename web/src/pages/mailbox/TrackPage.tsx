// 查询办理情况 (/mailbox/track): the writer enters the 查询码 and sees the letter's state, its dates, a decline's reason
// and the approved answer. POST, so the code stays out of addresses and logs; a captcha when the server asks.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, isApiError, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { errorText } from '@/modules/common/errors';
import { CaptchaField } from '@/modules/safety/public/CaptchaField';
import { needsCaptcha, safetyHeaders, type CaptchaAnswer } from '@/modules/safety/public/public-safety';
import { chinaTime, groupCode, MailboxFrame, useM } from './MailboxFrame';

type Status = ResponseOf<'/api/public/letters/lookup', 'post'>;
const normalize = (s: string) => s.toUpperCase().replace(/[\s-]/g, '');

export function TrackPage() {
  const { t } = useTranslation();
  const M = useM();
  const location = useLocation();
  const given = (location.state as { code?: string } | null)?.code ?? '';
  const [code, setCode] = useState(given ? groupCode(given) : '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const [captchaRound, setCaptchaRound] = useState<number | null>(null);
  const [captcha, setCaptcha] = useState<CaptchaAnswer | null>(null);
  const resultRef = useRef<HTMLElement>(null);
  useEffect(() => { document.title = `${M('lookup.title')} - ${t('common.appShort')}`; });
  useEffect(() => { if (status) resultRef.current?.focus(); }, [status]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const c = normalize(code);
    if (!c) { setError(M('lookup.codeRequired')); return; }
    if (!/^[0-9A-Z]{12}$/.test(c)) { setError(M('lookup.codeInvalid')); return; }
    if (captchaRound !== null && !captcha) { setError(t('publicSafety.captchaInvalid')); return; }
    setBusy(true);
    setError(null);
    const usedCaptcha = captchaRound !== null;
    try {
      setStatus(await ok(api.POST('/api/public/letters/lookup', { body: { trackingCode: c }, headers: safetyHeaders({ captcha }) })));
      setCaptchaRound(null);
    } catch (err) {
      setStatus(null);
      setError(isApiError(err) && err.status === 404 ? M('lookup.notFound') : M('lookup.failed', { reason: errorText(t, err) }));
      if (needsCaptcha(err) || usedCaptcha) setCaptchaRound((r) => (r ?? 0) + 1);
    } finally {
      setCaptcha(null);
      setBusy(false);
    }
  };

  return (
    <MailboxFrame>
      <p className="mb-back"><Link to="/mailbox">← {M('back')}</Link></p>
      <h1 className="mb-title">{M('lookup.title')}</h1>
      <p className="mb-intro">{M('lookup.intro')}</p>
      <form className="mb-form" noValidate onSubmit={(e) => void submit(e)} aria-busy={busy}>
        <div className="mb-field">
          <label className="mb-label" htmlFor="mb-code">{M('lookup.code')}</label>
          <div className="mb-lookup">
            <input id="mb-code" className="mb-input" value={code} onChange={(e) => setCode(e.target.value)} placeholder={M('lookup.codePlaceholder')}
              autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={20} aria-invalid={!!error} aria-describedby={error ? 'mb-code-error' : undefined}
              data-testid="track-code" />
            <button type="submit" className="mb-button" disabled={busy} data-testid="track-submit">{M('lookup.submit')}</button>
          </div>
          <div role="alert">{error && <p className="mb-error" id="mb-code-error">{error}</p>}</div>
        </div>
        {captchaRound !== null && <CaptchaField round={captchaRound} onChange={setCaptcha} />}
      </form>
      {status && (
        <section className="mb-result" ref={resultRef} tabIndex={-1} aria-labelledby="mb-result-title" data-testid="track-result">
          <h2 id="mb-result-title">{status.title}</h2>
          <dl className="mb-facts">
            <dt>{M('lookup.state')}</dt>
            <dd><span className={`mb-state mb-state-${status.state}`} data-testid="track-state" data-state={status.state}>{M(`states.${status.state}`)}</span></dd>
            <dt>{M('lookup.mailbox')}</dt><dd>{status.mailboxName}</dd>
            <dt>{M('lookup.category')}</dt><dd>{M(`categories.${status.category}`)}</dd>
            <dt>{M('lookup.createdAt')}</dt><dd>{chinaTime(status.createdAt)}</dd>
            {status.answeredAt && <><dt>{M('lookup.answeredAt')}</dt><dd>{chinaTime(status.answeredAt)}</dd></>}
          </dl>
          {status.state === 'declined' && (
            <>
              <h3>{M('lookup.declineReason')}</h3>
              <p className="mb-text" data-testid="track-decline">
                {status.declineKind ? `${M(`declineKinds.${status.declineKind}`)}：` : ''}{status.declineNote}
              </p>
            </>
          )}
          {status.state !== 'declined' && (
            <>
              <h3>{M('lookup.answer')}</h3>
              {status.answer ? <div className="mb-answer"><p className="mb-text" data-testid="track-answer">{status.answer}</p></div>
                : <p className="mb-note">{M('lookup.noAnswer')}</p>}
            </>
          )}
          {status.publishedId && (
            <p className="mb-alert mb-published-link" data-testid="track-published">
              {M('lookup.published')} <Link className="mb-link" to={`/mailbox/letters/${status.publishedId}`}>{M('lookup.publishedOpen')}</Link>
            </p>
          )}
          <h3>{M('lookup.yourLetter')}</h3>
          <p className="mb-text">{status.body}</p>
        </section>
      )}
    </MailboxFrame>
  );
}
