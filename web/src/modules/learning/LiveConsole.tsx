// 远程教育 → 直播管理 in the console (/admin/learning/live): the subtree's live lessons, scheduling and editing (a form
// with Chinese validation; the server's field errors land on their fields), start / end / cancel, 聊天审核 (held
// messages first, refreshed every 15 s) and 关联回放 (a media asset or an MP4 address becomes a lesson of the course).
import { useState } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Popconfirm, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
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
import { AUDIENCES, useCourses, type Audience } from './learning-api';
import { liveApi, liveKeys, useHeld, useLive, useLiveList, useLiveSettings, type HeldMessage, type LiveEvent, type LiveStatus } from './live-api';

const TONE: Record<LiveStatus, Tone> = { scheduled: 'blue', live: 'red', ended: 'grey', cancelled: 'gold' };
const HLS = /^https?:\/\/[^\s<>"'?#]+\.m3u8(\?[^\s<>"'#]*)?$/i;

export function LiveConsole({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<LiveList me={me} />} />
      <Route path="new" element={<LiveDetail me={me} />} />
      <Route path=":id" element={<LiveDetail me={me} />} />
    </Routes>
  );
}

function LiveList({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [orgId, setOrgId] = useState<string>();
  const [status, setStatus] = useState<LiveStatus>();
  const [q, setQ] = useState<string>();
  const list = useLiveList({ orgId, status, q });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: ColumnsType<LiveEvent> = [
    { title: t('learning.live.name'), dataIndex: 'title', render: (v: string, r) => <Link to={`/admin/learning/live/${r.id}`} data-testid="live-open">{v}</Link> },
    { title: t('learning.live.org'), dataIndex: 'orgName', width: 160, ellipsis: true },
    { title: t('learning.live.range'), dataIndex: 'startsAt', width: 210, render: (v: string, r) => <span className="mono">{chinaDateTime(v, false)} — {chinaDateTime(r.endsAt, false).slice(11)}</span> },
    { title: t('learning.status_'), dataIndex: 'status', width: 90, render: (v: LiveStatus) => <StatusTag tone={TONE[v]}>{t(`learning.live.status.${v}`)}</StatusTag> },
    { title: t('learning.live.moderation'), dataIndex: 'heldCount', width: 110, render: (n: number) => (n ? <Tag color="orange">{t('learning.live.heldCount', { n })}</Tag> : '—') },
    { title: t('learning.live.recording'), dataIndex: 'recordingLessonId', width: 100, render: (v: string | null) => (v ? t('learning.live.recordingLinked') : '—') },
  ];
  return (
    <>
      <PageHeader title={t('learning.live.admin')}
        extra={hasPerm(me, 'learning.manage') && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/admin/learning/live/new')} data-testid="live-new">{t('learning.live.create')}</Button>} />
      <OriginsNotice />
      <Form layout="inline" className="filter-form" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={t('learning.live.org')}><OrgPicker allowClear value={orgId} onChange={(v) => setOrgId(v)} style={{ minWidth: 220 }} /></Form.Item>
        <Form.Item label={t('learning.status_')}>
          <Select allowClear value={status} onChange={setStatus} style={{ width: 120 }} placeholder={t('learning.allStates')} options={(['scheduled', 'live', 'ended', 'cancelled'] as const).map((s) => ({ value: s, label: t(`learning.live.status.${s}`) }))} />
        </Form.Item>
        <Form.Item><Input.Search allowClear placeholder={t('learning.live.search')} aria-label={t('learning.live.search')} onSearch={(v) => setQ(v.trim() || undefined)} /></Form.Item>
      </Form>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : (
        <>
          <Table rowKey="id" size="middle" columns={columns} dataSource={items} loading={list.isFetching} pagination={false} scroll={{ x: 900 }}
            locale={{ emptyText: <EmptyPanel title={t('learning.live.listEmpty')} /> }} />
          {list.hasNextPage && <Button block style={{ marginTop: 12 }} onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('common.loadMore')}</Button>}
        </>
      )}
    </>
  );
}

/** When no stream origin is registered, an external .m3u8 address is saved but blocked by the browsers' CSP: say so. */
function OriginsNotice() {
  const { t } = useTranslation();
  const settings = useLiveSettings();
  if (!settings.data || settings.data.liveOrigins.length > 0) return null;
  return <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="live-origins-missing"
    message={t('learning.live.noOrigins')} description={t('learning.live.noOriginsHint')} />;
}

/** Whether an address is on one of the registered origins (none registered: nothing external plays). */
const onOrigins = (url: string, origins: readonly string[]) => {
  try { return origins.includes(new URL(url).origin); } catch { return false; }
};

