// 党务公开 in the console: the items of the actor's villages (/admin/disclosures), a new one (…/new), one item's editor
// with its versions, attachments and the questions from the public (…/:id; …/questions/:id opens a question's item), the disclosure calendar (…/plans) and a plan's board, one level at a time
// (…/plans/:id?parent=).
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams, useSearchParams } from 'react-router';
import { App, Alert, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Select, Space, Table, Tabs, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ExportButton } from '@/modules/common/ExportButton';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag, type Tone } from '@/modules/common/StatusTag';
import { applyFieldErrors, errorText } from '@/modules/common/errors';
import { chinaDateTime, fmtCount } from '@/modules/common/format';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import {
  disclosureKeys, disclosuresApi, KINDS, periodOptions, plainYuan, toFen, uploadAttachment, useBoard, useItem, useItems, usePlans, yuan,
  type Board, type DisclosureItem, type DisclosureKind, type DisclosureState, type ItemSummary, type Plan,
} from './disclosures-api';
import { DisclosureQuestions, QuestionRedirect } from './DisclosureQuestions';

const STATE_TONE: Record<DisclosureState, Tone> = { draft: 'grey', published: 'green', withdrawn: 'gold' };
const STATUS_TONE: Record<string, Tone> = { on_time: 'green', late: 'gold', missing: 'red', pending: 'grey' };

export function DisclosuresConsole({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<Home me={me} tab="items" />} />
      <Route path="plans" element={<Home me={me} tab="plans" />} />
      <Route path="plans/:id" element={<PlanBoard />} />
      <Route path="questions/:questionId" element={<QuestionRedirect />} />
      <Route path="new" element={<Editor me={me} />} />
      <Route path=":id" element={<Editor me={me} />} />
    </Routes>
  );
}

function Home({ me, tab }: { me: Me; tab: 'items' | 'plans' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={t('disclosures.title')}
        extra={tab === 'items' && hasPerm(me, 'disclosure.write') && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/admin/disclosures/new')} data-testid="disclosure-new">{t('disclosures.create')}</Button>
        )}
      />
      <Tabs activeKey={tab} onChange={(k) => void navigate(k === 'plans' ? '/admin/disclosures/plans' : '/admin/disclosures')}
        items={[{ key: 'items', label: t('disclosures.tabs.items'), children: tab === 'items' ? <ItemList /> : null }, { key: 'plans', label: t('disclosures.tabs.plans'), children: tab === 'plans' ? <PlanList me={me} /> : null }]} />
    </>
  );
}

function ItemList() {
  const { t } = useTranslation();
  const [orgId, setOrgId] = useState<string>();
  const [kind, setKind] = useState<DisclosureKind>();
  const [state, setState] = useState<DisclosureState>();
  const list = useItems({ orgId, kind, state, limit: 100 });
  const F = (k: string) => t(`disclosures.fields.${k}` as 'disclosures.fields.title');
  const columns: ColumnsType<ItemSummary> = [
    { title: F('title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/admin/disclosures/${r.id}`} data-testid="disclosure-open">{v}</Link> },
    { title: F('kind'), dataIndex: 'kind', width: 100, render: (v: DisclosureKind) => t(`disclosures.kinds.${v}`) },
    { title: F('period'), dataIndex: 'periodLabel', width: 150 },
    { title: F('org'), dataIndex: 'orgName', width: 180, ellipsis: true },
    { title: F('state'), dataIndex: 'state', width: 90, render: (v: DisclosureState) => <StatusTag tone={STATE_TONE[v]}>{t(`disclosures.states.${v}`)}</StatusTag> },
    { title: F('version'), dataIndex: 'version', width: 70, align: 'right' },
    { title: F('unanswered'), dataIndex: 'unansweredQuestions', width: 100, align: 'right', render: (v: number, r) => (v > 0 ? <Link to={`/admin/disclosures/${r.id}#questions`}><StatusTag tone="gold">{fmtCount(v)}</StatusTag></Link> : <span className="muted">0</span>) },
    { title: F('publishedAt'), dataIndex: 'publishedAt', width: 160, render: (v: string | null) => <span className="mono">{v ? chinaDateTime(v, false) : '—'}</span> },
  ];
  return (
    <>
      <Form layout="inline" className="filter-form" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={F('org')}><OrgPicker allowClear value={orgId} onChange={(v) => setOrgId(v)} placeholder={t('disclosures.allOrgs')} style={{ minWidth: 220 }} /></Form.Item>
        <Form.Item label={F('kind')}><Select allowClear value={kind} onChange={setKind} placeholder={t('disclosures.allKinds')} style={{ width: 130 }} options={KINDS.map((k) => ({ value: k, label: t(`disclosures.kinds.${k}`) }))} /></Form.Item>
        <Form.Item label={F('state')}><Select allowClear value={state} onChange={setState} placeholder={t('disclosures.allStates')} style={{ width: 120 }} options={(['draft', 'published', 'withdrawn'] as const).map((s) => ({ value: s, label: t(`disclosures.states.${s}`) }))} /></Form.Item>
        <Form.Item>
          <ExportButton path="/api/exports/disclosures.xlsx" query={{ orgId, kind, state }} fileName={t('disclosures.exportItemsFile')} label={t('disclosures.exportItems')} testId="disclosures-export" />
        </Form.Item>
      </Form>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} pagination={false} scroll={{ x: 1000 }}
          locale={{ emptyText: <EmptyPanel title={t('disclosures.empty')} hint={t('disclosures.emptyHint')} /> }} />
      )}
    </>
  );
}

