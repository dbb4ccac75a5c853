import { Type, type Static } from 'typebox';
import { Cursor, IdParams, IdString, lit, MultilineText, Nullable, ref, StringEnum } from '../../platform/schemas.js';
import { SHOWN_STATES } from './sms.states.js';
export { IdParams };

/** 书记 / 委员 / 村干部 / 全体党员 / 流动党员 / 分组 — the contacts module resolves them. */
export const AUDIENCE_WHO = ['secretaries', 'committee', 'village_officials', 'members', 'migrants', 'group'] as const;
export const BROADCAST_LANES = ['bulk', 'emergency'] as const;
export const BROADCAST_STATES = ['resolving', 'awaiting_approval', 'scheduled', 'sending', 'paused', 'completed', 'cancelled', 'rejected'] as const;
export const MESSAGE_STATES = ['held', 'queued', 'claimed', 'submitting', 'submitted', 'delivered', 'failed', 'unknown', 'cancelled'] as const;

export const Audience = Type.Object({
  orgIds: Type.Array(IdString, { minItems: 1, maxItems: 50, description: 'subtrees to reach' }),
  who: Type.Array(lit(AUDIENCE_WHO), { minItems: 1, maxItems: AUDIENCE_WHO.length }),
  groupIds: Type.Optional(Type.Array(IdString, { maxItems: 50, description: "contact groups, with who: 'group'" })),
}, { additionalProperties: false });
export type AudienceInput = Static<typeof Audience>;

export const BroadcastCreateBody = Type.Object({
  text: MultilineText({ minLength: 1, maxLength: 1000, description: 'may use {姓名} and {组织}; the signature is added when missing' }),
  phones: Type.Optional(Type.Array(Type.String({ maxLength: 30 }), { maxItems: 50_000, description: "explicit mobile numbers, beside the audience" })),
  audience: Type.Optional(Audience),
  orgId: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'the sending organization (default: the top of your scope)' })),
  lane: Type.Optional(lit(BROADCAST_LANES)),
  ignoreOptOut: Type.Optional(Type.Boolean({ description: 'official emergency notices only: reach people who opted out too (recorded)' })),
  sendAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
}, { additionalProperties: false });
export type BroadcastCreateInput = Static<typeof BroadcastCreateBody>;

export const BroadcastCounts = Type.Object({
  queued: Type.Integer({ description: 'waiting to be sent (including held for approval, pause or the schedule)' }),
  submitted: Type.Integer({ description: 'accepted by the carrier, no final receipt yet' }),
  delivered: Type.Integer(),
  failed: Type.Integer(),
  unknown: Type.Integer({ description: 'no final receipt by the deadline, or in doubt after an interruption' }),
  cancelled: Type.Integer(),
});

export const Broadcast = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  lane: StringEnum(BROADCAST_LANES),
  text: Type.String(),
  state: StringEnum(BROADCAST_STATES),
  recipients: Type.Integer(),
  skippedOptOut: Type.Integer(),
  skippedNoPhone: Type.Integer(),
  ignoreOptOut: Type.Boolean(),
  approvalRequired: Type.Boolean(),
  approvedByName: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  sendAt: Nullable(Type.String()),
  createdByName: Type.String(),
  createdAt: Type.String(),
  completedAt: Nullable(Type.String()),
  counts: BroadcastCounts,
  segments: Type.Integer({ description: 'segments of the messages accepted so far: what carriers bill' }),
  resendOf: Nullable(Type.String({ description: 'the broadcast whose failed / unknown recipients this one sends again' })),
  resentAs: Type.Array(Type.String(), { description: 'the re-sends of this broadcast, oldest first' }),
}, { $id: 'SmsBroadcast' });
export type BroadcastView = Static<typeof Broadcast>;

export const BroadcastCreated = Type.Object({ id: Type.String(), state: StringEnum(BROADCAST_STATES) });

