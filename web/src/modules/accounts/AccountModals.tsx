// 新增账户 and 重置密码: two small modal forms. Policy failures come back as Chinese
// problem titles and are shown under the password field.
import { useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import { isPendingApproval, type Account } from '@/api/types';
import { enumOptions } from '@/i18n/enums';
import { applyFieldErrors, errorText } from '@/modules/common/errors';
import { accountKeys, accountsApi } from './accounts-api';

interface CreateValues { username: string; displayName: string; kind: 'staff' | 'public'; password: string }

export function AccountCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CreateValues>();
  const [busy, setBusy] = useState(false);
  const L = (k: 'username' | 'displayName' | 'kind' | 'password') => t(`accounts.fields.${k}`);

  const submit = async (v: CreateValues) => {
    setBusy(true);
    try {
      const a = await accountsApi.create({ ...v, username: v.username.trim(), displayName: v.displayName.trim() });
      message.success(t('accounts.created', { name: a.username }));
      await queryClient.invalidateQueries({ queryKey: accountKeys.all });
      onClose();
    } catch (e) {
      if (applyFieldErrors(form, e)) return;
      const field = isApiError(e) && e.code.startsWith('auth.password') ? 'password' : 'username';
      form.setFields([{ name: field, errors: [errorText(t, e)] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('accounts.createTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} confirmLoading={busy} destroyOnHidden afterClose={() => form.resetFields()}>
      <Form name="account-create" form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'staff' }} disabled={busy}>
        <Form.Item name="username" label={L('username')} rules={[{ required: true, message: t('common.required', { label: L('username') }) }, { pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, message: t('accounts.usernameFormat') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={L('displayName')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: L('displayName') }) }, { max: 60 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={L('kind')} rules={[{ required: true }]}>
          {/* Member accounts are opened by the member's organization, not here. */}
          <Select options={enumOptions(t, 'accountKind').filter((o) => o.value !== 'member')} />
        </Form.Item>
        <Form.Item name="password" label={L('password')} extra={t('accounts.initialPasswordHint')} rules={[{ required: true, message: t('common.required', { label: L('password') }) }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ResetPasswordModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);
  const label = t('accounts.fields.newPassword');

  const submit = async ({ password }: { password: string }) => {
    if (!account) return;
    setBusy(true);
    try {
      const result = await accountsApi.resetPassword(account.id, password);
      if (isPendingApproval(result)) message.info(t('approvals.submitted'));
      else message.success(t('accounts.resetDone'));
      onClose();
    } catch (e) {
      form.setFields([{ name: 'password', errors: [errorText(t, e)] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!account}
      title={t('accounts.resetTitle', { name: account?.displayName ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('accounts.resetPassword')}
      confirmLoading={busy}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <p>{t('accounts.resetHint')}</p>
      <Form name="reset-password" form={form} layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item name="password" label={label} rules={[{ required: true, message: t('common.required', { label }) }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
