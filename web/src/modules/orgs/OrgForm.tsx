// 新增下级组织 / 编辑组织 in a modal. Edits send only what changed, with the version.
import { useEffect, useState } from 'react';
import { Alert, App, Col, DatePicker, Form, Grid, Input, Modal, Row, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import type { OrgDetail, OrgInput } from '@/api/types';
import { enumOptions } from '@/i18n/enums';
import { applyFieldErrors, errorText } from '@/modules/common/errors';
import { orgKeys, orgsApi, type OrgPatch } from './orgs-api';

type Values = Omit<OrgInput, 'parentId' | 'foundedOn'> & { foundedOn?: Dayjs | null };

interface Props {
  open: boolean;
  mode: 'create' | 'edit';
  /** The parent when creating, the organization itself when editing. */
  org: OrgDetail | null;
  onClose: () => void;
  onSaved: (org: OrgDetail) => void;
}

const TEXT_KEYS = ['name', 'fullName', 'regionCode', 'secretaryName', 'contactPhone'] as const;

export function OrgForm({ open, mode, org, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (mode === 'edit' && org) {
      form.setFieldsValue({
        name: org.name, fullName: org.fullName, type: org.type, level: org.level, sector: org.sector,
        regionCode: org.regionCode ?? '', secretaryName: org.secretaryName ?? '', contactPhone: org.contactPhone ?? '',
        foundedOn: org.foundedOn ? dayjs(org.foundedOn) : null, isOnline: org.isOnline,
      });
    } else if (org) {
      form.setFieldsValue({ type: 'branch', level: 'grassroots', sector: org.sector, isOnline: false, regionCode: org.regionCode ?? '' });
    }
  }, [open, mode, org, form]);

  const L = (k: keyof Values) => t(`orgs.fields.${k}`);
  const req = (k: keyof Values, select = false): Rule => ({ required: true, whitespace: !select, message: t(select ? 'common.requiredSelect' : 'common.required', { label: L(k) }) });

  const toBody = (v: Values): Omit<OrgInput, 'parentId'> => {
    const body: Record<string, unknown> = { type: v.type, level: v.level, sector: v.sector, isOnline: !!v.isOnline };
    for (const k of TEXT_KEYS) if (v[k]?.trim()) body[k] = v[k]!.trim();
    if (v.foundedOn) body.foundedOn = v.foundedOn.format('YYYY-MM-DD');
    return body as Omit<OrgInput, 'parentId'>;
  };

  const submit = async (v: Values) => {
    if (!org) return;
    setBusy(true);
    setError(null);
    try {
      let saved: OrgDetail;
      if (mode === 'create') {
        saved = await orgsApi.create({ ...toBody(v), parentId: org.id } as OrgInput);
        message.success(t('orgs.created', { name: saved.name }));
      } else {
        const body = toBody(v) as Record<string, unknown>;
        const patch: Record<string, unknown> = {};
        const before = org as unknown as Record<string, unknown>;
        for (const [k, val] of Object.entries(body)) if (val !== before[k]) patch[k] = val;
        // A field emptied in the form is cleared on the server with null.
        for (const k of [...TEXT_KEYS, 'foundedOn']) if (!(k in body) && before[k]) patch[k] = null;
        saved = await orgsApi.update(org.id, { ...patch, version: org.version } as OrgPatch);
        message.success(t('orgs.updated'));
      }
      await queryClient.invalidateQueries({ queryKey: orgKeys.all });
      onSaved(saved);
    } catch (e) {
      if (isApiError(e) && e.status === 409) setError(t('common.conflict'));
      else if (!applyFieldErrors(form, e)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const half = (node: React.ReactNode) => <Col xs={24} md={12}>{node}</Col>;
  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={busy}
      width={screens.md ? 760 : '100%'}
      title={mode === 'create' ? t('orgs.createTitle', { parent: org?.name ?? '' }) : t('orgs.editTitle', { name: org?.name ?? '' })}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'org-form-submit' } as Record<string, string>}
    >
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Form name="org-form" form={form} layout="vertical" onFinish={submit} disabled={busy}>
        <Row gutter={16}>
          {half(<Form.Item name="name" label={L('name')} rules={[req('name'), { max: 60 }]}><Input /></Form.Item>)}
          {half(<Form.Item name="fullName" label={L('fullName')} rules={[req('fullName'), { max: 120 }]}><Input /></Form.Item>)}
          {half(<Form.Item name="type" label={L('type')} rules={[req('type', true)]}><Select options={enumOptions(t, 'orgType')} /></Form.Item>)}
          {half(<Form.Item name="level" label={L('level')} rules={[req('level', true)]}><Select options={enumOptions(t, 'orgLevel')} /></Form.Item>)}
          {half(<Form.Item name="sector" label={L('sector')} rules={[req('sector', true)]}><Select options={enumOptions(t, 'orgSector')} /></Form.Item>)}
          {half(<Form.Item name="regionCode" label={L('regionCode')} rules={[{ pattern: /^\d{6}(\d{3}(\d{3})?)?$/, message: t('orgs.regionCodeFormat') }]}><Input inputMode="numeric" maxLength={12} /></Form.Item>)}
          {half(<Form.Item name="secretaryName" label={L('secretaryName')} rules={[{ max: 30 }]}><Input /></Form.Item>)}
          {half(<Form.Item name="contactPhone" label={L('contactPhone')} rules={[{ pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, message: t('orgs.phoneFormat') }]}><Input /></Form.Item>)}
          {half(<Form.Item name="foundedOn" label={L('foundedOn')}><DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>)}
          {half(<Form.Item name="isOnline" label={L('isOnline')} valuePropName="checked"><Switch /></Form.Item>)}
        </Row>
      </Form>
    </Modal>
  );
}
