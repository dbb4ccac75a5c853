// 新增/编辑站点: organization, name, type, address, equipment, manager. PATCH sends only the
// changed fields with the updatedAt last read; a 409 offers to reload the current record.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Grid, Input, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import { enumOptions } from '@/i18n/enums';
import { errorText } from '@/modules/common/errors';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { stationKeys, stationsApi, type Station, type StationInput, type StationType } from './stations-api';

interface Values { orgId?: string; name?: string; type?: StationType; address?: string; equipment?: string; managerName?: string; contactPhone?: string }
const FIELDS = ['orgId', 'name', 'type', 'address', 'equipment', 'managerName', 'contactPhone'] as const;

const toValues = (s: Station): Values => ({
  orgId: s.orgId, name: s.name, type: s.type, address: s.address ?? '', equipment: s.equipment ?? '', managerName: s.managerName ?? '', contactPhone: s.contactPhone ?? '',
});
const toInput = (v: Values): StationInput => ({
  orgId: v.orgId!, name: v.name!.trim(), type: v.type!, address: v.address?.trim() || null, equipment: v.equipment?.trim() || null, managerName: v.managerName?.trim() || null, contactPhone: v.contactPhone?.trim() || null,
});

interface Props {
  open: boolean;
  /** The station to edit; null for a new one. */
  station: Station | null;
  onClose: () => void;
}

export function StationForm({ open, station: given, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [station, setStation] = useState<Station | null>(given);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const fill = (s: Station | null) => {
    setStation(s);
    setError(null);
    setConflict(false);
    form.resetFields();
    form.setFieldsValue(s ? toValues(s) : { type: 'village' });
  };
  useEffect(() => {
    if (open) fill(given);
  }, [open, given]); // eslint-disable-line react-hooks/exhaustive-deps -- refill only when the drawer opens or another station is given, not while the user types

  const L = (k: string) => t(`stations.fields.${k}` as 'stations.fields.name');
  const max = (k: string, n: number): Rule => ({ max: n, message: t('stations.validation.maxLength', { label: L(k), max: n }) });

  const reload = async () => {
    if (!station) return;
    setBusy(true);
    try {
      fill(await stationsApi.get(station.id));
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    setConflict(false);
    try {
      const input = toInput(v);
      if (station) {
        const before = toInput(toValues(station));
        const patch = Object.fromEntries(Object.entries(input).filter(([k, x]) => before[k as keyof StationInput] !== x)) as Partial<StationInput>;
        if (Object.keys(patch).length === 0) {
          message.info(t('stations.noChange'));
          onClose();
          return;
        }
        await stationsApi.update(station.id, { ...patch, updatedAt: station.updatedAt });
        message.success(t('stations.saved'));
      } else {
        const s = await stationsApi.create(input);
        message.success(t('stations.created', { name: s.name }));
      }
      await queryClient.invalidateQueries({ queryKey: stationKeys.all });
      onClose();
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        setError(t('common.conflict'));
        setConflict(true);
        return;
      }
      if (isApiError(e) && e.errors.length) {
        const known = new Set<string>(FIELDS);
        const hits = e.errors.filter((x) => known.has(x.field)).map((x) => ({ name: x.field as keyof Values, errors: [x.message] }));
        if (hits.length) {
          form.setFields(hits);
          return;
        }
      }
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const horizontal = !!screens.md;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.md ? 640 : '100%'}
      title={station ? t('common.titled', { title: t('stations.formEdit'), name: station.name }) : t('stations.formCreate')}
      destroyOnHidden
      footer={
        <Space className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="station-save">{t('common.save')}</Button>
        </Space>
      }
    >
      {error && (
        <Alert type="error" showIcon title={error} className="form-alert"
          action={conflict && <Button size="small" onClick={() => void reload()}>{t('common.refresh')}</Button>} />
      )}
      <Form
        name="station-form"
        form={form}
        layout={horizontal ? 'horizontal' : 'vertical'}
        labelCol={horizontal ? { flex: '6em' } : undefined}
        wrapperCol={horizontal ? { flex: '1 1 0' } : undefined}
        labelWrap
        onFinish={submit}
        disabled={busy}
        scrollToFirstError
      >
        <Form.Item name="orgId" label={L('org')} extra={t('stations.orgHint')} rules={[{ required: true, message: t('common.requiredSelect', { label: L('org') }) }]}>
          <OrgPicker initialLabel={station?.orgName} aria-label={L('org')} />
        </Form.Item>
        <Form.Item name="name" label={L('name')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: L('name') }) }, max('name', 80)]}>
          <Input maxLength={80} placeholder={t('stations.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="type" label={L('type')} rules={[{ required: true, message: t('common.requiredSelect', { label: L('type') }) }]}>
          <Select options={enumOptions(t, 'stationType')} />
        </Form.Item>
        <Form.Item name="address" label={L('address')} rules={[max('address', 120)]}>
          <Input maxLength={120} placeholder={t('stations.addressPlaceholder')} />
        </Form.Item>
        <Form.Item name="equipment" label={L('equipment')} rules={[max('equipment', 200)]}>
          <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('stations.equipmentPlaceholder')} />
        </Form.Item>
        <Form.Item name="managerName" label={L('managerName')} rules={[max('managerName', 30)]}>
          <Input maxLength={30} autoComplete="off" placeholder={t('stations.managerPlaceholder')} />
        </Form.Item>
        <Form.Item name="contactPhone" label={L('contactPhone')} rules={[max('contactPhone', 30)]} extra={t('stations.contactPhoneHint')}>
          <Input maxLength={30} autoComplete="off" inputMode="tel" placeholder="0571-87654321" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
