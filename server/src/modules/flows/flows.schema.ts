import { Type, type Static } from 'typebox';
import { Cursor, DateString, IdParams, IdString, lit, MultilineText, Nullable, PartyDate, ref, StringEnum } from '../../platform/schemas.js';
export { IdParams };

/** 市内流动 / 省内跨市流动 / 跨省流动 */
export const FLOW_TYPES = ['within_city', 'within_province', 'out_of_province'] as const;
/** 务工经商 / 学习 / 随迁 / 其他 */
export const FLOW_REASONS = ['work_business', 'study', 'follow_family', 'other'] as const;
export const HOME_PROVINCE = '浙江省';

export const Flow = Type.Object({
  id: Type.String(),
  memberId: Type.String(),
  memberName: Type.String(),
  orgId: Type.String({ description: 'home branch' }),
  orgName: Type.String(),
  flowType: StringEnum(FLOW_TYPES),
  reason: StringEnum(FLOW_REASONS),
  destProvince: Type.String(),
  destCity: Nullable(Type.String()),
  destCounty: Nullable(Type.String()),
  workplace: Nullable(Type.String()),
  contactName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String({ description: 'masked' })),
  leftOn: Type.String(),
  expectedReturnOn: Nullable(Type.String()),
  returnedOn: Nullable(Type.String()),
  open: Type.Boolean(),
  createdAt: Type.String(),
  onlineBranch: Nullable(Type.Object({ id: Type.String(), name: Type.String() }, { description: 'the 网络党支部 the member is attached to' })),
}, { $id: 'Flow' });
export type FlowView = Static<typeof Flow>;

export const FlowHistory = Type.Object({ items: Type.Array(ref(Flow)) });
export const FlowList = Type.Object({ items: Type.Array(ref(Flow)), nextCursor: Nullable(Type.String()), total: Type.Integer() });

export const FlowListQuery = Type.Object({
  orgId: Type.Optional(IdString),
  type: Type.Optional(lit(FLOW_TYPES)),
  open: Type.Optional(Type.Boolean()),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});
export type FlowListQueryInput = Static<typeof FlowListQuery>;

export const FlowCreateBody = Type.Object({
  flowType: lit(FLOW_TYPES),
  reason: lit(FLOW_REASONS),
  destProvince: Type.String({ minLength: 1, maxLength: 20 }),
  destCity: Type.String({ minLength: 1, maxLength: 20 }),
  destCounty: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  workplace: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  contactName: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  leftOn: PartyDate,
  expectedReturnOn: Type.Optional(Nullable(DateString)),
}, { additionalProperties: false });
export type FlowCreateInput = Static<typeof FlowCreateBody>;

export const FlowReturnBody = Type.Object({ returnedOn: PartyDate }, { additionalProperties: false });

export const OnlineBranchBody = Type.Object({ orgId: IdString }, { additionalProperties: false });
export const OnlineBranch = Type.Object({ memberId: Type.String(), orgId: Nullable(Type.String()), orgName: Nullable(Type.String()) });

export const ACTIVITY_KINDS = ['life', 'dues'] as const;
export const ActivityBody = Type.Object({
  kind: lit(ACTIVITY_KINDS),
  onDate: PartyDate,
  note: Type.Optional(Nullable(MultilineText({ maxLength: 100 }))),
}, { additionalProperties: false });
export const Activity = Type.Object({ id: Type.String(), memberId: Type.String(), kind: StringEnum(ACTIVITY_KINDS), onDate: Type.String(), note: Nullable(Type.String()) });

export const InactiveQuery = Type.Object({ orgId: Type.Optional(IdString) });
export const InactiveList = Type.Object({
  items: Type.Array(Type.Object({
    memberId: Type.String(),
    name: Type.String(),
    orgId: Type.String(),
    orgName: Type.String(),
    lastLifeOn: Nullable(Type.String()),
    lastDuesOn: Nullable(Type.String()),
    monthsWithoutLife: Type.Integer(),
    monthsWithoutDues: Type.Integer(),
  })),
});
