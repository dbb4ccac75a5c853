/** Request and response schemas of 组织关系转接 (F-05); the types derive from them. */
import { Type, type Static } from 'typebox';
import { Cursor, IdParams, IdString, MultilineText, Nullable, ref, StringEnum } from '../../platform/schemas.js';
import { CATEGORIES } from '../members/members.schema.js';
export { IdParams };

export const STATES = ['applied', 'out_review', 'in_review', 'completed', 'returned', 'withdrawn', 'cancelled'] as const;
export type TransferState = (typeof STATES)[number];
export const ACTIONS = ['submit', 'approve', 'return', 'withdraw', 'cancel'] as const;
export type TransferAction = (typeof ACTIONS)[number];

const StateSchema = Type.Union([
  Type.Literal('applied'), Type.Literal('out_review'), Type.Literal('in_review'), Type.Literal('completed'),
  Type.Literal('returned'), Type.Literal('withdrawn'), Type.Literal('cancelled'),
]);
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', description: '党费交至 YYYY-MM' });

/** The editable part of an application: given on creation, and optionally changed on resubmission. */
const editable = {
  toOrgId: Type.Optional(IdString),
  outsideOrgName: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
  outsideProvince: Type.Optional(Type.String({ minLength: 2, maxLength: 20 })),
  outsideCity: Type.Optional(Type.String({ minLength: 2, maxLength: 20 })),
  validityDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, default: 30 })),
  duesPaidTo: Month,
  reason: MultilineText({ minLength: 2, maxLength: 200 }),
  note: Type.Optional(Nullable(MultilineText({ maxLength: 500 }))),
};

export const TransferCreateBody = Type.Object({ memberId: IdString, ...editable }, { additionalProperties: false });
export type TransferCreateInput = Static<typeof TransferCreateBody>;

export const TransferSubmitBody = Type.Object({
  toOrgId: editable.toOrgId,
  outsideOrgName: editable.outsideOrgName,
  outsideProvince: editable.outsideProvince,
  outsideCity: editable.outsideCity,
  validityDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  duesPaidTo: Type.Optional(Month),
  reason: Type.Optional(editable.reason),
  note: editable.note,
}, { additionalProperties: false });
export type TransferSubmitInput = Static<typeof TransferSubmitBody>;

export const CommentBody = Type.Object({ comment: Type.Optional(MultilineText({ maxLength: 200 })) }, { additionalProperties: false });
export const ReasonBody = Type.Object({ reason: MultilineText({ minLength: 2, maxLength: 200 }) }, { additionalProperties: false });

export const TransferListQuery = Type.Object({
  direction: Type.Optional(Type.Union([Type.Literal('outgoing'), Type.Literal('incoming')])),
  pending: Type.Optional(Type.Boolean({ description: 'true: only those waiting for a step of the caller’s side (待本方办理)' })),
  state: Type.Optional(StateSchema),
  q: Type.Optional(Type.String({ maxLength: 30, description: '党员姓名（包含）' })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});
export type TransferListQueryInput = Static<typeof TransferListQuery>;

export const TransferSummary = Type.Object({
  id: Type.String(),
  letterNo: Type.String(),
  state: StringEnum(STATES),
  stateName: Type.String(),
  memberId: Type.String(),
  memberName: Type.String(),
  fromOrgId: Type.String(),
  fromOrgName: Type.String(),
  destination: StringEnum(['platform', 'outside']),
  toOrgId: Nullable(Type.String()),
  toOrgName: Type.String(),
  issuedOn: Nullable(Type.String()),
  expiresOn: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
}, { $id: 'TransferSummary' });
export type TransferSummaryView = Static<typeof TransferSummary>;

export const TransferStep = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actorName: Type.String(),
  action: StringEnum(['create', ...ACTIONS]),
  fromState: Nullable(StringEnum(STATES)),
  toState: StringEnum(STATES),
  comment: Nullable(Type.String()),
});

export const TransferDetail = Type.Object({
  ...TransferSummary.properties,
  memberIdNumber: Type.String({ description: 'masked' }),
  memberCategory: StringEnum(CATEGORIES),
  duesPaidTo: Type.String(),
  toProvince: Nullable(Type.String()),
  toCity: Nullable(Type.String()),
  validityDays: Type.Integer(),
  reason: Type.String(),
  note: Nullable(Type.String()),
  returnReason: Nullable(Type.String()),
  createdByName: Type.String(),
  completedAt: Nullable(Type.String()),
  version: Type.Integer(),
  /** What the caller may do next: the UI shows these buttons and no others. */
  actions: Type.Array(StringEnum(ACTIONS)),
  steps: Type.Array(TransferStep),
}, { $id: 'TransferDetail' });
export type TransferDetailView = Static<typeof TransferDetail>;

export const TransferList = Type.Object({ items: Type.Array(ref(TransferSummary)), nextCursor: Nullable(Type.String()) });
export const LetterHtml = Type.String({ description: 'printable HTML introduction letter (text/html)' });

/** Destination picker: active branch-type organizations of the whole province, by name. */
export const DestinationQuery = Type.Object({
  q: Type.String({ minLength: 2, maxLength: 30, description: '组织名称或全称（包含），至少2个字' }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});
export type DestinationQueryInput = Static<typeof DestinationQuery>;
/** Names only: no counts, no members, no contact data. */
export const Destination = Type.Object({
  id: Type.String(),
  name: Type.String(),
  fullName: Type.String(),
  /** Names of the organizations above it, top first (e.g. 宁波市委 › 海曙区委). */
  ancestors: Type.Array(Type.String()),
});
export const DestinationList = Type.Object({ items: Type.Array(Destination) });
export type DestinationView = Static<typeof Destination>;
