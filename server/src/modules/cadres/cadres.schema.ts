/** 干部工作 (F-50, F-51): request and response shapes (docs/cadres.md). Lengths are checked by the service, so that every problem comes back at once in Chinese. */
import { Type } from 'typebox';
import { Cursor, IdParams, IdString, MultilineText, Nullable, StringEnum } from '../../platform/schemas.js';
export { IdParams };

const Str = (maxLength: number) => Type.String({ maxLength });
const DayLoose = Type.String({ maxLength: 20, description: 'YYYY-MM-DD (China date)' });

// ——— vacancies (岗位推荐) ———

export const PostInput = Type.Object({
  name: Str(120), unit: Str(200), headcount: Type.Integer({ description: '1–99' }), requirements: MultilineText({ maxLength: 2000 }),
}, { additionalProperties: false });
export const BatchCreateBody = Type.Object({
  orgId: IdString, title: Str(200), opensOn: DayLoose, closesOn: DayLoose,
  posts: Type.Array(PostInput, { maxItems: 100 }),
}, { additionalProperties: false });
export const Created = Type.Object({ id: Type.String() });

export const BatchListQuery = Type.Object({ orgId: Type.Optional(IdString), q: Type.Optional(Type.String({ maxLength: 50, description: 'words in the title' })), cursor: Cursor, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }, { additionalProperties: false });
const BatchStatus = StringEnum(['upcoming', 'open', 'closed', 'withdrawn'] as const, { description: 'by China date: before opensOn, opensOn–closesOn, after closesOn; withdrawn: ended early by staff' });
export const BatchRow = Type.Object({
  id: Type.String(), orgId: Type.String(), orgName: Type.String(), title: Type.String(), opensOn: Type.String(), closesOn: Type.String(), status: BatchStatus,
  postCount: Type.Integer(), recommendationCount: Type.Integer({ description: 'received recommendations (not held or rejected)' }), createdAt: Type.String(),
});
export const BatchList = Type.Object({ items: Type.Array(BatchRow), nextCursor: Nullable(Type.String()) });

export const Recommendation = Type.Object({
  id: Type.String(), candidateName: Type.String(), candidateUnit: Type.String(), reasons: Type.String(),
  phone: Type.String({ description: 'masked' }), state: StringEnum(['held', 'received', 'rejected'] as const), createdAt: Type.String(),
});
export const StaffPost = Type.Object({
  id: Type.String(), name: Type.String(), unit: Type.String(), headcount: Type.Integer(), requirements: Type.String(),
  recommendationCount: Type.Integer({ description: 'received' }), heldCount: Type.Integer(),
  locked: Type.Boolean({ description: 'has received a recommendation (any state): may be neither changed nor removed' }),
  candidates: Type.Array(Type.Object({ name: Type.String(), unit: Type.String(), count: Type.Integer() }), { description: 'received recommendations grouped by candidate, most first' }),
  recommendations: Type.Array(Recommendation),
});
export const BatchDetail = Type.Object({
  id: Type.String(), orgId: Type.String(), orgName: Type.String(), title: Type.String(), opensOn: Type.String(), closesOn: Type.String(), status: BatchStatus,
  createdByName: Type.String(), createdAt: Type.String(), updatedAt: Nullable(Type.String()),
  withdrawnAt: Nullable(Type.String()), withdrawnByName: Nullable(Type.String()), withdrawReason: Nullable(Type.String()),
  canEdit: Type.Boolean({ description: 'cadre.write over the organization, not withdrawn, not past the closing date (also: may withdraw)' }),
  posts: Type.Array(StaffPost),
}, { $id: 'CadreBatch' });
export const BatchUpdateBody = Type.Object({
  title: Str(200), opensOn: DayLoose, closesOn: DayLoose,
  posts: Type.Array(Type.Object({
    id: Type.Optional(Nullable(IdString)), name: Str(120), unit: Str(200), headcount: Type.Integer({ description: '1–99' }), requirements: MultilineText({ maxLength: 2000 }),
  }, { additionalProperties: false }), { maxItems: 100, description: 'the whole list: with id an existing post (kept, changed), without a new one; missing ones are removed' }),
}, { additionalProperties: false });
export const ReasonBody = Type.Object({ reason: MultilineText({ maxLength: 400 }) }, { additionalProperties: false });

