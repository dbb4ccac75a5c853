/** 党务、村务、财务公开 (F-40, F-41): request and response shapes (docs/disclosures.md). */
import { Type, type Static } from 'typebox';
import { Cursor, Day, IdParams, IdString, lit, MultilineText, Nullable, StringEnum } from '../../platform/schemas.js';
export { IdParams };

export const DISCLOSURE_KINDS = ['party', 'village', 'finance'] as const;
export const DISCLOSURE_STATES = ['draft', 'published', 'withdrawn'] as const;
export const PLAN_STATUSES = ['on_time', 'late', 'missing', 'pending'] as const;
/** 2026 (年度), 2026-Q4 (季度), 2026-11 (月度). */
export const PERIOD_PATTERN = '^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$';
const Period = Type.String({ pattern: PERIOD_PATTERN, description: '公开期间：2026（年度）、2026-Q4（季度）或 2026-11（月度）' });
/** Yuan with at most two decimals, as text (no binary fractions on the way): "12800.50". */
const Yuan = Type.String({ pattern: '^[0-9]{1,11}(\\.[0-9]{1,2})?$', description: '金额（元），最多两位小数' });

const FinanceLineIn = Type.Object({
  direction: lit(['income', 'expense'] as const),
  category: Type.String({ minLength: 1, maxLength: 60 }),
  amount: Yuan,
  note: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });
export const FinanceIn = Type.Object({
  opening: Type.String({ pattern: '^-?[0-9]{1,11}(\\.[0-9]{1,2})?$', description: '期初余额（元）' }),
  lines: Type.Array(FinanceLineIn, { minItems: 1, maxItems: 200 }),
  incomeTotal: Yuan,
  expenseTotal: Yuan,
  closing: Type.String({ pattern: '^-?[0-9]{1,11}(\\.[0-9]{1,2})?$', description: '期末余额（元）' }),
}, { additionalProperties: false, description: '财务收支表：合计须等于各行之和，期末余额 = 期初余额 + 收入合计 − 支出合计' });
/** (`lit` unions read as `never` in Static<>: the literal types are restated here.) */
export type FinanceInput = Omit<Static<typeof FinanceIn>, 'lines'> & { lines: (Omit<Static<typeof FinanceLineIn>, 'direction'> & { direction: 'income' | 'expense' })[] };
type Kind = (typeof DISCLOSURE_KINDS)[number];

export const ItemCreateBody = Type.Object({
  orgId: IdString,
  kind: lit(DISCLOSURE_KINDS),
  period: Period,
  title: Type.String({ minLength: 1, maxLength: 100 }),
  bodyHtml: MultilineText({ maxLength: 200000, description: '正文（HTML，服务器按白名单清理）' }),
  finance: Type.Optional(FinanceIn),
}, { additionalProperties: false });
export type ItemCreateInput = Omit<Static<typeof ItemCreateBody>, 'kind' | 'finance'> & { kind: Kind; finance?: FinanceInput };

export const ItemUpdateBody = Type.Object({
  version: Type.Integer({ minimum: 0, description: 'the version the edit was made on (0: a draft never published)' }),
  period: Type.Optional(Period),
  title: Type.String({ minLength: 1, maxLength: 100 }),
  bodyHtml: MultilineText({ maxLength: 200000 }),
  finance: Type.Optional(FinanceIn),
}, { additionalProperties: false });
export type ItemUpdateInput = Omit<Static<typeof ItemUpdateBody>, 'finance'> & { finance?: FinanceInput };

export const FinanceLine = Type.Object({ direction: StringEnum(['income', 'expense'] as const), category: Type.String(), amountFen: Type.Integer(), note: Type.String() });
export const Finance = Type.Object({
  openingFen: Type.Integer(), incomeTotalFen: Type.Integer(), expenseTotalFen: Type.Integer(), closingFen: Type.Integer(),
  lines: Type.Array(FinanceLine),
}, { $id: 'DisclosureFinance' });
export type FinanceT = Static<typeof Finance>;

const AttachmentView = Type.Object({ id: Type.String(), fileName: Type.String(), kind: Type.String(), sizeBytes: Type.Integer(), url: Type.String() });
/** A file of the working copy, as staff see it. */
const StaffAttachmentView = Type.Object({
  ...AttachmentView.properties,
  firstVersion: Nullable(Type.Integer({ description: 'the first published version that carries it; null: uploaded since the last publication, not public until the next one' })),
});
const VersionView = Type.Object({ version: Type.Integer(), fingerprint: Type.String(), publishedAt: Type.String(), title: Type.String() });

