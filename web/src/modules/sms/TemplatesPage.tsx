// 短信模板: the library of saved texts broadcasts are composed from — the caller's organization's and those of the
// organizations above it (read-only, marked 上级); staff above can look at a lower organization's library. 新建 / 编辑 in a
// drawer with the compose page's live count; 删除 after a confirmation. The server checks every rule again.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Grid, Input, Space, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import type { Rule } from 'antd/es/form';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { errorText } from '@/modules/common/errors';
import { ListFooter } from '@/modules/common/ListFooter';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag } from '@/modules/common/StatusTag';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { chinaDateTime, editorCount } from './sms-format';
import { templateKeys, templatesApi, useTemplates, type SmsTemplate, type TemplateQuery } from './sms-templates-api';

const MAX_SEGMENTS = 10;
const NAME_MAX = 30;
/** Anything written as a variable that is not {姓名} or {组织} (as the server checks it). */
const VARIABLE_LIKE = /[{｛][^{}｛｝\r\n]{0,20}[}｝]/gu;

/** The first variable the sender would not fill in, with its position (from 1), or null. */
export function badVariable(text: string): { at: number; token: string } | null {
  for (const m of text.matchAll(VARIABLE_LIKE)) {
    if (m[0] !== '{姓名}' && m[0] !== '{组织}') return { at: [...text.slice(0, m.index)].length + 1, token: m[0] };
  }
  return null;
}

