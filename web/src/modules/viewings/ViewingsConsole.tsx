// 集中收看 in the console: the list of sessions in the caller's scope with filters and paging (/admin/viewings, also
// ?stationId= from a station's row), the schedule form (a modal), and one session (/admin/viewings/:id) with its QR
// code, the live count of checked-in members, the roll call, adding other members, 确认考勤 and 取消.
import { useState } from 'react';
import { Link, Route, Routes, useParams, useSearchParams } from 'react-router';
import { App, Alert, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, QRCode, Select, Space, Statistic, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ok } from '@/api/client';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag, type Tone } from '@/modules/common/StatusTag';
import { applyFieldErrors, errorText } from '@/modules/common/errors';
import { chinaDateTime, fmtCount } from '@/modules/common/format';
import { useRoll, useViewing, useViewingList, viewingKeys, viewingsApi, type RollEntry, type ViewingQuery, type ViewingSession } from './viewings-api';
import { SourceFields, sourceBody, type ScheduleValues } from './SourceFields';

const PHASE_TONE: Record<ViewingSession['phase'], Tone> = { scheduled: 'grey', open: 'green', ended: 'gold', closed: 'blue', cancelled: 'red' };
const LIVE_TONE: Record<NonNullable<ViewingSession['liveEventStatus']>, Tone> = { scheduled: 'grey', live: 'green', ended: 'blue', cancelled: 'red' };

export function ViewingsConsole({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<ViewingList me={me} />} />
      <Route path=":id" element={<ViewingDetail />} />
    </Routes>
  );
}

function PhaseTag({ phase }: { phase: ViewingSession['phase'] }) {
  const { t } = useTranslation();
  return <StatusTag tone={PHASE_TONE[phase]}>{t(`viewings.phase.${phase}`)}</StatusTag>;
}

function ViewingList({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const stationId = params.get('stationId') ?? undefined;
  const [query, setQuery] = useState<ViewingQuery>({ stationId });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ q?: string; status?: ViewingQuery['status']; range?: [Dayjs, Dayjs] }>();
  const list = useViewingList(query);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const canManage = hasPerm(me, 'viewing.manage');
  const search = (v: { q?: string; status?: ViewingQuery['status']; range?: [Dayjs, Dayjs] }) => setQuery({
    stationId, q: v.q?.trim() || undefined, status: v.status, from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD'),
  });
  return (
    <>
      <PageHeader
        title={stationId && rows[0] ? `${t('viewings.title')} · ${rows[0].stationName}` : t('viewings.title')}
        extra={canManage && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)} data-testid="viewing-new">{t('viewings.create')}</Button>}
      />
      <Card size="small" className="filter-card">
        <Form form={form} layout="inline" onFinish={search} aria-label={t('viewings.filters')}>
          <Form.Item name="q" label={t('viewings.fields.keyword')}><Input allowClear maxLength={50} /></Form.Item>
          <Form.Item name="status" label={t('viewings.fields.status')}>
            <Select allowClear style={{ width: 140 }} placeholder={t('viewings.any')}
              options={(['scheduled', 'closed', 'cancelled'] as const).map((s) => ({ value: s, label: t(`viewings.phase.${s}`) }))} />
          </Form.Item>
          <Form.Item name="range" label={t('viewings.fields.dateRange')}><DatePicker.RangePicker /></Form.Item>
          <Form.Item><Space><Button type="primary" htmlType="submit">{t('viewings.search')}</Button><Button onClick={() => { form.resetFields(); setQuery({ stationId }); }}>{t('viewings.reset')}</Button></Space></Form.Item>
        </Form>
      </Card>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : (
        <>
          <Table<ViewingSession>
            rowKey="id" size="middle" loading={list.isPending} dataSource={rows} pagination={false} scroll={{ x: 900 }}
            locale={{ emptyText: <div><strong>{t('viewings.emptyTitle')}</strong><p>{t('viewings.emptyHint')}</p></div> }}
            columns={[
              { title: t('viewings.fields.startsAt'), dataIndex: 'startsAt', width: 150, render: (v: string) => chinaDateTime(v, false) },
              {
                title: t('viewings.fields.title'), dataIndex: 'title', render: (v: string, r) => (
                  <>
                    <Link to={`/admin/viewings/${r.id}`} data-testid="viewing-link">{v}</Link>
                    {r.liveEventId && <Tag style={{ marginLeft: 6 }}>{t('viewings.source.live')}</Tag>}
                    {r.lessonId && <Tag style={{ marginLeft: 6 }}>{t('viewings.source.lesson')}</Tag>}
                  </>
                ),
              },
              { title: t('viewings.fields.station'), dataIndex: 'stationName' },
              { title: t('viewings.fields.duration'), dataIndex: 'durationMinutes', width: 110 },
              { title: t('viewings.fields.present'), dataIndex: 'presentCount', width: 100, render: (n: number) => fmtCount(n) },
              { title: t('viewings.fields.status'), dataIndex: 'phase', width: 120, render: (p: ViewingSession['phase']) => <PhaseTag phase={p} /> },
            ]}
          />
          <div className="list-footer" style={{ marginTop: 12 }}>
            <span>{t('viewings.totalOf', { n: list.data?.pages[0]?.total ?? 0 })}</span>
            {list.hasNextPage && <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} style={{ marginLeft: 12 }}>{t('viewings.more')}</Button>}
          </div>
        </>
      )}
      {creating && <ScheduleForm stationId={stationId} onClose={() => setCreating(false)} />}
    </>
  );
}

