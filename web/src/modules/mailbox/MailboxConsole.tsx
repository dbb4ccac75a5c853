// 部长信箱 in the console: the letters of the mailboxes in the actor's scope (/admin/mailbox) with filters and 加载更多,
// and a letter's page (…/letters/:id): the letter with the writer masked, its state, the follow-up item it became, the
// answer, and the actions the server allows (受理 / 不予受理, 起草答复, 审核通过), each a dialog that checks its fields
// and shows the server's field errors under them.
import { lazy, Suspense, useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Spin, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ListFooter } from '@/modules/common/ListFooter';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag, type Tone } from '@/modules/common/StatusTag';
import { applyFieldErrors, errorText } from '@/modules/common/errors';
import { chinaDateTime } from '@/modules/common/format';
import { useDebounced } from '@/modules/common/useDebounced';
import {
  DECLINE_KINDS, LETTER_CATEGORIES, LETTER_STATES, mailboxApi, mailboxKeys, OUTCOMES, useLetter, useLetters, useMailboxes,
  type Letter, type LetterCategory, type LetterFilter, type LetterRow, type LetterState, type DeclineKind, type Outcome,
} from './mailbox-api';
import { PublicationCard } from './MailboxPublication';
import { MailboxTabs } from './MailboxTabs';

// 信件统计 brings ECharts: its own chunk, loaded only when the tab is opened.
const MailboxStats = lazy(() => import('./MailboxStats').then((m) => ({ default: m.MailboxStats })));

export const STATE_TONE: Record<LetterState, Tone> = { held: 'grey', received: 'gold', handling: 'blue', declined: 'grey', answered: 'green' };

export function MailboxConsole({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<LetterList me={me} />} />
      <Route path="letters/:id" element={<LetterPage />} />
      <Route path="stats" element={<Suspense fallback={<div className="page-fallback" role="status"><Spin /></div>}><MailboxStats me={me} /></Suspense>} />
    </Routes>
  );
}


function StateTag({ state }: { state: LetterState }) {
  const { t } = useTranslation();
  return <span data-testid="letter-state" data-state={state}><StatusTag tone={STATE_TONE[state]}>{t(`mailbox.states.${state}`)}</StatusTag></span>;
}

interface Filters { state?: LetterState; category?: LetterCategory; orgId?: string; q: string }

