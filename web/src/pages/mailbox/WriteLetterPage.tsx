// 写信 (/mailbox/:orgId/write): category, title, text, optional name, consent to publication, the phone verified by SMS
// code (PhoneVerify) and the captcha when the server asks. Every field is checked here in Chinese first; the server's
// field errors are shown under the same fields. What was typed stays on the page (and in sessionStorage, so a reload
// keeps it) until the letter is sent. On success: the 查询码, large and in groups of four, with a copy button.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, isApiError, ok } from '@/api/client';
import { errorText } from '@/modules/common/errors';
import { PhoneVerify, type VerifiedPhone } from '@/modules/safety/public/PhoneVerify';
import { CaptchaField } from '@/modules/safety/public/CaptchaField';
import { needsCaptcha, needsPhone, safetyHeaders, type CaptchaAnswer } from '@/modules/safety/public/public-safety';
import { CATEGORIES, groupCode, MailboxFrame, useM } from './MailboxFrame';
import { useMailboxes } from './MailboxesPage';

interface Draft { category: string; title: string; body: string; name: string; consent: '' | 'yes' | 'no' }
type Field = keyof Draft | 'phone' | 'captcha';
const EMPTY: Draft = { category: '', title: '', body: '', name: '', consent: '' };
const ORDER: Field[] = ['category', 'title', 'body', 'name', 'consent', 'phone', 'captcha'];
const len = (s: string) => [...s.trim()].length;

