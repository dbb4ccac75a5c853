/** Shapes of the credit rules and the member's own ledger (learning.rules.ts, learning.ledger.ts). */
import { Type, type Static } from 'typebox';
import { Cursor, Nullable, StringEnum } from '../../platform/schemas.js';
import { CREDIT_KINDS } from './learning.commands.js';

const capMinutes = (what: string) => Type.Integer({ minimum: 1, maximum: 1440, description: `${what}: minutes a member may earn a day` });
const DailyCaps = Type.Object({
  lesson: capMinutes('lessons'),
  article: capMinutes('articles read'),
  quiz: capMinutes('quizzes passed'),
  group_viewing: capMinutes('group viewings at stations'),
  live: capMinutes('live lessons'),
}, { additionalProperties: false });

const rulesFields = {
  completionPercent: Type.Integer({ minimum: 50, maximum: 100, description: 'share of a video that must be covered (seconds actually watched) for completion' }),
  articleMinSeconds: Type.Integer({ minimum: 10, maximum: 3600, description: 'reading time before an article counts' }),
  articleMinutes: Type.Integer({ minimum: 1, maximum: 120, description: 'study minutes credited for an article read' }),
  quizMinutes: Type.Integer({ minimum: 1, maximum: 120, description: 'study minutes credited for a quiz passed' }),
  dailyCaps: DailyCaps,
  dutyHoursMember: Type.Integer({ minimum: 1, maximum: 500, description: 'yearly duty of a member, hours' }),
  dutyHoursCadre: Type.Integer({ minimum: 1, maximum: 500, description: 'yearly duty of a secretary or committee member, hours' }),
};

export const LearningRulesView = Type.Object({
  ...rulesFields,
  version: Type.Integer(),
  updatedByName: Nullable(Type.String()),
  updatedAt: Type.String(),
}, { $id: 'LearningRules' });
export type LearningRulesViewT = Static<typeof LearningRulesView>;

export const LearningRulesBody = Type.Object({ ...rulesFields, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type LearningRulesInput = Static<typeof LearningRulesBody>;

export const CreditItem = Type.Object({
  id: Type.String(),
  day: Type.String({ description: 'China date' }),
  kind: StringEnum(CREDIT_KINDS),
  sourceType: Type.String(),
  sourceId: Type.String(),
  title: Type.String(),
  minutes: Type.Integer(),
  cappedFrom: Nullable(Type.Integer({ description: 'minutes the source was worth when the daily cap credited less' })),
  at: Type.String(),
});

export const MyCreditsQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2099, description: 'default: this year in China' })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const MyCredits = Type.Object({
  year: Type.Integer(),
  minutes: Type.Integer({ description: 'credited this year' }),
  dutyMinutes: Type.Integer({ description: 'the yearly duty (32 or 56 hours by default)' }),
  cadre: Type.Boolean({ description: 'holds a committee position, so the larger duty applies' }),
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  today: Type.Array(Type.Object({ kind: StringEnum(CREDIT_KINDS), minutes: Type.Integer(), cap: Type.Integer() }), { description: 'today’s use of each daily cap' }),
  items: Type.Array(CreditItem, { description: 'the year’s ledger, newest first' }),
  nextCursor: Nullable(Type.String()),
}, { $id: 'MyCredits' });
export type MyCreditsT = Static<typeof MyCredits>;
