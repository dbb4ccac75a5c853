// 登录账户 of one member, for the staff of the member's organization: open the account (username and
// an initial password the member must change) or set a new one-time password. The server allows this
// only over the member's home organization; elsewhere its refusal is shown as it is.
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Spin } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, isApiError, ok } from '@/api/client';
import { enumLabel } from '@/i18n/enums';
import { applyFieldErrors, errorText } from '@/modules/common/errors';
import { fmtDateTime } from '@/modules/common/format';
import { StatusTag } from '@/modules/common/StatusTag';

const key = (memberId: string) => ['members', 'account', memberId] as const;

export function MemberAccountPanel({ memberId }: { memberId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const account = useQuery({ queryKey: key(memberId), queryFn: () => ok(api.GET('/api/members/{id}/account', { params: { path: { id: memberId } } })).then((r) => r.account), retry: false });
  const [openForm] = Form.useForm<{ username: string; password: string }>();
  const [resetForm] = Form.useForm<{ password: string }>();
  const [busy, setBusy] = useState(false);

  const run = async (form: typeof openForm | typeof resetForm, fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      message.success(done);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: key(memberId) });
    } catch (e) {
      // Password policy problems name the field newPassword; show them on this form's password.
      if (!applyFieldErrors(form, e)) form.setFields([{ name: 'password', errors: [errorText(t, e)] }]);
    } finally {
      setBusy(false);
    }
  };

  if (account.isPending) return <div className="page-fallback" role="status"><Spin /></div>;
  if (account.isError) {
    const refused = isApiError(account.error) && account.error.status === 403;
    return <Alert type={refused ? 'info' : 'error'} showIcon title={refused ? t('memberAccount.notHere') : errorText(t, account.error)} />;
  }
  const a = account.data;
  const password = t('memberAccount.password');
  return (
    <>
      <Alert type="info" showIcon className="form-alert" title={t('memberAccount.hint')} />
      {!a ? (
        <Form name="member-account-open" form={openForm} layout="vertical" disabled={busy} style={{ maxWidth: 420 }}
          onFinish={(v) => run(openForm, () => ok(api.POST('/api/members/{id}/account', { params: { path: { id: memberId } }, body: v })), t('memberAccount.opened', { name: v.username }))}>
          <p>{t('memberAccount.none')}</p>
          <Form.Item name="username" label={t('memberAccount.username')} extra={t('accounts.usernameFormat')}
            rules={[{ required: true, message: t('common.required', { label: t('memberAccount.username') }) }, { pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, message: t('accounts.usernameFormat') }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="password" label={password} extra={t('accounts.initialPasswordHint')} rules={[{ required: true, message: t('common.required', { label: password }) }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{t('memberAccount.open')}</Button>
        </Form>
      ) : (
        <>
          <Descriptions size="small" column={1} className="form-alert" items={[
            { key: 'username', label: t('memberAccount.username'), children: <span className="mono">{a.username}</span> },
            {
              key: 'status', label: t('accounts.fields.status'),
              children: <>
                <StatusTag tone={a.status === 'active' ? 'green' : 'grey'}>{enumLabel(t, 'accountStatus', a.status)}</StatusTag>
                {a.locked && <StatusTag tone="red">{t('accounts.fields.locked')}</StatusTag>}
                {a.mustChangePassword && <StatusTag tone="gold">{t('memberAccount.mustChange')}</StatusTag>}
              </>,
            },
            { key: 'last', label: t('accounts.fields.lastLoginAt'), children: a.lastLoginAt ? fmtDateTime(a.lastLoginAt) : t('accounts.never') },
          ]} />
          <Form name="member-account-reset" form={resetForm} layout="vertical" disabled={busy} style={{ maxWidth: 420 }}
            onFinish={(v) => run(resetForm, () => ok(api.POST('/api/members/{id}/account/reset-password', { params: { path: { id: memberId } }, body: v })), t('accounts.resetDone'))}>
            <Form.Item name="password" label={t('accounts.fields.newPassword')} extra={t('accounts.resetHint')}
              rules={[{ required: true, message: t('common.required', { label: t('accounts.fields.newPassword') }) }]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button htmlType="submit" loading={busy}>{t('accounts.resetPassword')}</Button>
          </Form>
        </>
      )}
    </>
  );
}