export const ItemSummary = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  kind: StringEnum(DISCLOSURE_KINDS),
  period: Type.String(),
  periodLabel: Type.String(),
  title: Type.String(),
  state: StringEnum(DISCLOSURE_STATES),
  version: Type.Integer(),
  publishedAt: Nullable(Type.String()),
  updatedAt: Type.String(),
  unansweredQuestions: Type.Integer({ description: 'published questions from the public with no published or held answer' }),
});
export const ItemList = Type.Object({ items: Type.Array(ItemSummary), nextCursor: Nullable(Type.String()) });
export const ItemListQuery = Type.Object({
  orgId: Type.Optional(IdString),
  kind: Type.Optional(lit(DISCLOSURE_KINDS)),
  state: Type.Optional(lit(DISCLOSURE_STATES)),
  period: Type.Optional(Period),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const Item = Type.Object({
  ...ItemSummary.properties,
  orgPathNames: Type.Array(Type.String()),
  bodyHtml: Type.String(),
  finance: Nullable(Finance),
  fingerprint: Nullable(Type.String()),
  attachments: Type.Array(StaffAttachmentView, { description: 'the working copy’s files (a published version shows those it was published with)' }),
  versions: Type.Array(VersionView),
}, { $id: 'DisclosureItem' });
export type ItemView = Static<typeof Item>;
export const ItemCreated = Type.Object({ id: Type.String() });

export const AttachmentParams = Type.Object({ id: IdString, attachmentId: IdString });
export const AttachmentUploadQuery = Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) });
export const AttachmentCreated = StaffAttachmentView;
export const AttachmentRemoved = Type.Object({ kept: Type.Boolean({ description: 'true: a published version carried the file, which stays on record for those versions; false: deleted outright' }) });

// ——— the disclosure calendar and its board ———

export const PlanCreateBody = Type.Object({
  orgId: IdString,
  kind: lit(DISCLOSURE_KINDS),
  period: Period,
  dueOn: Day({}, { description: '截止日期（北京时间，当日24时前公开为按时）' }),
}, { additionalProperties: false });
export type PlanCreateInput = Omit<Static<typeof PlanCreateBody>, 'kind'> & { kind: Kind };
export const Plan = Type.Object({
  id: Type.String(), orgId: Type.String(), orgName: Type.String(), kind: StringEnum(DISCLOSURE_KINDS), period: Type.String(), periodLabel: Type.String(), dueOn: Type.String(),
  counts: Type.Object({ total: Type.Integer(), onTime: Type.Integer(), late: Type.Integer(), missing: Type.Integer(), pending: Type.Integer() }),
});
export const PlanList = Type.Object({ items: Type.Array(Plan) });
export const PlanListQuery = Type.Object({ orgId: Type.Optional(IdString) });
const Counts = Type.Object({ total: Type.Integer(), onTime: Type.Integer(), late: Type.Integer(), missing: Type.Integer(), pending: Type.Integer() });
export const Board = Type.Object({
  plan: Plan,
  parent: Type.Object({ id: Type.String(), name: Type.String(), parentId: Nullable(Type.String()) }),
  today: Type.String(),
  totals: Counts,
  rows: Type.Array(Type.Object({
    orgId: Type.String(), name: Type.String(), level: Type.String(), hasChildren: Type.Boolean(),
    status: Nullable(StringEnum(PLAN_STATUSES, { description: 'a grassroots organization’s own status; null for a level that has organizations below it' })),
    publishedAt: Nullable(Type.String()), itemId: Nullable(Type.String()),
    counts: Counts,
  })),
}, { $id: 'DisclosureBoard' });
export const BoardQuery = Type.Object({ parentId: Type.Optional(IdString) });

// ——— public ———

export const PublicListQuery = Type.Object({
  orgId: Type.Optional(IdString),
  kind: Type.Optional(lit(DISCLOSURE_KINDS)),
  period: Type.Optional(Period),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});
