import { Type, type Static } from 'typebox';
import { Cursor, IdParams, PartyDate, PastDate, IdString, lit, Nullable, optionalAll, ref, StringEnum } from '../../platform/schemas.js';
export { IdParams };

export const GENDERS = ['male', 'female'] as const;
export const CATEGORIES = ['probationary', 'full'] as const;
export const STANDINGS = ['normal', 'suspended'] as const;
export const EDUCATIONS = ['postgraduate', 'bachelor', 'college', 'secondary_vocational', 'high_school', 'middle_school', 'primary'] as const;
export const ID_TYPES = ['resident_id', 'passport', 'other'] as const;

export const MemberSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  gender: StringEnum(GENDERS),
  birthDate: Type.String(),
  category: StringEnum(CATEGORIES),
  standing: StringEnum(STANDINGS),
  orgId: Type.String(),
  orgName: Type.String(),
  idNumber: Type.String({ description: 'masked, e.g. 330102********1234' }),
  mobile: Nullable(Type.String({ description: 'masked, e.g. 138****8000' })),
  education: StringEnum(EDUCATIONS),
  joinedOn: Type.String(),
  migrant: Type.Boolean(),
  lostContact: Type.Boolean(),
  departedOn: Nullable(Type.String({ description: 'the day the member left the rolls (已转出), else null' })),
  departure: Nullable(StringEnum(['transferred_out'], { description: 'why the member left the rolls' })),
}, { $id: 'MemberSummary' });
export type MemberSummaryView = Static<typeof MemberSummary>;

export const MemberDetail = Type.Object({
  ...MemberSummary.properties,
  ethnicity: Type.String(),
  idType: StringEnum(ID_TYPES),
  fullOn: Nullable(Type.String()),
  job: Nullable(Type.String()),
  landline: Nullable(Type.String()),
  address: Nullable(Type.String()),
  lostContactOn: Nullable(Type.String()),
  migrantProvince: Nullable(Type.String()),
  migrantCity: Nullable(Type.String()),
  migrantCounty: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  canReveal: Type.Boolean(),
}, { $id: 'MemberDetail' });
export type MemberDetailView = Static<typeof MemberDetail>;

/**
 * Every filter of the member list. Exact search by mobile or ID number is only accepted in a POST body
 * (`POST /api/members/search`), never in a URL: URLs end up in access logs, proxies and browser history.
 */
export const MemberSearchBody = Type.Object({
  orgId: Type.Optional(IdString),
  q: Type.Optional(Type.String({ maxLength: 30 })),
  phone: Type.Optional(Type.String({ maxLength: 20 })),
  idNumber: Type.Optional(Type.String({ maxLength: 30 })),
  category: Type.Optional(lit(CATEGORIES)),
  standing: Type.Optional(lit(STANDINGS)),
  gender: Type.Optional(lit(GENDERS)),
  migrant: Type.Optional(Type.Boolean()),
  lostContact: Type.Optional(Type.Boolean()),
  departed: Type.Optional(Type.Boolean({ description: 'true: only members who have left the rolls (已转出); default: only current members' })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
}, { additionalProperties: false });
export type MemberListQueryInput = Static<typeof MemberSearchBody>;

/** GET /api/members: the filters without the exact personal-number searches (a `phone` or `idNumber` parameter is refused). */
export const MemberListQuery = Type.Omit(MemberSearchBody, ['phone', 'idNumber'], { additionalProperties: false });

export const MemberList = Type.Object({
  items: Type.Array(ref(MemberSummary)), nextCursor: Nullable(Type.String()),
  total: Type.Optional(Type.Integer({ description: 'on the first page only (no cursor): counting again for every page would cost more than the page' })),
});

const Text = (max: number) => Type.String({ maxLength: max });
const fields = {
  name: Type.String({ minLength: 1, maxLength: 30 }),
  gender: lit(GENDERS),
  ethnicity: Type.String({ minLength: 1, maxLength: 20 }),
  birthDate: PastDate,
  idType: lit(ID_TYPES),
  idNumber: Type.String({ minLength: 1, maxLength: 30 }),
  education: lit(EDUCATIONS),
  category: lit(CATEGORIES),
  joinedOn: PartyDate,
  fullOn: Type.Optional(Nullable(PartyDate)),
  standing: Type.Optional(lit(STANDINGS)),
  job: Type.Optional(Nullable(Text(60))),
  mobile: Type.Optional(Nullable(Text(20))),
  landline: Type.Optional(Nullable(Text(30))),
  address: Type.Optional(Nullable(Text(120))),
  lostContact: Type.Optional(Type.Boolean()),
  lostContactOn: Type.Optional(Nullable(PartyDate)),
  migrant: Type.Optional(Type.Boolean()),
  migrantProvince: Type.Optional(Nullable(Text(20))),
  migrantCity: Type.Optional(Nullable(Text(20))),
  migrantCounty: Type.Optional(Nullable(Text(20))),
};

export const MemberCreateBody = Type.Object({ orgId: IdString, ...fields }, { additionalProperties: false });
export type MemberCreateInput = Static<typeof MemberCreateBody>;
export const MemberUpdateBody = Type.Object({ version: Type.Integer({ minimum: 1 }), ...optionalAll(fields) }, { additionalProperties: false });
export type MemberUpdateInput = Static<typeof MemberUpdateBody>;

export const RevealBody = Type.Object({ field: Type.Union([Type.Literal('idNumber'), Type.Literal('mobile')]) }, { additionalProperties: false });
export const RevealResult = Type.Object({ field: StringEnum(['idNumber', 'mobile']), value: Type.String() });

export const MemberHistory = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      at: Type.String(),
      actorName: Type.String(),
      action: Type.String(),
      changes: Type.Array(Type.Object({ field: Type.String(), from: Nullable(Type.String()), to: Nullable(Type.String()) })),
    }),
  ),
});