interface Values {
  orgId?: string; title: string; description?: string; audiences: Audience[]; sourceUrl?: string; sourceAssetId?: string;
  startsAt: Dayjs; endsAt: Dayjs; creditMinutes?: number | null; courseId?: string;
}

function LiveDetail({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { id } = useParams();
  const live = useLive(id);
  const courses = useCourses({});
  const origins = useLiveSettings().data?.liveOrigins;
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [recording, setRecording] = useState(false);
  const canWrite = hasPerm(me, 'learning.manage');
  const refresh = () => qc.invalidateQueries({ queryKey: liveKeys.all });

  if (id && live.isPending) return null;
  if (id && live.isError) return <ErrorResult error={live.error} onRetry={() => void live.refetch()} />;
  const e = live.data;
  const editable = canWrite && (!e || e.status === 'scheduled');

  const save = async (v: Values) => {
    setSaving(true);
    const body = {
      title: v.title, description: v.description, audiences: v.audiences, sourceUrl: v.sourceUrl?.trim() || null, sourceAssetId: v.sourceAssetId?.trim() || null,
      startsAt: v.startsAt.toISOString(), endsAt: v.endsAt.toISOString(), creditMinutes: v.creditMinutes ?? null, courseId: v.courseId ?? null,
    };
    try {
      if (!e) {
        const r = await liveApi.create({ ...body, orgId: v.orgId ?? '' });
        void message.success(t('learning.saved'));
        await refresh();
        void navigate(`/admin/learning/live/${r.id}`, { replace: true });
      } else {
        await liveApi.update(e.id, { ...body, version: e.version });
        void message.success(t('learning.saved'));
        await refresh();
      }
    } catch (err) {
      if (!applyFieldErrors(form, err)) void message.error(errorText(t, err));
    } finally { setSaving(false); }
  };
  const act = async (fn: () => Promise<unknown>, done: string) => {
    try { await fn(); void message.success(done); await refresh(); } catch (err) { void message.error(errorText(t, err)); }
  };
  const cancel = (ev: LiveEvent) => {
    let reason = '';
    modal.confirm({
      title: t('learning.live.cancel'), okText: t('learning.live.cancel'), okButtonProps: { danger: true },
      content: <Input.TextArea rows={2} maxLength={200} aria-label={t('learning.live.cancelReason')} placeholder={t('learning.live.cancelReason')} onChange={(x) => { reason = x.target.value; }} />,
      onOk: async () => {
        if (!reason.trim()) { void message.error(t('learning.live.rules.reason')); throw new Error('reason'); }
        await act(() => liveApi.cancel(ev.id, reason.trim()), t('learning.live.cancelledMsg'));
      },
    });
  };

  return (
    <>
      <PageHeader title={e ? e.title : t('learning.live.create')}
        extra={e && canWrite && (
          <Space wrap>
            {e.status === 'scheduled' && (
              <Popconfirm title={t('learning.live.startConfirm')} onConfirm={() => void act(() => liveApi.start(e.id), t('learning.live.started'))}>
                <Button type="primary" data-testid="live-start">{t('learning.live.start')}</Button>
              </Popconfirm>
            )}
            {e.status === 'scheduled' && <Button danger onClick={() => cancel(e)}>{t('learning.live.cancel')}</Button>}
            {e.status === 'live' && (
              <Popconfirm title={t('learning.live.endConfirm')} onConfirm={() => void act(() => liveApi.end(e.id), t('learning.live.endedMsg'))}>
                <Button danger data-testid="live-end">{t('learning.live.end')}</Button>
              </Popconfirm>
            )}
            {e.status === 'ended' && !e.recordingLessonId && <Button type="primary" onClick={() => setRecording(true)} data-testid="live-recording">{t('learning.live.recording')}</Button>}
          </Space>
        )}>
        {e && <StatusTag tone={TONE[e.status]}>{t(`learning.live.status.${e.status}`)}</StatusTag>}
      </PageHeader>
      {e && !editable && (
        <Card style={{ marginBottom: 16 }}>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" items={[
            { label: t('learning.live.org'), children: e.orgName },
            { label: t('learning.live.range'), children: `${chinaDateTime(e.startsAt, false)} — ${chinaDateTime(e.endsAt, false).slice(11)}` },
            { label: t('learning.live.source'), children: <Typography.Text copyable={!!e.sourceUrl} style={{ wordBreak: 'break-all' }}>{e.sourceUrl ?? `#${e.sourceAssetId}`}</Typography.Text> },
            { label: t('learning.live.creditMinutes'), children: e.creditMinutes },
            { label: t('learning.live.course'), children: e.courseTitle ?? '—' },
            { label: t('learning.live.recording'), children: e.recordingLessonId && e.courseId ? <Link to={`/admin/learning/courses/${e.courseId}`}>{t('learning.live.recordingLinked')}</Link> : '—' },
            ...(e.cancelReason ? [{ label: t('learning.live.cancelReason'), children: e.cancelReason }] : []),
          ]} />
        </Card>
      )}
      {editable && (
        <Card style={{ marginBottom: 16 }}>
          <Form form={form} layout="vertical" onFinish={(v) => void save(v)} style={{ maxWidth: 720 }} data-testid="live-form"
            initialValues={e ? {
              title: e.title, description: e.description, audiences: e.audiences, sourceUrl: e.sourceUrl ?? undefined, sourceAssetId: e.sourceAssetId ?? undefined,
              startsAt: dayjs(e.startsAt), endsAt: dayjs(e.endsAt), creditMinutes: e.creditMinutes, courseId: e.courseId ?? undefined,
            } : { audiences: ['member'], startsAt: dayjs().add(1, 'day').hour(19).minute(30).second(0), endsAt: dayjs().add(1, 'day').hour(21).minute(0).second(0) }}>
            {!e && <Form.Item name="orgId" label={t('learning.live.org')} rules={[{ required: true, message: t('learning.live.rules.org') }]}><OrgPicker /></Form.Item>}
            {e && <Form.Item label={t('learning.live.org')}><Typography.Text>{e.orgName}</Typography.Text></Form.Item>}
            <Form.Item name="title" label={t('learning.live.name')} rules={[{ required: true, whitespace: true, message: t('learning.live.rules.name') }, { max: 80 }]}><Input /></Form.Item>
            <Form.Item name="audiences" label={t('learning.live.audiences')} rules={[{ required: true, message: t('learning.live.rules.audiences') }]}>
              <Checkbox.Group options={AUDIENCES.map((a) => ({ value: a, label: t(`learning.audience.${a}`) }))} />
            </Form.Item>
            <Form.Item name="sourceUrl" label={t('learning.live.sourceUrl')} dependencies={['sourceAssetId']}
              extra={origins && origins.length > 0 ? `${t('learning.live.sourceHint')}${t('learning.live.originsAre', { list: origins.join('、') })}` : t('learning.live.sourceHintNoOrigins')}
              rules={[({ getFieldValue }) => ({
                validator: (_r, v?: string) => {
                  if (!v?.trim() && !getFieldValue('sourceAssetId')) return Promise.reject(new Error(t('learning.live.rules.source')));
                  if (v?.trim() && !HLS.test(v.trim())) return Promise.reject(new Error(t('learning.live.rules.sourceUrl')));
                  if (v?.trim() && origins?.length && !onOrigins(v.trim(), origins)) return Promise.reject(new Error(t('learning.live.rules.origin', { list: origins.join('、') })));
                  return Promise.resolve();
                },
              })]}>
              <Input placeholder="https://live.example.cn/hls/xxx/index.m3u8" />
            </Form.Item>
            <Form.Item name="sourceAssetId" label={t('learning.live.sourceAsset')}><MediaPicker uploadVisibility="members" /></Form.Item>
            <Space wrap align="start">
              <Form.Item name="startsAt" label={t('learning.live.startsAt')} rules={[{ required: true, message: t('learning.live.rules.startsAt') }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
              <Form.Item name="endsAt" label={t('learning.live.endsAt')} rules={[{ required: true, message: t('learning.live.rules.endsAt') }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
              <Form.Item name="creditMinutes" label={t('learning.live.creditMinutes')} extra={t('learning.live.creditHint')}><InputNumber min={1} max={600} /></Form.Item>
            </Space>
            <Form.Item name="courseId" label={t('learning.live.course')} extra={t('learning.live.courseHint')}>
              <Select allowClear showSearch optionFilterProp="label" options={(courses.data?.pages.flatMap((p) => p.items) ?? []).map((c) => ({ value: c.id, label: `${c.title}（${c.orgName}）` }))} />
            </Form.Item>
            <Form.Item name="description" label={t('learning.live.description')} rules={[{ max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="live-save">{t('learning.save')}</Button>
          </Form>
        </Card>
      )}
      {e && <Moderation eventId={e.id} canWrite={canWrite} onChange={refresh} />}
      {e && recording && <RecordingModal ev={e} onClose={() => setRecording(false)} onDone={refresh} />}
    </>
  );
}

function Moderation({ eventId, canWrite, onChange }: { eventId: string; canWrite: boolean; onChange: () => Promise<void> }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [state, setState] = useState<'held' | 'shown' | 'hidden'>('held');
  const list = useHeld(eventId, state);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const done = async (text: string) => { void message.success(text); await qc.invalidateQueries({ queryKey: liveKeys.all }); await onChange(); };
  const hide = (m: HeldMessage) => {
    let reason = '';
    modal.confirm({
      title: t('learning.live.hide'), okText: t('learning.live.hide'), okButtonProps: { danger: true },
      content: <Input.TextArea rows={2} maxLength={200} aria-label={t('learning.live.hideReason')} placeholder={t('learning.live.hideReason')} onChange={(x) => { reason = x.target.value; }} />,
      onOk: async () => {
        if (!reason.trim()) { void message.error(t('learning.live.rules.reason')); throw new Error('reason'); }
        try { await liveApi.hide(m.id, reason.trim()); await done(t('learning.live.hiddenMsg')); } catch (err) { void message.error(errorText(t, err)); }
      },
    });
  };
  const columns: ColumnsType<HeldMessage> = [
    { title: t('learning.live.msgText'), dataIndex: 'text', render: (v: string, r) => <><div>{v}</div>{r.words.length > 0 && <div>{r.words.map((w) => <Tag key={w} color="orange">{w}</Tag>)}</div>}{r.reason && <Typography.Text type="secondary">{r.reason}</Typography.Text>}</> },
    { title: t('learning.live.sender'), dataIndex: 'name', width: 160, render: (v: string, r) => <>{v}<br /><Typography.Text type="secondary">{r.orgName}</Typography.Text></> },
    { title: t('learning.live.sentAt'), dataIndex: 'at', width: 150, render: (v: string) => <span className="mono">{chinaDateTime(v, false)}</span> },
    ...(canWrite && state !== 'hidden' ? [{
      title: '', key: 'ops', width: 150, render: (_v: unknown, r: HeldMessage) => (
        <Space size={4}>
          {r.state === 'held' && <Button size="small" type="primary" onClick={() => void liveApi.approve(r.id).then(() => done(t('learning.live.approved')), (err: unknown) => void message.error(errorText(t, err)))}>{t('learning.live.approve')}</Button>}
          <Button size="small" danger onClick={() => hide(r)}>{t('learning.live.hide')}</Button>
        </Space>
      ),
    }] : []),
  ];
  return (
    <Card title={t('learning.live.moderation')} data-testid="live-moderation"
      extra={<Segmented size="small" value={state} onChange={(v) => setState(v as typeof state)}
        options={(['held', 'shown', 'hidden'] as const).map((s) => ({ value: s, label: t(`learning.live.${s}`) }))} />}>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : (
        <>
          <Table rowKey="id" size="small" columns={columns} dataSource={items} loading={list.isFetching} pagination={false} scroll={{ x: 640 }}
            locale={{ emptyText: <EmptyPanel title={t('learning.live.chatEmpty')} /> }} />
          {list.hasNextPage && <Button block style={{ marginTop: 12 }} onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('common.loadMore')}</Button>}
        </>
      )}
    </Card>
  );
}

function RecordingModal({ ev, onClose, onDone }: { ev: LiveEvent; onClose: () => void; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const courses = useCourses({});
  const [form] = Form.useForm<{ mediaAssetId?: string; videoUrl?: string; durationSeconds?: number; title?: string; courseId?: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await liveApi.recording(ev.id, { mediaAssetId: v.mediaAssetId?.trim() || null, videoUrl: v.videoUrl?.trim() || null, durationSeconds: v.durationSeconds ?? null, title: v.title?.trim() || undefined, courseId: v.courseId ?? null });
      void message.success(t('learning.live.recordingDone'));
      await onDone();
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err)) void message.error(errorText(t, err));
    } finally { setSaving(false); }
  };
  return (
    <Modal open title={t('learning.live.recording')} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} okText={t('learning.save')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ title: `${ev.title}（回放）`.slice(0, 80), courseId: ev.courseId ?? undefined }}>
        <Form.Item name="courseId" label={t('learning.live.course')} rules={[{ required: true, message: t('learning.live.courseHint') }]}>
          <Select showSearch optionFilterProp="label" options={(courses.data?.pages.flatMap((p) => p.items) ?? []).map((c) => ({ value: c.id, label: `${c.title}（${c.orgName}）` }))} />
        </Form.Item>
        <Form.Item name="title" label={t('learning.live.recordingTitle')} rules={[{ max: 80 }]}><Input /></Form.Item>
        <Form.Item name="mediaAssetId" label={t('learning.live.recordingAsset')}>
          <MediaPicker uploadVisibility="members" onPick={(v) => { if (v?.durationSeconds && !form.getFieldValue('durationSeconds')) form.setFieldsValue({ durationSeconds: Math.max(1, Math.round(v.durationSeconds)) }); }} />
        </Form.Item>
        <Form.Item name="videoUrl" label={t('learning.live.recordingUrl')}><Input placeholder="https://…/xxx.mp4" /></Form.Item>
        <Form.Item name="durationSeconds" label={t('learning.live.recordingDuration')}><InputNumber min={1} max={86400} /></Form.Item>
      </Form>
    </Modal>
  );
}
