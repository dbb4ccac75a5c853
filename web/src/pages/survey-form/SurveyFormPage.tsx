// 问卷网页填写 (/s/:token): the personal link of a survey's SMS opens its questions on a phone, without signing
// in. Plain HTML and CSS like the portal (no antd, no query library): large touch targets, text ≥ 16 px, usable at
// 390 px. Every question must be answered (a message under each one that is not); answers can be sent again while
// the survey is open (the last counts). States: loading, the form, 提交成功, 已结束, and 链接无效或已过期 (404 —
// the server says no more than that, whatever the reason).
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, isApiError, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { Emblem } from '@/modules/common/Emblem';
import '@/styles/portal.css';
import './survey-form.css';

type Form = ResponseOf<'/api/public/survey-forms/{token}', 'get'>;
type FormQuestion = Form['questions'][number];
type State =
  | { status: 'loading' }
  | { status: 'notFound' }
  | { status: 'error' }
  | { status: 'ok'; form: Form };

const TOKEN = /^[A-Za-z0-9_-]{12}$/;

/** A stored answer as the form's value: the option's number for choice and yes/no questions. */
function initialAnswer(q: FormQuestion): string {
  const a = (q.answer ?? '').trim();
  if (!a) return '';
  if (q.kind === 'yesno') return /^(1|是)/.test(a) ? '1' : /^(2|否)/.test(a) ? '2' : '';
  if (q.kind === 'choice') { const n = /\d+/.exec(a); return n ? n[0] : ''; }
  return a;
}

export function SurveyFormPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [state, setState] = useState<State>(TOKEN.test(token) ? { status: 'loading' } : { status: 'notFound' });
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [closedNow, setClosedNow] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const F = (k: string) => t(`surveyForm.${k}` as 'surveyForm.submit');

  useEffect(() => {
    if (!TOKEN.test(token)) return;
    const ctrl = new AbortController();
    ok(api.GET('/api/public/survey-forms/{token}', { params: { path: { token } }, signal: ctrl.signal }))
      .then((form) => {
        setState({ status: 'ok', form });
        setAnswers(Object.fromEntries(form.questions.map((q) => [q.id, initialAnswer(q)])));
      })
      .catch((e: unknown) => {
        if ((e as Error).name === 'AbortError') return;
        setState(isApiError(e) && (e.status === 404 || e.status === 400) ? { status: 'notFound' } : { status: 'error' });
      });
    return () => ctrl.abort();
  }, [token]);

  useEffect(() => { document.title = state.status === 'ok' ? `${state.form.title} - ${t('common.appShort')}` : t('common.appShort'); }, [state, t]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (state.status !== 'ok') return;
    const qs = state.form.questions;
    const missing: Record<string, string> = {};
    for (const q of qs) {
      if (!(answers[q.id] ?? '').trim()) missing[q.id] = q.kind === 'text' ? t('surveyForm.answerRequired', { no: q.seq }) : t('surveyForm.chooseRequired', { no: q.seq });
    }
    setErrors(missing);
    setFormError(null);
    const first = qs.find((q) => missing[q.id]);
    if (first) {
      document.getElementById(`q-${first.id}`)?.focus();
      return;
    }
    setSending(true);
    try {
      await ok(api.POST('/api/public/survey-forms/{token}', { params: { path: { token } }, body: { answers: qs.map((q) => ({ questionId: q.id, text: answers[q.id]!.trim() })) } }));
      setSent(true);
      window.scrollTo({ top: 0 });
    } catch (err) {
      if (isApiError(err) && err.status === 409) { setClosedNow(err.title || F('closed')); return; }
      if (isApiError(err) && err.status === 404) { setState({ status: 'notFound' }); return; }
      if (isApiError(err) && err.errors.length) {
        const byField: Record<string, string> = {};
        for (const x of err.errors) {
          const i = /^answers\.(\d+)/.exec(x.field);
          const q = i ? qs[Number(i[1])] : undefined;
          if (q) byField[q.id] = x.message; else setFormError(x.message);
        }
        setErrors(byField);
      } else {
        setFormError(isApiError(err) && err.status === 0 ? t('common.networkError') : isApiError(err) && err.status === 429 ? F('tooMany') : (isApiError(err) && err.title) || t('common.unknownError'));
      }
      requestAnimationFrame(() => errorRef.current?.focus());
    } finally {
      setSending(false);
    }
  };

  const frame = (body: React.ReactNode) => (
    <div className="portal sf">
      <header className="portal-header">
        <div className="portal-header-inner">
          <span className="portal-brand"><Emblem /> <span>{t('common.appName')}</span></span>
        </div>
      </header>
      <main id="main" className="sf-main" tabIndex={-1}>{body}</main>
      <footer className="portal-footer"><div className="portal-footer-inner"><p>{t('portal.footer')}</p></div></footer>
    </div>
  );

  if (state.status === 'loading') return frame(<p className="sf-note" role="status">{t('common.loading')}</p>);
  if (state.status === 'notFound') {
    return frame(
      <section className="sf-state" data-testid="sf-not-found">
        <h1>{F('notFoundTitle')}</h1>
        <p>{F('notFoundHint')}</p>
      </section>,
    );
  }
  if (state.status === 'error') {
    return frame(
      <section className="sf-state">
        <h1>{F('loadFailed')}</h1>
        <button type="button" className="sf-submit" onClick={() => window.location.reload()}>{t('common.retry')}</button>
      </section>,
    );
  }
  const { form } = state;
  const head = (
    <div className="sf-head">
      <p className="sf-org">{form.orgName}</p>
      <h1>{form.title}</h1>
    </div>
  );
  if (!form.open || closedNow) {
    return frame(
      <section className="sf-state" data-testid="sf-closed">
        {head}
        <h2>{F('closedTitle')}</h2>
        <p>{closedNow ?? F('closed')}</p>
      </section>,
    );
  }
  if (sent) {
    return frame(
      <section className="sf-state sf-thanks" data-testid="sf-thanks" aria-live="polite">
        {head}
        <h2>{F('thanksTitle')}</h2>
        <p>{F('thanks')}</p>
        <button type="button" className="sf-link" onClick={() => setSent(false)}>{F('changeAnswers')}</button>
      </section>,
    );
  }
  return frame(
    <form className="sf-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="sf-title">
      <div className="sf-head">
        <p className="sf-org">{form.orgName}</p>
        <h1 id="sf-title">{form.title}</h1>
        {form.intro && <p className="sf-intro">{form.intro}</p>}
        {form.answered && <p className="sf-answered" role="status">{F('answered')}</p>}
        <p className="sf-note">{t('surveyForm.count', { count: form.questions.length })}</p>
      </div>
      {form.questions.map((q) => (
        <QuestionField key={q.id} q={q} value={answers[q.id] ?? ''} error={errors[q.id]}
          onChange={(v) => { setAnswers((a) => ({ ...a, [q.id]: v })); if (errors[q.id]) setErrors((x) => { const n = { ...x }; delete n[q.id]; return n; }); }} />
      ))}
      {formError && <div className="sf-error-box" role="alert" tabIndex={-1} ref={errorRef}>{formError}</div>}
      {Object.keys(errors).length > 0 && !formError && <div className="sf-error-box" role="alert">{t('surveyForm.fixErrors', { count: Object.keys(errors).length })}</div>}
      <button type="submit" className="sf-submit" disabled={sending} data-testid="sf-submit">{sending ? F('submitting') : F('submit')}</button>
      <p className="sf-note">{F('privacy')}</p>
    </form>,
  );
}

