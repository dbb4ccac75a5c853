// 新闻宣传 in the console: articles by state (/admin/news), the review queue (…/review), the TV programme (…/tv),
// categories (…/categories, province), a new article (…/new) and one article's editor with its preview, review actions,
// corrections and versions (…/:id).
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { App, Alert, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tabs, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag, type Tone } from '@/modules/common/StatusTag';
import { applyFieldErrors, errorText } from '@/modules/common/errors';
import { chinaDateTime } from '@/modules/common/format';
import { MediaPicker } from '@/modules/media/MediaPicker';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import {
  newsApi, newsKeys, STATES, uploadImage, useArticle, useArticles, useCategories, useEpisodes,
  type Article, type ArticleSummary, type Category, type Episode, type NewsState,
} from './news-api';

const STATE_TONE: Record<NewsState, Tone> = { draft: 'grey', submitted: 'blue', returned: 'gold', scheduled: 'blue', published: 'green', withdrawn: 'red' };
type Tab = 'articles' | 'review' | 'tv' | 'categories';

export function NewsConsole({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<Home me={me} tab="articles" />} />
      <Route path="review" element={<Home me={me} tab="review" />} />
      <Route path="tv" element={<Home me={me} tab="tv" />} />
      <Route path="categories" element={<Home me={me} tab="categories" />} />
      <Route path="new" element={<Editor me={me} />} />
      <Route path=":id" element={<Editor me={me} />} />
    </Routes>
  );
}

function Home({ me, tab }: { me: Me; tab: Tab }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const tabs: { key: Tab; label: string; children: React.ReactNode }[] = [
    { key: 'articles', label: t('news.tabs.articles'), children: tab === 'articles' ? <ArticleList /> : null },
    ...(hasPerm(me, 'news.review') ? [{ key: 'review' as const, label: t('news.tabs.review'), children: tab === 'review' ? <ArticleList review /> : null }] : []),
    { key: 'tv', label: t('news.tabs.tv'), children: tab === 'tv' ? <TvProgramme /> : null },
    // Categories are the province's: the tab shows to an administrator at the root organization only (the server checks again).
    ...(hasPerm(me, 'news.admin') && me.roles.some((g) => g.role === 'org_admin' && /^\/[^/]+\/$/.test(g.orgPath)) ? [{ key: 'categories' as const, label: t('news.tabs.categories'), children: tab === 'categories' ? <Categories /> : null }] : []),
  ];
  return (
    <>
      <PageHeader title={t('news.title')} extra={<Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/admin/news/new')} data-testid="news-new">{t('news.create')}</Button>} />
      <Tabs activeKey={tab} onChange={(k) => void navigate(k === 'articles' ? '/admin/news' : `/admin/news/${k}`)} items={tabs} />
    </>
  );
}

function ArticleList({ review = false }: { review?: boolean }) {
  const { t } = useTranslation();
  const [state, setState] = useState<NewsState | undefined>(review ? 'submitted' : undefined);
  const [categoryId, setCategoryId] = useState<string>();
  const [orgId, setOrgId] = useState<string>();
  const [q, setQ] = useState('');
  const cats = useCategories();
  const list = useArticles({ state: review ? 'submitted' : state, categoryId, orgId, q: q || undefined, limit: 20 });
  const F = (k: string) => t(`news.fields.${k}` as 'news.fields.title');
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: ColumnsType<ArticleSummary> = [
    { title: F('title'), dataIndex: 'title', render: (v: string, r) => <Space size={4} wrap><Link to={`/admin/news/${r.id}`} data-testid="news-open">{v}</Link>{r.flagged && <StatusTag tone="red">{t('news.flagged')}</StatusTag>}</Space> },
    { title: F('category'), dataIndex: 'categoryName', width: 110 },
    { title: F('org'), dataIndex: 'orgName', width: 150, ellipsis: true },
    { title: F('state'), dataIndex: 'state', width: 110, render: (v: NewsState) => <StatusTag tone={STATE_TONE[v]}>{t(`news.states.${v}`)}</StatusTag> },
    { title: F('publishedAt'), width: 160, render: (_: unknown, r) => <span className="mono">{r.publishedAt ? chinaDateTime(r.publishedAt, false) : r.publishAt ? chinaDateTime(r.publishAt, false) : '—'}</span> },
    { title: F('updatedAt'), dataIndex: 'updatedAt', width: 160, render: (v: string) => <span className="mono">{chinaDateTime(v, false)}</span> },
  ];
  return (
    <>
      <Form layout="inline" className="filter-form" style={{ marginBottom: 12, rowGap: 8 }}>
        {!review && <Form.Item label={F('state')}><Select allowClear value={state} onChange={setState} placeholder={t('news.allStates')} style={{ width: 140 }} options={STATES.map((s) => ({ value: s, label: t(`news.states.${s}`) }))} /></Form.Item>}
        <Form.Item label={F('category')}><Select allowClear value={categoryId} onChange={setCategoryId} placeholder={t('news.allCategories')} style={{ width: 140 }} options={(cats.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} /></Form.Item>
        <Form.Item label={F('org')}><OrgPicker allowClear value={orgId} onChange={(v) => setOrgId(v)} placeholder={t('news.allOrgs')} style={{ minWidth: 200 }} /></Form.Item>
        <Form.Item label={F('title')}><Input.Search allowClear placeholder={t('news.searchTitle')} onSearch={(v) => setQ(v.trim())} style={{ width: 200 }} maxLength={40} /></Form.Item>
      </Form>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : (
        <>
          <Table rowKey="id" size="middle" columns={columns} dataSource={rows} loading={list.isFetching} pagination={false} scroll={{ x: 900 }} data-testid="news-table"
            locale={{ emptyText: <EmptyPanel title={review ? t('news.reviewEmpty') : t('news.empty')} hint={review ? undefined : t('news.emptyHint')} /> }} />
          {list.hasNextPage && <Button style={{ marginTop: 12 }} onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('news.more')}</Button>}
        </>
      )}
    </>
  );
}

