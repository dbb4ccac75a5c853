// 登记组织生活 / 登记党费: one dated record (not after today) with an optional note.
import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '@/modules/common/errors';
import { flowsApi, type ActivityKind } from './flows-api';
import { applyErrorsTo, isoDate, notFuture } from './form-utils';

export interface ActivityTarget { memberId: string; name: string; kind: ActivityKind }
interface Values { onDate: Dayjs | null; note?: string }

export function ActivityModal({ target, onClose }: { target: ActivityTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = target?.kind ?? 'life';
  const dateLabel = t(kind === 'dues' ? 'flows.fields.duesOnDate' : 'flows.fields.lifeOnDate');
  const noteLabel = t('flows.fields.note');

  const submit = async (v: Values) => {
    if (!target || !v.onDate) return;
    setBusy(true);
    setError(null);
    try {
      await flowsApi.activity(target.memberId, { kind, onDate: isoDate(v.onDate)!, note: v.note?.trim() || null });
      message.success(t(`flows.activityDone.${kind}`, { name: target.name }));
      await queryClient.invalidateQueries({ queryKey: ['flows', 'inactive'] });
      onClose();
    } catch (e) {
      if (!applyErrorsTo(form, e, ['onDate', 'note'])) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!target}
      title={t(`flows.activityTitle.${kind}`, { name: target?.name ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={busy}
      destroyOnHidden
      afterClose={() => { form.resetFields(); setError(null); }}
    >
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Form name="member-activity" form={form} layout="vertical" onFinish={submit} disabled={busy} initialValues={{ onDate: dayjs() }}>
        <Form.Item name="onDate" label={dateLabel} rules={[{ required: true, message: t('common.requiredSelect', { label: dateLabel }) }, notFuture(t('flows.validation.future'))]}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={noteLabel} rules={[{ max: 100, message: t('flows.validation.maxLength', { label: noteLabel, max: 100 }) }]}>
          <Input.TextArea rows={2} maxLength={100} showCount placeholder={t(`flows.notePlaceholder.${kind}`)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
