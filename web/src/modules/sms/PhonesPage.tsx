// 虚拟手机 (demo mode only): the handsets of the embedded SMSC simulator. Pick a phone, read what it received as on a
// phone's screen, and reply as its owner: the reply reaches the platform over SMPP like any carrier's message and
// shows in 收件箱. Two panes on a desktop; on a phone the list, then the chosen phone with a way back.
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Badge, Button, Card, Empty, Grid, Input, List, Skeleton } from 'antd';
import { ArrowLeftOutlined, MobileOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { errorText } from '@/modules/common/errors';
import { PageHeader } from '@/modules/common/PageHeader';
import { smsApi, smsKeys, useSimInbox, useSimPhones, type SimPhone } from './sms-api';
import { chinaDateTime } from './sms-format';

export function PhonesPage(_: { me: Me }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const phones = useSimPhones();
  const [key, setKey] = useState<string | undefined>();
  const items = phones.data?.items ?? [];

  const list = (
    <Card title={t('sms.phones.list')} size="small" className="sim-list-card">
      {phones.isPending ? <Skeleton active /> : items.length === 0 ? (
        <Empty description={<><strong>{t('sms.phones.emptyTitle')}</strong><br />{t('sms.phones.emptyHint')}</>} />
      ) : (
        <List<SimPhone>
          dataSource={items}
          renderItem={(p) => (
            <List.Item className={p.key === key ? 'sim-phone is-active' : 'sim-phone'} onClick={() => setKey(p.key)} data-testid="sim-phone">
              <button type="button" className="sim-phone-btn" aria-pressed={p.key === key} aria-label={`${p.personName ?? t('sms.phones.unknownOwner')} ${p.phone}`}>
                <MobileOutlined aria-hidden className="sim-phone-icon" />
                <span className="sim-phone-main">
                  <span className="sim-phone-name">{p.personName ?? <span className="muted">{t('sms.phones.unknownOwner')}</span>}</span>
                  <span className="mono small" data-testid="sim-phone-number">{p.phone}</span>
                  {p.orgName && <span className="muted small sim-ellipsis">{p.orgName}</span>}
                  {p.lastText && <span className="muted small sim-ellipsis">{p.lastText}</span>}
                </span>
                <Badge count={p.received} overflowCount={999} color="#A8071A" title={t('sms.phones.received', { count: p.received })} />
              </button>
            </List.Item>
          )}
        />
      )}
    </Card>
  );

  return (
    <>
      <PageHeader title={t('sms.phones.title')} />
      <Alert type="info" showIcon className="console-alert" title={t('sms.phones.intro')} />
      {phones.isError ? <ErrorResult error={phones.error} onRetry={() => void phones.refetch()} /> : narrow ? (
        key ? <PhoneScreen phoneKey={key} onBack={() => setKey(undefined)} /> : list
      ) : (
        <div className="sim-panes">
          <div className="sim-left">{list}</div>
          <div className="sim-right">{key ? <PhoneScreen phoneKey={key} /> : <div className="sim-pick muted">{t('sms.phones.pick')}</div>}</div>
        </div>
      )}
    </>
  );
}

function PhoneScreen({ phoneKey, onBack }: { phoneKey: string; onBack?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const inbox = useSimInbox(phoneKey);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const bottom = useRef<HTMLDivElement>(null);
  const received = inbox.data?.items ?? [];
  const mine = inbox.data?.sent ?? [];
  const thread = [
    ...received.map((m) => ({ kind: 'in' as const, text: m.text, at: m.at, from: m.from })),
    ...mine.map((m) => ({ kind: 'out' as const, text: m.text, at: m.at, from: '' })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  useEffect(() => { bottom.current?.scrollIntoView?.({ block: 'end' }); }, [thread.length, phoneKey]);

  const send = async () => {
    const v = text.trim();
    if (!v) { setProblem(t('sms.phones.replyRequired')); return; }
    if (v.length > 500) { setProblem(t('sms.phones.replyTooLong')); return; }
    setBusy(true);
    setProblem(null);
    try {
      await smsApi.reply(phoneKey, v);
      setText('');
      message.success(t('sms.phones.sent'));
      await queryClient.invalidateQueries({ queryKey: smsKeys.all });
    } catch (e) {
      setProblem(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };

  const p = inbox.data?.phone;
  return (
    <section className="sim-device" aria-label={t('sms.phones.title')} data-testid="sim-device">
      <header className="sim-device-head">
        {onBack && <Button type="text" icon={<ArrowLeftOutlined aria-hidden />} aria-label={t('sms.phones.back')} onClick={onBack} className="sim-back" />}
        <div>
          <div className="sim-device-name">{p ? p.personName ?? t('sms.phones.unknownOwner') : '…'}</div>
          <div className="mono small">{p?.phone}</div>
        </div>
      </header>
      <div className="sim-thread" role="log" aria-live="polite">
        {inbox.isPending ? <Skeleton active /> : inbox.isError ? <ErrorResult error={inbox.error} onRetry={() => void inbox.refetch()} /> : thread.length === 0 ? (
          <div className="muted sim-pick">{t('sms.phones.noMessages')}</div>
        ) : thread.map((m, i) => (
          <div key={`${m.at}-${i}`} className={`sim-msg sim-${m.kind}`} data-testid={m.kind === 'in' ? 'sim-received' : 'sim-sent'}>
            <div className="sim-bubble">{m.text}</div>
            <div className="sim-meta">{m.kind === 'in' ? t('sms.phones.from', { from: m.from }) : t('sms.phones.me')} · {chinaDateTime(m.at, false)}</div>
          </div>
        ))}
        <div ref={bottom} />
      </div>
      <div className="sim-compose">
        {problem && <div className="sim-problem" role="alert">{problem}</div>}
        <div className="sim-compose-row">
          <Input.TextArea
            value={text}
            onChange={(e) => { setText(e.target.value); setProblem(null); }}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={500}
            placeholder={t('sms.phones.replyPlaceholder')}
            aria-label={t('sms.phones.reply')}
            onPressEnter={(e) => { if (!e.shiftKey) { e.preventDefault(); void send(); } }}
            data-testid="sim-reply-text"
          />
          <Button type="primary" icon={<SendOutlined aria-hidden />} loading={busy} onClick={() => void send()} data-testid="sim-reply-send">{t('sms.phones.send')}</Button>
        </div>
      </div>
    </section>
  );
}
