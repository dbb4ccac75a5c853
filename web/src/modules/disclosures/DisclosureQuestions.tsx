// 群众提问 on an item's console page: every question with its state (待审核 / 已公开 / 未通过), the asker masked, the
// answer with its own state and every published version of it, an answer box for a published question the caller may
// answer, and 更正答复 for a published answer (the correction is published as the next version; the earlier ones stay). The questions' and
// held answers' decisions are taken on the moderation page (内容审核); the moderation queue links to /admin/disclosures/
// questions/:id, which opens the item here (QuestionRedirect).
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { App, Button, Card, Empty, Input, Popconfirm, Space, Typography } from 'antd';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '@/api/client';
import type { components } from '@/api/schema';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { StatusTag, type Tone } from '@/modules/common/StatusTag';
import { errorText } from '@/modules/common/errors';
import { chinaDateTime } from '@/modules/common/format';
import { disclosureKeys } from './disclosures-api';

type Question = components['schemas']['DisclosureQuestion'];
const STATE_TONE: Record<Question['state'], Tone> = { held: 'gold', published: 'green', rejected: 'red' };
const MAX = 2000;
const questionsKey = (itemId: string) => [...disclosureKeys.all, 'questions', itemId] as const;

export function DisclosureQuestions({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const Q = (k: string, o?: Record<string, unknown>) => String(t(`disclosures.questions.${k}` as never, o as never));
  const list = useInfiniteQuery({
    queryKey: questionsKey(itemId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/disclosures/{id}/questions', { params: { path: { id: itemId }, query: { cursor: pageParam, limit: 20 } }, signal })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  useEffect(() => {
    if (list.data && window.location.hash === '#questions') document.getElementById('questions')?.scrollIntoView();
  }, [list.data]);
  const counts = list.data?.pages[0]?.counts;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card id="questions" title={Q('title')} style={{ marginTop: 16 }} extra={counts && <span className="muted small" data-testid="question-counts">{Q('counts', counts)}</span>} loading={list.isLoading}>
      <Typography.Paragraph type="secondary">{Q('hint')}</Typography.Paragraph>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : items.length === 0 ? <Empty description={Q('empty')} /> : (
        <ol className="dq-list" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'grid', gap: 12 }}>
          {items.map((q) => <QuestionRow key={q.id} q={q} />)}
        </ol>
      )}
      {list.hasNextPage && <Button style={{ marginTop: 12 }} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{Q('more')}</Button>}
    </Card>
  );
}