const storeKey = (orgId: string) => `mailbox-draft-${orgId}`;
function loadDraft(orgId: string): Draft {
  try {
    const raw = sessionStorage.getItem(storeKey(orgId));
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<Draft>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

export function WriteLetterPage() {
  const { orgId = '' } = useParams();
  const { t } = useTranslation();
  const M = useM();
  const { items, failed } = useMailboxes();
  const mailbox = items?.find((m) => m.orgId === orgId);
  const [draft, setDraft] = useState<Draft>(() => loadDraft(orgId));
  const [phone, setPhone] = useState<VerifiedPhone | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [captchaRound, setCaptchaRound] = useState<number | null>(null);
  const [captcha, setCaptcha] = useState<CaptchaAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ code: string; mailbox: string } | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => { document.title = `${mailbox ? M('writeTo', { name: mailbox.name }) : M('title')} - ${t('common.appShort')}`; });
  useEffect(() => {
    if (done) return;
    try { sessionStorage.setItem(storeKey(orgId), JSON.stringify(draft)); } catch { /* private mode: the page still keeps it */ }
  }, [draft, orgId, done]);
  useEffect(() => { if (done) doneRef.current?.focus(); }, [done]);

  const set = (k: keyof Draft, v: string) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors((e) => (e[k] ? { ...e, [k]: undefined } : e));
  };

  const check = (): Partial<Record<Field, string>> => {
    const e: Partial<Record<Field, string>> = {};
    if (!draft.category) e.category = M('form.categoryRequired');
    if (!draft.title.trim()) e.title = M('form.titleRequired');
    else if (len(draft.title) > 100) e.title = M('form.titleTooLong', { count: len(draft.title) });
    if (!draft.body.trim()) e.body = M('form.bodyRequired');
    else if (len(draft.body) > 5000) e.body = M('form.bodyTooLong', { count: len(draft.body) });
    if (len(draft.name) > 30) e.name = M('form.nameTooLong');
    if (!draft.consent) e.consent = M('form.consentRequired');
    if (!phone) e.phone = M('form.phoneRequired');
    else if (phone.expiresAt < Date.now()) e.phone = M('form.phoneExpired');
    if (captchaRound !== null && !captcha) e.captcha = M('form.captchaRequired');
    return e;
  };

  const showErrors = (e: Partial<Record<Field, string>>, message: string | null) => {
    setErrors(e);
    setFormError(message);
    const first = ORDER.find((f) => e[f]);
    // The summary is announced (role=alert); focus goes to the first field to correct.
    requestAnimationFrame(() => {
      const el = first ? document.getElementById(`mb-${first}`) : summaryRef.current;
      (el ?? summaryRef.current)?.focus();
    });
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const e = check();
    if (Object.values(e).some(Boolean)) {
      if (phone && phone.expiresAt < Date.now()) setPhone(null); // verify again; the rest stays
      showErrors(e, M('form.fixErrors', { count: Object.values(e).filter(Boolean).length }));
      return;
    }
    setBusy(true);
    setFormError(null);
    const usedCaptcha = captchaRound !== null;
    try {
      const res = await ok(api.POST('/api/public/mailboxes/{orgId}/letters', {
        params: { path: { orgId } },
        body: { category: draft.category, title: draft.title.trim(), body: draft.body.trim(), name: draft.name.trim() || null, consentPublish: draft.consent === 'yes' },
        headers: safetyHeaders({ captcha, phoneToken: phone!.token }),
      }));
      try { sessionStorage.removeItem(storeKey(orgId)); } catch { /* nothing kept */ }
      setDone({ code: res.trackingCode, mailbox: mailbox?.name ?? '' });
      setDraft(EMPTY);
      setCaptchaRound(null);
    } catch (err) {
      const fieldErrors: Partial<Record<Field, string>> = {};
      if (isApiError(err)) for (const fe of err.errors) if ((ORDER as string[]).includes(fe.field)) fieldErrors[fe.field as Field] = fe.message;
      if (needsPhone(err)) { setPhone(null); fieldErrors.phone = M('form.phoneExpired'); }
      if (needsCaptcha(err)) fieldErrors.captcha = errorText(t, err);
      if (needsCaptcha(err) || usedCaptcha) setCaptchaRound((r) => (r ?? 0) + 1); // a captcha is good for one try
      const n = Object.values(fieldErrors).filter(Boolean).length;
      showErrors(fieldErrors, n ? `${M('form.fixErrors', { count: n })} ${M('form.draftKept')}` : `${M('form.failed', { reason: errorText(t, err) })} ${M('form.draftKept')}`);
    } finally {
      setCaptcha(null);
      setBusy(false);
    }
  };

  if (done) return <MailboxFrame><Done code={done.code} mailbox={done.mailbox} headingRef={doneRef} orgId={orgId} onAgain={() => setDone(null)} /></MailboxFrame>;

  const err = (f: Field) => errors[f] ? <p className="mb-error" id={`mb-${f}-error`}>{errors[f]}</p> : null;
  const described = (f: Field, hint?: string) => [hint, errors[f] ? `mb-${f}-error` : undefined].filter(Boolean).join(' ') || undefined;
  const req = <span className="mb-req" aria-hidden>*</span>;

  return (
    <MailboxFrame>
      <p className="mb-back"><Link to="/mailbox">← {M('back')}</Link></p>
      <h1 className="mb-title">{mailbox ? M('writeTo', { name: mailbox.name }) : M('title')}</h1>
      {items && !mailbox && <p className="mb-alert" role="alert">{M('notFound')}</p>}
      {failed && <p className="mb-alert" role="alert">{M('loadFailed')}</p>}
      {(!items || mailbox) && (
        <form className="mb-form" noValidate onSubmit={(e) => void submit(e)} aria-busy={busy}>
          <p className="mb-intro" style={{ margin: 0 }}>{M('form.intro')}</p>
          <div ref={summaryRef} tabIndex={-1} role="alert" className={formError ? 'mb-alert' : undefined} data-testid="letter-form-error">
            {formError && <p>{formError}</p>}
          </div>

          <fieldset className="mb-field" id="mb-category" tabIndex={-1} aria-describedby={described('category')}>
            <legend>{M('form.category')}{req}</legend>
            <div className="mb-choices mb-choices-inline">
              {CATEGORIES.map((c) => (
                <label key={c} className="mb-choice">
                  <input type="radio" required name="category" value={c} checked={draft.category === c} onChange={() => set('category', c)} data-testid={`letter-category-${c}`} />
                  {M(`categories.${c}`)}
                </label>
              ))}
            </div>
            {err('category')}
          </fieldset>

          <div className="mb-field">
            <label className="mb-label" htmlFor="mb-title">{M('form.title')}{req}</label>
            <input id="mb-title" className="mb-input" value={draft.title} onChange={(e) => set('title', e.target.value)} placeholder={M('form.titlePlaceholder')}
              aria-invalid={!!errors.title} aria-describedby={described('title')} aria-required data-testid="letter-title" />
            {err('title')}
          </div>

          <div className="mb-field">
            <label className="mb-label" htmlFor="mb-body">{M('form.body')}{req}</label>
            <textarea id="mb-body" className="mb-textarea" value={draft.body} onChange={(e) => set('body', e.target.value)} placeholder={M('form.bodyPlaceholder')}
              aria-invalid={!!errors.body} aria-describedby={described('body', 'mb-body-count')} aria-required data-testid="letter-body" />
            <p className="mb-count" id="mb-body-count">{M('form.counter', { count: len(draft.body), max: 5000 })}</p>
            {err('body')}
          </div>

          <div className="mb-field">
            <label className="mb-label" htmlFor="mb-name">{M('form.name')}</label>
            <input id="mb-name" className="mb-input" value={draft.name} onChange={(e) => set('name', e.target.value)} autoComplete="name"
              aria-invalid={!!errors.name} aria-describedby={described('name', 'mb-name-hint')} data-testid="letter-name" />
            <p className="mb-hint" id="mb-name-hint">{M('form.nameHint')}</p>
            {err('name')}
          </div>

          <fieldset className="mb-field" id="mb-consent" tabIndex={-1} aria-describedby={described('consent')}>
            <legend>{M('form.consent')}{req}</legend>
            <div className="mb-choices">
              {(['yes', 'no'] as const).map((v) => (
                <label key={v} className="mb-choice">
                  <input type="radio" required name="consent" value={v} checked={draft.consent === v} onChange={() => set('consent', v)} data-testid={`letter-consent-${v}`} />
                  <span>{M(v === 'yes' ? 'form.consentYes' : 'form.consentNo')}</span>
                </label>
              ))}
            </div>
            {err('consent')}
          </fieldset>

          <fieldset className="mb-field" id="mb-phone" tabIndex={-1} aria-describedby={described('phone', 'mb-phone-hint')}>
            <legend>{M('form.phone')}{req}</legend>
            <p className="mb-hint" id="mb-phone-hint" style={{ marginBottom: '0.5rem' }}>{M('form.phoneHint')}</p>
            <PhoneVerify value={phone} onVerified={(v) => { setPhone(v); if (v) setErrors((e) => ({ ...e, phone: undefined })); }} />
            {err('phone')}
          </fieldset>

          {captchaRound !== null && (
            <div className="mb-field" id="mb-captcha" tabIndex={-1}>
              <CaptchaField round={captchaRound} onChange={(a) => { setCaptcha(a); if (a) setErrors((e) => ({ ...e, captcha: undefined })); }} error={errors.captcha} />
            </div>
          )}

          <div className="mb-actions">
            <button type="submit" className="mb-button" disabled={busy} data-testid="letter-submit">{busy ? M('form.submitting') : M('form.submit')}</button>
          </div>
        </form>
      )}
    </MailboxFrame>
  );
}

