// 群发短信详情: the broadcast's progress, live (polled every 2 s until it is final) as one bar and a card per status,
// the counts per organization a level at a time (按组织统计, with a trail back up), the decisions the account may take
// in its state (审批通过 / 驳回 with a reason / 暂停 / 继续 / 取消), once it is over the failures exported to Excel and
// re-sent as a new broadcast, and the recipients with their status, masked phones and the carrier's failure reasons.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Form, Input, Modal, Row, Select, Skeleton, Space, Statistic, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { RedoOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { errorText } from '@/modules/common/errors';
import { ExportButton } from '@/modules/common/ExportButton';
import { fmtCount, fmtPercent } from '@/modules/common/format';
import { ListFooter } from '@/modules/common/ListFooter';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag } from '@/modules/common/StatusTag';
import {
  COUNT_KEYS, FINAL_STATES, smsApi, smsKeys, useBroadcast, useBroadcastOrgs, useRecipients, type Broadcast, type Decision, type OrgCountLine, type Recipient, type RecipientState,
} from './sms-api';
import { ScrollRegion } from './ScrollRegion';
import { chinaDateTime, MESSAGE_TONE, STATE_TONE } from './sms-format';

const BAR_COLOURS: Record<RecipientState, string> = {
  delivered: '#237804', submitted: '#0958d9', failed: '#cf1322', unknown: '#ad6800', cancelled: '#8c8c8c', queued: '#d9d9d9',
};

/** Which decisions the state allows, as the server's rules say (sms.service.ts TRANSITIONS). */
const ALLOWED: Record<Decision, Broadcast['state'][]> = {
  approve: ['awaiting_approval'], reject: ['awaiting_approval'], pause: ['sending', 'scheduled'], resume: ['paused'],
  cancel: ['awaiting_approval', 'scheduled', 'sending', 'paused'],
};

export function BroadcastDetailPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const b = useBroadcast(id);
  const back = <Button onClick={() => void navigate('/admin/sms/broadcasts')}>{t('sms.detail.back')}</Button>;

  if (b.isPending) return <><PageHeader title={t('sms.detail.title')} extra={back} /><Skeleton active /></>;
  if (!b.data) return <><PageHeader title={t('sms.detail.title')} extra={back} /><ErrorResult error={b.error} onRetry={() => void b.refetch()} /></>;
  const data = b.data;
  const live = !FINAL_STATES.includes(data.state) || data.counts.submitted > 0 || data.counts.queued > 0;
  return (
    <>
      <PageHeader
        title={<Space wrap>{t('sms.detail.title')}<StatusTag tone={STATE_TONE[data.state]}><span data-testid="broadcast-state">{t(`sms.states.${data.state}`)}</span></StatusTag></Space>}
        extra={<Space wrap><Decisions me={me} b={data} /><Failures me={me} b={data} />{back}</Space>}
      />
      {b.isError && <Alert type="warning" showIcon className="console-alert" title={t('sms.detail.connectionLost')} />}
      <Progress b={data} live={live} />
      <ByOrg key={id} id={id} live={live} />
      <Info b={data} />
      <Recipients id={id} live={live} />
    </>
  );
}