interface LineValue { direction: 'income' | 'expense'; category: string; amount: string; note?: string }
interface EditorValues { orgId?: string; kind: DisclosureKind; period: string; title: string; bodyHtml: string; opening?: string; lines?: LineValue[]; incomeTotal?: string; expenseTotal?: string; closing?: string }

function toForm(it: DisclosureItem): EditorValues {
  const f = it.finance;
  return {
    orgId: it.orgId, kind: it.kind, period: it.period, title: it.title, bodyHtml: it.bodyHtml,
    ...(f ? { opening: plainYuan(f.openingFen), incomeTotal: plainYuan(f.incomeTotalFen), expenseTotal: plainYuan(f.expenseTotalFen), closing: plainYuan(f.closingFen),
      lines: f.lines.map((l) => ({ direction: l.direction, category: l.category, amount: plainYuan(l.amountFen), note: l.note })) } : {}),
  };
}
function financeOf(v: EditorValues) {
  if (v.kind !== 'finance') return undefined;
  const y = (s: string | undefined) => String(s ?? '').replace(/,/g, '').trim();
  return { opening: y(v.opening), incomeTotal: y(v.incomeTotal), expenseTotal: y(v.expenseTotal), closing: y(v.closing),
    lines: (v.lines ?? []).map((l) => ({ direction: l.direction, category: l.category ?? '', amount: y(l.amount), ...(l.note ? { note: l.note } : {}) })) };
}