function Done({ code, mailbox, orgId, headingRef, onAgain }: { code: string; mailbox: string; orgId: string; headingRef: React.RefObject<HTMLHeadingElement | null>; onAgain: () => void }) {
  const M = useM();
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const copy = async () => {
    try {
      if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(code);
      else {
        // Plain http (an intranet deployment): the old way, through a selected text area.
        const ta = document.createElement('textarea');
        ta.value = code;
        ta.setAttribute('readonly', '');
        ta.style.position = 'fixed';
        ta.style.opacity = '0';
        document.body.appendChild(ta);
        ta.select();
        const copiedOk = document.execCommand('copy');
        ta.remove();
        if (!copiedOk) throw new Error('copy');
      }
      setCopied('ok');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <>
      <h1 className="mb-title" ref={headingRef} tabIndex={-1}>{M('done.title')}</h1>
      <section className="mb-done" aria-labelledby="mb-code-label">
        <p style={{ margin: 0 }}>{M('done.lead', { mailbox })}</p>
        <p id="mb-code-label" className="visually-hidden">{M('done.code')}</p>
        <strong className="mb-code" data-testid="letter-code" data-code={code}>{groupCode(code)}</strong>
        <div className="mb-actions">
          <button type="button" className="mb-button" onClick={() => void copy()} data-testid="letter-copy">{M('done.copy')}</button>
          <span role="status">{copied === 'ok' ? M('done.copied') : copied === 'failed' ? M('done.copyFailed') : ''}</span>
        </div>
        <p className="mb-note">{M('done.smsNote')}</p>
      </section>
      <h2>{M('done.nextTitle')}</h2>
      <ol className="mb-steps">
        <li>{M('done.next1')}</li>
        <li>{M('done.next2')}</li>
        <li>{M('done.next3')}</li>
      </ol>
      <div className="mb-actions">
        <Link className="mb-button" to="/mailbox/track" state={{ code }}>{M('done.trackNow')}</Link>
        <Link className="mb-button mb-button-plain" to={`/mailbox/${orgId}/write`} onClick={onAgain}>{M('done.writeAnother')}</Link>
      </div>
    </>
  );
}
