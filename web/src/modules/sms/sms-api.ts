// Calls of the SMS platform (短信平台): broadcasts, their recipients, incoming messages and — in demo mode — the
// virtual phones of the SMSC simulator; their shapes and cache keys.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import { valuesOf, type BodyOf, type QueryOf, type ResponseOf } from '@/api/types';
import type { components } from '@/api/schema';

export type Broadcast = components['schemas']['SmsBroadcast'];
export type BroadcastState = Broadcast['state'];
export type BroadcastLane = Broadcast['lane'];
export type BroadcastSummary = ResponseOf<'/api/sms/broadcasts', 'get'>['items'][number];
export type BroadcastInput = BodyOf<'/api/sms/broadcasts', 'post'>;
export type PreviewInput = BodyOf<'/api/sms/audience/preview', 'post'>;
export type Preview = ResponseOf<'/api/sms/audience/preview', 'post'>;
export type Recipient = ResponseOf<'/api/sms/broadcasts/{id}/messages', 'get'>['items'][number];
export type RecipientState = NonNullable<QueryOf<'/api/sms/broadcasts/{id}/messages', 'get'>['state']>;
export type Inbound = components['schemas']['SmsInbound'];
export type ConversationSummary = ResponseOf<'/api/sms/conversations', 'get'>['items'][number];
export type Conversation = ResponseOf<'/api/sms/conversation', 'get'>;
export type ConversationEntry = Conversation['entries'][number];
export type AssignInput = BodyOf<'/api/sms/inbound/{id}/assign', 'post'>;
/** What the inbox shows: only the unmatched senders (province staff), or one organization's subtree. */
export interface InboxFilter { unmatched: boolean; orgId?: string }
export type SimPhone = ResponseOf<'/api/sms/simulator/phones', 'get'>['items'][number];
export type SimInbox = ResponseOf<'/api/sms/simulator/phones/{key}', 'get'>;
export type Who = NonNullable<BroadcastInput['audience']>['who'][number];
export type Decision = 'approve' | 'reject' | 'pause' | 'resume' | 'cancel';
export type OrgCounts = ResponseOf<'/api/sms/broadcasts/{id}/orgs', 'get'>;
export type OrgCountLine = OrgCounts['items'][number];
export type ResendPreview = ResponseOf<'/api/sms/broadcasts/{id}/resend', 'get'>;
export type Usage = ResponseOf<'/api/sms/usage', 'get'>;
export type UsageLine = Usage['items'][number];
export type UsageFigures = Usage['total'];

export const BROADCAST_STATES = valuesOf<BroadcastState>()(['resolving', 'awaiting_approval', 'scheduled', 'sending', 'paused', 'completed', 'cancelled', 'rejected']);
export const FINAL_STATES: readonly BroadcastState[] = ['completed', 'cancelled', 'rejected'];
export const LANES = valuesOf<BroadcastLane>()(['bulk', 'emergency']);
export const WHO = valuesOf<Who>()(['secretaries', 'committee', 'village_officials', 'members', 'migrants', 'group']);
export const COUNT_KEYS = valuesOf<RecipientState>()(['queued', 'submitted', 'delivered', 'failed', 'unknown', 'cancelled']);

export const smsKeys = {
  all: ['sms'] as const,
  broadcasts: (state?: BroadcastState) => ['sms', 'broadcasts', state ?? 'all'] as const,
  broadcast: (id: string) => ['sms', 'broadcast', id] as const,
  recipients: (id: string, state?: RecipientState) => ['sms', 'broadcast', id, 'recipients', state ?? 'all'] as const,
  orgs: (id: string, parentId?: string) => ['sms', 'broadcast', id, 'orgs', parentId ?? 'top'] as const,
  usage: (month: string, parentId?: string) => ['sms', 'usage', month, parentId ?? 'top'] as const,
  inbound: (f: InboxFilter) => ['sms', 'inbound', f.unmatched, f.orgId ?? ''] as const,
  conversations: (f: InboxFilter) => ['sms', 'conversations', f.unmatched, f.orgId ?? ''] as const,
  conversation: (inboundId: string) => ['sms', 'conversation', inboundId] as const,
  phones: ['sms', 'phones'] as const,
  phone: (key: string) => ['sms', 'phones', key] as const,
};

