import { Type, type Static } from 'typebox';
import { Cursor, Day, IdParams, IdString, lit, MultilineText, Nullable, optionalAll, ref, StringEnum } from '../../platform/schemas.js';
export { IdParams };

/** 书记 / 副书记 / 组织委员 / 宣传委员 / 纪检委员 / 青年委员 / 统战委员 / 保密委员 / 委员 */
export const POSITIONS = ['secretary', 'deputy_secretary', 'organization_member', 'publicity_member', 'discipline_member',
  'youth_member', 'united_front_member', 'secrecy_member', 'committee_member'] as const;
/** 村两委成员 / 大学生村官 / 驻村第一书记 / 村级后备干部 / 网格员 / 其他 */
export const OFFICIAL_ROLES = ['two_committees', 'college_graduate', 'first_secretary', 'reserve_cadre', 'grid_worker', 'other'] as const;
export const GENDERS = ['male', 'female'] as const;
export const PERSON_KINDS = ['member', 'official', 'contact'] as const;

const TermDay = Day({ min: '1949-10-01' });
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 }));
const BoolQuery = lit(['true', 'false'] as const);

// ——— party positions (党内职务) ———

export const PartyPositionView = Type.Object({
  id: Type.String(),
  memberId: Type.String(),
  memberName: Type.String(),
  memberOrgId: Type.String(),
  memberOrgName: Type.String(),
  mobile: Nullable(Type.String({ description: 'masked' })),
  optedOut: Type.Boolean({ description: '已退订短信' }),
  departed: Type.Boolean({ description: 'the member has left the rolls (已转出)' }),
  orgId: Type.String({ description: 'the organization where the post is held' }),
  orgName: Type.String(),
  position: StringEnum(POSITIONS),
  startedOn: Type.String(),
  endedOn: Nullable(Type.String()),
  current: Type.Boolean(),
  note: Nullable(Type.String()),
  updatedAt: Type.String({ description: 'send back unchanged in PATCH: a stale value gives 409' }),
}, { $id: 'PartyPosition' });
export type PartyPositionViewT = Static<typeof PartyPositionView>;

export const PositionList = Type.Object({ items: Type.Array(ref(PartyPositionView)), nextCursor: Nullable(Type.String()), total: Type.Integer() });

export const PositionListQuery = Type.Object({
  orgId: Type.Optional(IdString),
  position: Type.Optional(lit(POSITIONS)),
  /** true (default): current posts only; false: ended posts only; all: both */
  status: Type.Optional(lit(['current', 'ended', 'all'] as const)),
  optedOut: Type.Optional(BoolQuery),
  q: Type.Optional(Type.String({ maxLength: 30 })),
  cursor: Cursor,
  limit: Limit,
});
export type PositionListQueryInput = Static<typeof PositionListQuery>;

const positionEditable = {
  position: lit(POSITIONS),
  startedOn: TermDay,
  endedOn: Type.Optional(Nullable(TermDay)),
  note: Type.Optional(Nullable(MultilineText({ maxLength: 200 }))),
};
export const PositionCreateBody = Type.Object({ memberId: IdString, orgId: IdString, ...positionEditable }, { additionalProperties: false });
export type PositionCreateInput = Static<typeof PositionCreateBody>;
export const PositionUpdateBody = Type.Object({ updatedAt: Type.String({ minLength: 1, maxLength: 40 }), ...optionalAll(positionEditable) }, { additionalProperties: false });
export type PositionUpdateInput = Static<typeof PositionUpdateBody>;

// ——— village officials (村干部名册) ———

export const VillageOfficialView = Type.Object({
  id: Type.String(),
  orgId: Type.String({ description: "the village's organization" }),
  orgName: Type.String(),
  name: Type.String(),
  role: StringEnum(OFFICIAL_ROLES),
  title: Nullable(Type.String({ description: '职务，如 村委会主任' })),
  memberId: Nullable(Type.String()),
  phone: Nullable(Type.String({ description: 'masked' })),
  optedOut: Type.Boolean({ description: '已退订短信' }),
  gender: Nullable(StringEnum(GENDERS)),
  startedOn: Type.String(),
  endedOn: Nullable(Type.String()),
  current: Type.Boolean(),
  note: Nullable(Type.String()),
  canReveal: Type.Boolean({ description: 'the caller may reveal the phone (POST …/reveal)' }),
  updatedAt: Type.String({ description: 'send back unchanged in PATCH: a stale value gives 409' }),
}, { $id: 'VillageOfficial' });
export type VillageOfficialViewT = Static<typeof VillageOfficialView>;

export const OfficialList = Type.Object({ items: Type.Array(ref(VillageOfficialView)), nextCursor: Nullable(Type.String()), total: Type.Integer() });

export const OfficialListQuery = Type.Object({
  orgId: Type.Optional(IdString),
  role: Type.Optional(lit(OFFICIAL_ROLES)),
  status: Type.Optional(lit(['current', 'ended', 'all'] as const)),
  optedOut: Type.Optional(BoolQuery),
  q: Type.Optional(Type.String({ maxLength: 30 })),
  cursor: Cursor,
  limit: Limit,
});
export type OfficialListQueryInput = Static<typeof OfficialListQuery>;

