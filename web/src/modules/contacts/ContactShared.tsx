// Pieces every 通讯录 tab uses: the 已退订 tag, the person picker (members and officials of the scope, with their
// opt-out shown while choosing), the set/clear opt-out dialog with its reason, and how a failed save is shown.
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SearchOutlined } from '@ant-design/icons';
import type { FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import { errorText } from '@/modules/common/errors';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ExportButton } from '@/modules/common/ExportButton';
import { ListFooter } from '@/modules/common/ListFooter';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { StatusTag } from '@/modules/common/StatusTag';
import { useDebounced } from '@/modules/common/useDebounced';
import { contactKeys, contactsApi, type Person } from './contacts-api';

export function OptOutTag({ optedOut }: { optedOut: boolean }) {
  const { t } = useTranslation();
  return optedOut ? <StatusTag tone="red">{t('contacts.optedOut')}</StatusTag> : null;
}

/** Searches members (and officials) of the caller's scope by name; each option says whether the person opted out. */
export function PersonSelect({ value, onChange, kind, initialLabel, id }: { value?: string; onChange?: (v: string | undefined, p?: Person) => void; kind?: 'member' | 'official'; initialLabel?: string; id?: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [options, setOptions] = useState<Person[]>([]);
  useEffect(() => {
    let live = true;
    if (!q) return;
    contactsApi.people(q, kind).then((r) => { if (live) setOptions(r.items); }).catch(() => { if (live) setOptions([]); });
    return () => { live = false; };
  }, [q, kind]);
  const key = (p: Person) => (kind ? p.id : `${p.kind}:${p.id}`);
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      value={value}
      placeholder={t('contacts.group.personPlaceholder')}
      aria-label={t('contacts.group.person')}
      notFoundContent={null}
      onChange={(v?: string) => onChange?.(v, options.find((p) => key(p) === v))}
      options={[
        ...(value && initialLabel && !options.some((p) => key(p) === value) ? [{ value, label: initialLabel }] : []),
        ...options.map((p) => ({
          value: key(p),
          label: (
            <Space size={4} wrap>
              <span>{p.name}</span>
              {!kind && <Typography.Text type="secondary">{t(`contacts.kind.${p.kind}`)}</Typography.Text>}
              <Typography.Text type="secondary">{p.orgName}</Typography.Text>
              {p.phone && <span className="mono small">{p.phone}</span>}
              <OptOutTag optedOut={p.optedOut} />
            </Space>
          ),
        })),
      ]}
    />
  );
}

export interface OptOutTarget { kind: 'member' | 'official' | 'contact'; id: string; name: string; optedOut: boolean }