export function TemplatesPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const canSend = hasPerm(me, 'sms.send');
  const narrow = Grid.useBreakpoint().md === false;
  const [query, setQuery] = useState<TemplateQuery>({});
  const [editing, setEditing] = useState<SmsTemplate | null | undefined>(undefined);
  const [form] = Form.useForm<TemplateQuery>();
  const list = useTemplates(query);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const signature = t('sms.signature');
  const L = (k: 'name' | 'org' | 'text' | 'segments' | 'updatedAt') => t(`sms.templates.fields.${k}`);

  const remove = (tpl: SmsTemplate) => modal.confirm({
    title: t('sms.templates.remove'),
    content: t('sms.templates.confirmDelete', { name: tpl.name }),
    okButtonProps: { danger: true, 'data-testid': 'template-delete-ok' } as { danger: boolean } & Record<`data-${string}`, string>,
    okText: t('sms.templates.remove'),
    cancelText: t('sms.templates.cancel'),
    onOk: async () => {
      try {
        await templatesApi.remove(tpl.id);
        message.success(t('sms.templates.deleted'));
        await queryClient.invalidateQueries({ queryKey: templateKeys.all });
      } catch (e) {
        message.error(errorText(t, e));
      }
    },
  });

  const actions = (r: SmsTemplate) => (canSend && r.editable ? (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => setEditing(r)} aria-label={`${t('sms.templates.edit')}：${r.name}`} data-testid="template-edit">{t('sms.templates.edit')}</Button>
      <Button type="link" size="small" danger onClick={() => remove(r)} aria-label={`${t('sms.templates.remove')}：${r.name}`} data-testid="template-delete">{t('sms.templates.remove')}</Button>
    </Space>
  ) : null);
  const inheritedTag = (r: SmsTemplate) => (r.editable ? null : <Tooltip title={t('sms.templates.readOnlyHint')}><StatusTag tone="grey">{t('sms.templates.inherited')}</StatusTag></Tooltip>);
  const segments = (r: SmsTemplate) => t('sms.templates.segmentsValue', { segments: editorCount(r.text, signature).segments });

  const columns: ColumnsType<SmsTemplate> = [
    { title: L('name'), dataIndex: 'name', width: 170, render: (v: string) => <strong className="sms-template-name">{v}</strong> },
    { title: L('org'), dataIndex: 'orgName', width: 150, render: (v: string, r) => (
      <Space size={4} wrap><span>{v}</span>{inheritedTag(r)}</Space>
    ) },
    { title: L('text'), dataIndex: 'text', render: (v: string) => <span className="sms-template-text">{v}</span> },
    { title: L('segments'), key: 'segments', width: 72, align: 'right', render: (_: unknown, r) => segments(r) },
    { title: L('updatedAt'), dataIndex: 'updatedAt', width: 170, render: (v: string, r) => (
      <div><span className="mono">{chinaDateTime(v, false)}</span>{r.updatedByName && <div className="muted small">{r.updatedByName}</div>}</div>
    ) },
    ...(canSend ? [{
      title: t('sms.templates.actions'), key: 'actions', width: 120,
      render: (_: unknown, r: SmsTemplate) => actions(r) ?? <span className="muted small">{t('sms.templates.readOnly')}</span>,
    }] : []),
  ];

  return (
    <>
      <PageHeader
        title={t('sms.templates.title')}
        extra={canSend && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)} data-testid="template-new">{t('sms.templates.create')}</Button>
        )}
      />
      <Card size="small" className="filter-card">
        <Form name="template-filter" form={form} layout="inline" role="search" aria-label={t('sms.templates.title')}
          onFinish={(v) => setQuery({ orgId: v.orgId || undefined, q: v.q?.trim() || undefined })}>
          <Form.Item name="q" label={t('sms.templates.q')}><Input allowClear maxLength={30} placeholder={t('sms.templates.qPlaceholder')} data-testid="template-q" /></Form.Item>
          <Form.Item name="orgId" label={t('sms.templates.org')} tooltip={t('sms.templates.orgHint')}>
            <OrgPicker allowClear placeholder={t('sms.templates.orgPlaceholder')} aria-label={t('sms.templates.org')} style={{ minWidth: 220 }} />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>{t('sms.templates.search')}</Button>
            <Button onClick={() => { form.resetFields(); setQuery({}); }}>{t('sms.templates.reset')}</Button>
          </Space>
        </Form>
      </Card>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        : !list.isPending && rows.length === 0 ? <EmptyPanel title={t('sms.templates.emptyTitle')} hint={canSend ? t('sms.templates.emptyHint') : t('sms.templates.emptyHintReadOnly')} />
        : narrow ? (
          <>
            <div className="sms-inbox-cards" role="list" aria-label={t('sms.templates.title')}>
              {rows.map((r) => (
                <article key={r.id} className="sms-inbox-card" role="listitem" data-testid="template-row">
                  <div className="sms-inbox-card-head">
                    <strong className="sms-template-name">{r.name}</strong>
                    <span className="mono small muted nowrap">{chinaDateTime(r.updatedAt, false)}</span>
                  </div>
                  <div className="small muted"><Space size={4} wrap><span>{r.orgName}</span>{inheritedTag(r)}<span>· {segments(r)}</span></Space></div>
                  <div className="sms-inbox-card-text wrap-anywhere">{r.text}</div>
                  {actions(r) && <div className="sms-inbox-card-actions">{actions(r)}</div>}
                </article>
              ))}
            </div>
            <ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
          </>
        ) : (
          <Table<SmsTemplate> rowKey="id" size="middle" columns={columns} dataSource={rows} loading={list.isPending} pagination={false} scroll={{ x: canSend ? 900 : 780 }}
            onRow={() => ({ 'data-testid': 'template-row' }) as React.HTMLAttributes<HTMLElement>}
            footer={() => <ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />} />
        )}
      <TemplateDrawer open={editing !== undefined} template={editing ?? null} onClose={() => setEditing(undefined)} />
    </>
  );
}

interface FormValues { orgId?: string; name?: string; text?: string }