export function useBroadcastList(state?: BroadcastState) {
  return useInfiniteQuery({
    queryKey: smsKeys.broadcasts(state),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/sms/broadcasts', { params: { query: { state, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The broadcast, polled every 2 s while it can still change. */
export function useBroadcast(id: string) {
  return useQuery({
    queryKey: smsKeys.broadcast(id),
    queryFn: ({ signal }) => ok(api.GET('/api/sms/broadcasts/{id}', { params: { path: { id } }, signal })),
    // Sending is over at "completed", but receipts of submitted messages still come in: keep watching until none waits.
    refetchInterval: (q) => (q.state.data && FINAL_STATES.includes(q.state.data.state) && q.state.data.counts.submitted === 0 && q.state.data.counts.queued === 0 ? false : 2000),
    refetchIntervalInBackground: false,
  });
}

export function useRecipients(id: string, state: RecipientState | undefined, live: boolean) {
  return useInfiniteQuery({
    queryKey: smsKeys.recipients(id, state),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/sms/broadcasts/{id}/messages', { params: { path: { id }, query: { state, cursor: pageParam, limit: 50 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: live ? 2000 : false,
  });
}

/** A broadcast's counts per child organization of `parentId` (default: the sending organization), refreshed while live. */
export function useBroadcastOrgs(id: string, parentId: string | undefined, live: boolean) {
  return useQuery({
    queryKey: smsKeys.orgs(id, parentId),
    queryFn: ({ signal }) => ok(api.GET('/api/sms/broadcasts/{id}/orgs', { params: { path: { id }, query: { parentId } }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: live ? 2000 : false,
  });
}

/** The month's usage per child organization of `parentId` (default: the top of the account's scope). */
export function useUsage(month: string, parentId: string | undefined) {
  return useQuery({
    queryKey: smsKeys.usage(month, parentId),
    queryFn: ({ signal }) => ok(api.GET('/api/sms/usage', { params: { query: { month, parentId } }, signal })),
    placeholderData: keepPreviousData,
  });
}

const inboxQuery = (f: InboxFilter) => (f.unmatched ? { unmatched: true } : f.orgId ? { orgId: f.orgId } : {});

export function useInbound(f: InboxFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: smsKeys.inbound(f),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/sms/inbound', { params: { query: { ...inboxQuery(f), cursor: pageParam, limit: 30 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 10_000,
    enabled,
  });
}

/** 会话: one row per phone, newest first. */
export function useConversations(f: InboxFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: smsKeys.conversations(f),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/sms/conversations', { params: { query: { ...inboxQuery(f), cursor: pageParam, limit: 30 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 10_000,
    enabled,
  });
}

/** Outgoing messages whose state can still change (a receipt is still to come). */
export const PENDING_MESSAGE: readonly ConversationEntry['state'][] = ['held', 'queued', 'claimed', 'submitting', 'submitted'];

/** One phone's thread; every 2 s while a message to it is on its way, else every 10 s (new incoming messages). */
export function useConversation(inboundId: string) {
  return useQuery({
    queryKey: smsKeys.conversation(inboundId),
    queryFn: ({ signal }) => ok(api.GET('/api/sms/conversation', { params: { query: { inboundId } }, signal })),
    refetchInterval: (q) => (q.state.data?.entries.some((e) => e.direction === 'out' && PENDING_MESSAGE.includes(e.state)) ? 2000 : 10_000),
    refetchIntervalInBackground: false,
  });
}

export function useSimPhones() {
  return useQuery({ queryKey: smsKeys.phones, queryFn: ({ signal }) => ok(api.GET('/api/sms/simulator/phones', { signal })), refetchInterval: 5000 });
}

export function useSimInbox(key: string | undefined) {
  return useQuery({
    queryKey: smsKeys.phone(key ?? ''),
    queryFn: ({ signal }) => ok(api.GET('/api/sms/simulator/phones/{key}', { params: { path: { key: key! } }, signal })),
    enabled: !!key,
    refetchInterval: 3000,
  });
}

export const smsApi = {
  preview: (body: PreviewInput) => ok(api.POST('/api/sms/audience/preview', { body })),
  create: (body: BroadcastInput) => ok(api.POST('/api/sms/broadcasts', { body })),
  decide: (id: string, action: Decision, note?: string) => {
    const opts = { params: { path: { id } }, body: note ? { note } : {} };
    switch (action) {
      case 'approve': return ok(api.POST('/api/sms/broadcasts/{id}/approve', opts));
      case 'reject': return ok(api.POST('/api/sms/broadcasts/{id}/reject', opts));
      case 'pause': return ok(api.POST('/api/sms/broadcasts/{id}/pause', opts));
      case 'resume': return ok(api.POST('/api/sms/broadcasts/{id}/resume', opts));
      case 'cancel': return ok(api.POST('/api/sms/broadcasts/{id}/cancel', opts));
    }
  },
  resendPreview: (id: string) => ok(api.GET('/api/sms/broadcasts/{id}/resend', { params: { path: { id } } })),
  resend: (id: string) => ok(api.POST('/api/sms/broadcasts/{id}/resend', { params: { path: { id } }, body: {} })),
  staffReply: (inboundId: string, text: string) => ok(api.POST('/api/sms/replies', { body: { inboundId, text } })),
  assign: (inboundId: string, body: AssignInput) => ok(api.POST('/api/sms/inbound/{id}/assign', { params: { path: { id: inboundId } }, body })),
  reply: (key: string, text: string) => ok(api.POST('/api/sms/simulator/phones/{key}/reply', { params: { path: { key } }, body: { text } })),
};