const officialEditable = {
  name: Type.String({ minLength: 1, maxLength: 30 }),
  role: lit(OFFICIAL_ROLES),
  title: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  memberId: Type.Optional(Nullable(IdString)),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  gender: Type.Optional(Nullable(lit(GENDERS))),
  startedOn: TermDay,
  endedOn: Type.Optional(Nullable(TermDay)),
  note: Type.Optional(Nullable(MultilineText({ maxLength: 200 }))),
};
export const OfficialCreateBody = Type.Object({ orgId: IdString, ...officialEditable }, { additionalProperties: false });
export type OfficialCreateInput = Static<typeof OfficialCreateBody>;
export const OfficialUpdateBody = Type.Object({ updatedAt: Type.String({ minLength: 1, maxLength: 40 }), ...optionalAll(officialEditable) }, { additionalProperties: false });
export type OfficialUpdateInput = Static<typeof OfficialUpdateBody>;

export const RevealAnswer = Type.Object({ phone: Type.String() });

// ——— contact groups (联系人分组) ———

export const ContactGroupView = Type.Object({
  id: Type.String(),
  orgId: Type.String({ description: 'the owner organization' }),
  orgName: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  entries: Type.Integer(),
  updatedAt: Type.String(),
}, { $id: 'ContactGroup' });
export type ContactGroupViewT = Static<typeof ContactGroupView>;
export const GroupList = Type.Object({ items: Type.Array(ref(ContactGroupView)), nextCursor: Nullable(Type.String()), total: Type.Integer() });
export const GroupListQuery = Type.Object({ orgId: Type.Optional(IdString), q: Type.Optional(Type.String({ maxLength: 30 })), cursor: Cursor, limit: Limit });
export type GroupListQueryInput = Static<typeof GroupListQuery>;
export const GroupCreateBody = Type.Object({
  orgId: IdString, name: Type.String({ minLength: 1, maxLength: 40 }), description: Type.Optional(Nullable(MultilineText({ maxLength: 200 }))),
}, { additionalProperties: false });
export type GroupCreateInput = Static<typeof GroupCreateBody>;
export const GroupUpdateBody = Type.Object({
  updatedAt: Type.String({ minLength: 1, maxLength: 40 }), name: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  description: Type.Optional(Nullable(MultilineText({ maxLength: 200 }))),
}, { additionalProperties: false });
export type GroupUpdateInput = Static<typeof GroupUpdateBody>;

export const GroupEntryView = Type.Object({
  id: Type.String(),
  kind: StringEnum(PERSON_KINDS),
  memberId: Nullable(Type.String()),
  officialId: Nullable(Type.String()),
  name: Type.String(),
  orgId: Type.String({ description: "the person's home organization (the group's owner for people outside the rolls)" }),
  orgName: Type.String(),
  phone: Nullable(Type.String({ description: 'masked' })),
  optedOut: Type.Boolean({ description: '已退订短信' }),
  inactive: Type.Boolean({ description: 'the member has left the rolls or the official has left office' }),
  note: Nullable(Type.String()),
}, { $id: 'ContactGroupEntry' });
export const GroupEntryList = Type.Object({ items: Type.Array(ref(GroupEntryView)), nextCursor: Nullable(Type.String()), total: Type.Integer() });
export const GroupEntryListQuery = Type.Object({ cursor: Cursor, limit: Limit });
export const GroupEntryParams = Type.Object({ id: IdString, entryId: IdString });
export const GroupEntryBody = Type.Object({
  memberId: Type.Optional(IdString),
  officialId: Type.Optional(IdString),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
  phone: Type.Optional(Type.String({ maxLength: 30 })),
  note: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
}, { additionalProperties: false, description: 'exactly one of memberId, officialId, or name + phone (a person outside the rolls)' });
export type GroupEntryInput = Static<typeof GroupEntryBody>;

// ——— people picker and opt-out ———

export const PersonView = Type.Object({
  kind: StringEnum(['member', 'official'] as const),
  id: Type.String(),
  name: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  phone: Nullable(Type.String({ description: 'masked' })),
  optedOut: Type.Boolean(),
});
export const PeopleQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 30 }),
  kind: Type.Optional(lit(['member', 'official'] as const)),
  orgId: Type.Optional(IdString),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});
export type PeopleQueryInput = Static<typeof PeopleQuery>;
export const PeopleList = Type.Object({ items: Type.Array(PersonView) });

export const OptOutBody = Type.Object({
  kind: lit(PERSON_KINDS),
  id: IdString,
  optedOut: Type.Boolean(),
  reason: MultilineText({ minLength: 1, maxLength: 200 }),
}, { additionalProperties: false });
export type OptOutInput = Static<typeof OptOutBody>;
export const OptOutAnswer = Type.Object({ optedOut: Type.Boolean(), changed: Type.Boolean() });