/** 新建 / 编辑: name, text with variables and the live count; the owner only for a new template. */
function TemplateDrawer({ open, template, onClose }: { open: boolean; template: SmsTemplate | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<FormValues>();
  const textRef = useRef<TextAreaRef>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const signature = t('sms.signature');
  const text = (Form.useWatch('text', form) as string | undefined) ?? '';
  const count = useMemo(() => editorCount(text, signature), [text, signature]);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (template) form.setFieldsValue({ name: template.name, text: template.text });
  }, [open, template, form]);

  const insert = (token: string) => {
    const el = textRef.current?.resizableTextArea?.textArea;
    const v: string = form.getFieldValue('text') ?? '';
    const at = el ? el.selectionStart : v.length;
    const end = el ? el.selectionEnd : v.length;
    form.setFieldValue('text', v.slice(0, at) + token + v.slice(end));
    void form.validateFields(['text']);
    requestAnimationFrame(() => { el?.focus(); el?.setSelectionRange(at + token.length, at + token.length); });
  };

  const rules: Record<'name' | 'text', Rule[]> = {
    name: [{ required: true, whitespace: true, message: t('sms.templates.nameRequired') }, { max: NAME_MAX, message: t('sms.templates.nameTooLong') }],
    text: [
      { required: true, whitespace: true, message: t('sms.templates.textRequired') },
      { validator: async (_: unknown, v?: string) => {
        const bad = v ? badVariable(v) : null;
        if (bad) throw new Error(t('sms.templates.badVariable', { at: bad.at, token: bad.token }));
        if (v && editorCount(v, signature).segments > MAX_SEGMENTS) throw new Error(t('sms.templates.textTooLong'));
      } },
    ],
  };

  const submit = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      const body = { name: v.name!.trim(), text: v.text!.trim() };
      if (template) await templatesApi.update(template.id, { ...body, updatedAt: template.updatedAt });
      else await templatesApi.create({ ...body, ...(v.orgId ? { orgId: v.orgId } : {}) });
      message.success(template ? t('sms.templates.saved') : t('sms.templates.created'));
      await queryClient.invalidateQueries({ queryKey: templateKeys.all });
      onClose();
    } catch (e) {
      if (isApiError(e) && e.errors.length) {
        const hits = e.errors.filter((x) => ['orgId', 'name', 'text'].includes(x.field)).map((x) => ({ name: x.field as keyof FormValues, errors: [x.message] }));
        if (hits.length) { form.setFields(hits); return; }
      }
      if (isApiError(e) && e.status === 409 && e.code === 'sms.template_duplicate_name') { form.setFields([{ name: 'name', errors: [e.title] }]); return; }
      setError(isApiError(e) && e.code === 'conflict.version' ? t('sms.templates.conflict') : errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={screens.md ? 560 : '100%'}
      destroyOnHidden
      title={template ? t('sms.templates.formEdit') : t('sms.templates.formCreate')}
      footer={
        <Space className="drawer-footer">
          <Button onClick={onClose}>{t('sms.templates.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="template-save">{t('sms.templates.save')}</Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} className="form-alert" role="alert" />}
      <Form<FormValues> form={form} layout="vertical" name="sms-template" onFinish={(v) => void submit(v)} disabled={busy}>
        {!template && (
          <Form.Item name="orgId" label={t('sms.templates.owner')} extra={t('sms.templates.ownerHint')}>
            <OrgPicker allowClear placeholder={t('sms.templates.ownerPlaceholder')} aria-label={t('sms.templates.owner')} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('sms.templates.fields.name')} rules={rules.name}>
          <Input maxLength={NAME_MAX} showCount autoComplete="off" data-testid="template-name" />
        </Form.Item>
        <Form.Item label={t('sms.templates.fields.text')} required htmlFor="sms-template_text">
          <Space size={4} wrap className="sms-vars">
            <span className="muted">{t('sms.compose.variables')}：</span>
            <Tooltip title={t('sms.compose.varHint')}><Button size="small" onClick={() => insert('{姓名}')}>{t('sms.compose.varName')}</Button></Tooltip>
            <Button size="small" onClick={() => insert('{组织}')}>{t('sms.compose.varOrg')}</Button>
          </Space>
          <Form.Item name="text" style={{ marginBottom: 0 }} rules={rules.text} extra={
            <div className="sms-counter" aria-live="polite" data-testid="template-counter">
              <div>{t('sms.compose.signatureNote', { signature })}</div>
              <div><strong>{t('sms.compose.counter', { chars: count.units, segments: count.segments, left: count.remaining })}</strong></div>
              {/\{姓名\}|\{组织\}/.test(text) && <div>{t('sms.compose.counterVars')}</div>}
            </div>
          }>
            <Input.TextArea ref={textRef} id="sms-template_text" rows={6} maxLength={1000} placeholder={t('sms.compose.textPlaceholder')} data-testid="template-text" />
          </Form.Item>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
