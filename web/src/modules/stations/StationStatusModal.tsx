// 变更状态: 正常 / 停用 / 故障 with an optional reason (kept in the audit log).
import { useState } from 'react';
import { Alert, App, Descriptions, Form, Input, Modal, Radio } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { enumLabel, enumOptions } from '@/i18n/enums';
import { errorText } from '@/modules/common/errors';
import { stationKeys, stationsApi, type Station, type StationStatus } from './stations-api';

interface Values { status?: StationStatus; reason?: string }

export function StationStatusModal({ station, onClose }: { station: Station | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonLabel = t('stations.fields.reason');
  const newLabel = t('stations.statusNew');

  const submit = async (v: Values) => {
    if (!station || !v.status) return;
    setBusy(true);
    setError(null);
    try {
      const s = await stationsApi.setStatus(station.id, v.status, v.reason?.trim() || undefined);
      message.success(t('stations.statusDone', { name: s.name, status: enumLabel(t, 'stationStatus', s.status) }));
      await queryClient.invalidateQueries({ queryKey: stationKeys.all });
      onClose();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!station}
      title={t('stations.statusTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={busy}
      destroyOnHidden
      afterClose={() => { form.resetFields(); setError(null); }}
    >
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      {station && (
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }} items={[
          { key: 'name', label: t('stations.fields.name'), children: station.name },
          { key: 'cur', label: t('stations.statusCurrent'), children: enumLabel(t, 'stationStatus', station.status) },
        ]} />
      )}
      <Form name="station-status" form={form} layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item
          name="status"
          label={newLabel}
          rules={[
            { required: true, message: t('common.requiredSelect', { label: newLabel }) },
            { validator: (_, v?: string) => (v && v === station?.status ? Promise.reject(new Error(t('stations.statusSame'))) : Promise.resolve()) },
          ]}
        >
          <Radio.Group options={enumOptions(t, 'stationStatus').map((o) => ({ ...o, disabled: o.value === station?.status }))} />
        </Form.Item>
        <Form.Item name="reason" label={reasonLabel} rules={[{ max: 200, message: t('stations.validation.maxLength', { label: reasonLabel, max: 200 }) }]}>
          <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('stations.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
