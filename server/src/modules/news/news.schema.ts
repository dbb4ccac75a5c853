/** 新闻宣传 (F-73): request and response shapes (docs/news.md). */
import { Type, type Static } from 'typebox';
import { Cursor, Day, IdParams, IdString, lit, MultilineText, Nullable, StringEnum } from '../../platform/schemas.js';
export { IdParams };

export const NEWS_STATES = ['draft', 'submitted', 'returned', 'scheduled', 'published', 'withdrawn'] as const;
export type NewsStateT = (typeof NEWS_STATES)[number];

const Title = Type.String({ minLength: 1, maxLength: 80, description: '标题，不超过80字' });
const Summary = MultilineText({ maxLength: 300, description: '摘要，不超过300字' });
const Body = MultilineText({ maxLength: 200000, description: '正文（HTML，服务器按白名单清理，不保留脚本、样式和外部图片）' });
const Tag = Type.String({ minLength: 1, maxLength: 12 });
/** An instant with its offset (the console sends China time, +08:00). */
export const Instant = Type.String({ format: 'date-time', maxLength: 40, description: 'ISO 8601 时间（含时区，如 2026-12-08T09:00:00+08:00）' });

// ——— categories ———
export const Category = Type.Object({ id: Type.String(), name: Type.String(), sortOrder: Type.Integer() }, { $id: 'NewsCategory' });
export const CategoryList = Type.Object({ items: Type.Array(Category) });
export const CategoryBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 20 }),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
}, { additionalProperties: false });

// ——— articles (staff) ———
export const ArticleBody = Type.Object({
  orgId: IdString,
  categoryId: IdString,
  title: Title,
  summary: Type.Optional(Summary),
  bodyHtml: Body,
  source: Type.Optional(Type.String({ maxLength: 60 })),
  tags: Type.Optional(Type.Array(Tag, { maxItems: 8 })),
  coverImageId: Type.Optional(Nullable(IdString)),
}, { additionalProperties: false });
export type ArticleInput = Static<typeof ArticleBody>;

export const FlaggedWord = Type.Object({ field: Type.String(), word: Type.String() });
export const VersionView = Type.Object({
  version: Type.Integer(), title: Type.String(), publishedAt: Type.String(), publishedBy: Type.String(), correctionNote: Nullable(Type.String()),
});