function Progress({ b, live }: { b: Broadcast; live: boolean }) {
  const { t } = useTranslation();
  const total = COUNT_KEYS.reduce((n, k) => n + b.counts[k], 0);
  const done = total - b.counts.queued - b.counts.submitted;
  return (
    <Card
      title={t('sms.detail.progress')}
      extra={<span className="muted small" role="status">{live ? t('sms.detail.live') : t('sms.detail.stopped')}</span>}
      className="sms-card"
    >
      <div
        className="sms-bar"
        role="progressbar"
        aria-label={t('sms.detail.progress')}
        aria-valuemin={0}
        aria-valuemax={total || 1}
        aria-valuenow={done}
        aria-valuetext={`${fmtPercent(done, total)}`}
      >
        {COUNT_KEYS.filter((k) => b.counts[k] > 0).map((k) => (
          <span key={k} style={{ width: `${(b.counts[k] / total) * 100}%`, background: BAR_COLOURS[k] }} title={`${t(`sms.counts.${k}`)} ${fmtCount(b.counts[k])}`} />
        ))}
      </div>
      <div className="muted small sms-bar-legend">{fmtPercent(done, total)}</div>
      <Row gutter={[12, 12]} className="sms-stats">
        {COUNT_KEYS.map((k) => (
          <Col key={k} xs={12} sm={8} lg={4}>
            <div className="sms-stat" style={{ borderTopColor: BAR_COLOURS[k] }} data-testid={`count-${k}`}>
              <Statistic title={t(`sms.counts.${k}`)} value={b.counts[k]} />
            </div>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function Info({ b }: { b: Broadcast }) {
  const { t } = useTranslation();
  const D = (k: string) => t(`sms.detail.${k}` as 'sms.detail.text');
  return (
    <Card title={D('info')} className="sms-card">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
        { key: 'text', label: D('text'), span: 'filled', children: <div className="sms-bubble" data-testid="broadcast-text">{b.text}</div> },
        { key: 'org', label: D('org'), children: b.orgName },
        { key: 'lane', label: D('lane'), children: b.lane === 'emergency' ? <StatusTag tone="red">{t('sms.lanes.emergency')}</StatusTag> : t('sms.lanes.bulk') },
        { key: 'recipients', label: D('recipients'), children: b.state === 'resolving' ? '—' : fmtCount(b.recipients) },
        { key: 'segments', label: D('segments'), children: fmtCount(b.segments) },
        { key: 'noPhone', label: D('skippedNoPhone'), children: fmtCount(b.skippedNoPhone) },
        { key: 'optOut', label: b.ignoreOptOut ? D('ignoreOptOut') : D('skippedOptOut'), children: b.ignoreOptOut ? '✓' : fmtCount(b.skippedOptOut) },
        { key: 'createdBy', label: D('createdBy'), children: b.createdByName },
        { key: 'createdAt', label: D('createdAt'), children: <span className="mono">{chinaDateTime(b.createdAt)}</span> },
        ...(b.sendAt ? [{ key: 'sendAt', label: D('sendAt'), children: <span className="mono">{chinaDateTime(b.sendAt, false)}</span> }] : []),
        { key: 'approval', label: D('approval'), children: b.approvalRequired ? D('approvalRequired') : D('approvalNotRequired') },
        ...(b.approvedByName ? [{ key: 'approvedBy', label: D('approvedBy'), children: b.approvedByName }] : []),
        ...(b.decisionNote ? [{ key: 'note', label: D('note'), children: b.decisionNote }] : []),
        ...(b.completedAt ? [{ key: 'completedAt', label: D('completedAt'), children: <span className="mono">{chinaDateTime(b.completedAt)}</span> }] : []),
        ...(b.resendOf ? [{ key: 'resendOf', label: D('resendOf'), children: <BroadcastLink id={b.resendOf} /> }] : []),
        ...(b.resentAs.length ? [{ key: 'resentAs', label: D('resentAs'), children: <Space wrap>{b.resentAs.map((r) => <BroadcastLink key={r} id={r} />)}</Space> }] : []),
      ]} />
    </Card>
  );
}

function BroadcastLink({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const to = `/admin/sms/broadcasts/${id}`;
  return <a href={to} onClick={(e) => { e.preventDefault(); void navigate(to); }} data-testid="broadcast-link">{t('sms.detail.broadcastNo', { id })}</a>;
}

/** The counts per organization, a level at a time: each child with its whole subtree, and the level's own line. */
function ByOrg({ id, live }: { id: string; live: boolean }) {
  const { t } = useTranslation();
  const [trail, setTrail] = useState<{ id: string; name: string }[]>([]);
  const parentId = trail.at(-1)?.id;
  const q = useBroadcastOrgs(id, parentId, live);
  const data = q.data;
  // The first answer names the top level (the sending organization): the trail starts there.
  const levels = data && trail.length === 0 ? [data.parent] : trail;
  const O = (k: string) => t(`sms.detail.byOrg.${k}` as 'sms.detail.byOrg.title');
  const drill = (line: OrgCountLine) => setTrail([...levels, { id: line.orgId, name: line.orgName }]);
  const totalOf = (c: OrgCountLine['counts']) => COUNT_KEYS.reduce((n, k) => n + c[k], 0);
  const count = (k: RecipientState) => ({ title: t(`sms.counts.${k}`), key: k, width: 80, align: 'right' as const, render: (_: unknown, r: OrgCountLine) => fmtCount(r.counts[k]) });
  const columns: ColumnsType<OrgCountLine> = [
    {
      title: O('org'), dataIndex: 'orgName', width: 170, fixed: 'left',
      render: (name: string, r) => (r.own ? <span>{name}<span className="muted small">（{O('own')}）</span></span>
        : r.hasChildren ? <a href="#" onClick={(e) => { e.preventDefault(); drill(r); }} aria-label={t('sms.detail.byOrg.drill', { name })} data-testid="org-drill">{name}</a>
        : name),
    },
    // What matters most first (a narrow screen shows these without scrolling): the total, the delivered and their share.
    { title: O('total'), key: 'total', width: 80, align: 'right', render: (_: unknown, r) => <strong>{fmtCount(totalOf(r.counts))}</strong> },
    count('delivered'),
    { title: O('rate'), key: 'rate', width: 80, align: 'right', render: (_: unknown, r) => fmtPercent(r.counts.delivered, totalOf(r.counts)) },
    ...(['failed', 'unknown', 'queued', 'submitted', 'cancelled'] as const).map(count),
  ];
  return (
    <Card title={O('title')} className="sms-card">
      {levels.length > 0 && (
        <nav aria-label={O('trail')} className="sms-trail">
          <Breadcrumb items={levels.map((l, i) => (i === levels.length - 1
            ? { key: l.id, title: <span aria-current="page">{l.name}</span> }
            : { key: l.id, title: <a href="#" onClick={(e) => { e.preventDefault(); setTrail(levels.slice(0, i + 1)); }}>{l.name}</a> }))} />
        </nav>
      )}
      {q.isError ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
        : !q.isPending && !data?.items.length ? <EmptyPanel title={O('empty')} />
        : (
          <ScrollRegion label={O('title')}>
            <Table<OrgCountLine>
              rowKey={(r) => `${r.orgId}:${r.own}`}
              size="small"
              columns={columns}
              dataSource={data?.items ?? []}
              loading={q.isPending}
              pagination={false}
              style={{ minWidth: 900 }}
              onRow={() => ({ 'data-testid': 'org-row' }) as React.HTMLAttributes<HTMLElement>}
            />
          </ScrollRegion>
        )}
      <p className="muted small sms-note">{O('hint')}</p>
    </Card>
  );
}

/** Once a broadcast is over: its failures exported to Excel (phones masked; in full on request for accounts that may reveal, audited), and re-sent as a new broadcast after a confirmation with the count. */
function Failures({ me, b }: { me: Me; b: Broadcast }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const failures = b.counts.failed + b.counts.unknown;
  if (failures === 0) return null;
  const D = (k: string) => t(`sms.detail.${k}` as 'sms.detail.resend');
  const canResend = FINAL_STATES.includes(b.state) && hasPerm(me, 'sms.send');

  const resend = async () => {
    setBusy(true);
    try {
      const p = await smsApi.resendPreview(b.id);
      if (p.recipients === 0) {
        modal.info({ title: D('resendNone'), content: p.optedOut ? t('sms.detail.resendOptedOut', { count: p.optedOut }) : undefined });
        return;
      }
      modal.confirm({
        title: D('resendTitle'),
        content: (
          <div data-testid="resend-confirm">
            <p>{t('sms.detail.resendBody', { count: fmtCount(p.recipients) })}</p>
            {p.optedOut > 0 && <p>{t('sms.detail.resendOptedOut', { count: fmtCount(p.optedOut) })}</p>}
            {p.approvalRequired && <p>{D('resendApproval')}</p>}
          </div>
        ),
        okText: D('resendOk'),
        cancelText: t('sms.compose.cancel'),
        onOk: async () => {
          try {
            const made = await smsApi.resend(b.id);
            await queryClient.invalidateQueries({ queryKey: smsKeys.all });
            message.success(D('resendDone'));
            void navigate(`/admin/sms/broadcasts/${made.id}`);
          } catch (e) {
            modal.error({ title: D('resend'), content: errorText(t, e) });
          }
        },
      });
    } catch (e) {
      modal.error({ title: D('resend'), content: <span data-testid="resend-error">{errorText(t, e)}</span> });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap>
      <ExportButton
        path="/api/exports/sms-failures.xlsx" query={{ broadcastId: b.id }} fileName={D('exportFailuresFile')} label={D('exportFailures')} testId="export-failures"
        reveal={hasPerm(me, 'member.reveal') ? { label: D('exportFailuresReveal'), confirm: D('exportFailuresRevealConfirm') } : undefined}
      />
      {canResend && <Button icon={<RedoOutlined aria-hidden />} loading={busy} onClick={() => void resend()} data-testid="broadcast-resend">{D('resend')}</Button>}
    </Space>
  );
}

function Decisions({ me, b }: { me: Me; b: Broadcast }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<Decision | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [form] = Form.useForm<{ note?: string }>();
  const may = (d: Decision) => ALLOWED[d].includes(b.state) && hasPerm(me, d === 'approve' || d === 'reject' ? 'sms.approve' : 'sms.send');

  const run = async (d: Decision, note?: string) => {
    setBusy(d);
    try {
      const next = await smsApi.decide(b.id, d, note);
      queryClient.setQueryData(smsKeys.broadcast(b.id), next);
      await queryClient.invalidateQueries({ queryKey: smsKeys.all });
      message.success(t(`sms.detail.done.${d}`));
      return true;
    } catch (e) {
      // e.g. 不能审批自己提交的群发短信: the server's own words.
      modal.error({ title: t(`sms.detail.actions.${d}`), content: <span data-testid="decision-error">{errorText(t, e)}</span> });
      return false;
    } finally {
      setBusy(null);
    }
  };
  const confirm = (d: Exclude<Decision, 'reject'>) => modal.confirm({
    title: t(`sms.detail.confirm.${d}`),
    okText: t(`sms.detail.actions.${d}`),
    cancelText: t('sms.compose.cancel'),
    okButtonProps: { danger: d === 'cancel' },
    onOk: () => run(d),
  });

  return (
    <>
      {may('approve') && <Button type="primary" loading={busy === 'approve'} onClick={() => confirm('approve')} data-testid="broadcast-approve">{t('sms.detail.actions.approve')}</Button>}
      {may('reject') && <Button danger loading={busy === 'reject'} onClick={() => { form.resetFields(); setRejecting(true); }} data-testid="broadcast-reject">{t('sms.detail.actions.reject')}</Button>}
      {may('pause') && <Button loading={busy === 'pause'} onClick={() => confirm('pause')} data-testid="broadcast-pause">{t('sms.detail.actions.pause')}</Button>}
      {may('resume') && <Button type="primary" loading={busy === 'resume'} onClick={() => confirm('resume')} data-testid="broadcast-resume">{t('sms.detail.actions.resume')}</Button>}
      {may('cancel') && <Button danger loading={busy === 'cancel'} onClick={() => confirm('cancel')} data-testid="broadcast-cancel">{t('sms.detail.actions.cancel')}</Button>}
      <Modal
        open={rejecting}
        title={t('sms.detail.rejectTitle')}
        okText={t('sms.detail.actions.reject')}
        cancelText={t('sms.compose.cancel')}
        okButtonProps={{ danger: true, loading: busy === 'reject' }}
        onCancel={() => setRejecting(false)}
        onOk={async () => {
          const v = await form.validateFields().catch(() => null);
          if (v && await run('reject', v.note?.trim())) setRejecting(false);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" name="sms-reject">
          <Form.Item name="note" label={t('sms.detail.rejectReason')} rules={[{ required: true, whitespace: true, message: t('sms.detail.rejectRequired') }, { max: 200 }]}>
            <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('sms.detail.rejectPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Recipients({ id, live }: { id: string; live: boolean }) {
  const { t } = useTranslation();
  const [state, setState] = useState<RecipientState | undefined>();
  const list = useRecipients(id, state, live);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const F = (k: string) => t(`sms.detail.fields.${k}` as 'sms.detail.fields.name');
  const columns: ColumnsType<Recipient> = [
    { title: F('name'), dataIndex: 'name', width: 100, render: (v: string | null) => v ?? <span className="muted">—</span> },
    { title: F('phone'), dataIndex: 'phone', width: 130, render: (v: string) => <span className="mono">{v}</span> },
    { title: F('state'), dataIndex: 'state', width: 90, render: (v: Recipient['state']) => <StatusTag tone={MESSAGE_TONE[v]}>{t(`sms.detail.messageStates.${v}`)}</StatusTag> },
    { title: F('org'), dataIndex: 'orgName', width: 180, ellipsis: true },
    { title: F('reason'), dataIndex: 'errorReason', width: 180, render: (v: string | null, r) => (v || r.errorCode ? <span>{v ?? ''}{r.errorCode && <span className="muted small mono"> ({r.errorCode})</span>}</span> : <span className="muted">—</span>) },
    { title: F('segments'), dataIndex: 'segments', width: 70, align: 'right', render: (v: number | null) => v ?? '—' },
    { title: F('attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
    {
      title: F('finishedAt'), dataIndex: 'finishedAt', width: 170,
      render: (v: string | null, r) => <span className="mono nowrap" title={r.submittedAt ? `${F('submittedAt')} ${chinaDateTime(r.submittedAt)}` : undefined}>{chinaDateTime(v ?? r.submittedAt)}</span>,
    },
  ];
  return (
    <Card
      title={t('sms.detail.table')}
      className="sms-card"
      extra={
        <Select<RecipientState | ''>
          aria-label={t('sms.detail.stateFilter')}
          style={{ width: 130 }}
          value={state ?? ''}
          onChange={(v) => setState(v || undefined)}
          options={[{ value: '', label: t('sms.detail.anyState') }, ...COUNT_KEYS.map((k) => ({ value: k, label: t(`sms.counts.${k}`) }))]}
          data-testid="recipient-state-filter"
        />
      }
    >
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        : !list.isPending && rows.length === 0 ? <EmptyPanel title={t('sms.detail.noRecipients')} />
        : (
          <>
            <ScrollRegion label={t('sms.detail.table')}>
              <Table<Recipient>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={rows}
                loading={list.isPending}
                pagination={false}
                style={{ minWidth: 980 }}
                onRow={() => ({ 'data-testid': 'recipient-row' }) as React.HTMLAttributes<HTMLElement>}
              />
            </ScrollRegion>
            <div className="table-footer-outside"><ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} /></div>
          </>
        )}
    </Card>
  );
}
