// 村干部名册: the officials of the villages in the caller's subtree (在任 by default) with the phone masked; 查看完整号码
// only where the reveal rule allows (the server decides and audits); 登记 / 编辑 / 删除 / 退订 for contact.write.
import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Drawer, Form, Grid, Input, Radio, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EyeOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '@/modules/common/errors';
import { StatusTag } from '@/modules/common/StatusTag';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { contactKeys, contactsApi, OFFICIAL_ROLES, useOfficials, type OfficialQuery, type VillageOfficial } from './contacts-api';
import { applyError, OptOutModal, OptOutTag, PagedTable, PersonSelect, RowActions, TermFilters, useConfirmedRemove, type OptOutTarget } from './ContactShared';

const day = (d?: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null);

function RevealPhone({ official }: { official: VillageOfficial }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!official.phone) return <span className="muted">—</span>;
  if (value) return <Typography.Text className="mono" copyable title={t('contacts.revealed')}>{value}</Typography.Text>;
  return (
    <span>
      <span className="mono">{official.phone}</span>
      {official.canReveal && (
        <Button type="link" size="small" icon={<EyeOutlined aria-hidden />} aria-label={`${t('contacts.reveal')}：${official.name}`}
          onClick={() => contactsApi.revealOfficial(official.id).then((r) => setValue(r.phone), (e) => setError(errorText(t, e)))} />
      )}
      {error && <div className="small" role="alert">{error}</div>}
    </span>
  );
}

export function OfficialsTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const confirmRemove = useConfirmedRemove();
  const [query, setQuery] = useState<OfficialQuery>({});
  const [editing, setEditing] = useState<VillageOfficial | null | undefined>(undefined);
  const [optOut, setOptOut] = useState<OptOutTarget | null>(null);
  const list = useOfficials(query);
  const L = (k: string) => t(`contacts.fields.${k}` as 'contacts.fields.name');

  const remove = (v: VillageOfficial) => confirmRemove(t('contacts.confirmDelete', { name: v.name }), () => contactsApi.deleteOfficial(v.id));

  const columns: ColumnsType<VillageOfficial> = [
    { title: L('name'), dataIndex: 'name', fixed: 'left', width: 120, render: (v: string, r) => <Space size={4} wrap><span>{v}</span><OptOutTag optedOut={r.optedOut} />{!r.current && <StatusTag tone="grey">{t('contacts.ended')}</StatusTag>}</Space> },
    { title: L('role'), dataIndex: 'role', width: 120, render: (v: string) => t(`contacts.role.${v}` as 'contacts.role.other') },
    { title: L('title'), dataIndex: 'title', width: 160, ellipsis: true, render: (v: string | null) => v ?? <span className="muted">—</span> },
    { title: L('village'), dataIndex: 'orgName', width: 170, ellipsis: true },
    { title: L('phone'), key: 'phone', width: 150, render: (_: unknown, r) => <RevealPhone official={r} /> },
    { title: L('startedOn'), dataIndex: 'startedOn', width: 110 },
    ...(canWrite ? [{
      title: t('common.actions'), key: 'actions', width: 190, fixed: 'right' as const,
      render: (_: unknown, r: VillageOfficial) => <RowActions name={r.name} optedOut={r.optedOut} onEdit={() => setEditing(r)} onOptOut={r.phone ? () => setOptOut({ kind: 'official', id: r.id, name: r.name, optedOut: r.optedOut }) : undefined} onRemove={() => remove(r)} />,
    }] : []),
  ];

  return (
    <>
      <TermFilters name={t('contacts.tabs.officials')} orgLabel={L('village')} query={query} onSearch={setQuery}
        choice={{ field: 'role', label: L('role'), options: OFFICIAL_ROLES.map((r) => ({ value: r, label: t(`contacts.role.${r}`) })) }}
        exportPath="/api/exports/village-officials.xlsx" exportFile={t('contacts.exportOfficials')} exportTestId="official-export" />
      {canWrite && (
        <Space wrap className="tab-actions">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)} data-testid="official-new">{t('contacts.create.official')}</Button>
          <Button icon={<UploadOutlined aria-hidden />} onClick={() => void navigate('/admin/imports?kind=village-officials')}>{t('contacts.import')}</Button>
        </Space>
      )}
      <PagedTable<VillageOfficial> list={list} columns={columns} width={canWrite ? 1020 : 830} canWrite={canWrite} />
      <OfficialForm open={editing !== undefined} official={editing ?? null} onClose={() => setEditing(undefined)} />
      <OptOutModal target={optOut} onClose={() => setOptOut(null)} />
    </>
  );
}

