// 登记返回: the return date of an open out-flow (not before it began, not after today).
import { useState } from 'react';
import { Alert, App, DatePicker, Form, Modal, type ButtonProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '@/modules/common/errors';
import { fmtDate } from '@/modules/common/format';
import { memberKeys } from '@/modules/members/members-api';
import { flowKeys, flowsApi, type Flow } from './flows-api';
import { applyErrorsTo, destination, isoDate, notFuture } from './form-utils';

export function ReturnModal({ flow, onClose }: { flow: Flow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ returnedOn: Dayjs | null }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = t('flows.fields.returnedOn');

  const submit = async (v: { returnedOn: Dayjs | null }) => {
    if (!flow || !v.returnedOn) return;
    setBusy(true);
    setError(null);
    try {
      await flowsApi.returned(flow.id, isoDate(v.returnedOn)!);
      message.success(t('flows.returnedDone', { name: flow.memberName }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: flowKeys.all }),
        queryClient.invalidateQueries({ queryKey: memberKeys.all }),
      ]);
      onClose();
    } catch (e) {
      if (!applyErrorsTo(form, e, ['returnedOn'])) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!flow}
      title={t('flows.returnTitle', { name: flow?.memberName ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('flows.actions.returned')}
      okButtonProps={{ 'data-testid': 'flow-return-submit' } as ButtonProps}
      confirmLoading={busy}
      destroyOnHidden
      afterClose={() => { form.resetFields(); setError(null); }}
    >
      {flow && <p className="muted">{t('flows.leftOnLine', { date: fmtDate(flow.leftOn), dest: destination(flow) })}</p>}
      <p>{t('flows.returnHint')}</p>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Form name="flow-return" form={form} layout="vertical" onFinish={submit} disabled={busy} initialValues={{ returnedOn: dayjs() }}>
        <Form.Item
          name="returnedOn"
          label={label}
          rules={[
            { required: true, message: t('common.requiredSelect', { label }) },
            notFuture(t('flows.validation.future')),
            {
              validator: (_, v?: Dayjs | null) => (v && flow && v.isBefore(dayjs(flow.leftOn), 'day')
                ? Promise.reject(new Error(t('flows.validation.returnBeforeLeft', { date: fmtDate(flow.leftOn) })))
                : Promise.resolve()),
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
