// 会话 (/admin/sms/inbox/:id, id = one incoming message): everything the phone wrote in and everything sent to it,
// oldest first, as chat bubbles — incoming on the left, outgoing on the right with their state (polled every 2 s while
// one is on its way) and who replied — the person, organization and masked phone, and a reply box with the live
// count (the signature included; the same counting as the server, @sms-text). Replying needs sms.send; the server
// checks the scope again. An unknown number can be assigned (指派) from here by province staff.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Input, Skeleton, Space } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { countSms } from '@sms-text';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { errorText } from '@/modules/common/errors';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag } from '@/modules/common/StatusTag';
import { PENDING_MESSAGE, smsApi, smsKeys, useConversation, type ConversationEntry } from './sms-api';
import { chinaDateTime, MESSAGE_TONE, signedText } from './sms-format';
import { AssignModal } from './AssignModal';
import { isProvinceStaff } from './sms-access';

const MAX_SEGMENTS = 5;
const MAX_CHARS = 500;

export function ConversationPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const conv = useConversation(id);
  const [assigning, setAssigning] = useState(false);
  // Back to the inbox as it was left (its view and filter are in its address), or to its start from a deep link.
  const fromInbox = !!(useLocation().state as { fromInbox?: boolean } | null)?.fromInbox;
  const back = <Button onClick={() => void (fromInbox ? navigate(-1) : navigate('/admin/sms/inbox'))} data-testid="conv-back">{t('sms.conv.back')}</Button>;

  if (conv.isPending) return <><PageHeader title={t('sms.conv.title')} extra={back} /><Skeleton active /></>;
  if (!conv.data) return <><PageHeader title={t('sms.conv.title')} extra={back} /><ErrorResult error={conv.error} onRetry={() => void conv.refetch()} /></>;
  const c = conv.data;
  const unmatched = c.orgId === null;
  const live = c.entries.some((e) => e.direction === 'out' && PENDING_MESSAGE.includes(e.state));
  return (
    <>
      <PageHeader
        title={<Space wrap>{t('sms.conv.title')}<span data-testid="conv-person">{c.personName ?? t('sms.conv.unmatched')}</span></Space>}
        extra={<Space wrap>
          {unmatched && isProvinceStaff(me, 'sms.send') && <Button type="primary" onClick={() => setAssigning(true)} data-testid="conv-assign">{t('sms.inbox.assign')}</Button>}
          {back}
        </Space>}
      />
      {conv.isError && <Alert type="warning" showIcon className="console-alert" title={t('sms.detail.connectionLost')} />}
      <Card className="sms-card" size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
          {
            key: 'person', label: t('sms.conv.person'),
            children: c.personName
              ? <Space size={4} wrap>{c.personName}{c.personKind && <StatusTag tone={c.personKind === 'official' ? 'blue' : 'grey'}>{t(`sms.inbox.kinds.${c.personKind}`)}</StatusTag>}</Space>
              : <StatusTag tone="grey">{t('sms.conv.unmatched')}</StatusTag>,
          },
          { key: 'org', label: t('sms.conv.org'), children: c.orgName ?? <span className="muted">—</span> },
          { key: 'phone', label: t('sms.conv.phone'), children: <span className="mono" data-testid="conv-phone">{c.phone}</span> },
        ]} />
        {unmatched && <Alert type="info" showIcon title={t('sms.conv.unmatchedHint')} className="sms-conv-hint" />}
      </Card>
      <Card
        className="sms-card sms-conv-card"
        title={t('sms.conv.thread')}
        extra={live && <span className="muted small" role="status">{t('sms.conv.live')}</span>}
      >
        <Thread entries={c.entries} />
        {hasPerm(me, 'sms.send') ? <ReplyBox inboundId={id} /> : <Alert type="info" showIcon title={t('sms.conv.noSendPerm')} className="sms-conv-hint" />}
      </Card>
      {assigning && <AssignModal inboundId={id} phone={c.phone} onClose={() => setAssigning(false)} />}
    </>
  );
}

function Thread({ entries }: { entries: ConversationEntry[] }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const last = entries.at(-1);
  // Scrolled to the newest when a message is added (not on every state change).
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries.length, last?.id]);
  if (entries.length === 0) return <div className="muted sms-conv-empty">{t('sms.conv.empty')}</div>;
  return (
    <div className="sms-thread" role="log" aria-label={t('sms.conv.thread')} tabIndex={0} ref={box} data-testid="conv-thread">
      {entries.map((e) => (
        <div key={`${e.direction}-${e.id}`} className={`sms-msg sms-msg-${e.direction}`} data-testid={e.direction === 'in' ? 'conv-in' : 'conv-out'}>
          <div className="sms-msg-bubble">{e.text}</div>
          <div className="sms-msg-meta">
            <span className="mono">{chinaDateTime(e.at, false)}</span>
            {e.keyword && <StatusTag tone={e.keyword === 'opt_out' ? 'red' : 'green'}>{t(`sms.inbox.keywords.${e.keyword}`)}</StatusTag>}
            {e.direction === 'out' && e.state && <StatusTag tone={MESSAGE_TONE[e.state]}><span data-testid="conv-out-state">{t(`sms.detail.messageStates.${e.state}`)}</span></StatusTag>}
            {e.direction === 'out' && (e.sentByName
              ? <span data-testid="conv-replied-by">{t('sms.conv.repliedBy', { name: e.sentByName })}</span>
              : e.broadcastId ? <Link to={`/admin/sms/broadcasts/${e.broadcastId}`}>{t('sms.conv.broadcast')}</Link>
              : <span>{t('sms.conv.system')}</span>)}
          </div>
        </div>
      ))}
    </div>
  );
}

function ReplyBox({ inboundId }: { inboundId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const signature = t('sms.signature');
  const count = useMemo(() => countSms(signedText(text, signature)), [text, signature]);

  const send = async () => {
    const v = text.trim();
    if (!v) { setProblem(t('sms.conv.replyRequired')); return; }
    if (v.length > MAX_CHARS || countSms(signedText(v, signature)).segments > MAX_SEGMENTS) { setProblem(t('sms.conv.replyTooLong')); return; }
    setBusy(true);
    setProblem(null);
    try {
      await smsApi.staffReply(inboundId, v);
      setText('');
      message.success(t('sms.conv.sent'));
      await queryClient.invalidateQueries({ queryKey: smsKeys.conversation(inboundId) });
    } catch (e) {
      setProblem(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sms-conv-reply">
      <label htmlFor="sms-conv-reply-text" className="sms-conv-label">{t('sms.conv.reply')}</label>
      <Input.TextArea
        id="sms-conv-reply-text"
        value={text}
        onChange={(e) => { setText(e.target.value); setProblem(null); }}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={MAX_CHARS}
        placeholder={t('sms.conv.replyPlaceholder')}
        status={problem ? 'error' : undefined}
        aria-describedby="sms-conv-reply-count"
        data-testid="conv-reply-text"
      />
      {problem && <div className="sms-conv-problem" role="alert" data-testid="conv-reply-error">{problem}</div>}
      <div className="sms-conv-reply-row">
        <div id="sms-conv-reply-count" className="sms-counter" aria-live="polite" data-testid="conv-counter">
          <div><strong>{t('sms.conv.counter', { chars: count.units, segments: count.segments, left: count.remaining })}</strong></div>
          <div>{t('sms.conv.signatureNote', { signature })}</div>
        </div>
        <Button type="primary" icon={<SendOutlined aria-hidden />} loading={busy} onClick={() => void send()} data-testid="conv-reply-send">{t('sms.conv.send')}</Button>
      </div>
    </div>
  );
}
