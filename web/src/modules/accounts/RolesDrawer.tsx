// 角色管理 of one account: the grants it holds (each at an organization, reaching its
// subtree), revoke, and a form to grant another. Separation-of-duties and self-grant
// refusals come back from the server as Chinese titles and are shown as they are.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Empty, Form, Grid, Popconfirm, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isPendingApproval, type Account, type PendingApproval, type Role } from '@/api/types';
import { enumLabel } from '@/i18n/enums';
import { errorText } from '@/modules/common/errors';
import { StatusTag } from '@/modules/common/StatusTag';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { accountKeys, accountsApi, approvalKeys, useRoles } from './accounts-api';

export function RolesDrawer({ account, canWrite, onClose }: { account: Account | null; canWrite: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const roles = useRoles(!!account);
  const [current, setCurrent] = useState<Account | null>(account);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ role: Role; orgId: string }>();

  useEffect(() => {
    setCurrent(account);
    setError(null);
  }, [account]);

  const run = async (fn: () => Promise<Account | PendingApproval>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      const result = await fn();
      // Security and audit administrator roles wait for a second administrator's approval.
      if (isPendingApproval(result)) message.info(t('approvals.submitted'));
      else {
        setCurrent(result);
        message.success(done);
      }
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
      await queryClient.invalidateQueries({ queryKey: approvalKeys.all });
      return true;
    } catch (e) {
      setError(errorText(t, e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const grant = async (v: { role: Role; orgId: string }) => {
    if (current && (await run(() => accountsApi.grant(current.id, v.role, v.orgId), t('accounts.granted')))) form.resetFields();
  };

  const roleOptions = (roles.data ?? []).map((r) => ({
    value: r.role,
    label: r.adminRole ? t('common.withNote', { main: enumLabel(t, 'role', r.role), note: t('accounts.adminRole') }) : enumLabel(t, 'role', r.role),
  }));

  return (
    <Drawer open={!!account} onClose={onClose} size={screens.md ? 560 : '100%'} title={t('accounts.rolesTitle', { name: current?.displayName ?? '' })} destroyOnHidden>
      <Alert type="info" showIcon title={t('accounts.separationNote')} className="form-alert" />
      {error && <Alert type="error" showIcon title={error} className="form-alert" role="alert" />}
      <h2 className="card-h2">{t('accounts.currentRoles')}</h2>
      {current && current.roles.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('accounts.noRoles')} />
      ) : (
        <ul className="grant-list">
          {(current?.roles ?? []).map((g) => (
            <li key={g.grantId} className="grant-item">
              <div className="role-grant">
                <span><StatusTag tone="red">{enumLabel(t, 'role', g.role)}</StatusTag></span>
                <span className="role-grant-org">{g.orgName}</span>
              </div>
              {canWrite && (
                <Popconfirm
                  title={t('accounts.revokeConfirm', { role: enumLabel(t, 'role', g.role), org: g.orgName })}
                  okText={t('accounts.revoke')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => current && run(() => accountsApi.revoke(current.id, g.grantId), t('accounts.revoked'))}
                >
                  <Button size="small" danger disabled={busy}>{t('accounts.revoke')}</Button>
                </Popconfirm>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <>
          <h2 className="card-h2 roles-grant-title">{t('accounts.grant')}</h2>
          <Form name="role-grant" form={form} layout="vertical" onFinish={grant} disabled={busy}>
            <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('accounts.role') }) }]}>
              <Select options={roleOptions} loading={roles.isPending} />
            </Form.Item>
            <Form.Item name="orgId" label={t('accounts.org')} rules={[{ required: true, message: t('common.requiredSelect', { label: t('accounts.org') }) }]}>
              <OrgPicker />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>{t('accounts.grant')}</Button>
          </Form>
        </>
      )}
    </Drawer>
  );
}
