// 管理员变更审批: changes to the security and audit administrators that the system administrator
// requested and a second administrator (the security administrator) approves or rejects. The
// server decides who may approve what (canApprove / canCancel); the page only offers those actions.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Grid, Popconfirm, Radio, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApprovalRequest, ApprovalStatus, Me } from '@/api/types';
import { enumLabel } from '@/i18n/enums';
import { accountKeys, approvalKeys, approvalsApi, useApprovals } from '@/modules/accounts/accounts-api';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { errorText } from '@/modules/common/errors';
import { fmtDateTime } from '@/modules/common/format';
import { ListFooter } from '@/modules/common/ListFooter';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag, type Tone } from '@/modules/common/StatusTag';

/** Hours a request waits for its approver (APPROVAL_TTL_HOURS on the server). */
const TTL_HOURS = 24;
const STATUS_TONE: Record<ApprovalStatus, Tone> = { pending: 'gold', approved: 'green', rejected: 'red', cancelled: 'grey', expired: 'grey' };

export function ApprovalsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const wide = Grid.useBreakpoint().md !== false;
  const [show, setShow] = useState<'pending' | 'all'>('pending');
  const [busy, setBusy] = useState<string | null>(null);
  const list = useApprovals(show);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const decide = async (r: ApprovalRequest, verb: 'approve' | 'reject' | 'cancel') => {
    setBusy(r.id);
    try {
      await approvalsApi[verb](r.id);
      message.success(t(verb === 'approve' ? 'approvals.approved' : verb === 'reject' ? 'approvals.rejected' : 'approvals.cancelled'));
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setBusy(null);
      await queryClient.invalidateQueries({ queryKey: approvalKeys.all });
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
    }
  };

  const confirmButton = (r: ApprovalRequest, verb: 'approve' | 'reject' | 'cancel', danger = false) => (
    <Popconfirm
      title={t(`approvals.${verb}Confirm`)}
      okText={t(`approvals.${verb}`)}
      okButtonProps={{ danger }}
      cancelText={t('common.cancel')}
      onConfirm={() => decide(r, verb)}
    >
      <Button type="link" size="small" danger={danger} loading={busy === r.id} aria-label={`${t(`approvals.${verb}`)}：${r.account.displayName}`}>
        {t(`approvals.${verb}`)}
      </Button>
    </Popconfirm>
  );

  const person = (p: ApprovalRequest['account']) => <>{p.displayName}<br /><span className="mono">{p.username}</span></>;
  const statusOf = (r: ApprovalRequest) => (
    <>
      <StatusTag tone={STATUS_TONE[r.status]}>{t(`approvals.status.${r.status}`)}</StatusTag>
      {r.decidedBy && <div className="muted">{t('common.withNote', { main: r.decidedBy.displayName, note: r.decidedAt ? fmtDateTime(r.decidedAt) : '' })}</div>}
    </>
  );
  const actions = (r: ApprovalRequest) => (
    <Space size={0} wrap>
      {r.canApprove && confirmButton(r, 'approve')}
      {r.canApprove && confirmButton(r, 'reject', true)}
      {r.canCancel && confirmButton(r, 'cancel')}
      {r.status === 'pending' && !r.canApprove && r.requestedBy.id === me.id && <span className="muted">{t('approvals.ownRequest')}</span>}
      {!r.canApprove && !r.canCancel && r.requestedBy.id !== me.id && '—'}
    </Space>
  );
  const what = (r: ApprovalRequest) => (
    <Space size={4} wrap>
      <span>{t(`approvals.action.${r.action}`)}</span>
      {r.role && <StatusTag tone="red">{enumLabel(t, 'role', r.role)}</StatusTag>}
    </Space>
  );

  const columns: ColumnsType<ApprovalRequest> = [
    {
      title: t('approvals.fields.action'), key: 'action', width: 160,
      render: (_, r) => what(r),
    },
    { title: t('approvals.fields.account'), key: 'account', width: 160, render: (_, r) => person(r.account) },
    { title: t('approvals.fields.org'), key: 'org', width: 110, render: (_, r) => r.org.name },
    { title: t('approvals.fields.requestedBy'), key: 'requestedBy', width: 160, render: (_, r) => person(r.requestedBy) },
    {
      title: t('approvals.fields.requestedAt'), key: 'requestedAt', width: 190,
      render: (_, r) => <>{fmtDateTime(r.requestedAt)}{r.status === 'pending' && <div className="muted">{t('approvals.lapsesAt', { time: fmtDateTime(r.expiresAt) })}</div>}</>,
    },
    {
      title: t('approvals.fields.status'), key: 'status', width: 150,
      render: (_, r) => statusOf(r),
    },
    {
      title: t('common.actions'), key: 'actions', fixed: 'right', width: 130,
      render: (_, r) => actions(r),
    },
  ];

  return (
    <>
      <PageHeader title={t('approvals.title')} />
      <Alert type="info" showIcon title={t('approvals.intro', { hours: TTL_HOURS })} className="form-alert" />
      <div className="toolbar">
        <Radio.Group
          aria-label={t('approvals.show')}
          optionType="button"
          buttonStyle="solid"
          value={show}
          onChange={(e) => setShow(e.target.value as 'pending' | 'all')}
          options={[{ value: 'pending', label: t('approvals.showPending') }, { value: 'all', label: t('approvals.showAll') }]}
        />
      </div>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : !list.isPending && rows.length === 0 ? (
        <EmptyPanel title={t(show === 'pending' ? 'approvals.emptyPending' : 'approvals.emptyAll')} hint={t('approvals.emptyHint')} />
      ) : !wide ? (
        // On a phone each request is a card, so its buttons need no sideways scrolling.
        <>
          <ul className="approval-cards" aria-busy={list.isPending}>
            {rows.map((r) => (
              <li key={r.id}>
                <Card size="small" title={what(r)} extra={statusOf(r)}>
                  <Descriptions size="small" column={1} items={[
                    { key: 'account', label: t('approvals.fields.account'), children: <>{r.account.displayName}（<span className="mono">{r.account.username}</span>）</> },
                    { key: 'org', label: t('approvals.fields.org'), children: r.org.name },
                    { key: 'by', label: t('approvals.fields.requestedBy'), children: r.requestedBy.displayName },
                    { key: 'at', label: t('approvals.fields.requestedAt'), children: fmtDateTime(r.requestedAt) },
                    ...(r.status === 'pending' ? [{ key: 'exp', label: t('approvals.fields.expiresAt'), children: fmtDateTime(r.expiresAt) }] : []),
                  ]} />
                  <div className="approval-card-actions">{actions(r)}</div>
                </Card>
              </li>
            ))}
          </ul>
          <ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
        </>
      ) : (
        <Table<ApprovalRequest>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 1060 }}
          footer={() => (
            <ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
          )}
        />
      )}
    </>
  );
}
