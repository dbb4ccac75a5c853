// 干部工作 in the console: batches of vacant posts (/admin/cadres), a new batch (…/batches/new), one batch with counts
// per post and candidate and the reasons (…/batches/:id), its edit (…/batches/:id/edit) and withdrawal; pre-appointment
// notices (…/notices), a new one (…/notices/new), one notice with its versions, its objections (objectors masked, each
// revealed by an audited POST), their answers, the confirmation and the withdrawal (…/notices/:id), its edit (…/notices/:id/edit).
import { useEffect, useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { App, Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, EyeOutlined, MinusCircleOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag, type Tone } from '@/modules/common/StatusTag';
import { errorText } from '@/modules/common/errors';
import { chinaDateTime, fmtCount } from '@/modules/common/format';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { ScrollRegion } from '@/modules/sms/ScrollRegion';
import {
  applyNestedErrors, cadreKeys, cadresApi, useBatch, useBatches, useNotice, useNotices, useObjections,
  type Batch, type BatchSummary, type Notice, type NoticeSummary, type Objection, type ObjectorIdentity,
} from './cadres-api';

const BATCH_TONE: Record<BatchSummary['status'], Tone> = { upcoming: 'grey', open: 'green', closed: 'gold', withdrawn: 'red' };
const NOTICE_TONE: Record<NoticeSummary['status'], Tone> = { objection: 'blue', ended: 'gold', confirmed: 'green', withdrawn: 'red' };
const OBJ_TONE: Record<Objection['state'], Tone> = { held: 'grey', received: 'red', answered: 'green', rejected: 'grey' };
const REC_TONE: Record<Batch['posts'][number]['recommendations'][number]['state'], Tone> = { held: 'grey', received: 'green', rejected: 'grey' };
const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD') ?? '';
const cn = (iso: string) => { const [y, m, d] = iso.split('-'); return `${y}年${Number(m)}月${Number(d)}日`; };

export function CadresConsole({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<Home me={me} tab="batches" />} />
      <Route path="notices" element={<Home me={me} tab="notices" />} />
      <Route path="batches/new" element={<BatchEditor />} />
      <Route path="batches/:id" element={<BatchPage />} />
      <Route path="batches/:id/edit" element={<BatchEditor />} />
      <Route path="notices/new" element={<NoticeEditor />} />
      <Route path="notices/:id" element={<NoticePage />} />
      <Route path="notices/:id/edit" element={<NoticeEditor />} />
    </Routes>
  );
}

