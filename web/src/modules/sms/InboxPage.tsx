// 收件箱 (/admin/sms/inbox): incoming messages within the account's scope, two ways — 来信, newest first, each with
// the person it came from (matched by phone) or 「未匹配」 and the keyword it carried (退订 / 恢复订阅); and 会话, one
// row per phone with its last message and how many it sent. An organization filter (the account's subtree) applies to
// both; province staff can show only the unmatched senders and assign them (指派). A row opens the conversation with
// that phone (…/inbox/:id, id = an incoming message). The view and filter live in the address, so Back returns to them.
import { useState } from 'react';
import { Route, Routes, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Checkbox, Form, Grid, Segmented, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ListFooter } from '@/modules/common/ListFooter';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag } from '@/modules/common/StatusTag';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { useConversations, useInbound, type ConversationSummary, type Inbound, type InboxFilter } from './sms-api';
import { ScrollRegion } from './ScrollRegion';
import { chinaDateTime } from './sms-format';
import { ConversationPage } from './ConversationPage';
import { AssignModal } from './AssignModal';
import { isProvinceStaff } from './sms-access';

export function InboxPage({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<InboxList me={me} />} />
      <Route path=":id" element={<ConversationPage me={me} />} />
    </Routes>
  );
}

type View = 'messages' | 'conversations';

