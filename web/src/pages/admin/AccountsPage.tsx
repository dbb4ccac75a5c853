// 账户与角色: accounts with keyset paging, and the system administrator's actions on them.
import { useState } from 'react';
import { App, Button, Grid, Input, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isPendingApproval, type Account, type Me } from '@/api/types';
import { enumLabel } from '@/i18n/enums';
import { hasPerm } from '@/modules/auth/guards';
import { AccountCreateModal, ResetPasswordModal } from '@/modules/accounts/AccountModals';
import { RolesDrawer } from '@/modules/accounts/RolesDrawer';
import { accountKeys, accountsApi, approvalKeys, useAccounts } from '@/modules/accounts/accounts-api';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { errorText } from '@/modules/common/errors';
import { fmtDateTime } from '@/modules/common/format';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag } from '@/modules/common/StatusTag';
import { ListFooter } from '@/modules/common/ListFooter';

export function AccountsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canWrite = hasPerm(me, 'account.write');
  // A fixed action column would cover the whole table on a phone.
  const wide = Grid.useBreakpoint().md !== false;
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [rolesOf, setRolesOf] = useState<Account | null>(null);
  const list = useAccounts(q);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      // Disabling a security or audit administrator waits for a second administrator's approval.
      if (isPendingApproval(await fn())) message.info(t('approvals.submitted'));
      else message.success(done);
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
      await queryClient.invalidateQueries({ queryKey: approvalKeys.all });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const columns: ColumnsType<Account> = [
    { title: t('accounts.fields.username'), dataIndex: 'username', width: 170, render: (v: string, a) => <><span className="mono">{v}</span>{a.demo && <> <StatusTag tone="gold">{t('accounts.demo')}</StatusTag></>}</> },
    { title: t('accounts.fields.displayName'), dataIndex: 'displayName', width: 110 },
    { title: t('accounts.fields.kind'), dataIndex: 'kind', width: 90, render: (v: string) => enumLabel(t, 'accountKind', v) },
    {
      title: t('accounts.fields.status'), key: 'status', width: 220,
      render: (_, a) => (
        <Space size={4} wrap>
          <StatusTag tone={a.status === 'active' ? 'green' : 'grey'}>{enumLabel(t, 'accountStatus', a.status)}</StatusTag>
          {a.locked && <StatusTag tone="red">{a.lockedUntil ? t('accounts.lockedUntil', { time: fmtDateTime(a.lockedUntil) }) : t('accounts.fields.locked')}</StatusTag>}
        </Space>
      ),
    },
    { title: t('accounts.fields.mfaEnabled'), dataIndex: 'mfaEnabled', width: 100, render: (v: boolean) => (v ? t('accounts.enabled') : t('accounts.notEnabled')) },
    {
      title: t('accounts.fields.roles'), key: 'roles', width: 260,
      render: (_, a) => a.roles.length === 0 ? '—' : (
        <Space size={[4, 4]} wrap>
          {a.roles.map((g) => <StatusTag key={g.grantId} tone="red">{`${enumLabel(t, 'role', g.role)} · ${g.orgName}`}</StatusTag>)}
        </Space>
      ),
    },
    { title: t('accounts.fields.lastLoginAt'), dataIndex: 'lastLoginAt', width: 170, render: (v: string | null) => (v ? fmtDateTime(v) : t('accounts.never')) },
    {
      title: t('common.actions'), key: 'actions', fixed: wide ? 'right' : undefined, width: canWrite ? 260 : 80,
      render: (_, a) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setRolesOf(a)}>{t('accounts.manageRoles')}</Button>
          {canWrite && (
            <Popconfirm
              title={a.status === 'active' ? t('accounts.disableConfirm', { name: a.displayName }) : t('accounts.enableConfirm', { name: a.displayName })}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => act(() => accountsApi.update(a.id, { status: a.status === 'active' ? 'disabled' : 'active' }), t('accounts.updated'))}
            >
              <Button type="link" size="small" danger={a.status === 'active'}>{a.status === 'active' ? t('accounts.disable') : t('accounts.enable')}</Button>
            </Popconfirm>
          )}
          {canWrite && a.locked && (
            <Popconfirm title={t('accounts.unlockConfirm', { name: a.displayName })} okText={t('common.confirm')} cancelText={t('common.cancel')}
              onConfirm={() => act(() => accountsApi.unlock(a.id), t('accounts.updated'))}>
              <Button type="link" size="small">{t('accounts.unlock')}</Button>
            </Popconfirm>
          )}
          {canWrite && <Button type="link" size="small" onClick={() => setResetting(a)}>{t('accounts.resetPassword')}</Button>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        extra={canWrite && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>{t('accounts.create')}</Button>}
      />
      <div className="toolbar" role="search">
        <Input.Search
          allowClear
          placeholder={t('accounts.searchPlaceholder')}
          aria-label={t('accounts.search')}
          onSearch={(v) => setQ(v.trim())}
          enterButton={t('common.search')}
          style={{ maxWidth: 420 }}
        />
      </div>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : !list.isPending && rows.length === 0 ? (
        <EmptyPanel title={t('common.noData')} hint={t('accounts.emptyHint')} />
      ) : (
        <Table<Account>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 1420 }}
          footer={() => (
            <ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
          )}
        />
      )}
      <AccountCreateModal open={creating} onClose={() => setCreating(false)} />
      <ResetPasswordModal account={resetting} onClose={() => setResetting(null)} />
      <RolesDrawer account={rolesOf} canWrite={canWrite} onClose={() => setRolesOf(null)} />
    </>
  );
}