export const ArticleSummary = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  orgName: Type.String(),
  categoryId: Type.String(),
  categoryName: Type.String(),
  title: Type.String(),
  state: StringEnum(NEWS_STATES),
  version: Type.Integer(),
  publishAt: Nullable(Type.String({ description: 'the scheduled publication time (state scheduled)' })),
  publishedAt: Nullable(Type.String()),
  flagged: Type.Boolean({ description: 'the submission’s screening found sensitive words' }),
  updatedAt: Type.String(),
});
export const ArticleList = Type.Object({ items: Type.Array(ArticleSummary), nextCursor: Nullable(Type.String()) });
export const ArticleListQuery = Type.Object({
  state: Type.Optional(lit(NEWS_STATES)),
  categoryId: Type.Optional(IdString),
  orgId: Type.Optional(IdString),
  q: Type.Optional(Type.String({ maxLength: 40, description: '标题包含的文字' })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});

export const Article = Type.Object({
  ...ArticleSummary.properties,
  summary: Type.String(),
  bodyHtml: Type.String(),
  source: Type.String(),
  tags: Type.Array(Type.String()),
  coverImageId: Nullable(Type.String()),
  coverUrl: Nullable(Type.String()),
  returnReason: Nullable(Type.String()),
  withdrawReason: Nullable(Type.String()),
  flaggedWords: Type.Array(FlaggedWord),
  createdBy: Nullable(Type.String({ description: 'the account id of the editor who drafted it' })),
  submittedBy: Nullable(Type.String()),
  mayReview: Type.Boolean({ description: 'the caller may approve or return it (a reviewer of its organization who did not draft or submit it)' }),
  versions: Type.Array(VersionView),
}, { $id: 'NewsArticle' });
export type ArticleView = Static<typeof Article>;
export const Created = Type.Object({ id: Type.String() });
export const StateAnswer = Type.Object({ id: Type.String(), state: StringEnum(NEWS_STATES), version: Type.Integer(), publishAt: Nullable(Type.String()), publishedAt: Nullable(Type.String()) });

export const ApproveBody = Type.Object({
  publishAt: Type.Optional(Instant),
  confirmFlagged: Type.Optional(Type.Boolean({ description: '已阅知提交时检出的敏感词并确认可以发布' })),
}, { additionalProperties: false });
export const ReasonBody = Type.Object({ reason: MultilineText({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
export const CorrectionBody = Type.Object({
  title: Title,
  summary: Type.Optional(Summary),
  bodyHtml: Body,
  note: MultilineText({ minLength: 1, maxLength: 500, description: '更正说明（公开显示）' }),
}, { additionalProperties: false });
export const ImageUploadQuery = Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) });
export const ImageCreated = Type.Object({ id: Type.String(), kind: Type.String(), sizeBytes: Type.Integer(), url: Type.String() });
export const ImageParams = Type.Object({ imageId: IdString });

// ——— public ———
export const PublicArticleSummary = Type.Object({
  id: Type.String(), categoryId: Type.String(), categoryName: Type.String(), orgName: Type.String(), title: Type.String(), summary: Type.String(),
  coverUrl: Nullable(Type.String()), publishedAt: Type.String(), corrected: Type.Boolean(),
});
export const PublicArticleList = Type.Object({ items: Type.Array(PublicArticleSummary), nextCursor: Nullable(Type.String()) }, { $id: 'PublicNewsList' });
export const PublicListQuery = Type.Object({
  categoryId: Type.Optional(IdString),
  q: Type.Optional(Type.String({ maxLength: 40, description: '关键词（按词检索标题、摘要和正文）' })),
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}\\.[0-9]{1,18}$', description: 'the nextCursor of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
});
export const PublicArticle = Type.Object({
  ...PublicArticleSummary.properties,
  bodyHtml: Type.String(), source: Type.String(), tags: Type.Array(Type.String()), version: Type.Integer(), firstPublishedAt: Type.String(),
  corrections: Type.Array(Type.Object({ version: Type.Integer(), note: Type.String(), publishedAt: Type.String() }), { description: '更正说明，先后为序' }),
}, { $id: 'PublicNewsArticle' });

// ——— TV programme ———
export const EpisodeBody = Type.Object({
  orgId: IdString,
  airAt: Instant,
  durationMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 600 })),
  channel: Type.String({ minLength: 1, maxLength: 40 }),
  title: Type.String({ minLength: 1, maxLength: 80 }),
  description: Type.Optional(MultilineText({ maxLength: 1000 })),
  mediaAssetId: Type.Optional(Nullable(IdString)),
  videoUrl: Type.Optional(Nullable(Type.String({ maxLength: 500, pattern: '^https://[^\\s]+$', description: '外部视频地址（https）' }))),
}, { additionalProperties: false });
export type EpisodeInput = Static<typeof EpisodeBody>;
export const Episode = Type.Object({
  id: Type.String(), orgId: Type.String(), orgName: Type.String(), airAt: Type.String(), durationMinutes: Type.Integer(), channel: Type.String(), title: Type.String(),
  description: Type.String(), mediaAssetId: Nullable(Type.String()), videoUrl: Nullable(Type.String()),
});
export const EpisodeList = Type.Object({ items: Type.Array(Episode), nextCursor: Nullable(Type.String()) });
export const EpisodeListQuery = Type.Object({
  from: Type.Optional(Day({ min: '2000-01-01' }, { description: '起始日期（北京时间），默认今天' })),
  cursor: Cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export const PublicWeekQuery = Type.Object({ week: Type.Optional(Day({ min: '2000-01-01' }, { description: '该周任一日（北京时间），默认本周' })) });
export const PublicWeek = Type.Object({
  weekStart: Type.String(), weekEnd: Type.String(), previousWeek: Type.String(), nextWeek: Type.String(),
  days: Type.Array(Type.Object({ date: Type.String(), episodes: Type.Array(Type.Object({
    id: Type.String(), time: Type.String(), durationMinutes: Type.Integer(), channel: Type.String(), title: Type.String(), description: Type.String(),
    videoUrl: Nullable(Type.String()), mediaAssetId: Nullable(Type.String()),
  })) })),
}, { $id: 'PublicTvWeek' });

/** A reading session started for a member (news.reading.ts → the learning module's startReading). */
export const ArticleReading = Type.Object({
  token: Type.String({ description: 'send it with the first POST /api/learning/reading/heartbeat; each answer gives the next' }),
  minSeconds: Type.Integer({ description: 'reading time before the article counts' }),
  intervalSeconds: Type.Integer({ description: 'send a heartbeat at least this often while the article is on screen (gaps over 45 s are not counted)' }),
  creditMinutes: Type.Integer({ description: 'study minutes the article is worth (before the daily cap; once per article and China day)' }),
});
