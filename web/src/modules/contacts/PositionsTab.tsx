// 党内职务: the posts held in the caller's subtree (现任 by default), filters, export, import, and for contact.write
// 登记 / 编辑 (填写离任时间) / 删除 and 退订. One current 书记 per organization: the server's 409 says who holds it.
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Drawer, Form, Grid, Input, Select, Space } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '@/modules/common/errors';
import { StatusTag } from '@/modules/common/StatusTag';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { contactKeys, contactsApi, POSITIONS, usePositions, type PartyPosition, type PositionQuery } from './contacts-api';
import { applyError, OptOutModal, OptOutTag, PagedTable, PersonSelect, RowActions, TermFilters, useConfirmedRemove, type OptOutTarget } from './ContactShared';

const day = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null);

export function PositionsTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const confirmRemove = useConfirmedRemove();
  const [query, setQuery] = useState<PositionQuery>({});
  const [editing, setEditing] = useState<PartyPosition | null | undefined>(undefined);
  const [optOut, setOptOut] = useState<OptOutTarget | null>(null);
  const list = usePositions(query);
  const L = (k: string) => t(`contacts.fields.${k}` as 'contacts.fields.name');

  const remove = (p: PartyPosition) => confirmRemove(t('contacts.confirmDelete', { name: p.memberName }), () => contactsApi.deletePosition(p.id));

  const columns: ColumnsType<PartyPosition> = [
    { title: L('name'), dataIndex: 'memberName', fixed: 'left', width: 120, render: (v: string, r) => <Space size={4} wrap><span>{v}</span><OptOutTag optedOut={r.optedOut} />{r.departed && <StatusTag tone="grey">{t('contacts.departed')}</StatusTag>}</Space> },
    { title: L('position'), dataIndex: 'position', width: 100, render: (v: string) => t(`contacts.position.${v}` as 'contacts.position.secretary') },
    { title: L('org'), dataIndex: 'orgName', width: 180, ellipsis: true },
    { title: L('memberOrg'), dataIndex: 'memberOrgName', width: 180, ellipsis: true },
    { title: L('mobile'), dataIndex: 'mobile', width: 120, render: (v: string | null) => (v ? <span className="mono">{v}</span> : <span className="muted">—</span>) },
    { title: L('startedOn'), dataIndex: 'startedOn', width: 110 },
    { title: L('endedOn'), dataIndex: 'endedOn', width: 110, render: (v: string | null, r) => (v ? <>{v}{!r.current && <div><StatusTag tone="grey">{t('contacts.ended')}</StatusTag></div>}</> : <span className="muted">—</span>) },
    ...(canWrite ? [{
      title: t('common.actions'), key: 'actions', width: 190, fixed: 'right' as const,
      render: (_: unknown, r: PartyPosition) => <RowActions name={r.memberName} optedOut={r.optedOut} onEdit={() => setEditing(r)} onOptOut={() => setOptOut({ kind: 'member', id: r.memberId, name: r.memberName, optedOut: r.optedOut })} onRemove={() => remove(r)} />,
    }] : []),
  ];

  return (
    <>
      <TermFilters name={t('contacts.tabs.positions')} orgLabel={L('org')} query={query} onSearch={setQuery}
        choice={{ field: 'position', label: L('position'), options: POSITIONS.map((p) => ({ value: p, label: t(`contacts.position.${p}`) })) }}
        exportPath="/api/exports/party-positions.xlsx" exportFile={t('contacts.exportPositions')} exportTestId="position-export" />
      {canWrite && (
        <Space wrap className="tab-actions">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)} data-testid="position-new">{t('contacts.create.position')}</Button>
          <Button icon={<UploadOutlined aria-hidden />} onClick={() => void navigate('/admin/imports?kind=party-positions')}>{t('contacts.import')}</Button>
        </Space>
      )}
      <PagedTable<PartyPosition> list={list} columns={columns} width={canWrite ? 1140 : 950} canWrite={canWrite} />
      <PositionForm open={editing !== undefined} position={editing ?? null} onClose={() => setEditing(undefined)} />
      <OptOutModal target={optOut} onClose={() => setOptOut(null)} />
    </>
  );
}

interface Values { memberId?: string; orgId?: string; position?: PartyPosition['position']; startedOn?: Dayjs | null; endedOn?: Dayjs | null; note?: string }
const FIELDS = ['memberId', 'orgId', 'position', 'startedOn', 'endedOn', 'note'] as const;

function PositionForm({ open, position, onClose }: { open: boolean; position: PartyPosition | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(position
      ? { memberId: position.memberId, orgId: position.orgId, position: position.position, startedOn: dayjs(position.startedOn), endedOn: position.endedOn ? dayjs(position.endedOn) : null, note: position.note ?? '' }
      : { position: 'secretary', startedOn: dayjs() });
  }, [open, position, form]);
  const L = (k: string) => t(`contacts.fields.${k}` as 'contacts.fields.name');
  const req = (k: string, select = false) => ({ required: true, message: t(select ? 'common.requiredSelect' : 'common.required', { label: L(k) }) });

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const common = { position: v.position!, startedOn: day(v.startedOn)!, endedOn: day(v.endedOn), note: v.note?.trim() || null };
      if (position) await contactsApi.updatePosition(position.id, { ...common, updatedAt: position.updatedAt });
      else await contactsApi.createPosition({ memberId: v.memberId!, orgId: v.orgId!, ...common });
      message.success(position ? t('contacts.saved') : t('contacts.created'));
      await queryClient.invalidateQueries({ queryKey: contactKeys.all });
      onClose();
    } catch (e) {
      setError(applyError(form, FIELDS, e, t, (x) => errorText(t, x)));
    } finally {
      setBusy(false);
    }
  };
  const horizontal = !!screens.md;
  return (
    <Drawer open={open} onClose={onClose} size={screens.md ? 560 : '100%'} destroyOnHidden
      title={position ? t('common.titled', { title: t('contacts.formPositionEdit'), name: position.memberName }) : t('contacts.formPosition')}
      footer={<Space className="drawer-footer"><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="position-save">{t('common.save')}</Button></Space>}>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Form name="position-form" form={form} layout={horizontal ? 'horizontal' : 'vertical'} labelCol={horizontal ? { flex: '7em' } : undefined} wrapperCol={horizontal ? { flex: '1 1 0' } : undefined}
        labelWrap onFinish={submit} disabled={busy} scrollToFirstError>
        <Form.Item name="memberId" label={L('member')} extra={!position && t('contacts.memberHint')} rules={[req('member', true)]}>
          {position ? <Input value={position.memberName} disabled /> : <PersonSelect kind="member" />}
        </Form.Item>
        <Form.Item name="orgId" label={L('org')} extra={!position && t('contacts.orgHint')} rules={[req('org', true)]}>
          <OrgPicker initialLabel={position?.orgName} aria-label={L('org')} disabled={!!position} />
        </Form.Item>
        <Form.Item name="position" label={L('position')} rules={[req('position', true)]}>
          <Select options={POSITIONS.map((p) => ({ value: p, label: t(`contacts.position.${p}`) }))} />
        </Form.Item>
        <Form.Item name="startedOn" label={L('startedOn')} rules={[req('startedOn', true)]}><DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
        <Form.Item name="endedOn" label={L('endedOn')} extra={t('contacts.endedHint')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="note" label={L('note')} rules={[{ max: 200, message: t('contacts.validation.maxLength', { label: L('note'), max: 200 }) }]}><Input.TextArea rows={2} maxLength={200} showCount /></Form.Item>
      </Form>
    </Drawer>
  );
}
