import { Type, type Static } from 'typebox';
import { Cursor, IdParams, IdString, lit, MultilineText, Nullable, optionalAll, ref, StringEnum } from '../../platform/schemas.js';
export { IdParams };

/** 乡镇 / 村 / 企业 / 社区 / 家庭 */
export const STATION_TYPES = ['township', 'village', 'enterprise', 'community', 'household'] as const;
/** 正常 / 停用 / 故障 */
export const STATION_STATUSES = ['active', 'suspended', 'fault'] as const;

export const Station = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  name: Type.String(),
  type: StringEnum(STATION_TYPES),
  address: Nullable(Type.String()),
  equipment: Nullable(Type.String()),
  status: StringEnum(STATION_STATUSES),
  managerName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String({ description: "the manager's work phone" })),
  createdAt: Type.String(),
  updatedAt: Type.String({ description: 'send back unchanged in PATCH: a stale value gives 409' }),
}, { $id: 'Station' });
export type StationView = Static<typeof Station>;

export const StationList = Type.Object({ items: Type.Array(ref(Station)), nextCursor: Nullable(Type.String()), total: Type.Integer() });

export const StationListQuery = Type.Object({
  orgId: Type.Optional(IdString),
  type: Type.Optional(lit(STATION_TYPES)),
  status: Type.Optional(lit(STATION_STATUSES)),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});
export type StationListQueryInput = Static<typeof StationListQuery>;

const editable = {
  name: Type.String({ minLength: 1, maxLength: 80 }),
  type: lit(STATION_TYPES),
  address: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
  equipment: Type.Optional(Nullable(MultilineText({ maxLength: 200 }))),
  managerName: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
};

export const StationCreateBody = Type.Object({ orgId: IdString, ...editable }, { additionalProperties: false });
export type StationCreateInput = Static<typeof StationCreateBody>;

export const StationUpdateBody = Type.Object(
  { updatedAt: Type.String({ minLength: 1, maxLength: 40 }), orgId: Type.Optional(IdString), ...optionalAll(editable) },
  { additionalProperties: false },
);
export type StationUpdateInput = Static<typeof StationUpdateBody>;

export const StationStatusBody = Type.Object({ status: lit(STATION_STATUSES), reason: Type.Optional(MultilineText({ maxLength: 200 })) }, { additionalProperties: false });