function QuestionField({ q, value, error, onChange }: { q: FormQuestion; value: string; error?: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const labelId = `q-${q.id}-label`;
  const errorId = `q-${q.id}-error`;
  const label = <span className="sf-q-label"><span className="sf-q-no">{q.seq}</span>{q.text}</span>;
  const options = q.kind === 'yesno' ? [t('surveyForm.yes'), t('surveyForm.no')] : q.options;
  return (
    <fieldset className={error ? 'sf-q sf-q-invalid' : 'sf-q'} data-testid="sf-question" aria-describedby={error ? errorId : undefined}>
      {q.kind === 'text' ? (
        <>
          <label htmlFor={`q-${q.id}`} id={labelId}>{label}</label>
          <textarea id={`q-${q.id}`} className="sf-textarea" rows={5} maxLength={2000} value={value} onChange={(e) => onChange(e.target.value)}
            aria-invalid={!!error} aria-describedby={error ? errorId : undefined} placeholder={t('surveyForm.textPlaceholder')} data-testid="sf-text" />
        </>
      ) : (
        <>
          <legend id={labelId}>{label}</legend>
          <div className={q.kind === 'yesno' ? 'sf-options sf-options-row' : 'sf-options'} role="radiogroup" aria-labelledby={labelId}>
            {options.map((o, i) => {
              const v = String(i + 1);
              return (
                <label key={v} className={value === v ? 'sf-option sf-option-on' : 'sf-option'}>
                  <input type="radio" name={`q-${q.id}`} id={i === 0 ? `q-${q.id}` : undefined} value={v} checked={value === v} onChange={() => onChange(v)} data-testid="sf-option" />
                  <span>{o}</span>
                </label>
              );
            })}
          </div>
        </>
      )}
      {error && <p className="sf-error" id={errorId}>{error}</p>}
    </fieldset>
  );
}