export const BroadcastSummary = Type.Object({
  id: Type.String(),
  orgName: Type.String(),
  lane: StringEnum(BROADCAST_LANES),
  text: Type.String(),
  state: StringEnum(BROADCAST_STATES),
  recipients: Type.Integer(),
  createdByName: Type.String(),
  createdAt: Type.String(),
});
export const BroadcastList = Type.Object({ items: Type.Array(BroadcastSummary), nextCursor: Nullable(Type.String()) });
export const BroadcastListQuery = Type.Object({
  state: Type.Optional(lit(BROADCAST_STATES)),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const DecisionBody = Type.Object({ note: Type.Optional(MultilineText({ maxLength: 200 })) }, { additionalProperties: false });

export const RecipientMessage = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  orgName: Type.String(),
  phone: Type.String({ description: 'masked' }),
  state: StringEnum(MESSAGE_STATES),
  segments: Nullable(Type.Integer()),
  attempts: Type.Integer(),
  errorCode: Nullable(Type.String()),
  errorReason: Nullable(Type.String()),
  submittedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
});
export const RecipientList = Type.Object({ items: Type.Array(RecipientMessage), nextCursor: Nullable(Type.String()) });
export const RecipientListQuery = Type.Object({
  state: Type.Optional(lit(SHOWN_STATES)),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export const AudiencePreviewBody = Type.Object({
  phones: Type.Optional(Type.Array(Type.String({ maxLength: 30 }), { maxItems: 10_000 })),
  audience: Type.Optional(Audience),
  text: Type.Optional(MultilineText({ maxLength: 1000 })),
  ignoreOptOut: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export const AudiencePreview = Type.Object({
  recipients: Type.Integer({ description: 'distinct phones that will get the message' }),
  withoutPhone: Type.Integer({ description: 'people chosen who have no valid mobile' }),
  optedOut: Type.Integer({ description: 'people chosen who opted out (not sent unless ignoreOptOut)' }),
  invalidPhones: Type.Array(Type.Object({ index: Type.Integer(), value: Type.String() })),
  approvalRequired: Type.Boolean(),
  segments: Type.Integer({ description: 'segments of one message (with the signature and the longest name)' }),
  characters: Type.Integer(),
});

export const InboundMessage = Type.Object({
  id: Type.String(),
  phone: Type.String({ description: 'masked' }),
  text: Type.String(),
  receivedAt: Type.String(),
  personKind: Nullable(StringEnum(['member', 'official', 'contact'] as const)),
  personId: Nullable(Type.String()),
  personName: Nullable(Type.String()),
  orgId: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
  keyword: Nullable(StringEnum(['opt_out', 'opt_in'] as const)),
  parts: Type.Integer(),
  missingParts: Type.Integer(),
}, { $id: 'SmsInbound' });
export const InboundList = Type.Object({ items: Type.Array(ref(InboundMessage)), nextCursor: Nullable(Type.String()) });
export const InboundListQuery = Type.Object({
  unmatched: Type.Optional(Type.Boolean({ description: 'only messages from numbers no person has (province staff)' })),
  orgId: Type.Optional(IdString),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export const ConversationQuery = Type.Object({ inboundId: IdString });
export const ConversationEntry = Type.Object({
  direction: StringEnum(['in', 'out'] as const),
  id: Type.String(),
  text: Type.String(),
  at: Type.String(),
  state: Nullable(StringEnum(MESSAGE_STATES)),
  sentByName: Nullable(Type.String({ description: 'the staff member who replied (out, replies only)' })),
  broadcastId: Nullable(Type.String()),
  keyword: Nullable(StringEnum(['opt_out', 'opt_in'] as const, { description: 'an incoming 退订 / 恢复订阅 keyword' })),
});
export const Conversation = Type.Object({
  phone: Type.String({ description: 'masked' }),
  personKind: Nullable(StringEnum(['member', 'official', 'contact'] as const)),
  personName: Nullable(Type.String()),
  orgId: Nullable(Type.String({ description: "the sender's organization; null: no person matched (the province's unmatched inbox)" })),
  orgName: Nullable(Type.String()),
  entries: Type.Array(ConversationEntry, { description: 'oldest first, the latest 200' }),
});
export const ReplyBody = Type.Object({
  inboundId: IdString,
  text: MultilineText({ minLength: 1, maxLength: 500 }),
}, { additionalProperties: false });
export const ReplyCreated = Type.Object({ id: Type.String(), state: StringEnum(MESSAGE_STATES) });

export const OrgCountsQuery = Type.Object({ parentId: Type.Optional(IdString) });
export const OrgCounts = Type.Object({
  parent: Type.Object({ id: Type.String(), name: Type.String() }),
  items: Type.Array(Type.Object({
    orgId: Type.String(),
    orgName: Type.String(),
    /** true: the parent's own recipients (not in any child); false: a child with its whole subtree. */
    own: Type.Boolean(),
    hasChildren: Type.Boolean(),
    counts: BroadcastCounts,
  })),
});

// ——— re-send, usage (issue 9, item 4) ———

export const RESEND_STATE_VALUES = ['failed', 'unknown'] as const;
export const ResendBody = Type.Object({
  states: Type.Optional(Type.Array(lit(RESEND_STATE_VALUES), { minItems: 1, maxItems: 2, description: 'which recipients to send again (default both)' })),
}, { additionalProperties: false });
export const ResendQuery = Type.Object({
  states: Type.Optional(Type.Array(lit(RESEND_STATE_VALUES), { minItems: 1, maxItems: 2 })),
});
export const ResendPreview = Type.Object({
  states: Type.Array(StringEnum(RESEND_STATE_VALUES)),
  recipients: Type.Integer({ description: 'recipients a re-send would take now (in your scope, not re-sent before, not opted out since)' }),
  optedOut: Type.Integer({ description: 'left out because they opted out since (0 for an emergency notice sent to them on purpose)' }),
  approvalRequired: Type.Boolean(),
});
export const ResendCreated = Type.Object({ id: Type.String(), state: StringEnum(BROADCAST_STATES), recipients: Type.Integer() });

export const UsageQuery = Type.Object({
  month: Type.Optional(Type.String({ maxLength: 7, description: 'YYYY-MM in China time (default: this month)' })),
  parentId: Type.Optional(IdString),
});
export const UsageFigures = Type.Object({
  messages: Type.Integer({ description: 'messages the carrier accepted (at least one segment) in the month' }),
  segments: Type.Integer({ description: 'segments the carrier accepted: what carriers bill' }),
  delivered: Type.Integer(),
  failed: Type.Integer({ description: 'accepted, then reported failed by the carrier' }),
  unknown: Type.Integer(),
  awaiting: Type.Integer({ description: 'accepted, no final receipt yet' }),
});
export const Usage = Type.Object({
  month: Type.String(),
  from: Type.String({ description: 'the month\'s first instant (00:00 China time)' }),
  to: Type.String({ description: 'the next month\'s first instant' }),
  parent: Type.Object({ id: Type.String(), name: Type.String() }),
  items: Type.Array(Type.Object({
    orgId: Type.String(),
    orgName: Type.String(),
    own: Type.Boolean({ description: "true: the parent's own recipients (in no child); false: a child with its whole subtree" }),
    hasChildren: Type.Boolean(),
    figures: UsageFigures,
  })),
  total: UsageFigures,
});

/** 会话: one row per phone, the conversation's latest incoming message within the view. */
export const ConversationListQuery = InboundListQuery;
export const ConversationSummary = Type.Object({
  inboundId: Type.String({ description: 'the latest incoming message of the phone in this view: opens the conversation (GET /api/sms/conversation?inboundId=)' }),
  phone: Type.String({ description: 'masked' }),
  personKind: Nullable(StringEnum(['member', 'official', 'contact'] as const)),
  personId: Nullable(Type.String()),
  personName: Nullable(Type.String()),
  orgId: Nullable(Type.String()),
  orgName: Nullable(Type.String()),
  lastText: Type.String(),
  lastAt: Type.String(),
  keyword: Nullable(StringEnum(['opt_out', 'opt_in'] as const)),
  incoming: Type.Integer({ description: 'incoming messages from this phone in this view' }),
});
export const ConversationList = Type.Object({
  items: Type.Array(ConversationSummary, { description: 'newest conversation first (by its latest incoming message)' }),
  nextCursor: Nullable(Type.String()),
});

/** 指派: the person an unmatched sender is; exactly one of the two. */
export const AssignBody = Type.Object({
  memberId: Type.Optional(IdString),
  officialId: Type.Optional(IdString),
}, { additionalProperties: false });
export type AssignInput = Static<typeof AssignBody>;
export const AssignResult = Type.Object({
  personKind: StringEnum(['member', 'official'] as const),
  personId: Type.String(),
  personName: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  assigned: Type.Integer({ description: 'unmatched messages from the same phone now set to this person (this one included)' }),
});
