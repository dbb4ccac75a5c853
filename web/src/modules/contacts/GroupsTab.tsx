// 联系人分组: staff-made groups of the caller's subtree; a group's people (members, officials, people outside the rolls)
// in a drawer with their opt-out shown, 添加成员 / 移出 / 退订 for contact.write.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Grid, Input, Modal, Radio, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { errorText } from '@/modules/common/errors';
import { ListFooter } from '@/modules/common/ListFooter';
import { StatusTag } from '@/modules/common/StatusTag';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { contactKeys, contactsApi, useEntries, useGroups, type ContactGroup, type ContactGroupEntry, type GroupQuery } from './contacts-api';
import { applyError, OptOutModal, OptOutTag, PersonSelect, useConfirmedRemove, type OptOutTarget } from './ContactShared';

export function GroupsTab({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const confirmRemove = useConfirmedRemove();
  const [query, setQuery] = useState<GroupQuery>({});
  const [editing, setEditing] = useState<ContactGroup | null | undefined>(undefined);
  const [open, setOpen] = useState<ContactGroup | null>(null);
  const [form] = Form.useForm<GroupQuery>();
  const list = useGroups(query);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const L = (k: string) => t(`contacts.fields.${k}` as 'contacts.fields.name');

  const remove = (g: ContactGroup) => confirmRemove(t('contacts.confirmDeleteGroup', { name: g.name }), () => contactsApi.deleteGroup(g.id));

  const columns: ColumnsType<ContactGroup> = [
    { title: L('groupName'), dataIndex: 'name', fixed: 'left', width: 200, render: (v: string, g) => <Button type="link" className="link-cell" onClick={() => setOpen(g)}>{v}</Button> },
    { title: L('owner'), dataIndex: 'orgName', width: 180, ellipsis: true },
    { title: L('entries'), dataIndex: 'entries', width: 80, align: 'right' },
    { title: L('description'), dataIndex: 'description', width: 240, ellipsis: true, render: (v: string | null) => v ?? <span className="muted">—</span> },
    {
      title: t('common.actions'), key: 'actions', width: 170,
      render: (_: unknown, g: ContactGroup) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setOpen(g)}>{t('contacts.entries')}</Button>
          {canWrite && <Button type="link" size="small" onClick={() => setEditing(g)} aria-label={`${t('contacts.edit')}：${g.name}`}>{t('contacts.edit')}</Button>}
          {canWrite && <Button type="link" size="small" danger onClick={() => remove(g)} aria-label={`${t('contacts.remove')}：${g.name}`}>{t('contacts.remove')}</Button>}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Card size="small" className="filter-card">
        <Form name="group-filter" form={form} layout="inline" role="search" aria-label={t('contacts.tabs.groups')}
          onFinish={(v) => setQuery({ orgId: v.orgId || undefined, q: v.q?.trim() || undefined })}>
          <Form.Item name="q" label={L('groupName')}><Input allowClear maxLength={30} /></Form.Item>
          <Form.Item name="orgId" label={L('owner')}><OrgPicker allowClear placeholder={t('contacts.scopeAll')} aria-label={L('owner')} style={{ minWidth: 220 }} /></Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>{t('common.search')}</Button>
            <Button onClick={() => { form.resetFields(); setQuery({}); }}>{t('common.reset')}</Button>
            {canWrite && <Button type="primary" ghost icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)} data-testid="group-new">{t('contacts.create.group')}</Button>}
          </Space>
        </Form>
      </Card>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        : !list.isPending && rows.length === 0 ? <EmptyPanel title={t('contacts.emptyTitle')} hint={canWrite ? t('contacts.emptyHint') : t('contacts.emptyHintReadOnly')} />
        : (
          <Table<ContactGroup> rowKey="id" size="middle" columns={columns} dataSource={rows} loading={list.isPending} pagination={false} scroll={{ x: 870 }}
            footer={() => <ListFooter loaded={rows.length} total={list.data?.pages[0]?.total} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />} />
        )}
      <GroupForm open={editing !== undefined} group={editing ?? null} onClose={() => setEditing(undefined)} />
      <EntriesDrawer group={open} canWrite={canWrite} onClose={() => setOpen(null)} />
    </>
  );
}

