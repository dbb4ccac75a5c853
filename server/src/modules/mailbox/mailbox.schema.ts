/** 部长信箱 (F-30, F-31): request and response shapes (docs/mailbox.md). */
import { Type } from 'typebox';
import { Cursor, IdParams, IdString, MultilineText, Nullable, StringEnum } from '../../platform/schemas.js';
import { LETTER_CATEGORIES } from './mailbox.letters.js';
export { IdParams };

export const LETTER_STATES = ['held', 'received', 'handling', 'declined', 'answered'] as const;
export const DECLINE_KINDS = ['duplicate', 'not_ours', 'invalid'] as const;

export const MailboxList = Type.Object({
  items: Type.Array(Type.Object({ orgId: Type.String(), name: Type.String(), orgName: Type.String(), level: StringEnum(['province', 'city'] as const) })),
});
export const MailboxParams = Type.Object({ orgId: IdString });

// Lengths are checked by the service, so that every problem comes back at once in Chinese.
export const LetterBody = Type.Object({
  category: Type.String({ maxLength: 20, description: 'suggestion 意见建议 · consultation 咨询 · complaint 投诉举报 · help 求助 · other 其他' }),
  title: Type.String({ maxLength: 200 }),
  body: MultilineText({ maxLength: 6000 }),
  name: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  consentPublish: Type.Boolean({ description: 'the writer agrees that the letter and its answer may be published without their name and details' }),
}, { additionalProperties: false });
export const LetterCreated = Type.Object({ trackingCode: Type.String({ description: '查询码, 12 characters' }), state: StringEnum(['held', 'received'] as const) });