/** 设为退订 / 取消退订 with the reason the audit log keeps. */
export function OptOutModal({ target, onClose }: { target: OptOutTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { if (target) { form.resetFields(); setError(null); } }, [target, form]);
  const submit = async ({ reason }: { reason: string }) => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const r = await contactsApi.setOptOut({ kind: target.kind, id: target.id, optedOut: !target.optedOut, reason: reason.trim() });
      message.success(!r.changed ? t('contacts.optOut.unchanged') : r.optedOut ? t('contacts.optOut.done') : t('contacts.optOut.cleared'));
      await queryClient.invalidateQueries({ queryKey: contactKeys.all });
      onClose();
    } catch (e) {
      setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={!!target}
      title={target && t(target.optedOut ? 'contacts.optOut.clearTitle' : 'contacts.optOut.setTitle', { name: target.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, danger: !target?.optedOut }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('contacts.optOut.note')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Form form={form} layout="vertical" onFinish={submit} name="optout-form">
        <Form.Item name="reason" label={t('contacts.optOut.reason')} rules={[{ required: true, whitespace: true, message: t('contacts.optOut.reasonRequired') }, { max: 200, message: t('contacts.validation.maxLength', { label: t('contacts.optOut.reason'), max: 200 }) }]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('contacts.optOut.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Field errors of a refused save go under their fields; anything else is returned for the form's alert. */
export function applyError<T>(form: FormInstance<T>, fields: readonly string[], e: unknown, t: (k: 'common.conflict') => string, text: (e: unknown) => string): string | null {
  if (isApiError(e) && e.errors.length) {
    const hits = e.errors.filter((x) => fields.includes(x.field)).map((x) => ({ name: x.field as never, errors: [x.message] }));
    if (hits.length) {
      form.setFields(hits);
      return null;
    }
  }
  if (isApiError(e) && e.status === 409 && e.code === 'conflict.version') return t('common.conflict');
  return text(e);
}

/** 删除 / 移出 after a confirmation; the lists reload. */
export function useConfirmedRemove() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  return (content: string, run: () => Promise<unknown>, done: string = t('contacts.deleted')) => modal.confirm({
    title: t('contacts.remove'), content, okButtonProps: { danger: true },
    onOk: async () => {
      try {
        await run();
        message.success(done);
        await queryClient.invalidateQueries({ queryKey: contactKeys.all });
      } catch (e) { message.error(errorText(t, e)); }
    },
  });
}

export interface TermFilter { q?: string; orgId?: string; status?: 'current' | 'ended' | 'all'; optedOut?: 'true' | 'false' }

/**
 * The filters of the posts and officials lists: name, organization subtree, one list-specific choice (职务 or 身份类别),
 * current/ended and opt-out, with 查询 / 重置 / 导出Excel.
 */
export function TermFilters<Q extends TermFilter>({ name, orgLabel, choice, exportPath, exportFile, exportTestId, query, onSearch }: {
  name: string; orgLabel: string; choice: { field: string; label: string; options: { value: string; label: string }[] };
  exportPath: string; exportFile: string; exportTestId: string; query: Q; onSearch: (q: Q) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Record<string, string | undefined>>();
  const L = (k: string) => t(`contacts.fields.${k}` as 'contacts.fields.name');
  const item = (field: string, label: string, control: ReactNode, span: { xs: number; sm: number; xl: number }) => (
    <Col {...span}><Form.Item name={field} label={label}>{control}</Form.Item></Col>
  );
  const select = (label: string, placeholder: string, options: { value: string; label: string }[]) => <Select allowClear placeholder={placeholder} aria-label={label} options={options} />;
  return (
    <Card size="small" className="filter-card">
      <Form name={name} form={form} layout="vertical" role="search" aria-label={name}
        onFinish={(v) => onSearch(Object.fromEntries(Object.entries({ ...v, q: v.q?.trim() }).filter(([, x]) => x)) as unknown as Q)}>
        <Row gutter={16}>
          {item('q', L('keyword'), <Input allowClear maxLength={30} placeholder={t('contacts.keywordPlaceholder')} />, { xs: 24, sm: 12, xl: 4 })}
          {item('orgId', orgLabel, <OrgPicker allowClear placeholder={t('contacts.scopeAll')} aria-label={orgLabel} />, { xs: 24, sm: 12, xl: 6 })}
          {item(choice.field, choice.label, select(choice.label, t('contacts.any'), choice.options), { xs: 12, sm: 6, xl: 3 })}
          {item('status', L('status'), select(L('status'), t('contacts.status.current'), (['current', 'ended', 'all'] as const).map((s) => ({ value: s, label: t(`contacts.status.${s}`) }))), { xs: 12, sm: 6, xl: 3 })}
          {item('optedOut', L('optedOut'), select(L('optedOut'), t('contacts.any'), [{ value: 'true', label: t('contacts.optedOut') }, { value: 'false', label: t('contacts.notOptedOut') }]), { xs: 12, sm: 6, xl: 3 })}
          <Col xs={24} sm={12} xl={5} className="filter-actions">
            <Space wrap>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>{t('common.search')}</Button>
              <Button onClick={() => { form.resetFields(); onSearch({} as Q); }}>{t('common.reset')}</Button>
              <ExportButton path={exportPath} query={{ ...(query as unknown as Record<string, string | undefined>) }} fileName={exportFile} testId={exportTestId} />
            </Space>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}

/** 编辑 / 设为退订 (or 取消退订) / 删除 of one row. */
export function RowActions({ name, optedOut, onEdit, onOptOut, onRemove }: { name: string; optedOut: boolean; onEdit?: () => void; onOptOut?: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <Space size={0} wrap>
      {onEdit && <Button type="link" size="small" onClick={onEdit} aria-label={`${t('contacts.edit')}：${name}`}>{t('contacts.edit')}</Button>}
      {onOptOut && <Button type="link" size="small" onClick={onOptOut}>{optedOut ? t('contacts.optOut.clear') : t('contacts.optOut.set')}</Button>}
      <Button type="link" size="small" danger onClick={onRemove} aria-label={`${t('contacts.remove')}：${name}`}>{t('contacts.remove')}</Button>
    </Space>
  );
}

type Paged<R> = { data?: { pages: { items: R[]; total: number }[] }; isError: boolean; error: unknown; isPending: boolean; hasNextPage: boolean; isFetchingNextPage: boolean; refetch: () => unknown; fetchNextPage: () => unknown };

/** A keyset-paged list: the error with a retry, the empty state, or the table with "加载更多". */
export function PagedTable<R extends { id: string }>({ list, columns, width, canWrite, size = 'middle' }: { list: Paged<R>; columns: ColumnsType<R>; width: number; canWrite: boolean; size?: 'middle' | 'small' }) {
  const { t } = useTranslation();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.isPending && rows.length === 0) return <EmptyPanel title={t('contacts.emptyTitle')} hint={canWrite ? t('contacts.emptyHint') : t('contacts.emptyHintReadOnly')} />;
  return (
    <Table<R> rowKey="id" size={size} columns={columns} dataSource={rows} loading={list.isPending} pagination={false} scroll={{ x: width }}
      footer={() => <ListFooter loaded={rows.length} total={list.data?.pages[0]?.total} hasMore={list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />} />
  );
}