function Home({ me, tab }: { me: Me; tab: 'batches' | 'notices' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = hasPerm(me, 'cadre.write');
  return (
    <>
      <PageHeader
        title={t('cadres.title')}
        extra={canWrite && (tab === 'batches'
          ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/admin/cadres/batches/new')}>{t('cadres.createBatch')}</Button>
          : <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/admin/cadres/notices/new')}>{t('cadres.createNotice')}</Button>)}
      />
      <Tabs activeKey={tab} onChange={(k) => void navigate(k === 'notices' ? '/admin/cadres/notices' : '/admin/cadres')}
        items={[{ key: 'batches', label: t('cadres.tabs.batches'), children: tab === 'batches' ? <BatchList /> : null },
          { key: 'notices', label: t('cadres.tabs.notices'), children: tab === 'notices' ? <NoticeList /> : null }]} />
    </>
  );
}

function BatchList() {
  const { t } = useTranslation();
  const list = useBatches();
  const B = (k: string) => t(`cadres.batch.${k}` as 'cadres.batch.title');
  const columns: ColumnsType<BatchSummary> = [
    { title: B('title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/admin/cadres/batches/${r.id}`}>{v}</Link> },
    { title: B('org'), dataIndex: 'orgName', width: 180, ellipsis: true },
    { title: B('dates'), key: 'dates', width: 210, render: (_, r) => <span className="mono">{r.opensOn} ~ {r.closesOn}</span> },
    { title: B('status'), dataIndex: 'status', width: 90, render: (v: BatchSummary['status']) => <StatusTag tone={BATCH_TONE[v]}>{t(`cadres.batchStatus.${v}`)}</StatusTag> },
    { title: B('posts'), dataIndex: 'postCount', width: 80, align: 'right' },
    { title: B('recommendations'), dataIndex: 'recommendationCount', width: 100, align: 'right', render: (v: number) => fmtCount(v) },
  ];
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Table rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isLoading} pagination={false} scroll={{ x: 800 }}
      locale={{ emptyText: <EmptyPanel title={t('cadres.emptyBatches')} hint={t('cadres.emptyBatchesHint')} /> }} />
  );
}

interface BatchValues { orgId?: string; title: string; dates?: [Dayjs, Dayjs]; posts: { id?: string; name: string; unit: string; headcount: number; requirements: string }[] }

/** A new batch, or (with :id) the edit of one: posts that have recommendations are shown but cannot be changed or removed. */
function BatchEditor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id } = useParams();
  const existing = useBatch(id ?? '', !!id);
  const b = id ? existing.data : undefined;
  const [form] = Form.useForm<BatchValues>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (b) form.setFieldsValue({ title: b.title, dates: [dayjs(b.opensOn), dayjs(b.closesOn)], posts: b.posts.map((p) => ({ id: p.id, name: p.name, unit: p.unit, headcount: p.headcount, requirements: p.requirements })) });
  }, [b, form]);
  const lockedIds = new Set((b?.posts ?? []).filter((p) => p.locked).map((p) => p.id));
  const started = !!b && b.status !== 'upcoming';
  const B = (k: string) => t(`cadres.batch.${k}` as 'cadres.batch.title');
  const P = (k: string) => t(`cadres.post.${k}` as 'cadres.post.name');
  const req = [{ required: true, message: t('cadres.required') }];
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const fields = { title: v.title ?? '', opensOn: day(v.dates?.[0]), closesOn: day(v.dates?.[1]),
        posts: (v.posts ?? []).map((p) => ({ name: p.name ?? '', unit: p.unit ?? '', headcount: p.headcount ?? 1, requirements: p.requirements ?? '' })) };
      const r = id
        ? await cadresApi.updateBatch(id, { ...fields, posts: fields.posts.map((p, i) => ({ ...p, id: v.posts[i]?.id ?? null })) })
        : await cadresApi.createBatch({ orgId: v.orgId!, ...fields });
      message.success(t(id ? 'cadres.saved' : 'cadres.published'));
      await qc.invalidateQueries({ queryKey: cadreKeys.all });
      void navigate(`/admin/cadres/batches/${r.id}`, { replace: true });
    } catch (e) {
      if (!applyNestedErrors(form, e)) message.error(errorText(t, e));
    } finally { setBusy(false); }
  };
  const title = id ? t('cadres.editBatch') : t('cadres.createBatch');
  if (id && existing.isError) return <ErrorResult error={existing.error} onRetry={() => void existing.refetch()} />;
  return (
    <>
      <PageHeader title={title} extra={<Link to={id ? `/admin/cadres/batches/${id}` : '/admin/cadres'}>{t('cadres.back')}</Link>} />
      <Card loading={!!id && !b}>
        {id && <Alert type="info" showIcon message={t('cadres.editRules.batch')} style={{ marginBottom: 16, maxWidth: 860 }} />}
        <Form form={form} layout="vertical" initialValues={{ posts: [{ headcount: 1 }] }} style={{ maxWidth: 860 }} onFinish={() => void save()}>
          {id ? <Form.Item label={B('org')}><Input value={b?.orgName} disabled /></Form.Item>
            : <Form.Item name="orgId" label={B('org')} rules={req}><OrgPicker /></Form.Item>}
          <Form.Item name="title" label={B('title')} rules={req}><Input maxLength={100} /></Form.Item>
          <Form.Item name="dates" label={B('dates')} rules={req} extra={started ? B('startedHelp') : B('datesHelp')}>
            <DatePicker.RangePicker disabled={[started, false]} />
          </Form.Item>
          <Form.List name="posts">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => {
                  const locked = lockedIds.has(form.getFieldValue(['posts', f.name, 'id']) as string);
                  return (
                    <Card key={f.key} size="small" style={{ marginBottom: 12 }} title={`${P('heading')} ${i + 1}`}
                      extra={locked ? <StatusTag tone="gold">{P('locked')}</StatusTag>
                        : fields.length > 1 && <Button type="text" danger icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(f.name)}>{P('remove')}</Button>}>
                      <Form.Item name={[f.name, 'id']} hidden><Input /></Form.Item>
                      <Space wrap align="start" style={{ width: '100%' }}>
                        <Form.Item name={[f.name, 'name']} label={P('name')} rules={req}><Input maxLength={60} style={{ width: 240 }} readOnly={locked} /></Form.Item>
                        <Form.Item name={[f.name, 'unit']} label={P('unit')} rules={req}><Input maxLength={100} style={{ width: 280 }} readOnly={locked} /></Form.Item>
                        <Form.Item name={[f.name, 'headcount']} label={P('headcount')} rules={req}><InputNumber min={1} max={99} precision={0} style={{ width: 90 }} readOnly={locked} /></Form.Item>
                      </Space>
                      <Form.Item name={[f.name, 'requirements']} label={P('requirements')} rules={req}><Input.TextArea rows={2} maxLength={1000} showCount readOnly={locked} /></Form.Item>
                    </Card>
                  );
                })}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ headcount: 1 })} style={{ marginBottom: 16 }}>{P('add')}</Button>
              </>
            )}
          </Form.List>
          <div><Button type="primary" htmlType="submit" loading={busy}>{id ? t('cadres.save') : t('cadres.createBatch')}</Button></div>
        </Form>
      </Card>
    </>
  );
}