function GroupForm({ open, group, onClose }: { open: boolean; group: ContactGroup | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ orgId?: string; name?: string; description?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (group) form.setFieldsValue({ orgId: group.orgId, name: group.name, description: group.description ?? '' });
  }, [open, group, form]);
  const L = (k: string) => t(`contacts.fields.${k}` as 'contacts.fields.name');
  const submit = async (v: { orgId?: string; name?: string; description?: string }) => {
    setBusy(true);
    setError(null);
    try {
      if (group) await contactsApi.updateGroup(group.id, { updatedAt: group.updatedAt, name: v.name!.trim(), description: v.description?.trim() || null });
      else await contactsApi.createGroup({ orgId: v.orgId!, name: v.name!.trim(), description: v.description?.trim() || null });
      message.success(group ? t('contacts.saved') : t('contacts.created'));
      await queryClient.invalidateQueries({ queryKey: contactKeys.all });
      onClose();
    } catch (e) {
      setError(applyError(form, ['orgId', 'name', 'description'], e, t, (x) => errorText(t, x)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={group ? t('contacts.formGroupEdit') : t('contacts.formGroup')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Form form={form} layout="vertical" name="group-form" onFinish={submit} disabled={busy}>
        <Form.Item name="orgId" label={L('owner')} rules={[{ required: true, message: t('common.requiredSelect', { label: L('owner') }) }]}>
          <OrgPicker initialLabel={group?.orgName} aria-label={L('owner')} disabled={!!group} />
        </Form.Item>
        <Form.Item name="name" label={L('groupName')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: L('groupName') }) }, { max: 40, message: t('contacts.validation.maxLength', { label: L('groupName'), max: 40 }) }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="description" label={L('description')}><Input.TextArea rows={2} maxLength={200} showCount /></Form.Item>
      </Form>
    </Modal>
  );
}

function EntriesDrawer({ group, canWrite, onClose }: { group: ContactGroup | null; canWrite: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const confirmRemove = useConfirmedRemove();
  const screens = Grid.useBreakpoint();
  const entries = useEntries(group?.id ?? null);
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const [adding, setAdding] = useState(false);
  const [optOut, setOptOut] = useState<OptOutTarget | null>(null);
  const L = (k: string) => t(`contacts.fields.${k}` as 'contacts.fields.name');

  const removeEntry = (e: ContactGroupEntry) => confirmRemove(t('contacts.confirmRemoveEntry', { name: e.name }), () => contactsApi.removeEntry(group!.id, e.id), t('contacts.group.removed'));
  const columns: ColumnsType<ContactGroupEntry> = [
    { title: L('name'), dataIndex: 'name', width: 130, render: (v: string, e) => <Space size={4} wrap><span>{v}</span><OptOutTag optedOut={e.optedOut} />{e.inactive && <StatusTag tone="grey">{t('contacts.inactive')}</StatusTag>}</Space> },
    { title: L('kind'), dataIndex: 'kind', width: 100, render: (v: string) => t(`contacts.kind.${v}` as 'contacts.kind.member') },
    { title: L('memberOrg'), dataIndex: 'orgName', width: 160, ellipsis: true },
    { title: L('phone'), dataIndex: 'phone', width: 120, render: (v: string | null) => (v ? <span className="mono">{v}</span> : <span className="muted">—</span>) },
    ...(canWrite ? [{
      title: t('common.actions'), key: 'actions', width: 150,
      render: (_: unknown, e: ContactGroupEntry) => (
        <Space size={0} wrap>
          {e.phone && <Button type="link" size="small" onClick={() => setOptOut({ kind: e.kind, id: e.kind === 'member' ? e.memberId! : e.kind === 'official' ? e.officialId! : e.id, name: e.name, optedOut: e.optedOut })}>{e.optedOut ? t('contacts.optOut.clear') : t('contacts.optOut.set')}</Button>}
          <Button type="link" size="small" danger onClick={() => removeEntry(e)} aria-label={`${t('contacts.remove')}：${e.name}`}>{t('contacts.remove')}</Button>
        </Space>
      ),
    }] : []),
  ];
  return (
    <Drawer open={!!group} onClose={onClose} size={screens.md ? 760 : '100%'} destroyOnHidden title={group && t('contacts.group.entriesTitle', { name: group.name })}
      extra={canWrite && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} data-testid="entry-add">{t('contacts.group.add')}</Button>}>
      {entries.isError ? <ErrorResult error={entries.error} onRetry={() => void entries.refetch()} />
        : (
          <Table<ContactGroupEntry> rowKey="id" size="small" columns={columns} dataSource={rows} loading={entries.isPending} pagination={false} scroll={{ x: canWrite ? 660 : 510 }}
            footer={() => <ListFooter loaded={rows.length} total={entries.data?.pages[0]?.total} hasMore={!!entries.hasNextPage} loadingMore={entries.isFetchingNextPage} onMore={() => void entries.fetchNextPage()} />} />
        )}
      {group && <AddEntryModal open={adding} group={group} onClose={() => setAdding(false)} />}
      <OptOutModal target={optOut} onClose={() => setOptOut(null)} />
    </Drawer>
  );
}

function AddEntryModal({ open, group, onClose }: { open: boolean; group: ContactGroup; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ how: 'person' | 'phone'; person?: string; name?: string; phone?: string; note?: string }>();
  const how = Form.useWatch('how', form) ?? 'person';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { if (open) { form.resetFields(); setError(null); } }, [open, form]);
  const L = (k: string) => t(`contacts.fields.${k}` as 'contacts.fields.name');
  const submit = async (v: { how: 'person' | 'phone'; person?: string; name?: string; phone?: string; note?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const [kind, id] = (v.person ?? '').split(':');
      const body = v.how === 'person' ? (kind === 'member' ? { memberId: id } : { officialId: id }) : { name: v.name!.trim(), phone: v.phone!.trim() };
      await contactsApi.addEntry(group.id, { ...body, note: v.note?.trim() || null });
      message.success(t('contacts.group.added'));
      await queryClient.invalidateQueries({ queryKey: contactKeys.all });
      form.resetFields(['person', 'name', 'phone', 'note']);
    } catch (e) {
      setError(applyError(form, ['name', 'phone'], e, t, (x) => errorText(t, x)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('contacts.group.addTitle', { name: group.name })} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: busy }} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Form form={form} layout="vertical" name="entry-form" onFinish={submit} initialValues={{ how: 'person' }}>
        <Form.Item name="how"><Radio.Group optionType="button" options={[{ value: 'person', label: t('contacts.group.byPerson') }, { value: 'phone', label: t('contacts.group.byPhone') }]} /></Form.Item>
        {how === 'person' ? (
          <Form.Item name="person" label={t('contacts.group.person')} rules={[{ required: true, message: t('contacts.group.personRequired') }]}><PersonSelect /></Form.Item>
        ) : (
          <>
            <Form.Item name="name" label={L('name')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: L('name') }) }]}><Input maxLength={30} autoComplete="off" /></Form.Item>
            <Form.Item name="phone" label={L('phone')} rules={[{ required: true, message: t('common.required', { label: L('phone') }) }, { pattern: /^\s*(\+?86)?[\s-]*1[3-9](\s*-?\d){9}\s*$/, message: t('contacts.validation.mobile') }]}>
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={L('note')}><Input maxLength={100} /></Form.Item>
      </Form>
    </Modal>
  );
}
