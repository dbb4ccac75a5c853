// 群众提问 under a public disclosure: the published questions with the organization's answers (newest first, paged),
// and the form to ask one (a phone verified by SMS code, the image captcha when the server asks for it). Everything
// the public wrote is rendered as text, never as HTML. Plain HTML for the public pages (no antd).
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { errorText } from '@/modules/common/errors';
import { PhoneVerify, type VerifiedPhone } from '@/modules/safety/public/PhoneVerify';
import { CaptchaField } from '@/modules/safety/public/CaptchaField';
import { needsCaptcha, needsPhone, safetyHeaders, type CaptchaAnswer } from '@/modules/safety/public/public-safety';
import { chinaTime, useD } from './format';

type Page = ResponseOf<'/api/public/disclosures/{id}/questions', 'get'>;
type Q = Page['items'][number];
const MAX = 500;

export function Questions({ itemId, orgName }: { itemId: string; orgName: string }) {
  const D = useD();
  const [items, setItems] = useState<Q[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [status, setStatus] = useState<'loading' | 'ok' | 'error'>('loading');

  const load = useCallback(async (cursor?: string, signal?: AbortSignal) => {
    setStatus('loading');
    try {
      const page = await ok(api.GET('/api/public/disclosures/{id}/questions', { params: { path: { id: itemId }, query: { cursor, limit: 10 } }, signal }));
      setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNext(page.nextCursor);
      setStatus('ok');
    } catch (e) {
      if ((e as Error).name !== 'AbortError') setStatus('error');
    }
  }, [itemId]);

  useEffect(() => {
    const ctrl = new AbortController();
    void load(undefined, ctrl.signal);
    return () => ctrl.abort();
  }, [load]);

  return (
    <section aria-labelledby="dp-q" className="dp-questions" data-testid="dp-questions">
      <h2 id="dp-q">{D('q.title')}</h2>
      <p className="dp-note">{D('q.intro', { org: orgName })}</p>
      {items.length > 0 && (
        <ol className="dp-qlist" data-testid="dp-question-list">
          {items.map((q) => (
            <li key={q.id} className="dp-q">
              <p className="dp-q-meta"><strong>{q.name ?? D('q.anonymous')}</strong> · {D('q.askedAt', { at: chinaTime(q.askedAt) })}</p>
              <p className="dp-q-text" data-testid="dp-question-text">{q.body}</p>
              {q.answer ? (
                <div className="dp-a">
                  <p className="dp-q-meta">
                    <strong>{D('q.answeredBy', { org: q.answer.by })}</strong> · {q.answer.previous.length > 0 ? D('q.correctedAt', { at: chinaTime(q.answer.at) }) : D('q.answeredAt', { at: chinaTime(q.answer.at) })}
                  </p>
                  <p className="dp-q-text" data-testid="dp-answer-text">{q.answer.text}</p>
                  {q.answer.previous.length > 0 && (
                    <details className="dp-a-previous" data-testid="dp-answer-previous">
                      <summary>{D('q.previous', { count: q.answer.previous.length })}</summary>
                      {q.answer.previous.map((v) => (
                        <div key={v.version} className="dp-a-old">
                          <p className="dp-q-meta">{D('q.previousAt', { at: chinaTime(v.at) })}</p>
                          <p className="dp-q-text">{v.text}</p>
                        </div>
                      ))}
                    </details>
                  )}
                </div>
              ) : <p className="dp-q-waiting">{D('q.waiting')}</p>}
            </li>
          ))}
        </ol>
      )}
      {status === 'ok' && items.length === 0 && <p className="dp-note">{D('q.none')}</p>}
      {status === 'error' && <p className="dp-note" role="alert">{D('q.loadFailed')}</p>}
      {next && <button type="button" className="dp-button dp-more dp-button-quiet" disabled={status === 'loading'} onClick={() => void load(next)}>{D('q.more')}</button>}
      <AskForm itemId={itemId} />
    </section>
  );
}

function AskForm({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const D = useD();
  const bodyId = useId();
  const nameId = useId();
  const [body, setBody] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState<VerifiedPhone | null>(null);
  const [captchaRound, setCaptchaRound] = useState<number | null>(null);
  const [captcha, setCaptcha] = useState<CaptchaAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const count = [...body].length;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (!body.trim()) { setError(D('q.needBody')); return; }
    if (count > MAX) { setError(D('q.tooLong')); return; }
    if (!phone || phone.expiresAt <= Date.now()) { setPhone(null); setError(D('q.needPhone')); return; }
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/api/public/disclosures/{id}/questions', {
        params: { path: { id: itemId } }, body: { body, name: name.trim() || null }, headers: safetyHeaders({ captcha, phoneToken: phone.token }),
      }));
      setBody('');
      setName('');
      setCaptchaRound(null);
      setDone(true);
    } catch (err) {
      setError(isApiError(err) && err.errors.length ? err.errors.map((x) => x.message).join('；') : errorText(t, err));
      if (needsCaptcha(err)) setCaptchaRound((r) => (r ?? 0) + 1);
      else if (captchaRound !== null) setCaptchaRound((r) => (r ?? 0) + 1);
      if (needsPhone(err)) setPhone(null);
    } finally {
      setCaptcha(null);
      setBusy(false);
    }
  };

  return (
    <form className="dp-ask" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="dp-ask" data-testid="dp-ask">
      <h3 id="dp-ask">{D('q.form')}</h3>
      <label htmlFor={bodyId} className="ps-label">{D('q.body')}</label>
      <textarea id={bodyId} className="dp-textarea" rows={4} value={body} onChange={(e) => { setBody(e.target.value); setDone(false); }}
        aria-describedby={`${bodyId}-hint`} aria-invalid={count > MAX} data-testid="dp-ask-body" />
      <p id={`${bodyId}-hint`} className="dp-hint"><span>{D('q.bodyHint')}</span> <span className={count > MAX ? 'dp-over' : undefined}>{D('q.count', { count })}</span></p>
      <label htmlFor={nameId} className="ps-label">{D('q.name')}</label>
      <input id={nameId} className="ps-input dp-name" maxLength={20} value={name} onChange={(e) => setName(e.target.value)} placeholder={D('q.namePlaceholder')}
        aria-describedby={`${nameId}-hint`} autoComplete="name" data-testid="dp-ask-name" />
      <p id={`${nameId}-hint`} className="dp-hint">{D('q.nameHint')}</p>
      <PhoneVerify value={phone} onVerified={(v) => { setPhone(v); if (v) setError(null); }} />
      {captchaRound !== null && <CaptchaField round={captchaRound} onChange={setCaptcha} />}
      {error && <p className="ps-error" role="alert">{error}</p>}
      {done && <p className="dp-done" role="status" data-testid="dp-ask-done">{D('q.done')}</p>}
      <button type="submit" className="dp-button" disabled={busy} data-testid="dp-ask-submit">{busy ? D('q.submitting') : D('q.submit')}</button>
    </form>
  );
}
