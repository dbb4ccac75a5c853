// A follow-up item's page (/admin/followups/:id): the header (state, source, owner, assignee, deadline in working days),
// its history as a timeline (opening, 转办 / 退回 with reasons, notes, attachments, escalations, closing), attachments
// and watchers, and the actions — 转办, 退回上级, 指派, 添加备注, 上传附件, 关注, 办结 — each a dialog whose form checks
// its fields and shows the server's field errors under them.
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, List, Modal, Popconfirm, Radio, Row, Select, Space, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EyeInvisibleOutlined, EyeOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import type { followupsZh } from '@/i18n/sections/followups.zh-CN';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { PageHeader } from '@/modules/common/PageHeader';
import { applyFieldErrors, errorText } from '@/modules/common/errors';
import { chinaDateTime } from '@/modules/common/format';
import { fetchChildren } from '@/modules/orgs/orgs-api';
import { DaysLeft, StateTags } from './FollowupTags';
import {
  attachmentUrl, followupKeys, followupsApi, OUTCOMES, uploadAttachment, useAssignees, useFollowup, type FollowupDetail, type Outcome, type TimelineEvent,
} from './followups-api';

type Action = 'passDown' | 'passUp' | 'assign' | 'note' | 'close';

export function FollowupDetailPage(_: { me: Me }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useFollowup(id);
  const [action, setAction] = useState<Action | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: followupKeys.all });

  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const back = <Link to="/admin/followups"><ArrowLeftOutlined aria-hidden /> {t('followups.item.back')}</Link>;
  if (!d) return <><div className="followup-back">{back}</div><Card loading /></>;

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      message.success(done);
      await refresh();
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    await run(() => uploadAttachment(d.id, file), t('followups.item.uploaded', { name: file.name }));
    if (fileInput.current) fileInput.current.value = '';
  };

  const A = (k: keyof typeof followupsZh.item.actions) => t(`followups.item.actions.${k}` as const);
  const actions = (
    <Space wrap>
      {d.canWrite && (
        <>
          <Button type="primary" onClick={() => setAction('close')} data-testid="followup-close">{A('close')}</Button>
          <Button onClick={() => setAction('passDown')} data-testid="followup-pass-down">{A('passDown')}</Button>
          {d.ownerParent && <Button onClick={() => setAction('passUp')} data-testid="followup-pass-up">{A('passUp')}</Button>}
          <Button onClick={() => setAction('assign')}>{A('assign')}</Button>
          <Button onClick={() => setAction('note')} data-testid="followup-note">{A('note')}</Button>
          <Button icon={<PaperClipOutlined aria-hidden />} loading={busy} onClick={() => fileInput.current?.click()}>{A('upload')}</Button>
        </>
      )}
      <Button
        icon={d.watching ? <EyeInvisibleOutlined aria-hidden /> : <EyeOutlined aria-hidden />} aria-pressed={d.watching} disabled={busy}
        onClick={() => void run(() => (d.watching ? followupsApi.unwatch(d.id) : followupsApi.watch(d.id)), t(d.watching ? 'followups.item.unwatched' : 'followups.item.watched'))}
        data-testid="followup-watch"
      >
        {A(d.watching ? 'unwatch' : 'watch')}
      </Button>
    </Space>
  );

  return (
    <>
      <div className="followup-back">{back}</div>
      <PageHeader title={<span data-testid="followup-title">{d.title}</span>} extra={actions}>
        <div className="followup-tags"><StateTags row={d} /></div>
      </PageHeader>
      {d.canWrite && (
        <input
          ref={fileInput} type="file" hidden aria-label={A('upload')} accept=".pdf,.jpg,.jpeg,.png,.docx,.xlsx"
          onChange={(e) => void onFile(e.target.files?.[0])} data-testid="followup-file"
        />
      )}
      {d.state !== 'open' && <Alert type="info" showIcon className="followup-alert" title={t('followups.item.readOnlyClosed')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" className="followup-card">
            <Descriptions column={{ xs: 1, sm: 2 }} size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label={t('followups.item.owner')}><span data-testid="followup-owner">{d.ownerOrgName}</span></Descriptions.Item>
              <Descriptions.Item label={t('followups.item.assignee')}>{d.assigneeName ?? <span className="muted">{t('followups.item.unassigned')}</span>}</Descriptions.Item>
              <Descriptions.Item label={t('followups.item.due')}>
                <span className="followup-due"><span className="mono">{d.dueOn}</span><DaysLeft days={d.workingDaysLeft} /></span>
              </Descriptions.Item>
              <Descriptions.Item label={t('followups.item.source')}>
                {d.sourceLink ? <Link to={d.sourceLink}>{d.sourceLabel}</Link> : d.sourceLabel}
              </Descriptions.Item>
              <Descriptions.Item label={t('followups.item.createdAt')}><span className="mono">{chinaDateTime(d.createdAt, false)}</span></Descriptions.Item>
              <Descriptions.Item label={t('followups.item.createdBy')}>{d.createdByName ?? '—'}</Descriptions.Item>
              {d.escalations.length > 0 && (
                <Descriptions.Item label={t('followups.item.escalation')} span={2}>
                  <span className="followup-overdue">{t('followups.escalatedTo', { org: d.escalatedOrgName ?? '' })}</span>
                </Descriptions.Item>
              )}
              {d.closedAt && (
                <Descriptions.Item label={t('followups.item.closing')} span={2}>
                  <Typography.Paragraph className="followup-text" style={{ marginBottom: 0 }}>
                    <strong>{t(`followups.states.${d.state}`)}</strong>（{d.closedByName ?? '—'}，{chinaDateTime(d.closedAt, false)}）：{d.closingNote}
                  </Typography.Paragraph>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <Card size="small" className="followup-card" title={<h2 className="card-title">{t('followups.item.timeline')}</h2>}>
            <Timeline items={d.timeline.map((e, i) => ({ key: i, color: EVENT_COLOR[e.kind], content: <EventLine e={e} /> }))} data-testid="followup-timeline" />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" className="followup-card" title={<h2 className="card-title">{t('followups.item.attachments')}</h2>}>
            {d.attachments.length === 0 ? <span className="muted">{t('followups.item.noAttachments')}</span> : (
            <List
              size="small"
              dataSource={d.attachments}
              renderItem={(a) => (
                <List.Item
                  actions={a.deletable ? [
                    <Popconfirm key="del" title={t('followups.item.deleteAttachmentConfirm', { name: a.fileName })} onConfirm={() => run(() => followupsApi.deleteAttachment(d.id, a.id), t('followups.item.deleted'))}>
                      <Button size="small" type="text" danger icon={<DeleteOutlined aria-hidden />} aria-label={t('followups.item.deleteAttachmentLabel', { name: a.fileName })} />
                    </Popconfirm>,
                  ] : []}
                >
                  <List.Item.Meta
                    title={<a className="followup-file-link" href={attachmentUrl(d.id, a.id)} download={a.fileName} aria-label={t('followups.item.download', { name: a.fileName })}>{a.fileName}</a>}
                    description={<span className="muted small">{a.uploadedByName} · {chinaDateTime(a.uploadedAt, false)} · {fileSize(a.sizeBytes)}</span>}
                  />
                </List.Item>
              )}
            />
            )}
            {d.canWrite && <p className="muted small" style={{ margin: '8px 0 0' }}>{t('followups.item.attachmentHint')}</p>}
          </Card>
          <Card size="small" className="followup-card" title={<h2 className="card-title">{t('followups.item.watchers')}</h2>}>
            {d.watchers.length ? <span>{d.watchers.map((w) => w.name).join('、')}</span> : <span className="muted">{t('followups.item.noWatchers')}</span>}
          </Card>
        </Col>
      </Row>
      {action && <ActionDialog item={d} action={action} onClose={() => setAction(null)} onDone={refresh} />}
    </>
  );
}

const EVENT_COLOR: Record<TimelineEvent['kind'], string> = { open: 'blue', down: 'blue', up: 'gray', note: 'gray', attachment: 'gray', escalate: 'red', close: 'green' };

function EventLine({ e }: { e: TimelineEvent }) {
  const { t } = useTranslation();
  const head = {
    open: t('followups.item.events.open', { org: e.toOrgName ?? '' }),
    down: t('followups.item.events.down', { from: e.fromOrgName ?? '', to: e.toOrgName ?? '' }),
    up: t('followups.item.events.up', { from: e.fromOrgName ?? '', to: e.toOrgName ?? '' }),
    note: t('followups.item.events.note'),
    attachment: t('followups.item.events.attachment', { name: e.text ?? '' }),
    escalate: t('followups.item.events.escalate', { from: e.fromOrgName ?? '', to: e.toOrgName ?? '', text: e.text ?? '' }),
    close: t('followups.item.events.close'),
  }[e.kind];
  const body = e.kind === 'down' || e.kind === 'up' ? t('followups.item.reason', { text: e.text ?? '' }) : e.kind === 'note' || e.kind === 'close' ? e.text : null;
  return (
    <div className="followup-event" data-testid={`followup-event-${e.kind}`}>
      <div><strong>{head}</strong></div>
      {body && <div className="followup-text">{body}</div>}
      {e.dueOn && <div className="small" data-testid="followup-event-due">{t(e.kind === 'up' ? 'followups.item.dueResumed' : 'followups.item.dueGiven', { date: e.dueOn })}</div>}
      <div className="muted small">{[e.byName, chinaDateTime(e.at, false)].filter(Boolean).join(' · ')}</div>
    </div>
  );
}

interface Values { toOrgId?: string; reason?: string; dueInWorkingDays?: number | null; accountId?: string | null; text?: string; outcome?: Outcome; note?: string }

/** One dialog per action; client checks first, then the server's field errors under the fields. */
function ActionDialog({ item, action, onClose, onDone }: { item: FollowupDetail; action: Action; onClose: () => void; onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const children = useQuery({ queryKey: ['orgs', 'children', item.ownerOrgId], queryFn: () => fetchChildren(item.ownerOrgId), enabled: action === 'passDown' });
  const assignees = useAssignees(item.id, action === 'assign');
  const outcome = Form.useWatch('outcome', form);
  const F = (k: FormKey) => t(`followups.forms.${k}` as const);
  const max = (n: number) => ({ max: n, message: t('followups.forms.tooLong', { max: n }) });

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (action === 'passDown') await followupsApi.pass(item.id, { toOrgId: v.toOrgId!, reason: v.reason!, ...(v.dueInWorkingDays ? { dueInWorkingDays: v.dueInWorkingDays } : {}) });
      if (action === 'passUp') await followupsApi.pass(item.id, { toOrgId: item.ownerParent!.id, reason: v.reason! });
      if (action === 'assign') await followupsApi.assign(item.id, v.accountId ?? null);
      if (action === 'note') await followupsApi.note(item.id, v.text!);
      if (action === 'close') await followupsApi.close(item.id, { outcome: v.outcome!, note: v.note! });
      message.success(t('followups.item.saved'));
      onClose();
      await onDone();
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  const kids = (children.data ?? []).filter((o) => o.status === 'active');
  return (
    <Modal
      open
      title={F(`${action}Title`)}
      okText={F('ok')}
      cancelText={F('cancel')}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={{ loading: saving, 'data-testid': 'followup-dialog-ok' } as never}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" requiredMark initialValues={{ accountId: item.assigneeId ?? undefined }} data-testid={`followup-form-${action}`}>
        {action === 'passDown' && (
          <Form.Item name="toOrgId" label={F('toOrg')} rules={[{ required: true, message: F('toOrgRequired') }]}
            extra={children.data && kids.length === 0 ? t('followups.forms.noChildren', { org: item.ownerOrgName }) : undefined}>
            <Select
              showSearch optionFilterProp="name" loading={children.isPending} placeholder={t('followups.forms.toOrgPlaceholder', { org: item.ownerOrgName })}
              options={kids.map((o) => ({ value: o.id, name: o.name, label: <span data-testid={`followup-to-org-option-${o.id}`}>{o.name}</span> }))} data-testid="followup-to-org"
            />
          </Form.Item>
        )}
        {action === 'passDown' && (
          <Form.Item name="dueInWorkingDays" label={F('hopDue')} extra={t('followups.forms.hopDueHelp', { date: item.dueOn })}
            rules={[{ type: 'integer', min: 1, max: 250, message: F('hopDueRange') }]}>
            <InputNumber min={1} max={250} precision={0} style={{ width: 160 }} addonAfter={F('workingDays')} data-testid="followup-hop-due" />
          </Form.Item>
        )}
        {action === 'passUp' && <p>{t('followups.forms.passUpTo', { org: item.ownerParent?.name ?? '' })}</p>}
        {(action === 'passDown' || action === 'passUp') && (
          <Form.Item name="reason" label={F('reason')} rules={[{ required: true, whitespace: true, message: F('reasonRequired') }, max(500)]}>
            <Input.TextArea rows={3} showCount maxLength={500} placeholder={F(action === 'passUp' ? 'reasonUpPlaceholder' : 'reasonDownPlaceholder')} data-testid="followup-reason" />
          </Form.Item>
        )}
        {action === 'assign' && (
          <Form.Item name="accountId" label={F('assignee')}>
            <Select
              allowClear loading={assignees.isPending} placeholder={F('clearAssignee')}
              options={(assignees.data ?? []).map((a) => ({ value: a.accountId, label: `${a.name}（${a.orgName}）` }))}
            />
          </Form.Item>
        )}
        {action === 'note' && (
          <Form.Item name="text" label={F('note')} rules={[{ required: true, whitespace: true, message: F('noteRequired') }, max(2000)]}>
            <Input.TextArea rows={4} showCount maxLength={2000} data-testid="followup-note-text" />
          </Form.Item>
        )}
        {action === 'close' && (
          <>
            <Form.Item name="outcome" label={F('outcome')} rules={[{ required: true, message: F('outcomeRequired') }]}
              extra={outcome ? t(`followups.forms.outcomeHelp.${outcome}`) : undefined}>
              <Radio.Group options={OUTCOMES.map((o) => ({ value: o, label: t(`followups.states.${o}`) }))} data-testid="followup-outcome" />
            </Form.Item>
            <Form.Item name="note" label={F('closeNote')} rules={[{ required: true, whitespace: true, message: F('closeNoteRequired') }, max(2000)]}>
              <Input.TextArea rows={4} showCount maxLength={2000} data-testid="followup-close-note" />
            </Form.Item>
            <Alert type="warning" showIcon title={F('closeWarn')} />
          </>
        )}
      </Form>
    </Modal>
  );
}

/** 13 B, 8.4 KB, 512 KB, 2.5 MB. */
const fileSize = (n: number) => (n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

type FormKey = Exclude<keyof typeof followupsZh.forms, 'outcomeHelp'>;
