// 直播课堂 in 党员之家 (/me/live/:id), mobile first: a countdown by the server's clock before the start, the HLS player
// while live (the source comes from the origin or CDN, never through the platform), the viewer count and the member's
// counted minutes from a presence heartbeat every ~30 s, the chat (polled every 5 s; clean messages at once, screened
// ones after moderation), and after the end a link to the recording lesson.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Form, Input, Result, Statistic, Tag } from 'antd';
import { EyeOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '@/modules/common/errors';
import { chinaDateTime } from '@/modules/common/format';
import { VideoPlayer } from '@/modules/media/VideoPlayer';
import { LIVE_TAG } from '@/modules/learning/LiveList';
import { liveApi, useMyLivePage, type ChatMessage, type MemberLivePage, type Presence } from '@/modules/learning/live-api';
import { Frame, Loading } from './LearningPages';

export function LivePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return <Frame back={{ to: '/me/courses', label: t('learning.courses') }}>{() => <LiveView id={id} />}</Frame>;
}

function LiveView({ id }: { id: string }) {
  const { t } = useTranslation();
  const page = useMyLivePage(id);
  const [presence, setPresence] = useState<Presence | null>(null);
  const [offline, setOffline] = useState(false);
  const e = page.data;
  const status = e?.status;
  const refetch = page.refetch;

  // Presence while the page is open; a change of status (started, ended) reloads the page data.
  useEffect(() => {
    if (!status || status === 'ended' || status === 'cancelled') return;
    let stop = false;
    const beat = async () => {
      try {
        const p = await liveApi.presence(id);
        if (stop) return;
        setPresence(p);
        setOffline(false);
        if (p.status !== status) void refetch();
      } catch { if (!stop) setOffline(true); }
    };
    void beat();
    const timer = window.setInterval(() => void beat(), (e?.presenceSeconds ?? 30) * 1000);
    return () => { stop = true; window.clearInterval(timer); };
  }, [id, status, e?.presenceSeconds, refetch]);

  if (page.isPending) return <Loading />;
  if (page.isError) return <Alert type="warning" showIcon title={errorText(t, page.error)} />;
  const ev = page.data;
  const viewers = presence?.viewers ?? ev.viewers;
  const watched = presence?.watchedSeconds ?? ev.watchedSeconds;
  const credited = ev.credited || Boolean(presence?.credit);
  return (
    <>
      <h1 className="me-title">{ev.title}</h1>
      <p className="learning-item-meta">
        <Tag color={LIVE_TAG[ev.status]}>{t(`learning.live.status.${ev.status}`)}</Tag>
        {chinaDateTime(ev.startsAt, false)} — {chinaDateTime(ev.endsAt, false).slice(11)} · {t('learning.by', { org: ev.orgName })}
      </p>
      {offline && <Alert type="warning" showIcon title={t('learning.live.offline')} style={{ marginBottom: 12 }} />}
      {ev.status === 'scheduled' && <Countdown ev={ev} onDue={() => void refetch()} />}
      {ev.status === 'live' && ev.sourceUrl && <LivePlayer src={ev.sourceUrl} title={ev.title} />}
      {ev.status === 'live' && (
        <div className="live-stats" data-testid="live-stats">
          <span><EyeOutlined aria-hidden /> <strong data-testid="live-viewers">{t('learning.live.viewers', { n: viewers })}</strong></span>
          <span>{credited ? t('learning.live.credited') : t('learning.live.watched', { m: Math.floor(watched / 60), need: Math.ceil(ev.neededSeconds / 60), credit: ev.creditMinutes })}</span>
        </div>
      )}
      {presence?.credit && <Alert type={presence.credit.awarded ? 'success' : 'info'} showIcon title={presence.credit.message} style={{ marginTop: 12 }} data-testid="credit-message" />}
      {ev.status === 'cancelled' && <Alert type="info" showIcon title={t('learning.live.cancelled', { reason: ev.cancelReason ?? '' })} />}
      {ev.status === 'ended' && (
        <Result status="info" title={t('learning.live.endedNote')} style={{ padding: '24px 0' }}
          extra={ev.recordingLessonId
            ? <Link to={`/me/lessons/${ev.recordingLessonId}`}><Button type="primary" icon={<PlayCircleOutlined aria-hidden />} data-testid="live-recording">{t('learning.live.watchRecording')}</Button></Link>
            : <span>{t('learning.live.noRecording')}</span>} />
      )}
      {ev.description && <p className="learning-body">{ev.description}</p>}
      {(ev.status === 'live' || ev.status === 'scheduled') && <Chat id={id} open={ev.chatOpen} />}
    </>
  );
}