export const PublicPost = Type.Object({ id: Type.String(), name: Type.String(), unit: Type.String(), headcount: Type.Integer(), requirements: Type.String() });
export const PublicBatch = Type.Object({
  id: Type.String(), orgName: Type.String(), title: Type.String(), opensOn: Type.String(), closesOn: Type.String(), posts: Type.Array(PublicPost),
});
export const PublicBatchList = Type.Object({ items: Type.Array(PublicBatch) });
export const PostParams = Type.Object({ postId: IdString });
export const RecommendBody = Type.Object({
  candidateName: Str(60), candidateUnit: Str(200), reasons: MultilineText({ maxLength: 2000 }),
}, { additionalProperties: false });
export const Submitted = Type.Object({ state: StringEnum(['held', 'received'] as const, { description: 'held: published to staff after moderation' }) });

// ——— pre-appointment notices (任前公示) ———

export const SEXES = ['male', 'female'] as const;
export const CandidateInput = Type.Object({
  name: Str(60), sex: Type.String({ maxLength: 10, description: 'male 男 · female 女' }), birthYm: Type.String({ maxLength: 10, description: 'YYYY-MM' }),
  education: Str(60), currentPost: Str(200), proposedPost: Str(200), bio: MultilineText({ maxLength: 1000 }),
}, { additionalProperties: false });
export const NoticeCreateBody = Type.Object({
  orgId: IdString, title: Str(200), candidates: Type.Array(CandidateInput, { maxItems: 50 }),
  workingDays: Type.Optional(Type.Integer({ description: 'objection period in working days, default 5' })),
  contact: Str(400),
}, { additionalProperties: false });
export const Candidate = Type.Object({
  name: Type.String(), sex: StringEnum(SEXES), birthYm: Type.String(), education: Type.String(), currentPost: Type.String(), proposedPost: Type.String(), bio: Type.String(),
});
export const NoticeListQuery = Type.Object({ orgId: Type.Optional(IdString), q: Type.Optional(Type.String({ maxLength: 50, description: 'words in the title' })), cursor: Cursor, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) }, { additionalProperties: false });
const NoticeStatus = StringEnum(['objection', 'ended', 'confirmed', 'withdrawn'] as const, { description: 'objection: within the objection period; ended: period over, not yet confirmed; withdrawn: 撤销' });
export const NoticeVersion = Type.Object({
  version: Type.Integer(), title: Type.String(), candidates: Type.Array(Type.Object({
    name: Type.String(), sex: StringEnum(SEXES), birthYm: Type.String(), education: Type.String(), currentPost: Type.String(), proposedPost: Type.String(), bio: Type.String(),
  })), contact: Type.String(),
  publishedOn: Type.String(), workingDays: Type.Integer(), objectionEndsOn: Type.String(), fingerprint: Type.String(), publishedAt: Type.String(),
});
const Versioning = {
  version: Type.Integer({ description: 'the current version (1 unless edited)' }),
  withdrawnAt: Nullable(Type.String()), withdrawReason: Nullable(Type.String({ description: 'public: shown in the archive' })),
  earlierVersions: Type.Array(NoticeVersion, { description: 'every earlier version with its own fingerprint, oldest first' }),
};
export const NoticeRow = Type.Object({
  id: Type.String(), orgId: Type.String(), orgName: Type.String(), title: Type.String(), candidateNames: Type.Array(Type.String()),
  publishedOn: Type.String(), objectionEndsOn: Type.String(), status: NoticeStatus, fingerprint: Type.String(),
});
export const NoticeList = Type.Object({ items: Type.Array(NoticeRow), nextCursor: Nullable(Type.String()) });
export const NoticeDetail = Type.Object({
  id: Type.String(), orgId: Type.String(), orgName: Type.String(), title: Type.String(), candidates: Type.Array(Candidate), contact: Type.String(),
  publishedOn: Type.String(), workingDays: Type.Integer(), objectionEndsOn: Type.String(), status: NoticeStatus, fingerprint: Type.String(),
  ...Versioning, withdrawnByName: Nullable(Type.String()),
  canEdit: Type.Boolean({ description: 'cadre.write, open, on the day of publication and with no objection yet' }),
  canWithdraw: Type.Boolean({ description: 'cadre.write, neither confirmed nor withdrawn' }),
  publishedByName: Type.String(), publishedAt: Type.String(), confirmedAt: Nullable(Type.String()), confirmedByName: Nullable(Type.String()), confirmNote: Nullable(Type.String()),
  canHandleObjections: Type.Boolean({ description: 'the caller holds cadre.objections over the notice\'s organization' }),
  canRevealObjectors: Type.Boolean({ description: 'the caller may also reveal an objector\'s identity (cadre.objections and the one reveal rule over the notice\'s organization)' }),
  canConfirm: Type.Boolean(),
}, { $id: 'CadreNotice' });
export const Objection = Type.Object({
  id: Type.String(), candidateIndex: Nullable(Type.Integer()), candidateName: Nullable(Type.String()), body: Type.String(),
  phone: Type.String({ description: 'masked (138****8000); in full only through POST /api/cadres/objections/{id}/reveal' }),
  named: Type.Boolean({ description: 'the objector gave a name' }),
  name: Nullable(Type.String({ description: 'masked (赵**); null when not named, or named before masks were kept' })),
  state: StringEnum(['held', 'received', 'answered', 'rejected'] as const), answer: Nullable(Type.String()), answeredByName: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()), createdAt: Type.String(),
});
export const ObjectionList = Type.Object({ items: Type.Array(Objection) });
export const ObjectorIdentity = Type.Object({ id: Type.String(), phone: Type.String({ description: 'in full' }), name: Nullable(Type.String({ description: 'in full; null when not named' })) });
export const AnswerBody = Type.Object({ note: MultilineText({ maxLength: 2000 }) }, { additionalProperties: false });
export const NoticeReviseBody = Type.Object({
  title: Str(200), candidates: Type.Array(CandidateInput, { maxItems: 50 }),
  workingDays: Type.Optional(Type.Integer({ description: 'objection period in working days, default 5' })), contact: Str(400),
  version: Type.Integer({ description: 'the version the edit was made on; another is 409 cadres.stale' }),
}, { additionalProperties: false });
export const ConfirmBody = Type.Object({ note: Type.Optional(MultilineText({ maxLength: 1000 })) }, { additionalProperties: false });

export const PublicNoticeQuery = Type.Object({ archive: Type.Optional(Type.Boolean({ description: 'true: notices whose objection period has ended' })), cursor: Cursor }, { additionalProperties: false });
export const PublicNotice = Type.Object({
  id: Type.String(), orgId: Type.String(), orgName: Type.String(), title: Type.String(), candidates: Type.Array(Candidate), contact: Type.String(),
  publishedOn: Type.String(), workingDays: Type.Integer(), objectionEndsOn: Type.String(), open: Type.Boolean({ description: 'objections are taken' }),
  fingerprint: Type.String({ description: 'SHA-256 of the canonical published text of the current version (docs/cadres.md)' }),
  ...Versioning,
});
export const PublicNoticeList = Type.Object({ items: Type.Array(PublicNotice), nextCursor: Nullable(Type.String()) });
export const ObjectBody = Type.Object({
  candidateIndex: Type.Optional(Nullable(Type.Integer({ description: 'which candidate (0-based); none: the notice as a whole' }))),
  body: MultilineText({ maxLength: 4000 }), name: Type.Optional(Nullable(Str(60))),
}, { additionalProperties: false });