function Editor({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id } = useParams();
  const item = useItem(id);
  const [form] = Form.useForm<EditorValues>();
  const [busy, setBusy] = useState(false);
  const kind = Form.useWatch('kind', form);
  const canWrite = hasPerm(me, 'disclosure.write');
  const F = (k: string) => t(`disclosures.fields.${k}` as 'disclosures.fields.title');
  const FI = (k: string) => t(`disclosures.finance.${k}` as 'disclosures.finance.title');
  const it = item.data;
  const done = async (text: string) => {
    message.success(text);
    await qc.invalidateQueries({ queryKey: disclosureKeys.all });
  };
  const fail = (e: unknown) => {
    // The finance table's messages name their fields as finance.<field>; the form's fields are flat.
    if (e && typeof e === 'object' && 'errors' in e && Array.isArray((e as { errors: unknown[] }).errors)) {
      for (const fe of (e as { errors: { field: string }[] }).errors) fe.field = fe.field.replace(/^finance\.lines\.(\d+)\./, 'lines.$1.').replace(/^finance\./, '');
    }
    if (!applyFieldErrors(form, e)) message.error(errorText(t, e));
  };
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (!id) {
        const r = await disclosuresApi.create({ orgId: v.orgId!, kind: v.kind, period: v.period, title: v.title, bodyHtml: v.bodyHtml ?? '', finance: financeOf(v) });
        await done(t('disclosures.saved'));
        void navigate(`/admin/disclosures/${r.id}`, { replace: true });
      } else {
        const r = await disclosuresApi.update(id, { version: it!.version, period: v.period, title: v.title, bodyHtml: v.bodyHtml ?? '', finance: financeOf(v) });
        await done(it!.state === 'published' ? t('disclosures.revised', { version: r.version }) : t('disclosures.saved'));
      }
    } catch (e) { fail(e); } finally { setBusy(false); }
  };
  const act = async (fn: () => Promise<unknown>, text: (r: unknown) => string) => {
    setBusy(true);
    try { const r = await fn(); await done(text(r)); } catch (e) { fail(e); } finally { setBusy(false); }
  };
  const compute = () => {
    const v = form.getFieldsValue(true) as EditorValues;
    const sum = (d: string) => (v.lines ?? []).filter((l) => l?.direction === d).reduce((s, l) => s + (toFen(l.amount) || 0), 0);
    const inc = sum('income'), exp = sum('expense'), open = toFen(v.opening) || 0;
    form.setFieldsValue({ incomeTotal: plainYuan(inc), expenseTotal: plainYuan(exp), closing: plainYuan(open + inc - exp) });
    message.info(FI('computed').replace('{{income}}', yuan(inc)).replace('{{expense}}', yuan(exp)).replace('{{closing}}', yuan(open + inc - exp)));
  };

  if (id && item.isError) return <ErrorResult error={item.error} onRetry={() => void item.refetch()} />;
  if (id && !it) return <Card loading />;
  const initial: EditorValues = it ? toForm(it) : { kind: 'party', period: periodOptions()[1]!.value, title: '', bodyHtml: '', opening: '0.00', lines: [{ direction: 'income', category: '', amount: '' }] };

  return (
    <>
      <PageHeader
        title={it ? it.title : t('disclosures.create')}
        extra={it && (
          <Space wrap>
            {it.state !== 'draft' && it.state !== 'withdrawn' && <a href={`/disclosure/${it.id}`} target="_blank" rel="noreferrer">{t('disclosures.publicPage')}</a>}
            {it.state === 'published' && <a href={`/tv/disclosures/${it.orgId}`} target="_blank" rel="noreferrer">{t('disclosures.tvPage')}</a>}
          </Space>
        )}
      >
        <Typography.Text type="secondary"><Link to="/admin/disclosures">{t('disclosures.title')}</Link>{it ? ` / ${it.orgPathNames.slice(-3).join(' / ')}` : ''}</Typography.Text>
      </PageHeader>
      {it?.state === 'published' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('disclosures.revisionNote')} />}
      <Card>
        <Form form={form} layout="vertical" initialValues={initial} disabled={!canWrite || it?.state === 'withdrawn'} requiredMark>
          <Space wrap size="large" align="start">
            {it ? (
              <Form.Item label={F('org')}><Input value={it.orgName} disabled style={{ width: 260 }} aria-label={F('org')} /></Form.Item>
            ) : (
              <Form.Item name="orgId" label={F('org')} rules={[{ required: true, message: t('disclosures.orgHelp') }]} extra={t('disclosures.orgHelp')}>
                <OrgPicker style={{ width: 260 }} data-testid="disclosure-org" aria-label={F('org')} />
              </Form.Item>
            )}
            <Form.Item name="kind" label={F('kind')} rules={[{ required: true }]}>
              <Select disabled={!!it} style={{ width: 140 }} options={KINDS.map((k) => ({ value: k, label: t(`disclosures.kinds.${k}`) }))} aria-label={F('kind')} data-testid="disclosure-kind" />
            </Form.Item>
            <Form.Item name="period" label={F('period')} rules={[{ required: true, message: t('disclosures.periodPlaceholder') }]}>
              <Select showSearch style={{ width: 180 }} options={periodOptions()} optionFilterProp="label" aria-label={F('period')} />
            </Form.Item>
          </Space>
          <Form.Item name="title" label={F('title')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input maxLength={100} data-testid="disclosure-title" />
          </Form.Item>
          <Form.Item name="bodyHtml" label={F('body')} extra={t('disclosures.bodyHelp')}>
            <Input.TextArea rows={10} data-testid="disclosure-body" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          {kind === 'finance' && (
            <Card size="small" title={FI('title')} style={{ marginBottom: 16 }}>
              <Form.Item name="opening" label={FI('opening')} rules={[{ required: true }]}><Input style={{ width: 200 }} inputMode="decimal" /></Form.Item>
              <Form.List name="lines">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} wrap align="start" style={{ display: 'flex' }}>
                        <Form.Item name={[f.name, 'direction']} rules={[{ required: true }]}><Select style={{ width: 100 }} aria-label={FI('direction')} options={[{ value: 'income', label: FI('income') }, { value: 'expense', label: FI('expense') }]} /></Form.Item>
                        <Form.Item name={[f.name, 'category']} rules={[{ required: true, whitespace: true, message: FI('category') }]}><Input placeholder={FI('category')} aria-label={FI('category')} style={{ width: 220 }} /></Form.Item>
                        <Form.Item name={[f.name, 'amount']} rules={[{ required: true, pattern: /^\d{1,11}(\.\d{1,2})?$/, message: FI('amount') }]}><Input placeholder={FI('amount')} aria-label={FI('amount')} inputMode="decimal" style={{ width: 150 }} /></Form.Item>
                        <Form.Item name={[f.name, 'note']}><Input placeholder={FI('note')} aria-label={FI('note')} style={{ width: 200 }} /></Form.Item>
                        <Button onClick={() => remove(f.name)} aria-label="−">−</Button>
                      </Space>
                    ))}
                    <div><Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ direction: 'expense', category: '', amount: '' })}>{FI('addLine')}</Button></div>
                  </>
                )}
              </Form.List>
              <Space wrap style={{ marginTop: 16 }} align="start">
                <Form.Item name="incomeTotal" label={FI('incomeTotal')} rules={[{ required: true }]}><Input style={{ width: 180 }} inputMode="decimal" /></Form.Item>
                <Form.Item name="expenseTotal" label={FI('expenseTotal')} rules={[{ required: true }]}><Input style={{ width: 180 }} inputMode="decimal" /></Form.Item>
                <Form.Item name="closing" label={FI('closing')} rules={[{ required: true }]}><Input style={{ width: 180 }} inputMode="decimal" /></Form.Item>
              </Space>
              <Button onClick={compute}>{FI('compute')}</Button>
            </Card>
          )}
        </Form>
        {canWrite && it?.state !== 'withdrawn' && (
          <Space wrap>
            <Button type={it?.state === 'published' ? 'primary' : 'default'} loading={busy} onClick={() => void save()} data-testid="disclosure-save">
              {it?.state === 'published' ? t('disclosures.saveRevision') : t('disclosures.save')}
            </Button>
            {it?.state === 'draft' && (
              <Button type="primary" loading={busy} data-testid="disclosure-publish" onClick={() => void act(() => disclosuresApi.publish(it.id), (r) => t('disclosures.published', { version: (r as { version: number }).version }))}>{t('disclosures.publish')}</Button>
            )}
            {it?.state === 'published' && (
              <Popconfirm title={t('disclosures.withdrawConfirm')} onConfirm={() => void act(() => disclosuresApi.withdraw(it.id), () => t('disclosures.withdrawn'))}>
                <Button danger loading={busy}>{t('disclosures.withdraw')}</Button>
              </Popconfirm>
            )}
          </Space>
        )}
        {canWrite && it?.state === 'withdrawn' && (
          <Button type="primary" loading={busy} onClick={() => void act(() => disclosuresApi.publish(it.id), (r) => t('disclosures.published', { version: (r as { version: number }).version }))}>{t('disclosures.publish')}</Button>
        )}
      </Card>
      {it && (
        <Card title={t('disclosures.attachments')} style={{ marginTop: 16 }} extra={canWrite && (
          <Upload showUploadList={false} customRequest={({ file }) => void act(() => uploadAttachment(it.id, file as File), () => (it.versions.length > 0 ? t('disclosures.uploadedPending') : t('disclosures.uploaded')))}>
            <Button icon={<UploadOutlined aria-hidden />}>{t('disclosures.upload')}</Button>
          </Upload>
        )}>
          {it.attachments.length === 0 ? <Typography.Text type="secondary">—</Typography.Text> : (
            <ul className="disclosure-attachments" style={{ paddingInlineStart: 20, margin: 0 }}>
              {it.attachments.map((a) => (
                <li key={a.id} data-testid="disclosure-attachment" style={{ marginBottom: 4 }}>
                  <Space wrap size={[8, 0]}>
                    <a href={`/api/disclosures/${it.id}/attachments/${a.id}`} className="wrap-anywhere">{a.fileName}</a>
                    {it.versions.length > 0 && a.firstVersion === null && <span title={t('disclosures.attachmentPendingHint')}><StatusTag tone="gold">{t('disclosures.attachmentPending')}</StatusTag></span>}
                    <Typography.Text type="secondary" copyable={{ text: a.url }}>{t('disclosures.copyUrl')}</Typography.Text>
                    {canWrite && it.state !== 'withdrawn' && (
                      <Popconfirm
                        title={t('disclosures.attachmentRemoveConfirm', { name: a.fileName })}
                        description={a.firstVersion === null ? t('disclosures.attachmentRemoveDraft') : t('disclosures.attachmentRemoveKept')}
                        okText={t('disclosures.attachmentRemove')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => void act(() => disclosuresApi.removeAttachment(it.id, a.id), (r) => ((r as { kept: boolean }).kept ? t('disclosures.attachmentKept') : t('disclosures.attachmentRemoved')))}
                      >
                        <Button type="link" size="small" danger aria-label={`${t('disclosures.attachmentRemove')}：${a.fileName}`} data-testid="disclosure-attachment-remove">{t('disclosures.attachmentRemove')}</Button>
                      </Popconfirm>
                    )}
                  </Space>
                </li>
              ))}
            </ul>
          )}
          {it.versions.length > 0 && <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('disclosures.attachmentsNote')}</Typography.Paragraph>}
        </Card>
      )}
      {it && it.versions.length > 0 && <DisclosureQuestions itemId={it.id} />}
      {it && it.versions.length > 0 && (
        <Card title={t('disclosures.versions')} style={{ marginTop: 16 }}>
          <Descriptions column={1} size="small" bordered items={it.versions.map((v) => ({
            key: v.version, label: `${t('disclosures.fields.version')} ${v.version} · ${chinaDateTime(v.publishedAt, false)}`,
            children: <span><Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="disclosure-fingerprint">{v.fingerprint}</Typography.Text> {v.title}</span>,
          }))} />
        </Card>
      )}
    </>
  );
}