/** A reason asked in a confirmation dialog before a withdrawal (batch or notice): required, at most 200 characters. */
function WithdrawDialog({ open, title, warning, label, okText, onCancel, onDone, run }: {
  open: boolean; title: string; warning: string; label: string; okText: string; onCancel: () => void; onDone: () => void; run: (reason: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    let v: { reason: string };
    try { v = await form.validateFields(); } catch { return; } // the form shows what is missing
    setBusy(true);
    try {
      await run(v.reason);
      form.resetFields();
      onDone();
    } catch (e) { if (!applyNestedErrors(form, e)) message.error(errorText(t, e)); } finally { setBusy(false); }
  };
  return (
    <Modal open={open} title={title} onCancel={onCancel} onOk={() => void go()} confirmLoading={busy} destroyOnHidden
      okText={okText} okButtonProps={{ danger: true }} cancelText={t('cadres.cancel')}>
      <Alert type="warning" showIcon message={warning} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={label} rules={[{ required: true, whitespace: true, message: t('cadres.withdrawReasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function BatchPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id } = useParams();
  const q = useBatch(id!);
  const [withdrawing, setWithdrawing] = useState(false);
  const B = (k: string) => t(`cadres.batch.${k}` as 'cadres.batch.title');
  const P = (k: string, o?: Record<string, unknown>) => t(`cadres.post.${k}` as 'cadres.post.name', o ?? {});
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const b = q.data;
  type Rec = Batch['posts'][number]['recommendations'][number];
  const recColumns: ColumnsType<Rec> = [
    { title: P('candidate'), dataIndex: 'candidateName', width: 100 },
    { title: P('candidateUnit'), dataIndex: 'candidateUnit', width: 200 },
    { title: P('reasons'), dataIndex: 'reasons', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
    { title: P('phone'), dataIndex: 'phone', width: 120, render: (v: string) => <span className="mono">{v}</span> },
    { title: P('state'), dataIndex: 'state', width: 110, render: (v: Rec['state']) => <StatusTag tone={REC_TONE[v]}>{t(`cadres.recState.${v}`)}</StatusTag> },
    { title: P('at'), dataIndex: 'createdAt', width: 150, render: (v: string) => <span className="mono">{chinaDateTime(v, false)}</span> },
  ];
  return (
    <>
      <PageHeader title={b?.title ?? ''} extra={<Space wrap>
        <Link to="/admin/cadres">{t('cadres.back')}</Link>
        {b?.canEdit && <Button icon={<EditOutlined aria-hidden />} onClick={() => void navigate(`/admin/cadres/batches/${b.id}/edit`)}>{t('cadres.edit')}</Button>}
        {b?.canEdit && <Button danger icon={<StopOutlined aria-hidden />} onClick={() => setWithdrawing(true)}>{t('cadres.withdrawBatch')}</Button>}
      </Space>} />
      {b && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {b.withdrawnAt && <Alert type="error" showIcon message={t('cadres.batchWithdrawn', { at: chinaDateTime(b.withdrawnAt, false), by: b.withdrawnByName ?? '' })} description={`${t('cadres.batchReason')}：${b.withdrawReason ?? ''}`} />}
          <Card>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
              { key: 'org', label: B('org'), children: b.orgName },
              { key: 'dates', label: B('dates'), children: `${cn(b.opensOn)} ~ ${cn(b.closesOn)}` },
              { key: 'status', label: B('status'), children: <StatusTag tone={BATCH_TONE[b.status]}>{t(`cadres.batchStatus.${b.status}`)}</StatusTag> },
              { key: 'by', label: B('createdBy'), children: `${b.createdByName}（${chinaDateTime(b.createdAt, false)}）` },
              ...(b.updatedAt ? [{ key: 'upd', label: B('updatedAt'), children: chinaDateTime(b.updatedAt, false) }] : []),
            ]} />
          </Card>
          {b.posts.map((p, i) => (
            <Card key={p.id} title={`${i + 1}. ${p.name}（${p.unit}，${P('headcount')}${p.headcount}）`}
              extra={<Space wrap><StatusTag tone="blue">{P('count', { count: p.recommendationCount })}</StatusTag>{p.heldCount > 0 && <StatusTag tone="grey">{P('held', { count: p.heldCount })}</StatusTag>}</Space>}>
              <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{P('requirements')}：{p.requirements}</Typography.Paragraph>
              {p.recommendations.length === 0 ? <Typography.Text type="secondary">{P('noRecs')}</Typography.Text> : (
                <>
                  <Typography.Title level={5}>{P('candidates')}</Typography.Title>
                  <Table rowKey={(c) => `${c.name}|${c.unit}`} size="small" pagination={false} dataSource={p.candidates} style={{ marginBottom: 16, maxWidth: 640 }}
                    columns={[{ title: P('candidate'), dataIndex: 'name', width: 120 }, { title: P('candidateUnit'), dataIndex: 'unit' }, { title: P('votes'), dataIndex: 'count', width: 90, align: 'right' }]} />
                  <Typography.Title level={5}>{P('details')}</Typography.Title>
                  <Table rowKey="id" size="small" pagination={{ pageSize: 20, hideOnSinglePage: true }} dataSource={p.recommendations} columns={recColumns} scroll={{ x: 900 }} />
                </>
              )}
            </Card>
          ))}
        </Space>
      )}
      {b && <WithdrawDialog open={withdrawing} title={t('cadres.withdrawBatchTitle', { title: b.title })} warning={t('cadres.withdrawBatchWarning')} label={t('cadres.batchReason')} okText={t('cadres.withdrawBatchOk')}
        onCancel={() => setWithdrawing(false)} run={(reason) => cadresApi.withdrawBatch(b.id, reason)}
        onDone={() => { setWithdrawing(false); message.success(t('cadres.withdrawn')); void qc.invalidateQueries({ queryKey: cadreKeys.all }); }} />}
    </>
  );
}

function NoticeList() {
  const { t } = useTranslation();
  const list = useNotices();
  const N = (k: string) => t(`cadres.notice.${k}` as 'cadres.notice.title');
  const columns: ColumnsType<NoticeSummary> = [
    { title: N('title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/admin/cadres/notices/${r.id}`}>{v}</Link> },
    { title: N('candidates'), dataIndex: 'candidateNames', width: 200, render: (v: string[]) => v.join('、') },
    { title: N('org'), dataIndex: 'orgName', width: 160, ellipsis: true },
    { title: N('publishedOn'), dataIndex: 'publishedOn', width: 110, render: (v: string) => <span className="mono">{v}</span> },
    { title: N('endsOn'), dataIndex: 'objectionEndsOn', width: 110, render: (v: string) => <span className="mono">{v}</span> },
    { title: N('status'), dataIndex: 'status', width: 110, render: (v: NoticeSummary['status']) => <StatusTag tone={NOTICE_TONE[v]}>{t(`cadres.noticeStatus.${v}`)}</StatusTag> },
  ];
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Table rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isLoading} pagination={false} scroll={{ x: 860 }}
      locale={{ emptyText: <EmptyPanel title={t('cadres.emptyNotices')} hint={t('cadres.emptyNoticesHint')} /> }} />
  );
}

interface NoticeValues {
  orgId?: string; title: string; contact: string; workingDays: number;
  candidates: { name: string; sex: 'male' | 'female'; birthYm: string; education: string; currentPost: string; proposedPost: string; bio: string }[];
}

/** A new notice, or (with :id) the edit of one on its day of publication: saving publishes a new version with a new fingerprint. */
function NoticeEditor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id } = useParams();
  const existing = useNotice(id ?? '', !!id);
  const n = id ? existing.data : undefined;
  const [form] = Form.useForm<NoticeValues>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (n) form.setFieldsValue({ title: n.title, contact: n.contact, workingDays: n.workingDays, candidates: n.candidates.map((c) => ({ ...c })) });
  }, [n, form]);
  const N = (k: string) => t(`cadres.notice.${k}` as 'cadres.notice.title');
  const C = (k: string) => t(`cadres.cand.${k}` as 'cadres.cand.name');
  const req = [{ required: true, message: t('cadres.required') }];
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const fields = { title: v.title ?? '', contact: v.contact ?? '', workingDays: v.workingDays,
        candidates: (v.candidates ?? []).map((c) => ({ name: c.name ?? '', sex: c.sex ?? '', birthYm: c.birthYm ?? '', education: c.education ?? '', currentPost: c.currentPost ?? '', proposedPost: c.proposedPost ?? '', bio: c.bio ?? '' })) };
      const r = id && n ? await cadresApi.reviseNotice(id, { ...fields, version: n.version }) : await cadresApi.publishNotice({ orgId: v.orgId!, ...fields });
      message.success(t(id ? 'cadres.newVersionSaved' : 'cadres.published'));
      await qc.invalidateQueries({ queryKey: cadreKeys.all });
      void navigate(`/admin/cadres/notices/${r.id}`, { replace: true });
    } catch (e) {
      if (!applyNestedErrors(form, e)) message.error(errorText(t, e));
    } finally { setBusy(false); }
  };
  if (id && existing.isError) return <ErrorResult error={existing.error} onRetry={() => void existing.refetch()} />;
  return (
    <>
      <PageHeader title={id ? t('cadres.editNotice') : t('cadres.createNotice')} extra={<Link to={id ? `/admin/cadres/notices/${id}` : '/admin/cadres/notices'}>{t('cadres.back')}</Link>} />
      <Card loading={!!id && !n}>
        {id && <Alert type={n && !n.canEdit ? 'error' : 'info'} showIcon message={n && !n.canEdit ? t('cadres.editRules.noticeLocked') : t('cadres.editRules.notice')} style={{ marginBottom: 16, maxWidth: 860 }} />}
        <Form form={form} layout="vertical" initialValues={{ workingDays: 5, candidates: [{}] }} style={{ maxWidth: 860 }} onFinish={() => void save()} disabled={!!n && !n.canEdit}>
          {id ? <Form.Item label={N('org')}><Input value={n?.orgName} disabled /></Form.Item>
            : <Form.Item name="orgId" label={N('org')} rules={req}><OrgPicker /></Form.Item>}
          <Form.Item name="title" label={N('title')} rules={req}><Input maxLength={100} /></Form.Item>
          <Form.List name="candidates">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Card key={f.key} size="small" style={{ marginBottom: 12 }} title={`${C('heading')} ${i + 1}`}
                    extra={fields.length > 1 && <Button type="text" danger icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(f.name)}>{C('remove')}</Button>}>
                    <Space wrap align="start">
                      <Form.Item name={[f.name, 'name']} label={C('name')} rules={req}><Input maxLength={30} style={{ width: 140 }} /></Form.Item>
                      <Form.Item name={[f.name, 'sex']} label={C('sex')} rules={req}><Select style={{ width: 90 }} options={(['male', 'female'] as const).map((s) => ({ value: s, label: t(`cadres.sex.${s}`) }))} /></Form.Item>
                      <Form.Item name={[f.name, 'birthYm']} label={C('birthYm')} rules={req} extra={C('birthYmHelp')}><Input maxLength={7} style={{ width: 110 }} /></Form.Item>
                      <Form.Item name={[f.name, 'education']} label={C('education')} rules={req}><Input maxLength={30} style={{ width: 200 }} /></Form.Item>
                    </Space>
                    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 300px), 1fr))', columnGap: 16, maxWidth: 700 }}>
                      <Form.Item name={[f.name, 'currentPost']} label={C('currentPost')} rules={req}><Input maxLength={100} /></Form.Item>
                      <Form.Item name={[f.name, 'proposedPost']} label={C('proposedPost')} rules={req}><Input maxLength={100} /></Form.Item>
                    </div>
                    <Form.Item name={[f.name, 'bio']} label={C('bio')} rules={req}><Input.TextArea rows={3} maxLength={500} showCount /></Form.Item>
                  </Card>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})} style={{ marginBottom: 16 }}>{C('add')}</Button>
              </>
            )}
          </Form.List>
          <Form.Item name="workingDays" label={N('workingDays')} extra={N('workingDaysHelp')} rules={req}><InputNumber min={5} max={30} precision={0} /></Form.Item>
          <Form.Item name="contact" label={N('contact')} rules={req}><Input.TextArea rows={2} maxLength={200} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{id ? t('cadres.saveNewVersion') : t('cadres.createNotice')}</Button>
        </Form>
      </Card>
    </>
  );
}

