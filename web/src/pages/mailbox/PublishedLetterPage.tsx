// 一封公开的来信 (/mailbox/letters/:id): the published question and answer, with the writer's details removed, the dates
// and the SHA-256 fingerprint anyone can recompute. Plain HTML like the portal; mobile-first. All text is rendered as
// text (never as HTML), so what the public wrote cannot run.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, isApiError, ok } from '@/api/client';
import type { ResponseOf } from '@/api/types';
import { chinaTime, MailboxFrame, useM } from './MailboxFrame';

type Letter = ResponseOf<'/api/public/letters/{id}', 'get'>;

export function PublishedLetterPage() {
  const { t } = useTranslation();
  const M = useM();
  const { id = '' } = useParams();
  const [letter, setLetter] = useState<Letter | null>(null);
  const [error, setError] = useState<'notFound' | 'failed' | null>(null);
  useEffect(() => { document.title = `${letter?.title ?? M('published.title')} - ${t('common.appShort')}`; });
  useEffect(() => {
    const ctrl = new AbortController();
    setLetter(null); setError(null);
    if (!/^\d{1,18}$/.test(id)) { setError('notFound'); return; }
    ok(api.GET('/api/public/letters/{id}', { params: { path: { id } }, signal: ctrl.signal }))
      .then(setLetter).catch((e: Error) => { if (e.name !== 'AbortError') setError(isApiError(e) && e.status === 404 ? 'notFound' : 'failed'); });
    return () => ctrl.abort();
  }, [id]);

  return (
    <MailboxFrame>
      <p className="mb-back"><Link to="/mailbox/letters">← {M('published.back')}</Link></p>
      {error && (
        <>
          <h1 className="mb-title">{M('published.title')}</h1>
          <p className="mb-note" role="alert" data-testid="published-error">{M(error === 'notFound' ? 'published.notFound' : 'published.loadFailed')}</p>
        </>
      )}
      {!letter && !error && <p className="mb-note" role="status">{t('common.loading')}</p>}
      {letter && (
        <article aria-labelledby="mb-letter-title" data-testid="published-letter">
          <h1 id="mb-letter-title" className="mb-title" data-testid="published-title">{letter.title}</h1>
          <dl className="mb-facts">
            <dt>{M('lookup.mailbox')}</dt><dd>{letter.mailboxName}</dd>
            <dt>{M('lookup.category')}</dt><dd>{M(`categories.${letter.category}`)}</dd>
            <dt>{M('lookup.createdAt')}</dt><dd>{chinaTime(letter.writtenOn)}</dd>
            <dt>{M('lookup.answeredAt')}</dt><dd>{chinaTime(letter.answeredAt)}</dd>
            <dt>{M('published.publishedAt')}</dt><dd data-testid="published-at">{chinaTime(letter.publishedAt)}</dd>
          </dl>
          <h2>{M('published.question')}</h2>
          <p className="mb-text" data-testid="published-body">{letter.body}</p>
          <h2>{M('lookup.answer')}</h2>
          <div className="mb-answer"><p className="mb-text" data-testid="published-answer">{letter.answer}</p></div>
          <section className="mb-fp" aria-labelledby="mb-fp-title">
            <h2 id="mb-fp-title">{M('published.fingerprint')}</h2>
            <p><code data-testid="published-fingerprint">{letter.fingerprint}</code></p>
            <p className="mb-note">{M('published.fingerprintHint')}</p>
          </section>
          <p className="mb-note">{M('published.privacy')}</p>
        </article>
      )}
    </MailboxFrame>
  );
}
