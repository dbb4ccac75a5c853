// 应急预警 live board (/admin/emergency/:id): asked / confirmed / not confirmed / rate, read again every 3 s while the
// alert is open; per organization a level at a time with a trail back up (as the SMS broadcast page's 按组织统计), the
// organizations where nobody confirmed (已上报上级 once escalated), the escalations, who has not confirmed (masked
// phones, paged, within the chosen level) and the replies that are not confirmations. 结束预警 stops reminders and escalation.
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Row, Skeleton, Space, Statistic, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { errorText } from '@/modules/common/errors';
import { chinaDateTime, fmtCount, fmtPercent } from '@/modules/common/format';
import { ListFooter } from '@/modules/common/ListFooter';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag } from '@/modules/common/StatusTag';
import { ScrollRegion } from '@/modules/sms/ScrollRegion';
import {
  emergencyApi, emergencyKeys, useAlert, useBoard, useReplies, useUnconfirmed, type AlertReply, type BoardLine, type EmergencyAlert, type Unconfirmed,
} from './emergency-api';

type Level = { id: string; name: string };

export function AlertBoard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const a = useAlert(id);
  const [trail, setTrail] = useState<Level[]>([]);
  const back = <Button onClick={() => void navigate('/admin/emergency')}>{t('emergency.board.back')}</Button>;
  if (a.isPending) return <><PageHeader title={t('emergency.board.title')} extra={back} /><Skeleton active /></>;
  if (!a.data) return <><PageHeader title={t('emergency.board.title')} extra={back} /><ErrorResult error={a.error} onRetry={() => void a.refetch()} /></>;
  const data = a.data;
  const live = data.state === 'open';
  return (
    <>
      <PageHeader
        title={<Space wrap><StatusTag tone="red">{t(`emergency.kinds.${data.kind}`)}</StatusTag><span data-testid="alert-title-shown">{data.title}</span>
          <StatusTag tone={live ? 'blue' : 'grey'}><span data-testid="alert-state">{t(`emergency.states.${data.state}`)}</span></StatusTag></Space>}
        extra={<Space wrap>{live && hasPerm(me, 'emergency.send') && <CloseButton a={data} />}{back}</Space>}
      />
      {a.isError && <Alert type="warning" showIcon className="console-alert" title={t('emergency.board.connectionLost')} />}
      {!data.sentAt && live && <Alert type="info" showIcon className="console-alert" title={t('emergency.board.resolving')} />}
      <Figures a={data} live={live} />
      <ByOrg id={id} live={live} trail={trail} setTrail={setTrail} />
      <Row gutter={16}>
        <Col xs={24} xl={12}><UnconfirmedList id={id} live={live} level={trail.at(-1)} /></Col>
        <Col xs={24} xl={12}><Replies id={id} live={live} /></Col>
      </Row>
      <Escalations a={data} />
      <Info a={data} />
    </>
  );
}

function CloseButton({ a }: { a: EmergencyAlert }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  return (
    <Button
      danger
      data-testid="alert-close"
      onClick={() => modal.confirm({
        title: t('emergency.board.close'), content: t('emergency.board.closeConfirm'), okText: t('emergency.board.close'), okButtonProps: { danger: true }, cancelText: t('emergency.form.cancel'),
        onOk: async () => {
          try {
            await emergencyApi.close(a.id);
            await queryClient.invalidateQueries({ queryKey: emergencyKeys.all });
            message.success(t('emergency.board.closed'));
          } catch (e) {
            modal.error({ title: t('emergency.board.close'), content: errorText(t, e) });
          }
        },
      })}
    >
      {t('emergency.board.close')}
    </Button>
  );
}

