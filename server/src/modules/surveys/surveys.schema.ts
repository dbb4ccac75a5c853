import { Type, type Static } from 'typebox';
import { Cursor, IdString, MultilineText, Nullable, StringEnum } from '../../platform/schemas.js';
import { Audience } from '../sms/sms.schema.js';
import { Rule } from '../../platform/text/rules.schema.js';

export const SURVEY_STATES = ['draft', 'open', 'closed'] as const;
export const QUESTION_KINDS = ['text', 'choice', 'yesno'] as const;

export const QuestionInput = Type.Object({
  kind: StringEnum(QUESTION_KINDS),
  text: MultilineText({ maxLength: 300 }),
  options: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 20, description: 'choice questions: the options, answered 1…n' })),
}, { additionalProperties: false });

export const SurveyBody = Type.Object({
  orgId: Type.Optional(IdString),
  title: Type.String({ maxLength: 60 }),
  intro: Type.Optional(MultilineText({ maxLength: 500 })),
  questions: Type.Array(QuestionInput, { maxItems: 20 }),
  audience: Audience,
  bySms: Type.Boolean(),
  byWeb: Type.Boolean(),
  closesAt: Type.Optional(Nullable(Type.String({ format: 'date-time', maxLength: 40 }))),
  remindAfterHours: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 720 }))),
  maxReminders: Type.Optional(Type.Integer({ minimum: 0, maximum: 5 })),
  notifyOnClose: Type.Optional(Type.Boolean({ description: 'text the sender when their follow-up item is closed' })),
  publicResults: Type.Optional(Type.Boolean({ description: 'publish aggregate results on the public site' })),
}, { additionalProperties: false });
export type SurveyInput = Static<typeof SurveyBody>;
export const SurveyUpdateBody = Type.Object({ ...SurveyBody.properties, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

const Question = Type.Object({ id: IdString, seq: Type.Integer(), kind: StringEnum(QUESTION_KINDS), text: Type.String(), options: Type.Array(Type.String()) });

export const SurveyView = Type.Object({
  id: IdString, orgId: IdString, orgName: Type.String(), title: Type.String(), intro: Type.String(), state: StringEnum(SURVEY_STATES),
  bySms: Type.Boolean(), byWeb: Type.Boolean(), audience: Type.Unknown(), opensAt: Nullable(Type.String()), closesAt: Nullable(Type.String()),
  remindAfterHours: Nullable(Type.Integer()), maxReminders: Type.Integer(), remindersSent: Type.Integer(), notifyOnClose: Type.Boolean(), publicResults: Type.Boolean(),
  invited: Type.Integer({ description: 'people asked (in the caller’s part)' }), replied: Type.Integer({ description: 'of those, who replied' }),
  broadcastId: Nullable(IdString), createdByName: Type.String(), createdAt: Type.String(), updatedAt: Type.String(),
  openedAt: Nullable(Type.String()), closedAt: Nullable(Type.String()), version: Type.Integer(), questions: Type.Array(Question),
  editable: Type.Boolean(), partial: Type.Boolean({ description: 'true: the caller sees only their subtree’s part' }),
}, { $id: 'SurveyView' });

export const SurveyListQuery = Type.Object({
  orgId: Type.Optional(IdString),
  state: Type.Optional(StringEnum(SURVEY_STATES)), q: Type.Optional(Type.String({ maxLength: 60 })), cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });
export const SurveyList = Type.Object({
  items: Type.Array(Type.Object({
    id: IdString, orgName: Type.String(), title: Type.String(), state: StringEnum(SURVEY_STATES), questions: Type.Integer(), invited: Type.Integer(),
    createdByName: Type.String(), createdAt: Type.String(), openedAt: Nullable(Type.String()), closesAt: Nullable(Type.String()),
  })),
  nextCursor: Nullable(Type.String()),
});

// Categories and tags.
export const CategoryBody = Type.Object({
  kind: Type.Optional(StringEnum(['category', 'tag'] as const)),
  name: Type.String({ maxLength: 40 }),
  rules: Type.Array(Rule, { maxItems: 50 }),
}, { additionalProperties: false });
export type CategoryInput = Static<typeof CategoryBody>;
export const CategoryView = Type.Object({
  id: IdString, kind: StringEnum(['category', 'tag'] as const), seq: Type.Integer(), name: Type.String(), rules: Type.Array(Rule),
});
export const CategoryList = Type.Object({
  categories: Type.Array(CategoryView), tags: Type.Array(CategoryView),
  words: Type.Array(Type.Object({ word: Type.String(), freq: Nullable(Type.Integer()), tag: Nullable(Type.String()) })),
  rulesVersion: Type.Integer(), recategorizing: Type.Boolean({ description: 'a re-run of the rules over the replies is under way' }),
});
export const CategoryOrderBody = Type.Object({ ids: Type.Array(IdString, { maxItems: 100 }) }, { additionalProperties: false });
export const WordsBody = Type.Object({
  words: Type.Array(Type.Object({ word: Type.String({ maxLength: 30 }), freq: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000_000 })), tag: Type.Optional(Type.String({ maxLength: 5 })) }, { additionalProperties: false }), { maxItems: 2000 }),
}, { additionalProperties: false });
export const CategoryParams = Type.Object({ id: IdString, categoryId: IdString });