interface EditorValues { orgId?: string; categoryId?: string; title: string; summary?: string; bodyHtml: string; source?: string; tags?: string[] }

function Editor({ me }: { me: Me }) {
  const { id } = useParams();
  const art = useArticle(id);
  if (id && art.isError) return <ErrorResult error={art.error} onRetry={() => void art.refetch()} />;
  if (id && !art.data) return <Card loading />;
  return <EditorForm key={art.data?.id ?? 'new'} me={me} article={art.data} />;
}

function EditorForm({ me, article }: { me: Me; article?: Article }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<EditorValues>();
  const [cover, setCover] = useState<{ id: string; url: string } | null>(article?.coverImageId ? { id: article.coverImageId, url: article.coverUrl! } : null);
  const [busy, setBusy] = useState(false);
  const cats = useCategories();
  const F = (k: string) => t(`news.fields.${k}` as 'news.fields.title');
  const editable = !article || article.state === 'draft' || article.state === 'returned';
  const refresh = async () => { await qc.invalidateQueries({ queryKey: newsKeys.all }); };

  const save = async (): Promise<string | null> => {
    let v: EditorValues;
    try { v = await form.validateFields(); } catch { return null; }
    const body = { orgId: v.orgId!, categoryId: v.categoryId!, title: v.title, summary: v.summary ?? '', bodyHtml: v.bodyHtml ?? '', source: v.source ?? '', tags: v.tags ?? [], coverImageId: cover?.id ?? null };
    try {
      setBusy(true);
      if (article) { await newsApi.update(article.id, body); await refresh(); return article.id; }
      const r = await newsApi.create(body);
      await refresh();
      void navigate(`/admin/news/${r.id}`, { replace: true });
      return r.id;
    } catch (e) {
      if (!applyFieldErrors(form, e)) void message.error(errorText(t, e));
      return null;
    } finally { setBusy(false); }
  };
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try { setBusy(true); await fn(); await refresh(); void message.success(done); } catch (e) { void message.error(errorText(t, e)); } finally { setBusy(false); }
  };
  const submit = async () => {
    const savedId = await save();
    if (!savedId) return;
    try {
      setBusy(true);
      const r = await newsApi.submit(savedId);
      await refresh();
      void message.success(r.flaggedWords.length ? t('news.submittedFlagged', { words: r.flaggedWords.map((w) => w.word).join('、') }) : t('news.submitted'));
    } catch (e) { void message.error(errorText(t, e)); } finally { setBusy(false); }
  };

  const initial: EditorValues = article
    ? { orgId: article.orgId, categoryId: article.categoryId, title: article.title, summary: article.summary, bodyHtml: article.bodyHtml, source: article.source, tags: article.tags }
    : { title: '', bodyHtml: '', categoryId: cats.data?.items[0]?.id };

  return (
    <>
      <PageHeader
        title={article ? article.title : t('news.create')}
        extra={<Space wrap>
          {article && <StatusTag tone={STATE_TONE[article.state]}>{t(`news.states.${article.state}`)}</StatusTag>}
          {article?.state === 'published' && <a href={`/news/${article.id}`} target="_blank" rel="noreferrer">{t('news.viewPublic')}</a>}
        </Space>}
      />
      {article?.state === 'returned' && article.returnReason && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('news.returnedNotice', { reason: article.returnReason })} />}
      {article?.state === 'withdrawn' && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('news.withdrawnNotice', { reason: article.withdrawReason ?? '' })} />}
      {article?.state === 'scheduled' && article.publishAt && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('news.scheduledNotice', { at: chinaDateTime(article.publishAt, false) })} />}
      {article && article.flaggedWords.length > 0 && ['submitted', 'scheduled'].includes(article.state) && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="news-flagged" message={t('news.flaggedNotice', { words: [...new Set(article.flaggedWords.map((w) => w.word))].join('、') })} />
      )}
      {article && <ReviewActions me={me} article={article} busy={busy} act={act} />}
      <div className="news-editor-grid" style={{ display: 'grid', gap: 16, gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))' }}>
        <Card title={t('news.create')} size="small">
          <Form form={form} layout="vertical" initialValues={initial} disabled={!editable} requiredMark>
            <Form.Item name="orgId" label={F('org')} extra={t('news.orgHelp')} rules={[{ required: true, message: t('news.fields.org') }]}>
              <OrgPicker initialLabel={article?.orgName} data-testid="news-org" />
            </Form.Item>
            <Form.Item name="categoryId" label={F('category')} rules={[{ required: true, message: F('category') }]}>
              <Select options={(cats.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} data-testid="news-category" />
            </Form.Item>
            <Form.Item name="title" label={F('title')} rules={[{ required: true, whitespace: true, message: F('title') }]}><Input maxLength={80} showCount data-testid="news-title" /></Form.Item>
            <Form.Item name="summary" label={F('summary')}><Input.TextArea rows={2} maxLength={300} showCount /></Form.Item>
            <Form.Item name="bodyHtml" label={F('body')} extra={t('news.bodyHelp')} rules={[{ required: true, whitespace: true, message: F('body') }]}>
              <Input.TextArea rows={12} data-testid="news-body" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Form.Item name="source" label={F('source')}><Input maxLength={60} /></Form.Item>
            <Form.Item name="tags" label={F('tags')} extra={t('news.tagsHelp')}><Select mode="tags" maxCount={8} tokenSeparators={[',', '，', ' ']} open={false} /></Form.Item>
            <Form.Item label={F('cover')} extra={t('news.coverHelp')}>
              <Space direction="vertical">
                {cover && <img src={cover.url.replace('/api/public/news/', '/api/news/')} alt="" style={{ maxWidth: 240, borderRadius: 6 }} />}
                <Upload accept="image/jpeg,image/png,image/webp" showUploadList={false} disabled={!editable}
                  beforeUpload={(file) => { void uploadImage(file).then((r) => setCover({ id: r.id, url: r.url })).catch((e: unknown) => void message.error(errorText(t, e))); return false; }}>
                  <Button icon={<UploadOutlined aria-hidden />}>{t('news.coverUpload')}</Button>
                </Upload>
              </Space>
            </Form.Item>
            {editable && (
              <Space wrap>
                <Button onClick={() => void save().then((x) => { if (x) void message.success(t('news.saved')); })} loading={busy} data-testid="news-save">{t('news.save')}</Button>
                {hasPerm(me, 'news.edit') && <Button type="primary" onClick={() => void submit()} loading={busy} data-testid="news-submit">{t('news.submit')}</Button>}
              </Space>
            )}
          </Form>
        </Card>
        <div style={{ display: 'grid', gap: 16, alignContent: 'start' }}>
          <Card title={t('news.preview')} size="small" extra={<Typography.Text type="secondary">{t('news.previewHelp')}</Typography.Text>}>
            {article ? (
              <article className="news-preview">
                <h2 style={{ color: '#A10F15', marginTop: 0 }}>{article.title}</h2>
                {article.summary && <Typography.Paragraph type="secondary">{article.summary}</Typography.Paragraph>}
                {/* Saved bodies are sanitized by the server (platform/text/sanitize.ts); unsaved text is never rendered as HTML. */}
                <div data-testid="news-preview" style={{ lineHeight: 1.8, fontSize: 16, overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
              </article>
            ) : <EmptyPanel title={t('news.previewHelp')} />}
          </Card>
          {article && (
            <Card title={t('news.versions')} size="small">
              {article.versions.length === 0 ? <Typography.Text type="secondary">{t('news.noVersions')}</Typography.Text> : (
                <Descriptions column={1} size="small" items={article.versions.map((v) => ({
                  key: v.version, label: `v${v.version} · ${chinaDateTime(v.publishedAt, false)}`,
                  children: <span>{v.publishedBy}{v.correctionNote ? ` · ${t('news.fields.note')}：${v.correctionNote}` : ''}</span>,
                }))} />
              )}
            </Card>
          )}
        </div>
      </div>
    </>
  );
}

function ReviewActions({ me, article, busy, act }: { me: Me; article: Article; busy: boolean; act: (fn: () => Promise<unknown>, done: string) => Promise<void> }) {
  const { t } = useTranslation();
  const [when, setWhen] = useState<Dayjs | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [reasonFor, setReasonFor] = useState<'return' | 'withdraw' | null>(null);
  const [reason, setReason] = useState('');
  const [correcting, setCorrecting] = useState(false);
  const [cform] = Form.useForm<{ title: string; summary?: string; bodyHtml: string; note: string }>();
  if (!hasPerm(me, 'news.review')) return null;
  const flagged = article.flaggedWords.length > 0;
  const canReturn = article.state === 'submitted' || article.state === 'scheduled';
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="news-review">
      {article.state === 'submitted' && !article.mayReview && <Alert type="info" showIcon message={t('news.ownArticle')} style={{ marginBottom: 8 }} />}
      <Space wrap align="center">
        {article.state === 'submitted' && article.mayReview && (
          <>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={when} onChange={setWhen} placeholder={t('news.approveAt')} aria-label={t('news.approveAt')}
              disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
            {flagged && <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} data-testid="news-confirm-flagged">{t('news.confirmFlagged')}</Checkbox>}
            <Button type="primary" loading={busy} disabled={flagged && !confirmed} data-testid="news-approve"
              onClick={() => void act(() => newsApi.approve(article.id, { publishAt: when ? when.format('YYYY-MM-DDTHH:mm:00+08:00') : undefined, confirmFlagged: flagged ? confirmed : undefined }), t('news.approved'))}>
              {when ? t('news.approveAt') : t('news.approveNow')}
            </Button>
          </>
        )}
        {canReturn && (article.mayReview || article.state === 'scheduled') && <Button danger onClick={() => { setReason(''); setReasonFor('return'); }} data-testid="news-return">{t('news.returnIt')}</Button>}
        {article.state === 'published' && (
          <>
            <Button onClick={() => { cform.setFieldsValue({ title: article.title, summary: article.summary, bodyHtml: article.bodyHtml, note: '' }); setCorrecting(true); }} data-testid="news-correct">{t('news.correct')}</Button>
            <Button danger onClick={() => { setReason(''); setReasonFor('withdraw'); }} data-testid="news-withdraw">{t('news.withdraw')}</Button>
          </>
        )}
      </Space>
      <Modal open={reasonFor !== null} title={reasonFor === 'withdraw' ? t('news.withdraw') : t('news.returnIt')} okText={t('news.ok')} cancelText={t('news.cancel')}
        okButtonProps={{ disabled: !reason.trim(), danger: true }} onCancel={() => setReasonFor(null)}
        onOk={() => { const r = reason.trim(); const kind = reasonFor; setReasonFor(null); void act(() => (kind === 'withdraw' ? newsApi.withdraw(article.id, r) : newsApi.return(article.id, r)), kind === 'withdraw' ? t('news.withdrawn') : t('news.returned')); }}>
        <Form layout="vertical">
          <Form.Item label={reasonFor === 'withdraw' ? t('news.withdrawReasonLabel') : t('news.returnReasonLabel')} required>
            <Input.TextArea rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="news-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={correcting} width={720} title={t('news.correct')} okText={t('news.correct')} cancelText={t('news.cancel')} onCancel={() => setCorrecting(false)}
        onOk={() => void cform.validateFields().then((v) => { setCorrecting(false); void act(() => newsApi.correct(article.id, v), t('news.corrected')); })}>
        <Form form={cform} layout="vertical">
          <Form.Item name="title" label={t('news.fields.title')} rules={[{ required: true, whitespace: true }]}><Input maxLength={80} /></Form.Item>
          <Form.Item name="summary" label={t('news.fields.summary')}><Input.TextArea rows={2} maxLength={300} /></Form.Item>
          <Form.Item name="bodyHtml" label={t('news.fields.body')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={8} style={{ fontFamily: 'monospace' }} /></Form.Item>
          <Form.Item name="note" label={t('news.fields.note')} rules={[{ required: true, whitespace: true, message: t('news.noteRequired') }]}><Input.TextArea rows={2} maxLength={500} data-testid="news-note" /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

function TvProgramme() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useEpisodes();
  const [editing, setEditing] = useState<Episode | 'new' | null>(null);
  const [form] = Form.useForm<{ orgId: string; airAt: Dayjs; durationMinutes?: number; channel: string; title: string; description?: string; videoUrl?: string; mediaAssetId?: string }>();
  const F = (k: string) => t(`news.fields.${k}` as 'news.fields.title');
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const open = (e: Episode | 'new') => {
    setEditing(e);
    form.resetFields();
    if (e !== 'new') form.setFieldsValue({ orgId: e.orgId, airAt: dayjs(e.airAt), durationMinutes: e.durationMinutes, channel: e.channel, title: e.title, description: e.description, videoUrl: e.videoUrl ?? undefined, mediaAssetId: e.mediaAssetId ?? undefined });
  };
  const save = async () => {
    const v = await form.validateFields();
    try {
      await newsApi.saveEpisode(editing === 'new' || !editing ? null : editing.id, {
        orgId: v.orgId, airAt: v.airAt.format('YYYY-MM-DDTHH:mm:00+08:00'), durationMinutes: v.durationMinutes, channel: v.channel, title: v.title, description: v.description ?? '',
        videoUrl: v.videoUrl?.trim() || null, mediaAssetId: v.mediaAssetId?.trim() || null,
      });
      setEditing(null);
      await qc.invalidateQueries({ queryKey: newsKeys.tv });
    } catch (e) { if (!applyFieldErrors(form, e)) void message.error(errorText(t, e)); }
  };
  const columns: ColumnsType<Episode> = [
    { title: F('airAt'), dataIndex: 'airAt', width: 160, render: (v: string) => <span className="mono">{chinaDateTime(v, false)}</span> },
    { title: F('channel'), dataIndex: 'channel', width: 130 },
    { title: F('episodeTitle'), dataIndex: 'title', render: (v: string, r) => <a onClick={() => open(r)}>{v}</a> },
    { title: F('duration'), dataIndex: 'durationMinutes', width: 100, align: 'right' },
    { title: F('org'), dataIndex: 'orgName', width: 140, ellipsis: true },
    { title: '', width: 90, render: (_: unknown, r) => (
      <Popconfirm title={t('news.deleteConfirm')} okText={t('news.ok')} cancelText={t('news.cancel')}
        onConfirm={() => void newsApi.deleteEpisode(r.id).then(() => qc.invalidateQueries({ queryKey: newsKeys.tv })).catch((e: unknown) => void message.error(errorText(t, e)))}>
        <Button size="small" danger>{t('news.deleteEpisode')}</Button>
      </Popconfirm>
    ) },
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => open('new')} data-testid="tv-new">{t('news.addEpisode')}</Button>
        <a href="/news/tv" target="_blank" rel="noreferrer">{t('news.publicGuide')}</a>
      </Space>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : (
        <>
          <Table rowKey="id" size="middle" columns={columns} dataSource={rows} loading={list.isFetching} pagination={false} scroll={{ x: 800 }} locale={{ emptyText: <EmptyPanel title={t('news.tvEmpty')} /> }} />
          {list.hasNextPage && <Button style={{ marginTop: 12 }} onClick={() => void list.fetchNextPage()}>{t('news.more')}</Button>}
        </>
      )}
      <Modal open={editing !== null} title={editing === 'new' ? t('news.addEpisode') : t('news.editEpisode')} okText={t('news.ok')} cancelText={t('news.cancel')} onCancel={() => setEditing(null)} onOk={() => void save()}>
        <Form form={form} layout="vertical" initialValues={{ durationMinutes: 30 }}>
          <Form.Item name="orgId" label={F('org')} rules={[{ required: true }]}><OrgPicker initialLabel={editing && editing !== 'new' ? editing.orgName : undefined} /></Form.Item>
          <Form.Item name="airAt" label={F('airAt')} rules={[{ required: true }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="durationMinutes" label={F('duration')}><InputNumber min={1} max={600} /></Form.Item>
          <Form.Item name="channel" label={F('channel')} rules={[{ required: true, whitespace: true }]}><Input maxLength={40} /></Form.Item>
          <Form.Item name="title" label={F('episodeTitle')} rules={[{ required: true, whitespace: true }]}><Input maxLength={80} /></Form.Item>
          <Form.Item name="description" label={F('description')}><Input.TextArea rows={3} maxLength={1000} /></Form.Item>
          <Form.Item name="videoUrl" label={F('videoUrl')} rules={[{ pattern: /^https:\/\/\S+$/, message: 'https://…' }]}><Input maxLength={500} placeholder="https://" /></Form.Item>
          <Form.Item name="mediaAssetId" label={F('mediaAssetId')}><MediaPicker uploadVisibility="public" /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Categories() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const cats = useCategories();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const [form] = Form.useForm<{ name: string; sortOrder?: number }>();
  const save = async () => {
    const v = await form.validateFields();
    try {
      await newsApi.saveCategory(editing === 'new' || !editing ? null : editing.id, v);
      setEditing(null);
      await qc.invalidateQueries({ queryKey: newsKeys.categories });
    } catch (e) { if (!applyFieldErrors(form, e)) void message.error(errorText(t, e)); }
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => { form.resetFields(); setEditing('new'); }}>{t('news.addCategory')}</Button>
        <Typography.Text type="secondary">{t('news.categoryHelp')}</Typography.Text>
      </Space>
      <Table rowKey="id" size="middle" pagination={false} loading={cats.isFetching} dataSource={cats.data?.items ?? []}
        columns={[
          { title: t('news.fields.sortOrder'), dataIndex: 'sortOrder', width: 90, align: 'right' },
          { title: t('news.fields.name'), dataIndex: 'name', render: (v: string, r: Category) => <a onClick={() => { form.setFieldsValue({ name: r.name, sortOrder: r.sortOrder }); setEditing(r); }}>{v}</a> },
        ]} />
      <Modal open={editing !== null} title={t('news.addCategory')} okText={t('news.ok')} cancelText={t('news.cancel')} onCancel={() => setEditing(null)} onOk={() => void save()}>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('news.fields.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={20} /></Form.Item>
          <Form.Item name="sortOrder" label={t('news.fields.sortOrder')}><InputNumber min={0} max={10000} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