export const LookupBody = Type.Object({ trackingCode: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
export const LetterStatus = Type.Object({
  trackingCode: Type.String(), mailboxName: Type.String(), category: StringEnum(LETTER_CATEGORIES), title: Type.String(), body: Type.String(),
  state: StringEnum(['received', 'handling', 'declined', 'answered'] as const, { description: 'held for moderation reads as received' }),
  declineKind: Nullable(StringEnum(DECLINE_KINDS)), declineNote: Nullable(Type.String()),
  answer: Nullable(Type.String()), answeredAt: Nullable(Type.String()), createdAt: Type.String(),
  publishedId: Nullable(Type.String({ description: 'the public page /mailbox/letters/{id} while the letter is published' })),
});

export const LetterListQuery = Type.Object({
  state: Type.Optional(StringEnum(LETTER_STATES)), category: Type.Optional(StringEnum(LETTER_CATEGORIES)), orgId: Type.Optional(IdString),
  q: Type.Optional(Type.String({ maxLength: 50 })), cursor: Cursor, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });
export const LetterRow = Type.Object({
  id: Type.String(), trackingCode: Type.String(), mailboxOrgId: Type.String(), mailboxName: Type.String(), category: StringEnum(LETTER_CATEGORIES),
  categoryName: Type.String(), title: Type.String(), phone: Type.String({ description: 'masked' }), name: Nullable(Type.String({ description: 'masked' })),
  state: StringEnum(LETTER_STATES), handlingOrgName: Nullable(Type.String()), dueOn: Nullable(Type.String()), createdAt: Type.String(),
});
export const LetterList = Type.Object({ items: Type.Array(LetterRow), nextCursor: Nullable(Type.String()) });
export const LetterDetail = Type.Object({
  id: Type.String(), trackingCode: Type.String(), mailboxOrgId: Type.String(), mailboxName: Type.String(), category: StringEnum(LETTER_CATEGORIES),
  categoryName: Type.String(), title: Type.String(), body: Type.String(), name: Nullable(Type.String()), phone: Type.String(), consentPublish: Type.Boolean(),
  state: StringEnum(LETTER_STATES), declineKind: Nullable(StringEnum(DECLINE_KINDS)), declineNote: Nullable(Type.String()), duplicateOf: Nullable(Type.String()),
  followup: Nullable(Type.Object({ id: Type.String(), state: Type.String(), dueOn: Type.String(), ownerOrgId: Type.String(), ownerOrgName: Type.String() })),
  answerDraft: Nullable(Type.String()), draftedByName: Nullable(Type.String()), draftedAt: Nullable(Type.String()),
  answer: Nullable(Type.String()), approvedByName: Nullable(Type.String()), answeredAt: Nullable(Type.String()),
  publication: Nullable(Type.Object({
    publishedAt: Type.String(), fingerprint: Type.String({ description: 'SHA-256 (hex) of the canonical published text' }),
    withdrawnAt: Nullable(Type.String({ description: 'set when withdrawn (撤回公开); publishing again clears it' })),
  })),
  createdAt: Type.String(), updatedAt: Type.String(),
  canTriage: Type.Boolean(), canDraft: Type.Boolean(), canApprove: Type.Boolean({ description: 'the caller may approve: mailbox.approve, and not the drafter' }),
  canPublish: Type.Boolean({ description: 'the caller may publish (or withdraw): answered, the writer consented, mailbox.write' }),
}, { $id: 'MailboxLetter' });

export const AcceptBody = Type.Object({
  dueInWorkingDays: Type.Optional(Type.Integer({ description: 'default 15' })), category: Type.Optional(StringEnum(LETTER_CATEGORIES)),
}, { additionalProperties: false });
export const DeclineBody = Type.Object({
  kind: StringEnum(DECLINE_KINDS), note: MultilineText({ maxLength: 600 }), duplicateOf: Type.Optional(Nullable(IdString)),
}, { additionalProperties: false });
export const DraftBody = Type.Object({ text: MultilineText({ maxLength: 6000 }) }, { additionalProperties: false });
export const ApproveBody = Type.Object({ outcome: StringEnum(['resolved', 'explained'] as const) }, { additionalProperties: false });

export const PublicationDraft = Type.Object({
  consentPublish: Type.Boolean(), title: Type.String(), body: Type.String(), answer: Type.String(),
  redacted: Type.Array(Type.Object({ what: Type.String({ description: '手机号码, 身份证号码, 固定电话号码, 电子邮箱, 来信人姓名' }), count: Type.Integer() })),
  published: Type.Boolean(), fingerprint: Nullable(Type.String()),
});
export const PublishBody = Type.Object({
  title: Type.String({ maxLength: 200 }), body: MultilineText({ maxLength: 6000 }), answer: MultilineText({ maxLength: 6000 }),
}, { additionalProperties: false });
export const Published = Type.Object({ fingerprint: Type.String({ description: 'SHA-256 (hex) of the canonical published text' }), publishedAt: Type.String() });
export const PublishedListQuery = Type.Object({
  orgId: Type.Optional(IdString), category: Type.Optional(StringEnum(LETTER_CATEGORIES)), q: Type.Optional(Type.String({ maxLength: 50, description: 'words of the title' })),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}_[0-9]{1,18}$' })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
}, { additionalProperties: false });
export const PublishedList = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), mailboxName: Type.String(), category: StringEnum(LETTER_CATEGORIES), categoryName: Type.String(), title: Type.String(), writtenOn: Type.String(), answeredAt: Type.String() })),
  nextCursor: Nullable(Type.String()),
});
export const PublishedLetter = Type.Object({
  id: Type.String(), mailboxOrgId: Type.String(), mailboxName: Type.String(), category: StringEnum(LETTER_CATEGORIES), categoryName: Type.String(),
  title: Type.String(), body: Type.String(), answer: Type.String(), writtenOn: Type.String(), answeredAt: Type.String(), publishedAt: Type.String(),
  fingerprint: Type.String({ description: 'SHA-256 of canonicalJson({ v: 1, id, mailboxOrgId, category, title, body, answer, answeredAt })' }),
});
export const StatsQuery = Type.Object({
  orgId: Type.Optional(IdString), from: Type.Optional(Type.String({ maxLength: 7 })), to: Type.Optional(Type.String({ maxLength: 7 })),
}, { additionalProperties: false });
export const LetterStats = Type.Object({
  from: Type.String(), to: Type.String(),
  months: Type.Array(Type.Object({ month: Type.String(), counts: Type.Record(Type.String(), Type.Integer()), total: Type.Integer() })),
  answered: Type.Integer(), meanDays: Nullable(Type.Number()), medianDays: Nullable(Type.Number()),
  answeredByMonth: Type.Array(Type.Object({ month: Type.String(), answered: Type.Integer(), meanDays: Type.Number(), medianDays: Type.Number() }), {
    description: 'per China month of the approved answer: how many, and their days from writing (mean and median)',
  }),
  overdue: Type.Array(Type.Object({ orgId: Type.String(), orgName: Type.String(), letters: Type.Integer() })),
});
