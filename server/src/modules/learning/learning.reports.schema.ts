/** Shapes of 学习统计 (learning.reports.ts): organization figures, the ranking of children, a branch's members, a transcript. */
import { Type, type Static } from 'typebox';
import { Cursor, IdString, Nullable, StringEnum } from '../../platform/schemas.js';
import { CreditItem } from './learning.schema.js';

export const SORTS = ['rate', 'hours', 'participation'] as const;
export type ReportSort = (typeof SORTS)[number];

const Year = Type.Optional(Type.Integer({ minimum: 2000, maximum: 2099, description: 'default: this year in China' }));

export const OrgFigures = Type.Object({
  members: Type.Integer({ description: 'members on the rolls in the subtree' }),
  met: Type.Integer({ description: 'members who met their yearly duty' }),
  rate: Type.Number({ description: 'completion rate, percent (one decimal): met / members' }),
  avgHours: Type.Number({ description: 'credited hours per member (one decimal)' }),
  active: Type.Integer({ description: 'members with any credit this year' }),
  participation: Type.Number({ description: 'percent of members with any credit (one decimal)' }),
  cadres: Type.Integer({ description: 'members holding a committee position (the larger duty)' }),
  cadresMet: Type.Integer(),
  cadreRate: Type.Number({ description: 'completion rate of committee members, percent' }),
  others: Type.Integer({ description: 'members without a committee position' }),
  othersMet: Type.Integer(),
  othersRate: Type.Number(),
  hours: Type.Number({ description: 'all credited hours (one decimal)' }),
});
export type OrgFiguresT = Static<typeof OrgFigures>;

export const OrgReportQuery = Type.Object({
  year: Year,
  sort: Type.Optional(StringEnum(SORTS, { description: 'rank children by completion rate (default), average hours or participation' })),
  order: Type.Optional(StringEnum(['desc', 'asc'] as const, { description: 'desc (default): best first; asc: the lowest first' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0, description: 'children are few (at most a few hundred): paged by position' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, { additionalProperties: false });
export type OrgReportQueryT = Static<typeof OrgReportQuery>;

const OrgRef = Type.Object({ id: Type.String(), name: Type.String() });

export const OrgReport = Type.Object({
  year: Type.Integer(),
  refreshedAt: Nullable(Type.String({ description: '统计时间: when these organization figures were computed (null: not yet for this year)' })),
  dutyHours: Type.Object({ member: Type.Integer(), cadre: Type.Integer() }, { description: 'the yearly duty now in the rules' }),
  org: Type.Object({ id: Type.String(), name: Type.String(), type: Type.String(), level: Type.String(), figures: OrgFigures }),
  trail: Type.Array(OrgRef, { description: 'breadcrumbs: the ancestors the caller may read, top first, then the organization' }),
  sort: StringEnum(SORTS),
  order: StringEnum(['desc', 'asc'] as const),
  children: Type.Array(Type.Object({
    rank: Type.Integer({ description: 'position in this order among all children (ties share a rank)' }),
    id: Type.String(), name: Type.String(), type: Type.String(), level: Type.String(),
    hasChildren: Type.Boolean(),
    figures: OrgFigures,
  })),
  total: Type.Integer({ description: 'children in all' }),
  offset: Type.Integer(),
  limit: Type.Integer(),
}, { $id: 'LearningOrgReport' });
export type OrgReportT = Static<typeof OrgReport>;

export const OrgMembersQuery = Type.Object({
  year: Year,
  subtree: Type.Optional(Type.Boolean({ default: false, description: 'false: members of this organization itself (a branch); true: of its whole subtree' })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
}, { additionalProperties: false });
export type OrgMembersQueryT = Static<typeof OrgMembersQuery>;

export const MemberProgress = Type.Object({
  id: Type.String(),
  name: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  cadre: Type.Boolean(),
  minutes: Type.Integer(),
  hours: Type.Number(),
  dutyHours: Type.Integer(),
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  met: Type.Boolean(),
});
export type MemberProgressT = Static<typeof MemberProgress>;

export const OrgMembers = Type.Object({
  year: Type.Integer(),
  items: Type.Array(MemberProgress, { description: 'in the order of the organization list (organization, then record), never by hours: there is no ranking of people' }),
  nextCursor: Nullable(Type.String()),
}, { $id: 'LearningOrgMembers' });
export type OrgMembersT = Static<typeof OrgMembers>;

export const TranscriptQuery = Type.Object({
  year: Year,
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
}, { additionalProperties: false });
export type TranscriptQueryT = Static<typeof TranscriptQuery>;

export const Transcript = Type.Object({
  year: Type.Integer(),
  member: Type.Object({ id: Type.String(), name: Type.String(), orgId: Type.String(), orgName: Type.String() }),
  minutes: Type.Integer(),
  dutyMinutes: Type.Integer(),
  cadre: Type.Boolean(),
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  byKind: Type.Array(Type.Object({ kind: Type.String(), minutes: Type.Integer(), credits: Type.Integer() })),
  items: Type.Array(CreditItem, { description: 'the year’s ledger, newest first' }),
  nextCursor: Nullable(Type.String()),
}, { $id: 'LearningTranscript' });
export type TranscriptT = Static<typeof Transcript>;

export const OrgIdParams = Type.Object({ id: IdString });
