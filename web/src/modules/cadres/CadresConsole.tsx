// 干部工作 in the console: batches of vacant posts (/admin/cadres), a new batch (…/batches/new), one batch with counts
// per post and candidate and the reasons (…/batches/:id); pre-appointment notices (…/notices), a new one
// (…/notices/new), one notice with its objections, their answers and the confirmation (…/notices/:id).
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { App, Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag, type Tone } from '@/modules/common/StatusTag';
import { errorText } from '@/modules/common/errors';
import { chinaDateTime, fmtCount } from '@/modules/common/format';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import {
  applyNestedErrors, cadreKeys, cadresApi, useBatch, useBatches, useNotice, useNotices, useObjections,
  type Batch, type BatchSummary, type NoticeSummary, type Objection,
} from './cadres-api';

const BATCH_TONE: Record<BatchSummary['status'], Tone> = { upcoming: 'grey', open: 'green', closed: 'gold' };
const NOTICE_TONE: Record<NoticeSummary['status'], Tone> = { objection: 'blue', ended: 'gold', confirmed: 'green' };
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
      <Route path="notices/new" element={<NoticeEditor />} />
      <Route path="notices/:id" element={<NoticePage />} />
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

interface BatchValues { orgId?: string; title: string; dates?: [Dayjs, Dayjs]; posts: { name: string; unit: string; headcount: number; requirements: string }[] }

function BatchEditor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<BatchValues>();
  const [busy, setBusy] = useState(false);
  const B = (k: string) => t(`cadres.batch.${k}` as 'cadres.batch.title');
  const P = (k: string) => t(`cadres.post.${k}` as 'cadres.post.name');
  const req = [{ required: true, message: t('cadres.required') }];
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await cadresApi.createBatch({ orgId: v.orgId!, title: v.title ?? '', opensOn: day(v.dates?.[0]), closesOn: day(v.dates?.[1]),
        posts: (v.posts ?? []).map((p) => ({ name: p.name ?? '', unit: p.unit ?? '', headcount: p.headcount ?? 1, requirements: p.requirements ?? '' })) });
      message.success(t('cadres.published'));
      await qc.invalidateQueries({ queryKey: cadreKeys.all });
      void navigate(`/admin/cadres/batches/${r.id}`, { replace: true });
    } catch (e) {
      if (!applyNestedErrors(form, e)) message.error(errorText(t, e));
    } finally { setBusy(false); }
  };
  return (
    <>
      <PageHeader title={t('cadres.createBatch')} extra={<Link to="/admin/cadres">{t('cadres.back')}</Link>} />
      <Card>
        <Form form={form} layout="vertical" initialValues={{ posts: [{ headcount: 1 }] }} style={{ maxWidth: 860 }} onFinish={() => void save()}>
          <Form.Item name="orgId" label={B('org')} rules={req}><OrgPicker /></Form.Item>
          <Form.Item name="title" label={B('title')} rules={req}><Input maxLength={100} /></Form.Item>
          <Form.Item name="dates" label={B('dates')} rules={req} extra={B('datesHelp')}><DatePicker.RangePicker /></Form.Item>
          <Form.List name="posts">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Card key={f.key} size="small" style={{ marginBottom: 12 }} title={`${P('heading')} ${i + 1}`}
                    extra={fields.length > 1 && <Button type="text" danger icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(f.name)}>{P('remove')}</Button>}>
                    <Space wrap align="start" style={{ width: '100%' }}>
                      <Form.Item name={[f.name, 'name']} label={P('name')} rules={req}><Input maxLength={60} style={{ width: 240 }} /></Form.Item>
                      <Form.Item name={[f.name, 'unit']} label={P('unit')} rules={req}><Input maxLength={100} style={{ width: 280 }} /></Form.Item>
                      <Form.Item name={[f.name, 'headcount']} label={P('headcount')} rules={req}><InputNumber min={1} max={99} precision={0} style={{ width: 90 }} /></Form.Item>
                    </Space>
                    <Form.Item name={[f.name, 'requirements']} label={P('requirements')} rules={req}><Input.TextArea rows={2} maxLength={1000} showCount /></Form.Item>
                  </Card>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ headcount: 1 })} style={{ marginBottom: 16 }}>{P('add')}</Button>
              </>
            )}
          </Form.List>
          <div><Button type="primary" htmlType="submit" loading={busy}>{t('cadres.createBatch')}</Button></div>
        </Form>
      </Card>
    </>
  );
}

function BatchPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useBatch(id!);
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
      <PageHeader title={b?.title ?? ''} extra={<Link to="/admin/cadres">{t('cadres.back')}</Link>} />
      {b && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
              { key: 'org', label: B('org'), children: b.orgName },
              { key: 'dates', label: B('dates'), children: `${cn(b.opensOn)} ~ ${cn(b.closesOn)}` },
              { key: 'status', label: B('status'), children: <StatusTag tone={BATCH_TONE[b.status]}>{t(`cadres.batchStatus.${b.status}`)}</StatusTag> },
              { key: 'by', label: B('createdBy'), children: `${b.createdByName}（${chinaDateTime(b.createdAt, false)}）` },
            ]} />
          </Card>
          {b.posts.map((p, i) => (
            <Card key={p.id} title={`${i + 1}. ${p.name}（${p.unit}，${P('headcount')}${p.headcount}）`}
              extra={<Space><StatusTag tone="blue">{P('count', { count: p.recommendationCount })}</StatusTag>{p.heldCount > 0 && <StatusTag tone="grey">{P('held', { count: p.heldCount })}</StatusTag>}</Space>}>
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

function NoticeEditor() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<NoticeValues>();
  const [busy, setBusy] = useState(false);
  const N = (k: string) => t(`cadres.notice.${k}` as 'cadres.notice.title');
  const C = (k: string) => t(`cadres.cand.${k}` as 'cadres.cand.name');
  const req = [{ required: true, message: t('cadres.required') }];
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await cadresApi.publishNotice({ orgId: v.orgId!, title: v.title ?? '', contact: v.contact ?? '', workingDays: v.workingDays,
        candidates: (v.candidates ?? []).map((c) => ({ name: c.name ?? '', sex: c.sex ?? '', birthYm: c.birthYm ?? '', education: c.education ?? '', currentPost: c.currentPost ?? '', proposedPost: c.proposedPost ?? '', bio: c.bio ?? '' })) });
      message.success(t('cadres.published'));
      await qc.invalidateQueries({ queryKey: cadreKeys.all });
      void navigate(`/admin/cadres/notices/${r.id}`, { replace: true });
    } catch (e) {
      if (!applyNestedErrors(form, e)) message.error(errorText(t, e));
    } finally { setBusy(false); }
  };
  return (
    <>
      <PageHeader title={t('cadres.createNotice')} extra={<Link to="/admin/cadres/notices">{t('cadres.back')}</Link>} />
      <Card>
        <Form form={form} layout="vertical" initialValues={{ workingDays: 5, candidates: [{}] }} style={{ maxWidth: 860 }} onFinish={() => void save()}>
          <Form.Item name="orgId" label={N('org')} rules={req}><OrgPicker /></Form.Item>
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
                    <Space wrap align="start">
                      <Form.Item name={[f.name, 'currentPost']} label={C('currentPost')} rules={req}><Input maxLength={100} style={{ width: 340 }} /></Form.Item>
                      <Form.Item name={[f.name, 'proposedPost']} label={C('proposedPost')} rules={req}><Input maxLength={100} style={{ width: 340 }} /></Form.Item>
                    </Space>
                    <Form.Item name={[f.name, 'bio']} label={C('bio')} rules={req}><Input.TextArea rows={3} maxLength={500} showCount /></Form.Item>
                  </Card>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({})} style={{ marginBottom: 16 }}>{C('add')}</Button>
              </>
            )}
          </Form.List>
          <Form.Item name="workingDays" label={N('workingDays')} extra={N('workingDaysHelp')} rules={req}><InputNumber min={5} max={30} precision={0} /></Form.Item>
          <Form.Item name="contact" label={N('contact')} rules={req}><Input.TextArea rows={2} maxLength={200} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{t('cadres.createNotice')}</Button>
        </Form>
      </Card>
    </>
  );
}

function NoticePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { id } = useParams();
  const q = useNotice(id!);
  const n = q.data;
  const objections = useObjections(id!, !!n?.canHandleObjections);
  const [answering, setAnswering] = useState<Objection>();
  const [confirming, setConfirming] = useState(false);
  const [answerForm] = Form.useForm<{ note: string }>();
  const [confirmForm] = Form.useForm<{ note?: string }>();
  const N = (k: string) => t(`cadres.notice.${k}` as 'cadres.notice.title');
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
    { title: O('who'), key: 'who', width: 150, render: (_, o) => <><div>{o.name ?? O('anonymous')}</div><div className="mono">{o.phone}</div></> },
    { title: O('state'), dataIndex: 'state', width: 100, render: (v: Objection['state']) => <StatusTag tone={OBJ_TONE[v]}>{t(`cadres.objectionState.${v}`)}</StatusTag> },
    { title: O('answer'), key: 'answer', width: 260, render: (_, o) => o.answer
      ? <><div style={{ whiteSpace: 'pre-wrap' }}>{o.answer}</div><Typography.Text type="secondary">{o.answeredByName} {chinaDateTime(o.answeredAt, false)}</Typography.Text></>
      : o.state === 'received' && <Button size="small" onClick={() => setAnswering(o)}>{O('answerBtn')}</Button> },
  ];
  return (
    <>
      <PageHeader title={n?.title ?? ''} extra={<Space>
        <Link to="/admin/cadres/notices">{t('cadres.back')}</Link>
        {n && n.status !== 'confirmed' && n.canHandleObjections && <Button type="primary" disabled={!n.canConfirm} onClick={() => setConfirming(true)}>{t('cadres.confirm')}</Button>}
      </Space>} />
      {n && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {n.status === 'objection' && n.canHandleObjections && <Alert type="info" showIcon message={t('cadres.confirmBlocked.period', { date: cn(n.objectionEndsOn) })} />}
          {n.status === 'ended' && n.canHandleObjections && open > 0 && <Alert type="warning" showIcon message={t('cadres.confirmBlocked.objections')} />}
          <Card>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
              { key: 'org', label: N('org'), children: n.orgName },
              { key: 'status', label: N('status'), children: <StatusTag tone={NOTICE_TONE[n.status]}>{t(`cadres.noticeStatus.${n.status}`)}</StatusTag> },
              { key: 'pub', label: N('publishedOn'), children: cn(n.publishedOn) },
              { key: 'end', label: N('endsOn'), children: `${cn(n.objectionEndsOn)}（${n.workingDays}个工作日）` },
              { key: 'contact', label: N('contact'), children: n.contact, span: 2 },
              { key: 'fp', label: N('fingerprint'), children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{n.fingerprint}</Typography.Text>, span: 2 },
              { key: 'by', label: N('publishedBy'), children: `${n.publishedByName}（${chinaDateTime(n.publishedAt, false)}）` },
              ...(n.confirmedAt ? [{ key: 'conf', label: N('confirmedAt'), children: `${chinaDateTime(n.confirmedAt, false)} ${n.confirmedByName ?? ''}${n.confirmNote ? `：${n.confirmNote}` : ''}` }] : []),
            ]} />
          </Card>
          <Card title={N('candidates')}>
            <Table rowKey="name" size="small" pagination={false} dataSource={n.candidates} scroll={{ x: 900 }} columns={[
              { title: C('name'), dataIndex: 'name', width: 90 },
              { title: C('sex'), dataIndex: 'sex', width: 60, render: (v: 'male' | 'female') => t(`cadres.sex.${v}`) },
              { title: C('birthYm'), dataIndex: 'birthYm', width: 90 },
              { title: C('education'), dataIndex: 'education', width: 150 },
              { title: C('currentPost'), dataIndex: 'currentPost', width: 200 },
              { title: C('proposedPost'), dataIndex: 'proposedPost', width: 200 },
              { title: C('bio'), dataIndex: 'bio', width: 320 },
            ]} />
          </Card>
          <Card title={O('heading')}>
            {!n.canHandleObjections ? <Typography.Text type="secondary">{O('hidden')}</Typography.Text> : (
              <>
                <Alert type="warning" showIcon message={O('confidential')} description={O('heldHint')} style={{ marginBottom: 12 }} />
                {objections.isError ? <ErrorResult error={objections.error} onRetry={() => void objections.refetch()} /> : (
                  <Table rowKey="id" size="small" loading={objections.isLoading} pagination={false} dataSource={objections.data?.items ?? []} columns={objColumns} scroll={{ x: 860 }}
                    locale={{ emptyText: O('none') }} />
                )}
              </>
            )}
          </Card>
        </Space>
      )}
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