/**
 * An objector's identity, masked as listed; with the reveal right, 查看身份 asks for confirmation, then POSTs the
 * reveal (the server audits it) and shows the values here only, never cached beyond this row.
 */
function ObjectorCell({ o, canReveal }: { o: Objection; canReveal: boolean }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [shown, setShown] = useState<ObjectorIdentity>();
  const [error, setError] = useState<string>();
  const O = (k: string) => t(`cadres.obj.${k}` as 'cadres.obj.body');
  const ask = () => modal.confirm({
    title: O('revealTitle'), content: O('revealConfirm'), okText: O('revealOk'), cancelText: t('cadres.cancel'),
    onOk: async () => {
      setError(undefined);
      try { setShown(await cadresApi.revealObjector(o.id)); } catch (e) { setError(errorText(t, e)); }
    },
  });
  if (shown) {
    return (
      <div data-testid="objector-revealed">
        <div>{shown.name ?? O('anonymous')}</div>
        <Typography.Text className="mono" copyable>{shown.phone}</Typography.Text>
        <div className="reveal-note" role="status">{O('revealNote')}</div>
      </div>
    );
  }
  return (
    <div>
      <div>{o.named ? (o.name ?? O('named')) : O('anonymous')}</div>
      <div className="mono">{o.phone}</div>
      {canReveal && <Button size="small" icon={<EyeOutlined aria-hidden />} onClick={ask} style={{ marginTop: 4 }} aria-label={O('revealAria')}>{O('reveal')}</Button>}
      {error && <Typography.Text type="danger" role="alert">{error}</Typography.Text>}
    </div>
  );
}