function PlanList({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const plans = usePlans();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ orgId: string; kind: DisclosureKind; period: string; dueOn: Dayjs }>();
  const P = (k: string) => t(`disclosures.plans.${k}` as 'disclosures.plans.create');
  const canPlan = hasPerm(me, 'disclosure.plan');
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await disclosuresApi.createPlan({ orgId: v.orgId, kind: v.kind, period: v.period, dueOn: v.dueOn.format('YYYY-MM-DD') });
      message.success(P('created'));
      setOpen(false);
      form.resetFields();
      await qc.invalidateQueries({ queryKey: disclosureKeys.plans });
    } catch (e) { if (!applyFieldErrors(form, e)) message.error(errorText(t, e)); }
  };
  const columns: ColumnsType<Plan> = [
    { title: t('disclosures.fields.period'), dataIndex: 'periodLabel', width: 150, render: (v: string, r) => <Link to={`/admin/disclosures/plans/${r.id}`} data-testid="plan-open">{v}</Link> },
    { title: t('disclosures.fields.kind'), dataIndex: 'kind', width: 100, render: (v: DisclosureKind) => t(`disclosures.kinds.${v}`) },
    { title: P('org'), dataIndex: 'orgName', width: 160, ellipsis: true },
    { title: P('dueOn'), dataIndex: 'dueOn', width: 120, render: (v: string) => <span className="mono">{v}</span> },
    { title: P('counts'), key: 'counts', render: (_: unknown, r) => <Counts c={r.counts} /> },
    ...(canPlan ? [{ title: '', key: 'x', width: 80, render: (_: unknown, r: Plan) => (
      <Popconfirm title={P('deleteConfirm')} onConfirm={() => void disclosuresApi.deletePlan(r.id).then(() => { message.success(P('deleted')); return qc.invalidateQueries({ queryKey: disclosureKeys.plans }); }).catch((e: unknown) => message.error(errorText(t, e)))}>
        <Button type="link" danger size="small">{P('delete')}</Button>
      </Popconfirm>
    ) }] : []),
  ];
  return (
    <>
      {canPlan && <div style={{ marginBottom: 12 }}><Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setOpen(true)}>{P('create')}</Button></div>}
      {plans.isError ? <ErrorResult error={plans.error} onRetry={() => void plans.refetch()} /> : (
        <Table rowKey="id" size="middle" columns={columns} dataSource={plans.data?.items ?? []} loading={plans.isFetching} pagination={false} scroll={{ x: 800 }}
          locale={{ emptyText: <EmptyPanel title={P('empty')} hint={P('emptyHint')} /> }} />
      )}
      <Modal open={open} title={P('create')} onCancel={() => setOpen(false)} onOk={() => void submit()} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ kind: 'party', period: periodOptions()[1]!.value }}>
          <Form.Item name="orgId" label={P('org')} extra={P('orgHelp')} rules={[{ required: true, message: P('orgHelp') }]}><OrgPicker aria-label={P('org')} /></Form.Item>
          <Form.Item name="kind" label={t('disclosures.fields.kind')} rules={[{ required: true }]}><Select options={KINDS.map((k) => ({ value: k, label: t(`disclosures.kinds.${k}`) }))} /></Form.Item>
          <Form.Item name="period" label={t('disclosures.fields.period')} rules={[{ required: true }]}><Select showSearch optionFilterProp="label" options={periodOptions()} /></Form.Item>
          <Form.Item name="dueOn" label={P('dueOn')} rules={[{ required: true, message: P('dueOn') }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Counts({ c }: { c: Board['totals'] }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <StatusTag tone="green">{t('disclosures.statuses.on_time')} {fmtCount(c.onTime)}</StatusTag>
      <StatusTag tone="gold">{t('disclosures.statuses.late')} {fmtCount(c.late)}</StatusTag>
      <StatusTag tone="red">{t('disclosures.statuses.missing')} {fmtCount(c.missing)}</StatusTag>
      <StatusTag tone="grey">{t('disclosures.statuses.pending')} {fmtCount(c.pending)}</StatusTag>
      <span className="muted small">/ {fmtCount(c.total)}</span>
    </Space>
  );
}

function PlanBoard() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const parentId = params.get('parent') ?? undefined;
  const board = useBoard(id, parentId);
  const B = (k: string, o?: Record<string, unknown>) => String(t(`disclosures.board.${k}` as never, o as never));
  const b = board.data;
  type Row = Board['rows'][number];
  const num = (k: keyof Row['counts']) => ({ title: t(k === 'total' ? 'disclosures.board.total' : `disclosures.statuses.${k === 'onTime' ? 'on_time' : k}` as never), key: k, width: 96, align: 'right' as const, render: (_: unknown, r: Row) => fmtCount(r.counts[k]) });
  const columns: ColumnsType<Row> = [
    { title: B('org'), dataIndex: 'name', render: (v: string, r) => (r.hasChildren ? <Button type="link" size="small" onClick={() => setParams({ parent: r.orgId })} data-testid="board-drill">{v}</Button> : v) },
    { title: B('status'), key: 'status', width: 140, render: (_: unknown, r) => (r.status ? <StatusTag tone={STATUS_TONE[r.status]!}>{t(`disclosures.statuses.${r.status}`)}</StatusTag> : '—') },
    num('total'), num('onTime'), num('late'), num('missing'), num('pending'),
  ];
  if (board.isError) return <ErrorResult error={board.error} onRetry={() => void board.refetch()} />;
  return (
    <>
      <PageHeader title={b ? B('title', { plan: `${b.plan.periodLabel}${t(`disclosures.kinds.${b.plan.kind}`)}` }) : t('disclosures.tabs.plans')}>
        <Space wrap split="·">
          <Link to="/admin/disclosures/plans">{B('back')}</Link>
          {b && <span>{b.parent.name}</span>}
          {b && <span>{B('due', { due: b.plan.dueOn })}</span>}
          {b && <span>{B('today', { today: b.today })}</span>}
          {b?.parent.parentId && <Button type="link" size="small" onClick={() => setParams(b.parent.parentId === b.plan.orgId ? {} : { parent: b.parent.parentId! })}>{B('up')}</Button>}
        </Space>
      </PageHeader>
      {b && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
            <Counts c={b.totals} />
            <Space wrap>
              <ExportButton path="/api/exports/disclosure-board.xlsx" query={{ planId: id, parentId, overdue: true }} fileName={t('disclosures.exportOverdueFile')} label={t('disclosures.exportOverdue')} testId="board-export-overdue" />
              <ExportButton path="/api/exports/disclosure-board.xlsx" query={{ planId: id, parentId }} fileName={t('disclosures.exportBoardFile')} label={t('disclosures.exportBoard')} testId="board-export" />
            </Space>
          </Space>
        </Card>
      )}
      <Table rowKey="orgId" size="middle" columns={columns} dataSource={b?.rows ?? []} loading={board.isFetching} pagination={false} scroll={{ x: 760 }}
        summary={() => b && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}><strong>{B('totals')}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={1} />
            {(['total', 'onTime', 'late', 'missing', 'pending'] as const).map((k, i) => <Table.Summary.Cell key={k} index={i + 2} align="right"><strong>{fmtCount(b.totals[k])}</strong></Table.Summary.Cell>)}
          </Table.Summary.Row>
        )} />
    </>
  );
}