export const PublicSummary = Type.Object({
  id: Type.String(), orgId: Type.String(), orgName: Type.String(), placeName: Type.String(), kind: StringEnum(DISCLOSURE_KINDS), period: Type.String(), periodLabel: Type.String(),
  title: Type.String(), version: Type.Integer(), publishedAt: Type.String(), excerpt: Type.String(),
});
export const PublicList = Type.Object({ items: Type.Array(PublicSummary), nextCursor: Nullable(Type.String()) });
export const PublicItem = Type.Object({
  id: Type.String(), orgId: Type.String(), orgName: Type.String(), placeName: Type.String(), kind: StringEnum(DISCLOSURE_KINDS), period: Type.String(), periodLabel: Type.String(),
  title: Type.String(), bodyHtml: Type.String(), finance: Nullable(Finance), version: Type.Integer(), fingerprint: Type.String(), publishedAt: Type.String(),
  current: Type.Boolean({ description: 'false: an earlier version (历史版本) of the item' }), latestVersion: Type.Integer(),
  attachments: Type.Array(AttachmentView),
  versions: Type.Array(VersionView),
}, { $id: 'DisclosurePublicItem' });
export const VersionParams = Type.Object({ id: IdString, version: Type.String({ pattern: '^[0-9]{1,6}$' }) });
export const PublicOrgsQuery = Type.Object({ parentId: Type.Optional(IdString) });
export const PublicOrgs = Type.Object({
  parent: Nullable(Type.Object({ id: Type.String(), name: Type.String(), parentId: Nullable(Type.String()) })),
  items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), level: Type.String(), published: Type.Integer(), hasChildren: Type.Boolean() })),
});
export const OrgParams = Type.Object({ orgId: IdString });
export const TvView = Type.Object({
  orgId: Type.String(), orgName: Type.String(), placeName: Type.String(),
  items: Type.Array(Type.Object({
    id: Type.String(), kind: StringEnum(DISCLOSURE_KINDS), periodLabel: Type.String(), title: Type.String(), bodyHtml: Type.String(), finance: Nullable(Finance),
    version: Type.Integer(), fingerprint: Type.String(), publishedAt: Type.String(),
  })),
});

// ——— questions from the public and the organization's answers ———

const QUESTION_STATES = ['held', 'published', 'rejected'] as const;
export const QuestionParams = Type.Object({ questionId: IdString });
// Lengths are checked by the service, so that every problem comes back at once in Chinese.
export const QuestionBody = Type.Object({
  body: MultilineText({ maxLength: 2000, description: '提问内容，不超过500字' }),
  name: Type.Optional(Nullable(Type.String({ maxLength: 60, description: '称呼（可不填；公开时只显示首字，如“王**”）' }))),
}, { additionalProperties: false });
export const QuestionCreated = Type.Object({ id: Type.String(), state: StringEnum(['held'] as const, { description: 'every question is published after moderation' }) });
export const PublicQuestionsQuery = Type.Object({ cursor: Cursor, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })) });
export const PublicQuestions = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String(), body: Type.String(), name: Nullable(Type.String({ description: 'the asker’s name masked (王**), or null' })), askedAt: Type.String(),
    answer: Nullable(Type.Object({
      text: Type.String(), by: Type.String({ description: 'the organization that answers' }), at: Type.String({ description: 'when this version was published' }),
      version: Type.Integer({ description: '1: the answer; 2 and up: corrected' }),
      previous: Type.Array(Type.Object({ version: Type.Integer(), text: Type.String(), at: Type.String() }), { description: 'the earlier published versions (原答复), newest first' }),
    })),
  })),
  nextCursor: Nullable(Type.String()),
}, { $id: 'DisclosurePublicQuestions' });

export const Question = Type.Object({
  id: Type.String(), itemId: Type.String(), body: Type.String(),
  name: Nullable(Type.String({ description: 'masked' })), phone: Type.String({ description: 'masked' }),
  state: StringEnum(QUESTION_STATES, { description: 'held 待审核 · published 已公开 · rejected 未通过' }), rejectReason: Nullable(Type.String()),
  createdAt: Type.String(), publishedAt: Nullable(Type.String()),
  answer: Nullable(Type.String()), answerState: Nullable(StringEnum(QUESTION_STATES)), answerRejectReason: Nullable(Type.String()),
  answeredByName: Nullable(Type.String()), answeredAt: Nullable(Type.String()), answerPublishedAt: Nullable(Type.String()),
  answerVersions: Type.Array(Type.Object({ version: Type.Integer(), text: Type.String(), byName: Type.String(), publishedAt: Type.String() }), { description: 'every published version of the answer, newest first' }),
  canAnswer: Type.Boolean({ description: 'the caller may answer it now (no answer published yet)' }),
  canCorrect: Type.Boolean({ description: 'the caller may correct the published answer' }),
}, { $id: 'DisclosureQuestion' });
export const QuestionListQuery = Type.Object({
  state: Type.Optional(StringEnum(QUESTION_STATES)), cursor: Cursor, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export const QuestionList = Type.Object({
  items: Type.Array(Question),
  counts: Type.Object({ held: Type.Integer(), published: Type.Integer(), rejected: Type.Integer(), unanswered: Type.Integer({ description: 'published, with no published or held answer' }) }),
  nextCursor: Nullable(Type.String()),
});
export const AnswerBody = Type.Object({ text: MultilineText({ maxLength: 4000, description: '答复内容，不超过2000字' }) }, { additionalProperties: false });