interface Values { orgId?: string; name?: string; role?: VillageOfficial['role']; title?: string; memberId?: string; phone?: string; gender?: 'male' | 'female'; startedOn?: Dayjs | null; endedOn?: Dayjs | null; note?: string }
const FIELDS = ['orgId', 'name', 'role', 'title', 'memberId', 'phone', 'gender', 'startedOn', 'endedOn', 'note'] as const;

function OfficialForm({ open, official, onClose }: { open: boolean; official: VillageOfficial | null; onClose: () => void }) {
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
    form.setFieldsValue(official
      ? { orgId: official.orgId, name: official.name, role: official.role, title: official.title ?? '', gender: official.gender ?? undefined, startedOn: dayjs(official.startedOn), endedOn: official.endedOn ? dayjs(official.endedOn) : null, note: official.note ?? '' }
      : { role: 'two_committees', startedOn: dayjs() });
  }, [open, official, form]);
  const L = (k: string) => t(`contacts.fields.${k}` as 'contacts.fields.name');
  const req = (k: string, select = false) => ({ required: true, whitespace: !select, message: t(select ? 'common.requiredSelect' : 'common.required', { label: L(k) }) });
  const max = (k: string, n: number) => ({ max: n, message: t('contacts.validation.maxLength', { label: L(k), max: n }) });

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const common = {
        name: v.name!.trim(), role: v.role!, title: v.title?.trim() || null, gender: v.gender ?? null, startedOn: day(v.startedOn)!, endedOn: day(v.endedOn), note: v.note?.trim() || null,
        ...(v.memberId ? { memberId: v.memberId } : {}),
      };
      if (official) await contactsApi.updateOfficial(official.id, { ...common, ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}), updatedAt: official.updatedAt });
      else await contactsApi.createOfficial({ orgId: v.orgId!, ...common, phone: v.phone?.trim() || null });
      message.success(official ? t('contacts.saved') : t('contacts.created'));
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
      title={official ? t('common.titled', { title: t('contacts.formOfficialEdit'), name: official.name }) : t('contacts.formOfficial')}
      footer={<Space className="drawer-footer"><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="official-save">{t('common.save')}</Button></Space>}>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Form name="official-form" form={form} layout={horizontal ? 'horizontal' : 'vertical'} labelCol={horizontal ? { flex: '7em' } : undefined} wrapperCol={horizontal ? { flex: '1 1 0' } : undefined}
        labelWrap onFinish={submit} disabled={busy} scrollToFirstError>
        <Form.Item name="orgId" label={L('village')} extra={!official && t('contacts.villageHint')} rules={[req('village', true)]}>
          <OrgPicker initialLabel={official?.orgName} aria-label={L('village')} disabled={!!official} />
        </Form.Item>
        <Form.Item name="name" label={L('name')} rules={[req('name'), max('name', 30)]}><Input maxLength={30} autoComplete="off" /></Form.Item>
        <Form.Item name="role" label={L('role')} rules={[req('role', true)]}><Select options={OFFICIAL_ROLES.map((r) => ({ value: r, label: t(`contacts.role.${r}`) }))} /></Form.Item>
        <Form.Item name="title" label={L('title')} rules={[max('title', 30)]}><Input maxLength={30} placeholder="村委会主任" /></Form.Item>
        <Form.Item name="gender" label={L('gender')}><Radio.Group options={[{ value: 'male', label: t('contacts.gender.male') }, { value: 'female', label: t('contacts.gender.female') }]} /></Form.Item>
        <Form.Item name="phone" label={L('phone')} extra={official?.phone ? `${official.phone}（${t('contacts.phoneHint')}）` : t('contacts.phoneHint')}
          rules={[{ pattern: /^\s*(\+?86)?[\s-]*1[3-9](\s*-?\d){9}\s*$/, message: t('contacts.validation.mobile') }]}>
          <Input maxLength={20} autoComplete="off" inputMode="tel" placeholder="13957108866" />
        </Form.Item>
        <Form.Item name="memberId" label={L('member')} extra={t('contacts.memberOptional')}><PersonSelect kind="member" /></Form.Item>
        <Form.Item name="startedOn" label={L('startedOn')} rules={[req('startedOn', true)]}><DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
        <Form.Item name="endedOn" label={L('endedOn')} extra={t('contacts.endedHint')}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="note" label={L('note')} rules={[max('note', 200)]}><Input.TextArea rows={2} maxLength={200} showCount /></Form.Item>
      </Form>
    </Drawer>
  );
}