function LivePlayer({ src, title }: { src: string; title: string }) {
  const sources = useMemo(() => ({ hls: src }), [src]);
  return <VideoPlayer sources={sources} title={title} autoPlay />;
}

function Countdown({ ev, onDue }: { ev: MemberLivePage; onDue: () => void }) {
  const { t } = useTranslation();
  // The server's clock minus this device's, when the page data came: the countdown does not trust the phone's clock.
  const offset = useMemo(() => new Date(ev.serverTime).getTime() - Date.now(), [ev.serverTime]);
  const target = new Date(ev.startsAt).getTime();
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now() + offset), 1000);
    return () => window.clearInterval(timer);
  }, [offset]);
  const left = Math.max(0, target - now);
  const due = left === 0;
  const onDueRef = useRef(onDue);
  onDueRef.current = onDue;
  useEffect(() => {
    if (!due) return;
    const timer = window.setInterval(() => onDueRef.current(), 10_000);
    return () => window.clearInterval(timer);
  }, [due]);
  const s = Math.floor(left / 1000);
  const days = Math.floor(s / 86400);
  const hms = [Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');
  return (
    <Card className="me-card live-countdown" data-testid="live-countdown">
      {due ? <p className="live-soon">{t('learning.live.startingSoon')}</p> : (
        <Statistic title={t('learning.live.countdown')} value={`${days ? `${t('learning.live.days', { n: days })} ` : ''}${hms}`} />
      )}
      <p className="learning-item-meta">{t('learning.live.waitingStart')}</p>
    </Card>
  );
}

function Chat({ id, open }: { id: string; open: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const [items, setItems] = useState<ChatMessage[]>([]);
  const last = useRef<string | null>(null);
  const [sending, setSending] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);

  const poll = useCallback(async () => {
    const r = await liveApi.messages(id, last.current ?? undefined);
    last.current = r.last ?? last.current;
    if (!r.items.length) return;
    setItems((prev) => {
      const gone = new Set(r.items.filter((m) => m.removed).map((m) => m.id));
      const byId = new Map(prev.filter((m) => !gone.has(m.id)).map((m) => [m.id, m]));
      for (const m of r.items) if (!m.removed) byId.set(m.id, m);
      return [...byId.values()].sort((a, b) => a.at.localeCompare(b.at)).slice(-200);
    });
  }, [id]);

  useEffect(() => {
    void poll().catch(() => undefined);
    const timer = window.setInterval(() => void poll().catch(() => undefined), 5000);
    return () => window.clearInterval(timer);
  }, [poll]);
  useEffect(() => { listRef.current?.lastElementChild?.scrollIntoView?.({ block: 'nearest' }); }, [items.length]);

  const send = async ({ text }: { text: string }) => {
    setSending(true);
    try {
      const r = await liveApi.chat(id, text.trim());
      form.resetFields();
      if (r.state === 'held') void message.info(t('learning.live.heldNote'));
      else await poll();
    } catch (err) {
      void message.error(errorText(t, err));
    } finally { setSending(false); }
  };

  return (
    <Card className="me-card" size="small" title={<h2 className="card-h2">{t('learning.live.chat')}</h2>} data-testid="live-chat">
      {items.length === 0 && <p className="me-empty">{t('learning.live.chatEmpty')}</p>}
      <ol className="live-chat-list" ref={listRef} aria-live="polite">
        {items.map((m) => (
          <li key={m.id} className={m.mine ? 'mine' : undefined}>
            <span className="live-chat-name">{m.name}{m.mine ? t('learning.live.me') : ''}</span>
            <span className="live-chat-text">{m.text}</span>
          </li>
        ))}
      </ol>
      {open ? (
        <Form form={form} onFinish={(v) => void send(v)} className="live-chat-form" data-testid="live-chat-form">
          <Form.Item name="text" style={{ flex: 1, marginBottom: 0 }}
            rules={[{ required: true, whitespace: true, message: t('learning.live.chatRequired') }, { max: 200, message: t('learning.live.chatTooLong') }]}>
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} placeholder={t('learning.live.chatPlaceholder')} aria-label={t('learning.live.chatPlaceholder')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={sending}>{t('learning.live.send')}</Button>
        </Form>
      ) : <p className="learning-item-meta">{t('learning.live.chatClosed')}</p>}
    </Card>
  );
}