function Figures({ a, live }: { a: EmergencyAlert; live: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const S = (k: string) => t(`emergency.board.stats.${k}` as 'emergency.board.stats.asked');
  const B = (k: string) => t(`emergency.board.${k}` as 'emergency.board.title');
  const unconfirmed = a.recipients - a.confirmed;
  const stat = (k: string, v: React.ReactNode, colour: string) => (
    <Col xs={12} sm={8} lg={4} key={k}>
      <div className="sms-stat" style={{ borderTopColor: colour }} data-testid={`stat-${k}`}><Statistic title={S(k)} value={v as number} /></div>
    </Col>
  );
  const sendWord = (s: EmergencyAlert['sends'][number]) => (s.kind === 'reminder' ? t('emergency.board.sends.reminder', { seq: s.seq }) : t(`emergency.board.sends.${s.kind}`));
  return (
    <Card title={B('timeline')} className="sms-card" extra={<span className="muted small" role="status">{live ? B('live') : B('stopped')}</span>}>
      <Row gutter={[12, 12]} className="sms-stats">
        {stat('asked', fmtCount(a.recipients), '#0958d9')}
        {stat('confirmed', fmtCount(a.confirmed), '#237804')}
        {stat('unconfirmed', fmtCount(unconfirmed), '#cf1322')}
        {stat('rate', fmtPercent(a.confirmed, a.recipients), '#237804')}
        {stat('replies', fmtCount(a.replies), '#ad6800')}
      </Row>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} style={{ marginTop: 12 }} items={[
        { key: 'sent', label: B('sentAt'), children: <span className="mono">{chinaDateTime(a.sentAt, true)}</span> },
        { key: 'rem', label: B('remindersSent'), children: t('emergency.board.remindersOf', { sent: a.remindersSent, max: a.maxReminders }) },
        { key: 'next', label: B('nextReminder'), children: a.nextReminderAt ? <span className="mono">{chinaDateTime(a.nextReminderAt, false)}</span> : B('noMoreReminders') },
        a.escalatedAt
          ? { key: 'esc', label: B('escalatedAt'), children: <span className="mono">{chinaDateTime(a.escalatedAt, false)}</span> }
          : { key: 'esc', label: B('escalateAt'), children: <span className="mono">{chinaDateTime(a.escalateAt, false)}</span> },
      ]} />
      <ul className="muted small" data-testid="alert-sends">
        {a.sends.map((s) => (
          <li key={`${s.kind}${s.seq}`}>
            <span className="mono">{chinaDateTime(s.createdAt, false)}</span>{' '}
            {s.broadcastId ? t('emergency.board.sendLine', { what: sendWord(s), count: fmtCount(s.recipients) }) : t('emergency.board.sendNone', { what: sendWord(s) })}
            {s.broadcastId && <> · <a href={`/admin/sms/broadcasts/${s.broadcastId}`} style={{ textDecoration: 'underline' }}
              onClick={(e) => { e.preventDefault(); void navigate(`/admin/sms/broadcasts/${s.broadcastId}`); }}>{B('broadcastLink')}</a></>}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function ByOrg({ id, live, trail, setTrail }: { id: string; live: boolean; trail: Level[]; setTrail: (t: Level[]) => void }) {
  const { t } = useTranslation();
  const q = useBoard(id, trail.at(-1)?.id, live);
  const data = q.data;
  // The first answer names the level it opened on and the way up to the sending organization: the trail starts there.
  const levels = data && trail.length === 0 ? data.trail : trail;
  const O = (k: string) => t(`emergency.board.byOrg.${k}` as 'emergency.board.byOrg.title');
  const S = (k: string) => t(`emergency.board.stats.${k}` as 'emergency.board.stats.asked');
  const drill = (line: BoardLine) => setTrail([...levels, { id: line.orgId, name: line.orgName }]);
  const num = (k: 'asked' | 'confirmed' | 'unconfirmed' | 'silentOrgs') => ({ title: S(k), dataIndex: k, key: k, width: 90, align: 'right' as const, render: (v: number) => fmtCount(v) });
  const columns: ColumnsType<BoardLine> = [
    {
      title: O('org'), dataIndex: 'orgName', width: 150, fixed: 'left',
      render: (name: string, r) => (r.own ? <span>{name}<span className="muted small">（{O('own')}）</span></span>
        : r.hasChildren ? <a href="#" onClick={(e) => { e.preventDefault(); drill(r); }} aria-label={t('emergency.board.byOrg.drill', { name })} data-testid="board-drill">{name}</a>
        : name),
    },
    // What matters most first (a narrow screen shows these without scrolling): the rate and the confirmed.
    { title: S('rate'), key: 'rate', width: 80, align: 'right', render: (_: unknown, r) => <strong>{fmtPercent(r.confirmed, r.asked)}</strong> },
    num('confirmed'), num('asked'), num('unconfirmed'), num('silentOrgs'),
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
            <Table<BoardLine>
              rowKey={(r) => `${r.orgId}:${r.own}`}
              size="small"
              columns={columns}
              dataSource={data?.items ?? []}
              loading={q.isPending}
              pagination={false}
              style={{ minWidth: 640 }}
              onRow={() => ({ 'data-testid': 'board-row' }) as React.HTMLAttributes<HTMLElement>}
              summary={() => data && (
                <Table.Summary.Row data-testid="board-total">
                  <Table.Summary.Cell index={0}><strong>{O('total')}</strong></Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right"><strong>{fmtPercent(data.total.confirmed, data.total.asked)}</strong></Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right"><span data-testid="board-total-confirmed">{fmtCount(data.total.confirmed)}</span></Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{fmtCount(data.total.asked)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{fmtCount(data.total.unconfirmed)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{fmtCount(data.total.silentOrgs)}</Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </ScrollRegion>
        )}
      <p className="muted small sms-note">{O('hint')}</p>
      {data && (
        <div data-testid="board-silent">
          <h2 className="card-subtitle">{t('emergency.board.silent.title')}（{fmtCount(data.total.silentOrgs)}）</h2>
          {data.silent.length === 0 ? <p className="muted small">{t('emergency.board.silent.none')}</p> : (
            <Space wrap size={[8, 8]} style={{ maxHeight: 180, overflowY: 'auto' }} tabIndex={0} role="region" aria-label={t('emergency.board.silent.title')}>
              {data.silent.map((s) => (
                <Tag key={s.orgId} color={s.escalated ? 'volcano' : undefined}>
                  {s.orgName}（{t('emergency.board.silent.asked', { count: s.asked })}）{s.escalated ? ` · ${t('emergency.board.silent.escalated')}` : ''}
                </Tag>
              ))}
            </Space>
          )}
        </div>
      )}
    </Card>
  );
}

function UnconfirmedList({ id, live, level }: { id: string; live: boolean; level?: Level }) {
  const { t } = useTranslation();
  const list = useUnconfirmed(id, level?.id, live);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const U = (k: string) => t(`emergency.board.unconfirmed.${k}` as 'emergency.board.unconfirmed.title');
  const columns: ColumnsType<Unconfirmed> = [
    { title: U('name'), dataIndex: 'name', width: 90 },
    { title: U('phone'), dataIndex: 'phone', width: 130, render: (v: string) => <span className="mono">{v}</span> },
    { title: U('org'), dataIndex: 'orgName', ellipsis: true },
  ];
  return (
    <Card title={U('title')} className="sms-card" extra={level && <span className="muted small">{t('emergency.board.unconfirmed.scope', { name: level.name })}</span>}>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        : !list.isPending && rows.length === 0 ? <EmptyPanel title={U('empty')} />
        : (
          <>
            <Table<Unconfirmed> rowKey="id" size="small" columns={columns} dataSource={rows} loading={list.isPending} pagination={false}
              onRow={() => ({ 'data-testid': 'unconfirmed-row' }) as React.HTMLAttributes<HTMLElement>} />
            <div className="table-footer-outside"><ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} /></div>
          </>
        )}
    </Card>
  );
}

function Replies({ id, live }: { id: string; live: boolean }) {
  const { t } = useTranslation();
  const list = useReplies(id, live);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const R = (k: string) => t(`emergency.board.replies.${k}` as 'emergency.board.replies.title');
  // A list, not a table: a reply's text needs the width a narrow screen has.
  return (
    <Card title={R('title')} className="sms-card">
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        : !list.isPending && rows.length === 0 ? <EmptyPanel title={R('empty')} />
        : (
          <>
            <ul className="plain-list" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {rows.map((r: AlertReply) => (
                <li key={r.id} data-testid="reply-row" style={{ marginBottom: 12 }}>
                  <div className="sms-bubble">{r.text}</div>
                  <div className="muted small">
                    {r.name ?? ''} <span className="mono">{r.phone}</span>{r.orgName ? ` · ${r.orgName}` : ''} · <span className="mono">{chinaDateTime(r.receivedAt, false)}</span>
                  </div>
                </li>
              ))}
            </ul>
            <ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
          </>
        )}
    </Card>
  );
}

function Escalations({ a }: { a: EmergencyAlert }) {
  const { t } = useTranslation();
  if (!a.escalations.length) return null;
  const E = (k: string) => t(`emergency.board.escalations.${k}` as 'emergency.board.escalations.title');
  return (
    <Card title={E('title')} className="sms-card" data-testid="alert-escalations">
      <Table
        rowKey={(r) => r.parentOrgId ?? 'none'}
        size="small"
        pagination={false}
        dataSource={a.escalations}
        columns={[
          { title: E('parent'), dataIndex: 'parentOrgName', width: 180, render: (v: string | null) => v ?? <span className="muted">{E('none')}</span> },
          { title: E('orgs'), dataIndex: 'orgNames', render: (v: string[]) => v.join('、') },
          { title: E('recipients'), dataIndex: 'recipients', width: 90, align: 'right', render: (v: number) => fmtCount(v) },
          { title: E('at'), dataIndex: 'createdAt', width: 150, render: (v: string) => <span className="mono">{chinaDateTime(v, false)}</span> },
        ]}
      />
    </Card>
  );
}

function Info({ a }: { a: EmergencyAlert }) {
  const { t } = useTranslation();
  const B = (k: string) => t(`emergency.board.${k}` as 'emergency.board.title');
  return (
    <Card title={B('info')} className="sms-card">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
        { key: 'text', label: B('text'), span: 'filled', children: <div className="sms-bubble" data-testid="alert-sms-text">{a.smsText}</div> },
        { key: 'kind', label: B('kind'), children: t(`emergency.kinds.${a.kind}`) },
        { key: 'org', label: B('org'), children: a.orgName },
        { key: 'aud', label: B('audience'), children: a.audience.orgs.map((o) => o.name).join('、') },
        { key: 'who', label: B('who'), children: a.audience.who.map((w) => t(`emergency.who.${w}`)).join('、') },
        { key: 'timing', label: B('timing'), span: 'filled', children: t('emergency.board.timingValue', { remind: a.remindAfterMinutes, max: a.maxReminders, escalate: a.escalateAfterMinutes }) },
        { key: 'noPhone', label: B('skippedNoPhone'), children: fmtCount(a.skippedNoPhone) },
        { key: 'optOut', label: a.ignoreOptOut ? B('ignoreOptOut') : B('skippedOptOut'), children: a.ignoreOptOut ? '✓' : fmtCount(a.skippedOptOut) },
        { key: 'ext', label: B('replyExt'), children: <span className="mono">{a.replyExt}</span> },
        { key: 'by', label: B('createdBy'), children: a.createdByName },
        { key: 'at', label: B('createdAt'), children: <span className="mono">{chinaDateTime(a.createdAt, true)}</span> },
        ...(a.closedAt ? [{ key: 'closed', label: B('closedBy'), children: <span>{a.closedByName} <span className="mono">{chinaDateTime(a.closedAt, false)}</span></span> }] : []),
      ]} />
    </Card>
  );
}
