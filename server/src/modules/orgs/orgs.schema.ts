import { Type, type Static } from 'typebox';
import { PartyDate, IdParams, IdString, lit, Nullable, optionalAll, ref, StringEnum } from '../../platform/schemas.js';
export { IdParams };

export const ORG_TYPES = ['committee', 'working_committee', 'general_branch', 'branch', 'joint_branch', 'temporary_branch'] as const;
export const ORG_LEVELS = ['province', 'city', 'county', 'township', 'grassroots'] as const;
export const ORG_SECTORS = ['organ', 'rural', 'community', 'enterprise', 'institution', 'online', 'other'] as const;
/** Types whose members are recorded directly (a member always belongs to a branch). */
export type OrgType = (typeof ORG_TYPES)[number];
export const BRANCH_TYPES: readonly OrgType[] = ['branch', 'joint_branch', 'temporary_branch', 'general_branch'];
export const isBranchType = (type: string): boolean => (BRANCH_TYPES as readonly string[]).includes(type);
export const ORG_STATUSES = ['active', 'inactive'] as const;

export const OrgSummary = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  name: Type.String(),
  fullName: Type.String(),
  type: StringEnum(ORG_TYPES),
  level: StringEnum(ORG_LEVELS),
  sector: StringEnum(ORG_SECTORS),
  status: StringEnum(ORG_STATUSES),
  regionCode: Nullable(Type.String()),
  childCount: Type.Integer(),
  memberCount: Type.Integer(),
}, { $id: 'OrgSummary' });
export type OrgSummaryView = Static<typeof OrgSummary>;

export const OrgDetail = Type.Object({
  ...OrgSummary.properties,
  secretaryName: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  foundedOn: Nullable(Type.String()),
  isOnline: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  ancestors: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
}, { $id: 'OrgDetail' });
export type OrgDetailView = Static<typeof OrgDetail>;

export const OrgList = Type.Object({ items: Type.Array(ref(OrgSummary)) });

export const OrgSearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 50 }),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});

const editable = {
  name: Type.String({ minLength: 1, maxLength: 60 }),
  fullName: Type.String({ minLength: 1, maxLength: 120 }),
  type: lit(ORG_TYPES),
  level: lit(ORG_LEVELS),
  sector: lit(ORG_SECTORS),
  regionCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$' }))),
  secretaryName: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  foundedOn: Type.Optional(Nullable(PartyDate)),
  isOnline: Type.Optional(Type.Boolean()),
};

export const OrgCreateBody = Type.Object({ parentId: IdString, ...editable }, { additionalProperties: false });
export type OrgCreateInput = Static<typeof OrgCreateBody>;

export const OrgUpdateBody = Type.Object({ version: Type.Integer({ minimum: 1 }), ...optionalAll(editable) }, { additionalProperties: false });
export type OrgUpdateInput = Static<typeof OrgUpdateBody>;

export const OrgMoveBody = Type.Object({
  parentId: IdString,
  version: Type.Optional(Type.Integer({ minimum: 1, description: 'the version the user saw; a move of a changed organization is refused (409)' })),
}, { additionalProperties: false });