function InboxList({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'conversations' ? 'conversations' : 'messages';
  const provinceStaff = isProvinceStaff(me, 'sms.read');
  const canAssign = isProvinceStaff(me, 'sms.send');
  const filter: InboxFilter = { unmatched: provinceStaff && params.get('unmatched') === '1', orgId: params.get('orgId') ?? undefined };
  const messages = useInbound(filter, view === 'messages');
  const convs = useConversations(filter, view === 'conversations');
  const list = view === 'messages' ? messages : convs;
  const [assigning, setAssigning] = useState<{ id: string; phone: string } | null>(null);
  // On a phone: one card per row instead of a table scrolled sideways.
  const narrow = Grid.useBreakpoint().md === false;
  const F = (k: string) => t(`sms.inbox.fields.${k}` as 'sms.inbox.fields.text');

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
  };
  const open = (inboundId: string) => void navigate(`/admin/sms/inbox/${inboundId}`, { state: { fromInbox: true } });

  const person = (name: string | null, kind: Inbound['personKind']) => (name
    ? <Space size={4} wrap><span data-testid="inbound-person">{name}</span>{kind === 'official' && <StatusTag tone="blue">{t('sms.inbox.kinds.official')}</StatusTag>}</Space>
    : <StatusTag tone="grey">{t('sms.inbox.unmatched')}</StatusTag>);
  const actions = (inboundId: string, phone: string, unmatched: boolean) => (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => open(inboundId)} data-testid="open-conversation">{t('sms.inbox.open')}</Button>
      {unmatched && canAssign && <Button type="link" size="small" onClick={() => setAssigning({ id: inboundId, phone })} data-testid="assign-inbound">{t('sms.inbox.assign')}</Button>}
    </Space>
  );
  const keywordTag = (k: Inbound['keyword']) => k && <StatusTag tone={k === 'opt_out' ? 'red' : 'green'}>{t(`sms.inbox.keywords.${k}`)}</StatusTag>;

  const messageColumns: ColumnsType<Inbound> = [
    { title: F('receivedAt'), dataIndex: 'receivedAt', width: 180, render: (v: string) => <span className="mono nowrap">{chinaDateTime(v)}</span> },
    { title: F('person'), dataIndex: 'personName', width: 130, render: (v: string | null, r) => person(v, r.personKind) },
    { title: F('org'), dataIndex: 'orgName', width: 200, ellipsis: true, render: (v: string | null) => v ?? <span className="muted">—</span> },
    { title: F('phone'), dataIndex: 'phone', width: 130, render: (v: string) => <span className="mono">{v}</span> },
    {
      title: F('text'), dataIndex: 'text',
      render: (v: string, r) => (
        <span className="wrap-anywhere">
          {keywordTag(r.keyword)}
          {v}
          {r.missingParts > 0 && <span className="muted small"> （{t('sms.inbox.missingParts', { count: r.missingParts })}）</span>}
        </span>
      ),
    },
    { title: F('actions'), key: 'actions', width: 150, render: (_: unknown, r) => actions(r.id, r.phone, r.orgId === null) },
  ];
  const conversationColumns: ColumnsType<ConversationSummary> = [
    { title: F('person'), dataIndex: 'personName', width: 130, render: (v: string | null, r) => person(v, r.personKind) },
    { title: F('org'), dataIndex: 'orgName', width: 200, ellipsis: true, render: (v: string | null) => v ?? <span className="muted">—</span> },
    { title: F('phone'), dataIndex: 'phone', width: 130, render: (v: string) => <span className="mono">{v}</span> },
    { title: F('lastText'), dataIndex: 'lastText', render: (v: string, r) => <span className="wrap-anywhere">{keywordTag(r.keyword)}{v}</span> },
    { title: F('lastAt'), dataIndex: 'lastAt', width: 180, render: (v: string) => <span className="mono nowrap">{chinaDateTime(v)}</span> },
    { title: F('incoming'), dataIndex: 'incoming', width: 80, align: 'right' },
    { title: F('actions'), key: 'actions', width: 150, render: (_: unknown, r) => actions(r.inboundId, r.phone, r.orgId === null) },
  ];

  const loaded = view === 'messages' ? (messages.data?.pages.flatMap((p) => p.items) ?? []) : (convs.data?.pages.flatMap((p) => p.items) ?? []);
  return (
    <>
      <PageHeader
        title={t('sms.inbox.title')}
        extra={<Button icon={<ReloadOutlined aria-hidden />} onClick={() => void list.refetch()} loading={list.isRefetching}>{t('sms.inbox.refresh')}</Button>}
      />
      <Card size="small" className="filter-card">
        <Form layout="inline" className="sms-inbox-filters">
          <Form.Item label={t('sms.inbox.viewLabel')}>
            <Segmented<View>
              value={view}
              onChange={(v) => set({ view: v === 'conversations' ? v : undefined })}
              options={(['messages', 'conversations'] as const).map((v) => ({ value: v, label: <span data-testid={`inbox-view-${v}`}>{t(`sms.inbox.views.${v}`)}</span> }))}
            />
          </Form.Item>
          <Form.Item label={t('sms.inbox.org')} htmlFor="sms-inbox-org" className="sms-inbox-org">
            <OrgPicker
              id="sms-inbox-org"
              allowClear
              value={filter.unmatched ? undefined : filter.orgId}
              initialLabel={params.get('orgName') ?? undefined}
              onChange={(id, org) => set({ orgId: id, orgName: org?.name })}
              disabled={filter.unmatched}
              placeholder={filter.unmatched ? t('sms.inbox.orgDisabled') : t('sms.inbox.orgPlaceholder')}
              aria-label={t('sms.inbox.org')}
            />
          </Form.Item>
          {provinceStaff && (
            <Form.Item>
              <Checkbox checked={filter.unmatched} onChange={(e) => set({ unmatched: e.target.checked ? '1' : undefined })} data-testid="inbox-unmatched">{t('sms.inbox.unmatchedOnly')}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Card>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.isPending && loaded.length === 0 ? (
        <EmptyPanel title={t('sms.inbox.emptyTitle')} hint={t('sms.inbox.emptyHint')} />
      ) : (
        <>
          {narrow ? (
            <div className="sms-inbox-cards" role="list" aria-label={t(`sms.inbox.views.${view}`)}>
              {view === 'messages'
                ? (loaded as Inbound[]).map((r) => (
                  <Row key={r.id} testId="inbound-row" who={person(r.personName, r.personKind)} at={r.receivedAt} org={r.orgName} phone={r.phone} actions={actions(r.id, r.phone, r.orgId === null)}>
                    {keywordTag(r.keyword)}{r.text}
                  </Row>
                ))
                : (loaded as ConversationSummary[]).map((r) => (
                  <Row key={r.inboundId} testId="conversation-row" who={person(r.personName, r.personKind)} at={r.lastAt} org={r.orgName} phone={r.phone} actions={actions(r.inboundId, r.phone, r.orgId === null)}
                    count={`${F('incoming')} ${r.incoming}`}>
                    {keywordTag(r.keyword)}{r.lastText}
                  </Row>
                ))}
            </div>
          ) : (
          <ScrollRegion label={t(`sms.inbox.views.${view}`)}>
            {view === 'messages' ? (
              <Table<Inbound>
                rowKey="id" size="middle" columns={messageColumns} dataSource={loaded as Inbound[]} loading={list.isPending} pagination={false} style={{ minWidth: 960 }}
                onRow={() => ({ 'data-testid': 'inbound-row' }) as React.HTMLAttributes<HTMLElement>}
              />
            ) : (
              <Table<ConversationSummary>
                rowKey="inboundId" size="middle" columns={conversationColumns} dataSource={loaded as ConversationSummary[]} loading={list.isPending} pagination={false} style={{ minWidth: 960 }}
                onRow={() => ({ 'data-testid': 'conversation-row' }) as React.HTMLAttributes<HTMLElement>}
              />
            )}
          </ScrollRegion>
          )}
          <div className="table-footer-outside"><ListFooter loaded={loaded.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} /></div>
        </>
      )}
      {assigning && <AssignModal inboundId={assigning.id} phone={assigning.phone} onClose={() => setAssigning(null)} />}
    </>
  );
}

/** One message or conversation as a card (phones). */
function Row({ testId, who, at, org, phone, count, actions, children }: {
  testId: string; who: React.ReactNode; at: string; org: string | null; phone: string; count?: string; actions: React.ReactNode; children: React.ReactNode;
}) {
  return (
    <article className="sms-inbox-card" role="listitem" data-testid={testId}>
      <div className="sms-inbox-card-head">
        <div>{who}</div>
        <span className="mono small muted nowrap">{chinaDateTime(at, false)}</span>
      </div>
      <div className="small muted">{org ?? '—'} · <span className="mono">{phone}</span>{count && <> · {count}</>}</div>
      <div className="sms-inbox-card-text wrap-anywhere">{children}</div>
      <div className="sms-inbox-card-actions">{actions}</div>
    </article>
  );
}
