// 网络党支部: shows the online branch a migrant member belongs to, attaches them to one
// (an active organization flagged as online) or detaches them. The home branch never changes.
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Modal, Popconfirm, Select, Space, Spin } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '@/modules/common/errors';
import { useDebounced } from '@/modules/common/useDebounced';
import { memberKeys } from '@/modules/members/members-api';
import { flowKeys, flowsApi, useOnlineBranch, useOnlineBranchOrgs, type Flow } from './flows-api';
import { applyErrorsTo } from './form-utils';

export function OnlineBranchModal({ flow, canWrite, onClose }: { flow: Flow | null; canWrite: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ orgId?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [input, setInput] = useState('');
  const q = useDebounced(input);
  const current = useOnlineBranch(flow?.memberId ?? '', !!flow);
  const orgs = useOnlineBranchOrgs(q, !!flow && canWrite);
  const name = flow?.memberName ?? '';
  const label = t('flows.onlinePick');

  const refresh = () => Promise.all([
    queryClient.invalidateQueries({ queryKey: flowKeys.all }), // the list shows the online branch too
    queryClient.invalidateQueries({ queryKey: memberKeys.all }),
  ]);

  const attach = async (v: { orgId?: string }) => {
    if (!flow || !v.orgId) return;
    setBusy(true);
    setError(null);
    try {
      const r = await flowsApi.attach(flow.memberId, v.orgId);
      queryClient.setQueryData(flowKeys.online(flow.memberId), r);
      message.success(t('flows.onlineAttached', { name, org: r.orgName ?? '' }));
      await refresh();
      onClose();
    } catch (e) {
      if (!applyErrorsTo(form, e, ['orgId'])) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const detach = async () => {
    if (!flow) return;
    setBusy(true);
    setError(null);
    try {
      const r = await flowsApi.detach(flow.memberId);
      queryClient.setQueryData(flowKeys.online(flow.memberId), r);
      message.success(t('flows.onlineDetached', { name }));
      await refresh();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const cur = current.data;
  return (
    <Modal
      open={!!flow}
      title={t('flows.onlineTitle', { name })}
      onCancel={onClose}
      footer={canWrite ? (
        <Space wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="online-attach">{t('flows.actions.attach')}</Button>
        </Space>
      ) : <Button onClick={onClose}>{t('common.close')}</Button>}
      destroyOnHidden
      afterClose={() => { form.resetFields(); setError(null); setInput(''); }}
    >
      <p className="muted">{t('flows.onlineHint')}</p>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      {current.isPending ? <Spin /> : current.isError ? (
        <Alert type="error" showIcon title={errorText(t, current.error)} className="form-alert" />
      ) : (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} items={[{
          key: 'cur',
          label: t('flows.onlineCurrent'),
          children: cur?.orgId ? (
            <Space wrap>
              <span>{cur.orgName}</span>
              {canWrite && (
                <Popconfirm
                  title={t('flows.detachConfirm', { name, org: cur.orgName ?? '' })}
                  description={t('flows.detachConfirmHint')}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => void detach()}
                >
                  <Button size="small" danger loading={busy} data-testid="online-detach">{t('flows.actions.detach')}</Button>
                </Popconfirm>
              )}
            </Space>
          ) : t('flows.onlineNone'),
        }]} />
      )}
      {canWrite && (
        <Form name="online-branch" form={form} layout="vertical" onFinish={attach} disabled={busy}>
          <Form.Item name="orgId" label={label} rules={[{ required: true, message: t('common.requiredSelect', { label: t('flows.fields.onlineBranch') }) }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setInput, searchValue: input }}
              placeholder={t('flows.onlinePlaceholder')}
              loading={orgs.isFetching}
              notFoundContent={orgs.isFetching ? t('common.loading') : t('flows.onlineNoOrgs')}
              options={(orgs.data ?? []).filter((o) => o.id !== cur?.orgId).map((o) => ({ value: o.id, label: o.name }))}
              getPopupContainer={(el: HTMLElement) => el.parentElement ?? document.body}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
