/** 应急动员 (F-12): request and response shapes (docs/emergency.md). */
import { Type, type Static } from 'typebox';
import { Cursor, IdParams, IdString, lit, MultilineText, Nullable, StringEnum } from '../../platform/schemas.js';
export { IdParams };

export const ALERT_KINDS = ['typhoon', 'flood', 'geological', 'epidemic', 'other'] as const;
export const ALERT_STATES = ['open', 'closed'] as const;
/** Who an alert reaches: 书记 / 委员 / 村干部 / 全体党员 (the contacts module resolves them). */
export const ALERT_WHO = ['secretaries', 'committee', 'village_officials', 'members'] as const;
export const BROADCAST_STATES = ['resolving', 'awaiting_approval', 'scheduled', 'sending', 'paused', 'completed', 'cancelled', 'rejected'] as const;

export const AlertCreateBody = Type.Object({
  kind: lit(ALERT_KINDS),
  title: Type.String({ minLength: 1, maxLength: 60 }),
  text: MultilineText({ minLength: 1, maxLength: 600, description: 'the SMS; “回复1确认收到” is appended unless present, the signature added when missing' }),
  audience: Type.Object({
    orgIds: Type.Array(IdString, { minItems: 1, maxItems: 50, description: 'subtrees to reach' }),
    who: Type.Array(lit(ALERT_WHO), { minItems: 1, maxItems: ALERT_WHO.length }),
  }, { additionalProperties: false }),
  remindAfterMinutes: Type.Optional(Type.Integer({ minimum: 10, maximum: 720, default: 30 })),
  maxReminders: Type.Optional(Type.Integer({ minimum: 0, maximum: 5, default: 2 })),
  escalateAfterMinutes: Type.Optional(Type.Integer({ minimum: 10, maximum: 1440, default: 60 })),
  ignoreOptOut: Type.Optional(Type.Boolean({ description: 'reach people who opted out of broadcasts too (recorded and audited)' })),
}, { additionalProperties: false });
export type AlertCreateInput = Static<typeof AlertCreateBody>;

export const AlertCreated = Type.Object({ id: Type.String() });

export const AlertSummary = Type.Object({
  id: Type.String(),
  kind: StringEnum(ALERT_KINDS),
  title: Type.String(),
  orgName: Type.String(),
  state: StringEnum(ALERT_STATES),
  recipients: Type.Integer(),
  confirmed: Type.Integer(),
  createdByName: Type.String(),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
});
export const AlertList = Type.Object({ items: Type.Array(AlertSummary), nextCursor: Nullable(Type.String()) });
export const AlertListQuery = Type.Object({
  state: Type.Optional(lit(ALERT_STATES)),
  orgId: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'alerts sent by this organization or below it' })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

const SendView = Type.Object({
  kind: StringEnum(['alert', 'reminder', 'escalation'] as const),
  seq: Type.Integer(),
  broadcastId: Nullable(Type.String()),
  broadcastState: Nullable(StringEnum(BROADCAST_STATES)),
  recipients: Type.Integer(),
  createdAt: Type.String(),
});

const EscalationView = Type.Object({
  parentOrgId: Nullable(Type.String()),
  parentOrgName: Nullable(Type.String({ description: 'null: no secretary with a phone above these organizations' })),
  orgNames: Type.Array(Type.String()),
  recipients: Type.Integer(),
  createdAt: Type.String(),
});

export const Alert = Type.Object({
  id: Type.String(),
  kind: StringEnum(ALERT_KINDS),
  title: Type.String(),
  text: Type.String(),
  smsText: Type.String({ description: 'as sent (without the signature)' }),
  orgId: Type.String(),
  orgName: Type.String(),
  audience: Type.Object({ orgs: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })), who: Type.Array(StringEnum(ALERT_WHO)) }),
  state: StringEnum(ALERT_STATES),
  ignoreOptOut: Type.Boolean(),
  remindAfterMinutes: Type.Integer(),
  maxReminders: Type.Integer(),
  escalateAfterMinutes: Type.Integer(),
  replyExt: Type.String(),
  createdByName: Type.String(),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String({ description: 'null while the recipients are being resolved' })),
  closedAt: Nullable(Type.String()),
  closedByName: Nullable(Type.String()),
  recipients: Type.Integer(),
  confirmed: Type.Integer(),
  skippedNoPhone: Type.Integer(),
  skippedOptOut: Type.Integer(),
  remindersSent: Type.Integer(),
  nextReminderAt: Nullable(Type.String()),
  escalateAt: Nullable(Type.String()),
  escalatedAt: Nullable(Type.String()),
  replies: Type.Integer(),
  sends: Type.Array(SendView),
  escalations: Type.Array(EscalationView),
}, { $id: 'EmergencyAlert' });
export type AlertView = Static<typeof Alert>;

export const OrgBoardQuery = Type.Object({ parentId: Type.Optional(IdString) }, { additionalProperties: false });
const BoardLine = Type.Object({
  orgId: Type.String(),
  orgName: Type.String(),
  own: Type.Boolean({ description: "the level's own recipients (not in any child)" }),
  hasChildren: Type.Boolean(),
  asked: Type.Integer(),
  confirmed: Type.Integer(),
  unconfirmed: Type.Integer(),
  silentOrgs: Type.Integer({ description: 'home organizations in this line where nobody confirmed' }),
});
export const OrgBoard = Type.Object({
  parent: Type.Object({ id: Type.String(), name: Type.String() }),
  trail: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), { description: 'from the alert’s organization down to the parent' }),
  items: Type.Array(BoardLine),
  total: Type.Object({ asked: Type.Integer(), confirmed: Type.Integer(), unconfirmed: Type.Integer(), silentOrgs: Type.Integer() }),
  silent: Type.Array(Type.Object({ orgId: Type.String(), orgName: Type.String(), asked: Type.Integer(), escalated: Type.Boolean() }), { description: 'silent organizations of this level (at most 200)' }),
});

export const UnconfirmedQuery = Type.Object({
  orgId: Type.Optional(IdString),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, { additionalProperties: false });
export const UnconfirmedList = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), orgName: Type.String(), phone: Type.String() })),
  nextCursor: Nullable(Type.String()),
});

export const RepliesQuery = Type.Object({ cursor: Cursor, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }, { additionalProperties: false });
export const ReplyList = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String(), name: Nullable(Type.String()), orgName: Nullable(Type.String()), phone: Type.String(), text: Type.String(), receivedAt: Type.String(),
  })),
  nextCursor: Nullable(Type.String()),
});