function LetterList({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [f, setF] = useState<Filters>({ q: '' });
  const q = useDebounced(f.q.trim());
  const filter: LetterFilter = { state: f.state, category: f.category, orgId: f.orgId, q: q || undefined };
  const list = useLetters(filter);
  const boxes = useMailboxes();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (patch: Partial<Filters>) => setF((x) => ({ ...x, ...patch }));
  // The mailboxes the actor reads: all of them from the province's roles, else those of the own organizations.
  const held = new Set(me.roles.filter((r) => r.role === 'org_admin' || r.role === 'org_viewer').map((r) => r.orgId));
  const all = boxes.data ?? [];
  const provinceId = all.find((b) => b.level === 'province')?.orgId;
  const mine = provinceId && held.has(provinceId) ? all : all.filter((b) => held.has(b.orgId));

  const columns: ColumnsType<LetterRow> = [
    {
      title: t('mailbox.list.fields.title'), dataIndex: 'title', render: (v: string, r) => (
        <Link to={`/admin/mailbox/letters/${r.id}`} className="mailbox-title" data-testid="letter-open">{v}</Link>
      ),
    },
    { title: t('mailbox.list.fields.state'), dataIndex: 'state', width: 100, render: (s: LetterState) => <StateTag state={s} /> },
    { title: t('mailbox.list.fields.category'), dataIndex: 'category', width: 100, render: (c: LetterCategory) => t(`mailbox.categories.${c}`) },
    { title: t('mailbox.list.fields.mailbox'), dataIndex: 'mailboxName', width: 170, ellipsis: true },
    { title: t('mailbox.list.fields.writer'), dataIndex: 'phone', width: 170, render: (_: unknown, r) => <span className="mono nowrap">{[r.name, r.phone].filter(Boolean).join(' ')}</span> },
    {
      title: t('mailbox.list.fields.handling'), dataIndex: 'handlingOrgName', width: 150,
      render: (_: unknown, r) => (r.handlingOrgName ? <span>{r.handlingOrgName}<br /><span className="mono muted">{r.dueOn}</span></span> : <span className="muted">—</span>),
    },
    { title: t('mailbox.list.fields.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => <span className="mono nowrap">{chinaDateTime(v, false)}</span> },
  ];

  return (
    <>
      <PageHeader title={t('mailbox.list.title')} extra={<Space wrap><a href="/mailbox" target="_blank" rel="noopener">{t('mailbox.list.publicPage')}</a><a href="/mailbox/letters" target="_blank" rel="noopener">{t('mailbox.list.publishedPage')}</a></Space>} />
      <MailboxTabs current="list" />
      <Card size="small" className="filter-card">
        <Form layout="inline" className="followup-filters">
          <Form.Item label={t('mailbox.list.state')} htmlFor="mb-state">
            <Select<LetterState | ''>
              id="mb-state" style={{ width: 130 }} value={f.state ?? ''} onChange={(v) => set({ state: v || undefined })} data-testid="letters-state"
              options={[{ value: '', label: t('mailbox.list.anyState') }, ...LETTER_STATES.map((s) => ({ value: s, label: t(`mailbox.states.${s}`) }))]}
            />
          </Form.Item>
          <Form.Item label={t('mailbox.list.category')} htmlFor="mb-category">
            <Select<LetterCategory | ''>
              id="mb-category" style={{ width: 130 }} value={f.category ?? ''} onChange={(v) => set({ category: v || undefined })}
              options={[{ value: '', label: t('mailbox.list.anyCategory') }, ...LETTER_CATEGORIES.map((c) => ({ value: c, label: t(`mailbox.categories.${c}`) }))]}
            />
          </Form.Item>
          {mine.length > 1 && (
            <Form.Item label={t('mailbox.list.mailbox')} htmlFor="mb-box">
              <Select<string>
                id="mb-box" style={{ width: 220 }} value={f.orgId ?? ''} onChange={(v) => set({ orgId: v || undefined })} showSearch optionFilterProp="label"
                options={[{ value: '', label: t('mailbox.list.anyMailbox') }, ...mine.map((b) => ({ value: b.orgId, label: b.orgName }))]}
              />
            </Form.Item>
          )}
          <Form.Item label={t('mailbox.list.q')} htmlFor="mb-q">
            <Input id="mb-q" allowClear value={f.q} onChange={(e) => set({ q: e.target.value })} placeholder={t('mailbox.list.qPlaceholder')} style={{ width: 220 }} maxLength={50} data-testid="letters-q" />
          </Form.Item>
          <Form.Item><Button onClick={() => setF({ q: '' })}>{t('mailbox.list.reset')}</Button></Form.Item>
        </Form>
      </Card>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.isPending && rows.length === 0 ? (
        <EmptyPanel title={t('mailbox.list.emptyTitle')} hint={t('mailbox.list.emptyHint')} />
      ) : (
        <Table<LetterRow>
          rowKey="id" size="middle" columns={columns} dataSource={rows} loading={list.isPending || list.isPlaceholderData} pagination={false} scroll={{ x: 1040 }}
          onRow={() => ({ 'data-testid': 'letter-row' }) as React.HTMLAttributes<HTMLElement>}
          footer={() => <ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />}
        />
      )}
    </>
  );
}

type Action = 'accept' | 'decline' | 'draft' | 'approve';

function LetterPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const q = useLetter(id);
  const qc = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const back = <Link to="/admin/mailbox"><ArrowLeftOutlined aria-hidden /> {t('mailbox.letter.back')}</Link>;
  if (q.isError) return <><div className="followup-back">{back}</div><ErrorResult error={q.error} onRetry={() => void q.refetch()} /></>;
  const d = q.data;
  if (!d) return <><div className="followup-back">{back}</div><Card loading /></>;
  const L = (k: string, o?: Record<string, unknown>) => String(t(`mailbox.letter.${k}` as never, o as never));

  const actions = (
    <Space wrap>
      {d.canTriage && <Button type="primary" onClick={() => setAction('accept')} data-testid="letter-accept">{L('actions.accept')}</Button>}
      {d.canTriage && <Button onClick={() => setAction('decline')} data-testid="letter-decline">{L('actions.decline')}</Button>}
      {d.canDraft && <Button type={d.answerDraft ? 'default' : 'primary'} onClick={() => setAction('draft')} data-testid="letter-draft">{L(d.answerDraft ? 'actions.editDraft' : 'actions.draft')}</Button>}
      {d.canApprove && <Button type="primary" onClick={() => setAction('approve')} data-testid="letter-approve">{L('actions.approve')}</Button>}
    </Space>
  );

  return (
    <>
      <div className="followup-back">{back}</div>
      <PageHeader title={<span data-testid="letter-title">{d.title}</span>} extra={actions}>
        <div className="followup-tags"><Space wrap><StateTag state={d.state} /><StatusTag tone="grey">{d.categoryName}</StatusTag></Space></div>
      </PageHeader>
      {d.state === 'held' && <Alert type="warning" showIcon className="followup-alert" title={<>{L('held')} <Link to="/admin/moderation">{t('nav.moderation')}</Link></>} />}
      {d.state === 'declined' && (
        <Alert type="info" showIcon className="followup-alert" data-testid="letter-declined"
          title={L('declined', { kind: d.declineKind ? t(`mailbox.declineKinds.${d.declineKind}`) : '' })}
          description={<>{d.declineNote}{d.duplicateOf && <> · <Link to={`/admin/mailbox/letters/${d.duplicateOf}`}>{L('duplicateOf', { id: d.duplicateOf })}</Link></>}</>} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" className="followup-card" title={<h2 className="card-title">{L('letter')}</h2>}>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label={L('code')}><span className="mono" data-testid="letter-tracking-code">{d.trackingCode}</span></Descriptions.Item>
              <Descriptions.Item label={L('mailbox')}>{d.mailboxName}</Descriptions.Item>
              <Descriptions.Item label={L('writer')}>{d.name ?? <span className="muted">{L('anonymous')}</span>}</Descriptions.Item>
              <Descriptions.Item label={L('phone')}><span className="mono" data-testid="letter-phone">{d.phone}</span></Descriptions.Item>
              <Descriptions.Item label={L('createdAt')}><span className="mono">{chinaDateTime(d.createdAt, false)}</span></Descriptions.Item>
              <Descriptions.Item label={L('consent')}>{L(d.consentPublish ? 'consentYes' : 'consentNo')}</Descriptions.Item>
            </Descriptions>
            <p className="mailbox-text mailbox-body" data-testid="letter-body">{d.body}</p>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" className="followup-card" title={<h2 className="card-title">{L('followup')}</h2>}>
            {d.followup ? (
              <>
                <Descriptions column={1} size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
                  <Descriptions.Item label={L('owner')}><span data-testid="letter-followup-owner">{d.followup.ownerOrgName}</span></Descriptions.Item>
                  <Descriptions.Item label={L('due')}><span className="mono" data-testid="letter-followup-due">{d.followup.dueOn}</span></Descriptions.Item>
                  <Descriptions.Item label={L('followupState')}>{d.followup.state === 'resolved' || d.followup.state === 'explained' ? t(`mailbox.outcomes.${d.followup.state}`) : t('mailbox.states.handling')}</Descriptions.Item>
                </Descriptions>
                <Link to={`/admin/followups/${d.followup.id}`} data-testid="letter-followup">{L('followupOpen')}</Link>
                {d.state === 'handling' && <p className="muted small" style={{ margin: '8px 0 0' }}>{L('followupHint')}</p>}
              </>
            ) : <span className="muted">—</span>}
          </Card>
          <Card size="small" className="followup-card" title={<h2 className="card-title">{L('answer')}</h2>}>
            {d.answer ? (
              <>
                <div className="mailbox-answer"><p className="mailbox-text" data-testid="letter-answer">{d.answer}</p></div>
                <p className="muted small" style={{ margin: '8px 0 0' }}>
                  {d.draftedByName && L('draftedBy', { name: d.draftedByName, at: chinaDateTime(d.draftedAt, false) })}
                  {d.approvedByName && <><br />{L('approvedBy', { name: d.approvedByName, at: chinaDateTime(d.answeredAt, false) })}</>}
                </p>
              </>
            ) : d.answerDraft ? (
              <>
                <div className="mailbox-draft"><p className="mailbox-text" data-testid="letter-draft-text">{d.answerDraft}</p></div>
                <p className="muted small" style={{ margin: '8px 0 0' }}>{L('draftedBy', { name: d.draftedByName ?? '—', at: chinaDateTime(d.draftedAt, false) })}</p>
                {!d.canApprove && <p className="muted small" style={{ margin: '4px 0 0' }}>{L('waitingApproval')}</p>}
              </>
            ) : <span className="muted">{L('noDraft')}</span>}
          </Card>
          <PublicationCard letter={d} />
        </Col>
      </Row>
      {action && <ActionDialog letter={d} action={action} onClose={() => setAction(null)} onDone={() => qc.invalidateQueries({ queryKey: mailboxKeys.all })} />}
    </>
  );
}

interface Values { dueInWorkingDays?: number | null; category?: LetterCategory; kind?: DeclineKind; note?: string; duplicateOf?: string; text?: string; outcome?: Outcome }

function ActionDialog({ letter, action, onClose, onDone }: { letter: Letter; action: Action; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);
  const F = (k: string, o?: Record<string, unknown>) => String(t(`mailbox.forms.${k}` as never, o as never));
  const max = (n: number) => ({ max: n, message: F('tooLong', { max: n }) });

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (action === 'accept') await mailboxApi.accept(letter.id, { dueInWorkingDays: v.dueInWorkingDays ?? undefined, category: v.category });
      if (action === 'decline') await mailboxApi.decline(letter.id, { kind: v.kind!, note: v.note!, duplicateOf: v.kind === 'duplicate' ? v.duplicateOf?.trim() : null });
      if (action === 'draft') await mailboxApi.draft(letter.id, v.text!);
      if (action === 'approve') await mailboxApi.approve(letter.id, v.outcome!);
      message.success(t(`mailbox.letter.${({ accept: 'accepted', decline: 'declinedDone', draft: 'drafted', approve: 'approved' } as const)[action]}`));
      onClose();
      await onDone();
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open title={F(`${action}Title`)} okText={F('ok')} cancelText={F('cancel')} onCancel={onClose} destroyOnHidden
      onOk={() => void submit().catch(() => undefined)} okButtonProps={{ loading: saving, 'data-testid': 'letter-dialog-ok' } as never}
    >
      <Form form={form} layout="vertical" requiredMark data-testid={`letter-form-${action}`}
        initialValues={{ dueInWorkingDays: 15, category: letter.category, text: letter.answerDraft ?? '' }}>
        {action === 'accept' && (
          <>
            <p>{F('acceptHelp')}</p>
            <Form.Item name="dueInWorkingDays" label={F('due')} extra={F('dueHelp')}
              rules={[{ required: true, message: F('dueRange') }, { type: 'integer', min: 1, max: 250, message: F('dueRange') }]}>
              <InputNumber min={1} max={250} precision={0} style={{ width: 180 }} addonAfter={F('workingDays')} data-testid="letter-due" />
            </Form.Item>
            <Form.Item name="category" label={F('category')} extra={F('categoryHelp')}>
              <Select options={LETTER_CATEGORIES.map((c) => ({ value: c, label: t(`mailbox.categories.${c}`) }))} style={{ width: 180 }} />
            </Form.Item>
          </>
        )}
        {action === 'decline' && (
          <>
            <Form.Item name="kind" label={F('kind')} rules={[{ required: true, message: F('kindRequired') }]}>
              <Radio.Group options={DECLINE_KINDS.map((k) => ({ value: k, label: t(`mailbox.declineKinds.${k}`) }))} data-testid="letter-decline-kind" />
            </Form.Item>
            {kind === 'duplicate' && (
              <Form.Item name="duplicateOf" label={F('duplicateOf')} extra={F('duplicateOfHelp')}
                rules={[{ required: true, whitespace: true, message: F('duplicateOfRequired') }, { pattern: /^\s*\d+\s*$/, message: F('duplicateOfInvalid') }]}>
                <Input inputMode="numeric" maxLength={20} style={{ width: 200 }} data-testid="letter-duplicate-of" />
              </Form.Item>
            )}
            <Form.Item name="note" label={F('note')} extra={F('noteHelp')} rules={[{ required: true, whitespace: true, message: F('noteRequired') }, max(300)]}>
              <Input.TextArea rows={3} showCount maxLength={300} data-testid="letter-decline-note" />
            </Form.Item>
          </>
        )}
        {action === 'draft' && (
          <Form.Item name="text" label={F('text')} extra={F('textHelp')} rules={[{ required: true, whitespace: true, message: F('textRequired') }, max(3000)]}>
            <Input.TextArea rows={10} showCount maxLength={3000} data-testid="letter-draft-input" />
          </Form.Item>
        )}
        {action === 'approve' && (
          <>
            <div className="mailbox-draft" style={{ marginBottom: 16 }}><p className="mailbox-text">{letter.answerDraft}</p></div>
            <Form.Item name="outcome" label={F('outcome')} extra={F('outcomeHelp')} rules={[{ required: true, message: F('outcomeRequired') }]}>
              <Radio.Group options={OUTCOMES.map((o) => ({ value: o, label: t(`mailbox.outcomes.${o}`) }))} data-testid="letter-outcome" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