function QuestionRow({ q }: { q: Question }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const Q = (k: string, o?: Record<string, unknown>) => String(t(`disclosures.questions.${k}` as never, o as never));
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const published = q.answerVersions;
  const correction = published.length > 0;
  // The latest submitted text when it is not (yet) the published one: a held or rejected answer or correction.
  const pending = q.answer && q.answerState && q.answerState !== 'published' ? q.answer : null;
  const submit = async () => {
    const v = text.trim();
    if (!v) { setError(Q('answerRequired')); return; }
    if ([...v].length > MAX) { setError(Q('answerTooLong')); return; }
    setBusy(true);
    setError(null);
    try {
      const r = await ok(api.PUT('/api/disclosures/questions/{questionId}/answer', { params: { path: { questionId: q.id } }, body: { text: v } }));
      message.success(r.answerState === 'published' ? Q(correction ? 'corrected' : 'answered') : Q(correction ? 'correctionHeld' : 'answerHeld'));
      setText('');
      setCorrecting(false);
      await qc.invalidateQueries({ queryKey: disclosureKeys.all });
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const pre = { whiteSpace: 'pre-wrap' as const, overflowWrap: 'anywhere' as const, margin: '6px 0 0' };
  return (
    <li style={{ border: '1px solid #f0f0f0', borderRadius: 8, padding: '12px 16px' }} data-testid="question-row">
      <Space wrap size={[8, 4]}>
        <StatusTag tone={STATE_TONE[q.state]}>{Q(`states.${q.state}`)}</StatusTag>
        <span>{Q('asker')}：{q.name ? `${q.name} · ` : ''}<span className="mono">{q.phone}</span></span>
        <span className="muted small">{Q('askedAt')} <span className="mono">{chinaDateTime(q.createdAt, false)}</span></span>
      </Space>
      <p style={pre} data-testid="question-body">{q.body}</p>
      {q.state === 'rejected' && q.rejectReason && <Typography.Text type="danger">{Q('rejectReason', { reason: q.rejectReason })}</Typography.Text>}
      {published.length > 0 && (
        <div style={{ marginTop: 10, padding: '8px 12px', background: '#fafafa', borderLeft: '3px solid #C8161D' }} data-testid="question-answer-versions">
          <Space wrap size={[8, 4]}>
            <strong>{Q('answer')}</strong>
            <StatusTag tone="green">{Q('answerStates.published')}</StatusTag>
          </Space>
          {published.map((v, i) => (
            <div key={v.version} style={i > 0 ? { marginTop: 8, paddingLeft: 8, borderLeft: '2px solid #d9d9d9' } : { marginTop: 4 }}>
              <span className="muted small">
                {i > 0 ? `${Q('earlier')} · ` : ''}{Q('versionLabel', { version: v.version, at: chinaDateTime(v.publishedAt, false) })}{v.byName ? ` · ${v.byName}` : ''}{i === 0 && published.length > 1 ? ` · ${Q('current')}` : ''}
              </span>
              <p style={pre}>{v.text}</p>
            </div>
          ))}
        </div>
      )}
      {pending && q.answerState && (
        <div style={{ marginTop: 10, padding: '8px 12px', background: '#fffbe6', borderLeft: '3px solid #d48806' }} data-testid="question-answer-pending">
          <Space wrap size={[8, 4]}>
            <strong>{correction ? Q('correctionState') : Q('answer')}</strong>
            <StatusTag tone={STATE_TONE[q.answerState]}>{Q(`answerStates.${q.answerState}`)}</StatusTag>
            {q.answeredAt && <span className="muted small">{Q('answerBy', { name: q.answeredByName ?? '', at: chinaDateTime(q.answeredAt, false) })}</span>}
          </Space>
          <p style={pre}>{pending}</p>
          {q.answerState === 'rejected' && q.answerRejectReason && <Typography.Text type="danger">{Q('rejectReason', { reason: q.answerRejectReason })}</Typography.Text>}
        </div>
      )}
      {q.canCorrect && !correcting && (
        <Button style={{ marginTop: 10 }} onClick={() => { setCorrecting(true); setText(pending ?? published[0]?.text ?? ''); }} data-testid="question-correct">{Q('correct')}</Button>
      )}
      {(q.canAnswer || (q.canCorrect && correcting)) && (
        <div style={{ marginTop: 10 }}>
          <Input.TextArea rows={3} value={text} onChange={(e) => { setText(e.target.value); setError(null); }} placeholder={correction ? Q('correctPlaceholder') : Q('answerPlaceholder')} showCount maxLength={MAX}
            aria-label={correction ? Q('correct') : Q('answer')} status={error ? 'error' : undefined} data-testid="question-answer" />
          {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
          <Space style={{ marginTop: 8 }} wrap>
            <Popconfirm title={correction ? Q('correctConfirm') : Q('answerConfirm')} onConfirm={() => void submit()}>
              <Button type="primary" loading={busy} data-testid="question-answer-submit">{correction ? Q('correctSubmit') : q.answerState ? Q('answerReplace') : Q('answerSubmit')}</Button>
            </Popconfirm>
            {correcting && <Button onClick={() => { setCorrecting(false); setError(null); }}>{Q('correctCancel')}</Button>}
          </Space>
        </div>
      )}
    </li>
  );
}

/** /admin/disclosures/questions/:questionId (the moderation queue's link): opens the question's item at its questions. */
export function QuestionRedirect() {
  const { t } = useTranslation();
  const { questionId = '' } = useParams();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: [...disclosureKeys.all, 'question', questionId], queryFn: ({ signal }) => ok(api.GET('/api/disclosures/questions/{questionId}', { params: { path: { questionId } }, signal })) });
  useEffect(() => {
    if (q.data) void navigate(`/admin/disclosures/${q.data.itemId}#questions`, { replace: true });
  }, [q.data, navigate]);
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  return <Card loading aria-label={t('disclosures.questions.title')} />;
}
