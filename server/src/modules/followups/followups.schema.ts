/** 跟踪督办: request and response shapes of the follow-up routes (followups.routes.ts). */
import { Type, type Static } from 'typebox';
import { Cursor, IdParams, IdString, lit, MultilineText, Nullable, StringEnum } from '../../platform/schemas.js';
export { IdParams };

export const FOLLOWUP_STATES = ['open', 'resolved', 'explained'] as const;
export const OUTCOMES = ['resolved', 'explained'] as const;
export const ATTACHMENT_KINDS = ['pdf', 'jpg', 'png', 'docx', 'xlsx'] as const;
export const TIMELINE_KINDS = ['open', 'down', 'up', 'note', 'escalate', 'attachment', 'close'] as const;

export const FollowupListQuery = Type.Object({
  state: Type.Optional(lit(FOLLOWUP_STATES)),
  overdue: Type.Optional(Type.Boolean({ description: 'true: open items due before today (China)' })),
  escalated: Type.Optional(Type.Boolean({ description: 'true: items escalated to a level above their owner (已升级督办)' })),
  source: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_.]{0,39}$' })),
  orgId: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: "the owner's subtree; must lie in your scope" })),
  assignee: Type.Optional(lit(['me'] as const)),
  watching: Type.Optional(lit(['me'] as const)),
  q: Type.Optional(Type.String({ maxLength: 50, description: 'words in the title' })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false });
export type FollowupListQueryT = Static<typeof FollowupListQuery>;

export const FollowupRow = Type.Object({
  id: Type.String(),
  title: Type.String(),
  source: Type.String(),
  sourceLabel: Type.String(),
  ownerOrgId: Type.String(),
  ownerOrgName: Type.String(),
  assigneeId: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  dueOn: Type.String(),
  workingDaysLeft: Nullable(Type.Integer({ description: 'open items: working days left until the due date (0: due today); negative: working days overdue. null once closed' })),
  overdue: Type.Boolean(),
  state: StringEnum(FOLLOWUP_STATES),
  escalatedLevel: Type.Integer({ description: '0: not escalated; 1: to the level above the owner; 2: two levels above …' }),
  escalatedOrgName: Nullable(Type.String()),
  createdAt: Type.String(),
  closedAt: Nullable(Type.String()),
});
export type FollowupRowT = Static<typeof FollowupRow>;
export const FollowupList = Type.Object({ items: Type.Array(FollowupRow), nextCursor: Nullable(Type.String()) });

const OrgRef = Type.Object({ id: Type.String(), name: Type.String() });
export const FollowupDetail = Type.Object({
  ...FollowupRow.properties,
  sourceId: Type.String(),
  sourceLink: Nullable(Type.String()),
  ownerParent: Nullable(OrgRef),
  createdByName: Nullable(Type.String()),
  closingNote: Nullable(Type.String()),
  closedByName: Nullable(Type.String()),
  hops: Type.Array(Type.Object({
    direction: StringEnum(['down', 'up'] as const), fromOrgId: Type.String(), fromOrgName: Type.String(), toOrgId: Type.String(), toOrgName: Type.String(),
    reason: Type.String(), byName: Nullable(Type.String()), at: Type.String(),
    dueOn: Nullable(Type.String({ description: 'the due date the hop set: given to the receiver down, or resumed up; null when it stayed' })),
  })),
  notes: Type.Array(Type.Object({ id: Type.String(), text: Type.String(), byId: Type.String(), byName: Type.String(), at: Type.String() })),
  attachments: Type.Array(Type.Object({
    id: Type.String(), fileName: Type.String(), kind: StringEnum(ATTACHMENT_KINDS), sizeBytes: Type.Integer(), uploadedById: Type.String(), uploadedByName: Type.String(), uploadedAt: Type.String(),
    deletable: Type.Boolean({ description: 'the caller uploaded it and the item is open' }),
  })),
  watchers: Type.Array(Type.Object({ accountId: Type.String(), name: Type.String(), since: Type.String() })),
  watching: Type.Boolean({ description: 'the caller watches the item (我关注的)' }),
  escalations: Type.Array(Type.Object({ level: Type.Integer(), toOrgId: Type.String(), toOrgName: Type.String(), ownerOrgName: Type.String(), onDate: Type.String(), workingDaysOverdue: Type.Integer(), at: Type.String() })),
  timeline: Type.Array(Type.Object({
    kind: StringEnum(TIMELINE_KINDS), at: Type.String(), byName: Nullable(Type.String()), text: Nullable(Type.String()),
    fromOrgName: Nullable(Type.String()), toOrgName: Nullable(Type.String()),
    dueOn: Nullable(Type.String({ description: 'hops: the due date the hop set, if any' })),
  }, { description: 'opening, hops (down: 转办, up: 退回), notes, attachments, escalations and closing, oldest first' })),
  canWrite: Type.Boolean({ description: 'the caller may pass, assign, note, attach and close (followup.write over the owner) while it is open' }),
}, { $id: 'FollowupDetail' });
export type FollowupDetailT = Static<typeof FollowupDetail>;

export const PassBody = Type.Object({
  toOrgId: IdString,
  reason: MultilineText({ maxLength: 500 }),
  dueInWorkingDays: Type.Optional(Type.Integer({ description: 'down only: the receiver\'s own deadline in working days from today (China), not later than the current one; left out, the due date stays' })),
}, { additionalProperties: false });
export const CloseBody = Type.Object({
  outcome: lit(OUTCOMES),
  note: MultilineText({ maxLength: 2000 }),
}, { additionalProperties: false });
export const NoteBody = Type.Object({ text: MultilineText({ maxLength: 2000 }) }, { additionalProperties: false });
export const AssignBody = Type.Object({ accountId: Nullable(IdString) }, { additionalProperties: false });
export const AssigneeList = Type.Object({ items: Type.Array(Type.Object({ accountId: Type.String(), name: Type.String(), orgName: Type.String() })) });

export const AttachmentParams = Type.Object({ id: IdString, attachmentId: IdString });
export const AttachmentUploadQuery = Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const AttachmentCreated = Type.Object({ id: Type.String(), fileName: Type.String(), kind: StringEnum(ATTACHMENT_KINDS), sizeBytes: Type.Integer() });

export const ProgressQuery = Type.Object({
  parentId: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'default: the top of your followup.read scope' })),
});
const ProgressCounts = Type.Object({
  total: Type.Integer(), open: Type.Integer(), resolved: Type.Integer(), explained: Type.Integer(),
  overdue: Type.Integer({ description: 'open and due before today (China)' }), escalated: Type.Integer({ description: 'open and escalated (已升级督办)' }),
});
export const Progress = Type.Object({
  parent: Type.Object({ id: Type.String(), name: Type.String(), parentId: Nullable(Type.String()) }),
  trail: Type.Array(OrgRef, { description: 'from the top of your scope down to parent' }),
  items: Type.Array(Type.Object({
    orgId: Type.String(), orgName: Type.String(), own: Type.Boolean({ description: "the parent's own items (本级), not a child's subtree" }), hasChildren: Type.Boolean(),
    counts: ProgressCounts,
  })),
  totals: ProgressCounts,
});
export const SourceList = Type.Object({ items: Type.Array(Type.Object({ source: Type.String(), label: Type.String() })) });