/** The arrangement of a session, the same when scheduling and when adjusting: title, start and duration, organizer, notes. */
function ArrangementFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="title" label={t('viewings.fields.title')} rules={[{ required: true, whitespace: true, message: t('viewings.rules.title') }, { max: 120 }]}><Input maxLength={120} /></Form.Item>
      {/* Side by side when there is room; each field's message wraps within its own width on a phone. */}
      <div className="form-row">
        <Form.Item name="startsAt" label={t('viewings.fields.startsAt')} extra={t('viewings.hints.startsAt')} rules={[{ required: true, message: t('viewings.rules.startsAt') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="durationMinutes" label={t('viewings.fields.duration')} extra={t('viewings.hints.duration')} rules={[{ required: true, type: 'integer', min: 10, max: 480, message: t('viewings.rules.duration') }]}>
          <InputNumber min={10} max={480} precision={0} />
        </Form.Item>
      </div>
      <Form.Item name="organizerName" label={t('viewings.fields.organizer')} rules={[{ required: true, whitespace: true, message: t('viewings.rules.organizer') }, { max: 30 }]}><Input maxLength={30} /></Form.Item>
      <Form.Item name="notes" label={t('viewings.fields.notes')}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
    </>
  );
}

function ScheduleForm({ stationId, onClose }: { stationId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ScheduleValues>();
  const [q, setQ] = useState('');
  const [saving, setSaving] = useState(false);
  const stations = useQuery({
    queryKey: ['stations', 'pick', q],
    queryFn: ({ signal }) => ok(api.GET('/api/stations', { params: { query: { q: q || undefined, status: 'active', limit: 30 } }, signal })),
  });
  const submit = async (v: ScheduleValues) => {
    setSaving(true);
    try {
      await viewingsApi.create({
        stationId: v.stationId, title: v.title, startsAt: v.startsAt.toISOString(), durationMinutes: v.durationMinutes, organizerName: v.organizerName,
        notes: v.notes || null, ...sourceBody(v),
      });
      message.success(t('viewings.created'));
      await qc.invalidateQueries({ queryKey: viewingKeys.all });
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('viewings.create')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} width={620} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ stationId, source: 'live', durationMinutes: 60, startsAt: dayjs().add(1, 'day').hour(9).minute(0).second(0) }}
        // What a station's members see depends on the station: a change of station clears the chosen event or lesson.
        onValuesChange={(changed: Partial<ScheduleValues>) => { if ('stationId' in changed) form.setFieldsValue({ liveEventId: undefined, lessonId: undefined }); }}
        data-testid="viewing-form">
        <Form.Item name="stationId" label={t('viewings.fields.station')} extra={t('viewings.hints.station')} rules={[{ required: true, message: t('viewings.rules.station') }]}>
          <Select showSearch filterOption={false} onSearch={setQ} loading={stations.isFetching}
            options={(stations.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.orgName}）` }))} />
        </Form.Item>
        <SourceFields form={form} />
        <ArrangementFields />
      </Form>
    </Modal>
  );
}

interface AdjustValues { title: string; startsAt: Dayjs; durationMinutes: number; organizerName: string; notes?: string | null }

/** 调整安排: the fields that may change before the start, sent with the version read (someone else's change in between is refused). */
function AdjustForm({ session: s, onClose }: { session: ViewingSession; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<AdjustValues>();
  const [saving, setSaving] = useState(false);
  const submit = async (v: AdjustValues) => {
    setSaving(true);
    try {
      await viewingsApi.update(s.id, {
        version: s.version, title: v.title, startsAt: v.startsAt.toISOString(), durationMinutes: v.durationMinutes, organizerName: v.organizerName, notes: v.notes || null,
      });
      message.success(t('viewings.detail.adjusted'));
      await qc.invalidateQueries({ queryKey: viewingKeys.all });
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={t('viewings.detail.adjustTitle')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} width={620} destroyOnHidden>
      <Alert type="info" showIcon title={t('viewings.detail.adjustHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit} data-testid="viewing-adjust-form"
        initialValues={{ title: s.title, startsAt: dayjs(s.startsAt), durationMinutes: s.durationMinutes, organizerName: s.organizerName, notes: s.notes }}>
        <ArrangementFields />
      </Form>
    </Modal>
  );
}

function ViewingDetail() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const session = useViewing(id);
  const [adjusting, setAdjusting] = useState(false);
  const s = session.data;
  if (session.isError) return <ErrorResult error={session.error} onRetry={() => void session.refetch()} />;
  if (!s) return <Card loading />;
  const refresh = () => qc.invalidateQueries({ queryKey: viewingKeys.all });
  const confirm = () => modal.confirm({
    title: t('viewings.detail.confirmTitle'), content: t(s.liveEventId ? 'viewings.detail.confirmBodyLive' : 'viewings.detail.confirmBody', { n: s.presentCount, m: s.creditMinutes }),
    onOk: async () => {
      try {
        const r = await viewingsApi.confirm(s.id);
        message.success(t('viewings.detail.confirmed', { credited: r.credited, capped: r.capped, already: r.alreadyToday, none: r.dailyCap + r.departed }));
        await refresh();
      } catch (e) { message.error(errorText(t, e)); }
    },
  });
  let reason = '';
  const cancel = () => modal.confirm({
    title: t('viewings.detail.cancel'),
    content: <Input.TextArea aria-label={t('viewings.detail.cancelReason')} placeholder={t('viewings.detail.cancelReason')} maxLength={200} onChange={(e) => { reason = e.target.value; }} />,
    onOk: async () => {
      if (!reason.trim()) { message.error(t('viewings.detail.reasonRequired')); throw new Error('reason'); }
      try { await viewingsApi.cancel(s.id, reason); await refresh(); } catch (e) { message.error(errorText(t, e)); }
    },
  });
  const checkinUrl = s.checkinCode ? `${window.location.origin}/viewing/checkin/${s.checkinCode}` : null;
  const adjustable = s.canAdjust;
  const takingAttendance = s.canManage && (s.phase === 'open' || s.phase === 'ended');
  return (
    <>
      <PageHeader
        title={<>{s.title} <PhaseTag phase={s.phase} /></>}
        extra={
          <Space wrap>
            <Link to="/admin/viewings">{t('viewings.detail.back')}</Link>
            {adjustable && <Button onClick={() => setAdjusting(true)} data-testid="viewing-adjust">{t('viewings.detail.adjust')}</Button>}
            {s.canManage && s.status === 'scheduled' && <Button danger onClick={cancel}>{t('viewings.detail.cancel')}</Button>}
            {s.canManage && s.status !== 'cancelled' && (
              <Button type="primary" onClick={confirm} disabled={s.phase === 'scheduled'} data-testid="viewing-confirm">{t('viewings.detail.confirm')}</Button>
            )}
          </Space>
        }
      />
      {s.status === 'cancelled' && <Alert type="warning" showIcon title={t('viewings.detail.cancelInfo', { reason: s.cancelReason })} style={{ marginBottom: 16 }} />}
      {s.liveEventMoved && s.liveEventStartsAt && (
        <Alert type="warning" showIcon data-testid="viewing-live-moved" style={{ marginBottom: 16 }}
          title={t('viewings.detail.liveMoved', { time: chinaDateTime(s.liveEventStartsAt, false) })}
          action={adjustable && <Button size="small" onClick={() => setAdjusting(true)}>{t('viewings.detail.adjust')}</Button>} />
      )}
      {adjusting && <AdjustForm session={s} onClose={() => setAdjusting(false)} />}
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <Card style={{ flex: '1 1 420px' }}>
          <Descriptions column={1} size="small" items={[
            { label: t('viewings.fields.station'), children: `${s.stationName}（${s.orgName}）` },
            { label: t('viewings.fields.startsAt'), children: `${chinaDateTime(s.startsAt, false)} — ${chinaDateTime(s.endsAt, false).slice(11)}` },
            { label: t('viewings.fields.duration'), children: s.durationMinutes },
            ...(s.liveEventId ? [{
              label: t('viewings.fields.liveEvent'),
              children: <span data-testid="viewing-live-title">{s.liveEventTitle ?? s.liveEventId} {s.liveEventStatus && <StatusTag tone={LIVE_TONE[s.liveEventStatus]}>{t(`viewings.liveStatus.${s.liveEventStatus}`)}</StatusTag>}</span>,
            }] : []),
            ...(s.lessonId ? [{ label: t('viewings.fields.lesson'), children: s.lessonTitle ?? s.lessonId }] : []),
            ...(s.liveTitle ? [{ label: t('viewings.fields.liveTitle'), children: s.liveTitle }] : []),
            { label: t('viewings.fields.creditMinutes'), children: s.creditMinutes },
            { label: t('viewings.fields.organizer'), children: s.organizerName },
            ...(s.notes ? [{ label: t('viewings.fields.notes'), children: s.notes }] : []),
          ]} />
          <Statistic title={t('viewings.fields.present')} value={s.presentCount} data-testid="viewing-present" style={{ marginTop: 12 }} />
        </Card>
        {checkinUrl && s.status === 'scheduled' && (
          <Card title={t('viewings.detail.qrTitle')} style={{ flex: '0 0 260px' }}>
            {/* The code repeats the link printed below it, which is what a screen reader reads. */}
            <div aria-hidden><QRCode value={checkinUrl} size={200} bordered={false} /></div>
            <p style={{ marginTop: 8 }}>{t('viewings.detail.qrHint')}</p>
            <p><a href={checkinUrl} data-testid="viewing-checkin-url" style={{ wordBreak: 'break-all', fontSize: 12 }}>{checkinUrl}</a></p>
          </Card>
        )}
      </div>
      <RollCall session={s} editable={takingAttendance} />
    </>
  );
}

function RollCall({ session: s, editable }: { session: ViewingSession; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [onlyPresent, setOnlyPresent] = useState(false);
  const roll = useRoll(s.id, q, onlyPresent ? true : undefined, s.phase === 'open');
  const rows = roll.data?.pages.flatMap((p) => p.items) ?? [];
  const [guestQ, setGuestQ] = useState('');
  const candidates = useQuery({
    queryKey: ['viewings', 'candidates', s.id, guestQ], enabled: editable && guestQ.trim().length > 0,
    queryFn: () => viewingsApi.candidates(s.id, guestQ.trim()),
  });
  const mark = async (r: RollEntry, present: boolean) => {
    try { await viewingsApi.mark(s.id, r.memberId, present); await qc.invalidateQueries({ queryKey: viewingKeys.all }); } catch (e) { message.error(errorText(t, e)); }
  };
  const addGuest = async (memberId: string) => {
    try { await viewingsApi.addGuest(s.id, memberId); message.success(t('viewings.detail.guestAdded')); setGuestQ(''); await qc.invalidateQueries({ queryKey: viewingKeys.all }); } catch (e) { message.error(errorText(t, e)); }
  };
  return (
    <Card title={`${t('viewings.detail.roll')} · ${t('viewings.detail.live', { n: roll.data?.pages[0]?.presentCount ?? s.presentCount })}`} style={{ marginTop: 16 }}
      extra={<Space wrap>
        <Input.Search allowClear placeholder={t('viewings.detail.rollSearch')} aria-label={t('viewings.detail.rollSearch')} onSearch={setQ} style={{ width: 180 }} />
        <Checkbox checked={onlyPresent} onChange={(e) => setOnlyPresent(e.target.checked)}>{t('viewings.detail.onlyPresent')}</Checkbox>
      </Space>}>
      {!editable && s.phase === 'scheduled' && <Alert type="info" showIcon title={t('viewings.detail.notOpen')} style={{ marginBottom: 12 }} />}
      {editable && (
        <Space style={{ marginBottom: 12 }} wrap>
          <span>{t('viewings.detail.addGuest')}</span>
          <Select showSearch filterOption={false} value={null} style={{ width: 280 }} placeholder={t('viewings.detail.guestPlaceholder')} aria-label={t('viewings.detail.addGuest')}
            onSearch={setGuestQ} onSelect={(v: string | null) => { if (v) void addGuest(v); }} loading={candidates.isFetching}
            options={(candidates.data?.items ?? []).map((c) => ({ value: c.memberId, label: `${c.name}（${c.orgName}）` }))} />
        </Space>
      )}
      <Table<RollEntry>
        rowKey="memberId" size="small" loading={roll.isPending} dataSource={rows} pagination={false} scroll={{ x: 700 }}
        columns={[
          { title: t('viewings.detail.presentMark'), dataIndex: 'present', width: 80, render: (v: boolean, r) => <Checkbox checked={v} disabled={!editable} aria-label={`${r.name} ${t('viewings.detail.presentMark')}`} onChange={(e) => void mark(r, e.target.checked)} /> },
          { title: t('viewings.detail.name'), dataIndex: 'name', render: (v: string, r) => <>{v}{r.guest && <Tag style={{ marginLeft: 6 }}>{t('viewings.detail.guest')}</Tag>}</> },
          { title: t('viewings.detail.org'), dataIndex: 'orgName' },
          { title: t('viewings.detail.checkedInAt'), dataIndex: 'checkedInAt', width: 170, render: (v: string | null, r) => (v ? `${chinaDateTime(v, false)}（${t(`viewings.detail.method.${r.method ?? 'roll_call'}`)}）` : '—') },
          ...(s.status === 'closed' ? [{ title: t('viewings.detail.credit'), dataIndex: 'creditOutcome', width: 200, render: (o: RollEntry['creditOutcome'], r: RollEntry) => {
            if (!o) return '—';
            // A session of a live event credits the event's attendance: a member credited for it today (on their phone, or
            // at another station) is not credited again, and the roll says so.
            const label = o === 'already_today' && s.liveEventId ? t('viewings.detail.outcome.alreadyTodayLive') : t(`viewings.detail.outcome.${o}`);
            return `${label}${r.creditMinutes ? ` ${r.creditMinutes}` : ''}`;
          } }] : []),
        ]}
      />
      {roll.hasNextPage && <Button style={{ marginTop: 12 }} onClick={() => void roll.fetchNextPage()} loading={roll.isFetchingNextPage}>{t('viewings.more')}</Button>}
    </Card>
  );
}