/** The earlier versions of a notice, each with its own fingerprint: what was published before an edit. */
function EarlierVersions({ n }: { n: Notice }) {
  const { t } = useTranslation();
  const N = (k: string, o?: Record<string, unknown>) => t(`cadres.notice.${k}` as 'cadres.notice.title', o ?? {});
  if (!n.earlierVersions.length) return null;
  return (
    <Card title={N('earlierVersions')}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {[...n.earlierVersions].reverse().map((v) => (
          <Descriptions key={v.version} size="small" bordered column={1} title={N('versionN', { n: v.version })} items={[
            { key: 'at', label: N('versionAt'), children: chinaDateTime(v.publishedAt, false) },
            { key: 'title', label: N('title'), children: v.title },
            { key: 'cands', label: N('candidates'), children: v.candidates.map((c) => `${c.name}（${c.education}；${t('cadres.cand.proposedPost')}：${c.proposedPost}）`).join('；') },
            { key: 'end', label: N('endsOn'), children: `${cn(v.objectionEndsOn)}（${N('workingDaysN', { n: v.workingDays })}）` },
            { key: 'contact', label: N('contact'), children: v.contact },
            { key: 'fp', label: N('fingerprint'), children: <Typography.Text code style={{ wordBreak: 'break-all' }}>{v.fingerprint}</Typography.Text> },
          ]} />
        ))}
      </Space>
    </Card>
  );
}

function NoticePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [withdrawing, setWithdrawing] = useState(false);
  const { id } = useParams();
  const q = useNotice(id!);
  const n = q.data;
  const objections = useObjections(id!, !!n?.canHandleObjections);
  const [answering, setAnswering] = useState<Objection>();
  const [confirming, setConfirming] = useState(false);
  const [answerForm] = Form.useForm<{ note: string }>();
  const [confirmForm] = Form.useForm<{ note?: string }>();
  const N = (k: string, o?: Record<string, unknown>) => t(`cadres.notice.${k}` as 'cadres.notice.title', o ?? {});
  const C = (k: string) => t(`cadres.cand.${k}` as 'cadres.cand.name');
  const O = (k: string) => t(`cadres.obj.${k}` as 'cadres.obj.body');
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const refresh = () => qc.invalidateQueries({ queryKey: cadreKeys.all });
  const answer = async () => {
    const v = await answerForm.validateFields();
    try {
      await cadresApi.answer(answering!.id, v.note);
      message.success(O('answered'));
      setAnswering(undefined);
      answerForm.resetFields();
      await refresh();
    } catch (e) { if (!applyNestedErrors(answerForm, e)) message.error(errorText(t, e)); }
  };
  const confirm = async () => {
    const v = await confirmForm.validateFields();
    try {
      await cadresApi.confirm(id!, v.note);
      message.success(t('cadres.confirmed'));
      setConfirming(false);
      await refresh();
    } catch (e) { message.error(errorText(t, e)); }
  };
  const open = (objections.data?.items ?? []).filter((o) => o.state === 'held' || o.state === 'received').length;
  const objColumns: ColumnsType<Objection> = [
    { title: O('candidate'), dataIndex: 'candidateName', width: 100, render: (v: string | null) => v ?? O('whole') },
    { title: O('body'), dataIndex: 'body', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
    { title: O('who'), key: 'who', width: 170, render: (_, o) => <ObjectorCell o={o} canReveal={!!n?.canRevealObjectors} /> },
    { title: O('state'), dataIndex: 'state', width: 100, render: (v: Objection['state']) => <StatusTag tone={OBJ_TONE[v]}>{t(`cadres.objectionState.${v}`)}</StatusTag> },
    { title: O('answer'), key: 'answer', width: 260, render: (_, o) => o.answer
      ? <><div style={{ whiteSpace: 'pre-wrap' }}>{o.answer}</div><Typography.Text type="secondary">{o.answeredByName} {chinaDateTime(o.answeredAt, false)}</Typography.Text></>
      : o.state === 'received' && <Button size="small" onClick={() => setAnswering(o)}>{O('answerBtn')}</Button> },
  ];
  return (
    <>
      <PageHeader title={n?.title ?? ''} extra={<Space wrap>
        <Link to="/admin/cadres/notices">{t('cadres.back')}</Link>
        {n?.canEdit && <Button icon={<EditOutlined aria-hidden />} onClick={() => void navigate(`/admin/cadres/notices/${n.id}/edit`)}>{t('cadres.edit')}</Button>}
        {n?.canWithdraw && <Button danger icon={<StopOutlined aria-hidden />} onClick={() => setWithdrawing(true)}>{t('cadres.withdrawNotice')}</Button>}
        {n && n.status !== 'confirmed' && n.status !== 'withdrawn' && n.canHandleObjections && <Button type="primary" disabled={!n.canConfirm} onClick={() => setConfirming(true)}>{t('cadres.confirm')}</Button>}
      </Space>} />
      {n && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {n.withdrawnAt && <Alert type="error" showIcon message={t('cadres.noticeWithdrawn', { at: chinaDateTime(n.withdrawnAt, false), by: n.withdrawnByName ?? '' })} description={`${t('cadres.noticeReason')}：${n.withdrawReason ?? ''}`} />}
          {n.canWithdraw && !n.canEdit && n.status === 'objection' && <Typography.Text type="secondary">{t('cadres.editRules.noticeLocked')}</Typography.Text>}
          {n.status === 'objection' && n.canHandleObjections && <Alert type="info" showIcon message={t('cadres.confirmBlocked.period', { date: cn(n.objectionEndsOn) })} />}
          {n.status === 'ended' && n.canHandleObjections && open > 0 && <Alert type="warning" showIcon message={t('cadres.confirmBlocked.objections')} />}
          <Card>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
              { key: 'org', label: N('org'), children: n.orgName },
              { key: 'status', label: N('status'), children: <StatusTag tone={NOTICE_TONE[n.status]}>{t(`cadres.noticeStatus.${n.status}`)}</StatusTag> },
              { key: 'pub', label: N('publishedOn'), children: cn(n.publishedOn) },
              { key: 'end', label: N('endsOn'), children: `${cn(n.objectionEndsOn)}（${N('workingDaysN', { n: n.workingDays })}）` },
              { key: 'contact', label: N('contact'), children: n.contact, span: 2 },
              { key: 'ver', label: N('version'), children: n.version > 1 ? N('versionEdited', { n: n.version }) : N('versionN', { n: 1 }) },
              { key: 'fp', label: N('fingerprint'), children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{n.fingerprint}</Typography.Text>, span: 2 },
              { key: 'by', label: N('publishedBy'), children: `${n.publishedByName}（${chinaDateTime(n.publishedAt, false)}）` },
              ...(n.confirmedAt ? [{ key: 'conf', label: N('confirmedAt'), children: `${chinaDateTime(n.confirmedAt, false)} ${n.confirmedByName ?? ''}${n.confirmNote ? `：${n.confirmNote}` : ''}` }] : []),
            ]} />
          </Card>
          <Card title={N('candidates')}>
            <ScrollRegion label={N('candidates')}><Table rowKey="name" size="small" pagination={false} dataSource={n.candidates} style={{ minWidth: 900 }} columns={[
              { title: C('name'), dataIndex: 'name', width: 90 },
              { title: C('sex'), dataIndex: 'sex', width: 60, render: (v: 'male' | 'female') => t(`cadres.sex.${v}`) },
              { title: C('birthYm'), dataIndex: 'birthYm', width: 90 },
              { title: C('education'), dataIndex: 'education', width: 150 },
              { title: C('currentPost'), dataIndex: 'currentPost', width: 200 },
              { title: C('proposedPost'), dataIndex: 'proposedPost', width: 200 },
              { title: C('bio'), dataIndex: 'bio', width: 320 },
            ]} /></ScrollRegion>
          </Card>
          <Card title={O('heading')}>
            {!n.canHandleObjections ? <Typography.Text type="secondary">{O('hidden')}</Typography.Text> : (
              <>
                <Alert type="warning" showIcon message={O('confidential')} description={O('heldHint')} style={{ marginBottom: 12 }} />
                {objections.isError ? <ErrorResult error={objections.error} onRetry={() => void objections.refetch()} />
                  : objections.data && objections.data.items.length === 0 ? <Typography.Text type="secondary">{O('none')}</Typography.Text> : (
                  <Table rowKey="id" size="small" loading={objections.isLoading} pagination={false} dataSource={objections.data?.items ?? []} columns={objColumns} scroll={{ x: 860 }}
                    locale={{ emptyText: O('none') }} />
                )}
              </>
            )}
          </Card>
          <EarlierVersions n={n} />
        </Space>
      )}
      {n && <WithdrawDialog open={withdrawing} title={t('cadres.withdrawNoticeTitle', { title: n.title })} warning={t('cadres.withdrawNoticeWarning')} label={t('cadres.noticeReason')} okText={t('cadres.withdrawNoticeOk')}
        onCancel={() => setWithdrawing(false)} run={(reason) => cadresApi.withdrawNotice(n.id, reason)}
        onDone={() => { setWithdrawing(false); message.success(t('cadres.withdrawnNotice')); void qc.invalidateQueries({ queryKey: cadreKeys.all }); }} />}
      <Modal open={!!answering} title={O('answerTitle')} onCancel={() => setAnswering(undefined)} onOk={() => void answer()} destroyOnHidden>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{answering?.body}</Typography.Paragraph>
        <Form form={answerForm} layout="vertical"><Form.Item name="note" label={O('answer')} rules={[{ required: true, message: t('cadres.required') }]}><Input.TextArea rows={4} maxLength={1000} showCount /></Form.Item></Form>
      </Modal>
      <Modal open={confirming} title={t('cadres.confirmTitle')} onCancel={() => setConfirming(false)} onOk={() => void confirm()} destroyOnHidden>
        <Form form={confirmForm} layout="vertical"><Form.Item name="note" label={t('cadres.confirmNote')}><Input.TextArea rows={3} maxLength={500} /></Form.Item></Form>
      </Modal>
    </>
  );
}