// Replies.
export const ReplyListQuery = Type.Object({
  questionId: Type.Optional(IdString),
  categoryId: Type.Optional(Type.String({ pattern: '^([0-9]{1,18}|other)$', description: 'a category id, or other (其他)' })),
  tagId: Type.Optional(IdString),
  orgId: Type.Optional(IdString),
  channel: Type.Optional(StringEnum(['sms', 'web', 'import'] as const)),
  choice: Type.Optional(Type.Integer({ minimum: 1, maximum: 9 })),
  q: Type.Optional(Type.String({ maxLength: 50 })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
}, { additionalProperties: false });
export const ReplyItem = Type.Object({
  id: IdString, questionId: IdString, seq: Type.Integer(), channel: Type.String(), orgId: IdString, orgName: Type.String(),
  name: Nullable(Type.String({ description: 'the invitee’s name; null for imported rows' })), phone: Nullable(Type.String({ description: 'masked' })),
  text: Type.String(), choice: Nullable(Type.Integer()), messages: Type.Integer(), categoryId: Nullable(IdString), categoryName: Type.String(),
  categorizedBy: StringEnum(['rule', 'staff'] as const), tags: Type.Array(Type.Object({ id: IdString, name: Type.String() })),
  receivedAt: Type.String(), updatedAt: Type.String(), followupId: Nullable(IdString),
});
export const ReplyList = Type.Object({ items: Type.Array(ReplyItem), nextCursor: Nullable(Type.String()) });
export const ReplyIdParams = Type.Object({ replyId: IdString });
export const ReplyDetail = Type.Object({
  ...ReplyItem.properties,
  survey: Type.Object({
    id: IdString, title: Type.String(), state: StringEnum(SURVEY_STATES), orgId: IdString, orgName: Type.String(),
    partial: Type.Boolean({ description: 'the caller reads only their subtree’s part of the survey' }),
  }),
  question: Question,
  history: Type.Array(Type.Object({
    at: Type.String(), byName: Type.String(), byRules: Type.Boolean(), from: Type.String(), to: Type.String(), reason: Nullable(Type.String()),
  })),
  followups: Type.Array(Type.Object({
    id: IdString, title: Type.String(), state: StringEnum(['open', 'resolved', 'explained'] as const), ownerOrgId: IdString, ownerOrgName: Type.String(),
  })),
});

export const RecategorizeBody = Type.Object({
  replyIds: Type.Array(IdString, { minItems: 1, maxItems: 10_000 }),
  categoryId: Nullable(Type.String({ pattern: '^([0-9]{1,18}|other)$' })),
  addTags: Type.Optional(Type.Array(IdString, { maxItems: 20 })),
  removeTags: Type.Optional(Type.Array(IdString, { maxItems: 20 })),
  reason: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });
export const RecategorizeResult = Type.Object({ changed: Type.Integer(), unchanged: Type.Integer() });
export const ReplyHistory = Type.Object({
  items: Type.Array(Type.Object({
    at: Type.String(), byName: Type.String(), byRules: Type.Boolean(), from: Type.String(), to: Type.String(), reason: Nullable(Type.String()),
  })),
});

// Results.
export const ResultsQuery = Type.Object({ questionId: Type.Optional(IdString), parentId: Type.Optional(IdString) }, { additionalProperties: false });
const Share = Type.Object({ id: Type.String({ description: 'category id, other, or the choice number' }), name: Type.String(), count: Type.Integer(), share: Type.Number() });
export const ResultsView = Type.Object({
  question: Question,
  asked: Type.Integer(), replied: Type.Integer({ description: 'invitees who replied to the survey' }), responseRate: Type.Number(),
  respondents: Type.Integer({ description: 'replies to this question (imported rows included)' }),
  shares: Type.Array(Share, { description: 'text questions: categories in order then 其他; choice questions: options then 无法识别' }),
  tags: Type.Array(Share),
  parent: Type.Object({ id: IdString, name: Type.String() }),
  trail: Type.Array(Type.Object({ id: IdString, name: Type.String() })),
  byOrg: Type.Array(Type.Object({
    orgId: IdString, orgName: Type.String(), own: Type.Boolean(), hasChildren: Type.Boolean(),
    asked: Type.Integer(), replied: Type.Integer(), responseRate: Type.Number(), respondents: Type.Integer(), counts: Type.Record(Type.String(), Type.Integer()),
  })),
  examples: Type.Array(Type.Object({ id: Type.String(), replies: Type.Array(Type.Object({ id: IdString, text: Type.String(), orgName: Type.String() })) })),
}, { $id: 'SurveyResults' });
export const TimelineView = Type.Object({
  days: Type.Array(Type.Object({ date: Type.String(), replies: Type.Integer(), cumulative: Type.Integer(), counts: Type.Record(Type.String(), Type.Integer()) })),
});
export const WordsView = Type.Object({ words: Type.Array(Type.Object({ word: Type.String(), count: Type.Integer() })) });

// Dispatch to follow-up.
export const DispatchBody = Type.Object({
  questionId: Type.Optional(IdString),
  replyIds: Type.Optional(Type.Array(IdString, { maxItems: 10_000 })),
  categoryIds: Type.Optional(Type.Array(Type.String({ pattern: '^([0-9]{1,18}|other)$' }), { maxItems: 100 })),
  all: Type.Optional(Type.Boolean()),
  dueInWorkingDays: Type.Integer({ minimum: 1, maximum: 250 }),
}, { additionalProperties: false });
export const DispatchResult = Type.Object({ jobId: IdString, replies: Type.Integer() });

// Themes.
export const ThemeRunView = Type.Object({
  id: IdString, state: StringEnum(['running', 'done', 'failed'] as const), replies: Type.Integer(), createdAt: Type.String(), finishedAt: Nullable(Type.String()),
  error: Nullable(Type.String()), jobId: Nullable(IdString),
  progress: Nullable(Type.Object({ processed: Type.Integer(), total: Nullable(Type.Integer()) })),
  themes: Type.Array(Type.Object({
    keywords: Type.Array(Type.String()), size: Type.Integer(), replyIds: Type.Array(IdString), suggestedName: Type.String(), suggestedRules: Type.Array(Rule),
    examples: Type.Array(Type.Object({ id: IdString, text: Type.String() })),
  })),
});

// The public web form.
export const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{12}$' }) });
export const FormView = Type.Object({
  title: Type.String(), intro: Type.String(), orgName: Type.String(), open: Type.Boolean({ description: 'false: closed, answers no longer taken' }),
  questions: Type.Array(Type.Object({ id: IdString, seq: Type.Integer(), kind: StringEnum(QUESTION_KINDS), text: Type.String(), options: Type.Array(Type.String()), answer: Nullable(Type.String()) })),
  answered: Type.Boolean(),
});
export const FormBody = Type.Object({
  answers: Type.Array(Type.Object({ questionId: IdString, text: MultilineText({ maxLength: 2000 }) }, { additionalProperties: false }), { minItems: 1, maxItems: 20 }),
}, { additionalProperties: false });

// Published results (aggregates only; fewer than 5 respondents: not shown).
const PublicShare = Type.Object({ id: Type.String(), name: Type.String(), count: Nullable(Type.Integer()), share: Nullable(Type.Number()) });
export const PublicResultsView = Type.Object({
  title: Type.String(), orgName: Type.String(),
  question: Type.Object({ seq: Type.Integer(), kind: StringEnum(QUESTION_KINDS), text: Type.String(), options: Type.Array(Type.String()) }),
  parent: Type.Object({ id: IdString, name: Type.String() }), respondents: Type.Integer(), responseRate: Type.Number(),
  shares: Nullable(Type.Array(PublicShare, { description: 'null when fewer than 5 answered in this area; a count under 5 is null' })),
  byOrg: Type.Array(Type.Object({ orgId: IdString, orgName: Type.String(), own: Type.Boolean(), hasChildren: Type.Boolean(), respondents: Type.Integer(), shares: Nullable(Type.Array(PublicShare)) })),
});
export const PublicSurveyList = Type.Object({
  items: Type.Array(Type.Object({ id: IdString, title: Type.String(), orgName: Type.String(), state: StringEnum(['open', 'closed'] as const), openedAt: Nullable(Type.String()), closedAt: Nullable(Type.String()) })),
});
