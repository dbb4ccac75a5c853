/**
 * 新闻宣传 (F-73; issue 12): articles of province, city and county organizations through an editorial workflow —
 * draft → submitted → approved (published now, or scheduled) or returned with a reason → published → withdrawn (撤稿,
 * reason kept) or corrected (更正: a new kept version whose note the public sees). An article is approved by a reviewer
 * who neither drafted nor submitted it. Tables written here, by nobody else: news_categories, news_articles,
 * news_versions, news_images (news.tv.ts: news_tv_episodes). docs/news.md.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, can, escapeLike, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict, forbidden, notFound, validationFailed, versionConflict, type FieldError } from '../../platform/errors.js';
import { isRootPath } from '../../platform/roles.js';
import { checkUpload } from '../../platform/upload-check.js';
import { richTextToPlain, sanitizeRichText } from '../../platform/text/sanitize.js';
import { defaultSegmenter, normalizeText } from '../../platform/text/segmenter.js';
import { screenFields } from '../safety/safety.words.js';
import type { NewsState } from '../../db/tables/news.js';
import type { ArticleInput, ArticleView } from './news.schema.js';

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Who publishes: the province's, a city's or a county's committee (not townships or grassroots organizations). */
export const PUBLISHING_LEVELS = ['province', 'city', 'county'] as const;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
export const imageUrl = (id: string) => `/api/public/news/images/${id}`;
/** The image addresses a body may show: the module's own images, as the public reads them. */
export const OWN_IMAGE = /^\/api\/public\/news\/images\/[0-9]{1,18}$/;
/** A body as it is stored and shown: the platform's allow list (platform/text/sanitize.ts); nothing else renders. */
export const sanitizeBody = (html: string) => sanitizeRichText(html, { imageSrc: OWN_IMAGE });
/** The length a reader reads: characters that are not white space, of the plain text. */
export const wordsOf = (bodyHtml: string) => richTextToPlain(bodyHtml).replace(/\s+/g, '').length;

export function inTrx<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}

/** The distinct jieba search-mode terms of a published article (title, summary, text, tags). */
export function searchTerms(p: { title: string; summary: string; bodyHtml: string; tags: string[] }): string[] {
  const text = normalizeText([p.title, p.summary, richTextToPlain(p.bodyHtml), p.tags.join(' ')].join('\n'));
  return [...new Set(defaultSegmenter().cutForSearch(text).map((w) => w.trim()).filter((w) => w.length > 0 && w.length <= 40))].slice(0, 5000);
}
/** The words a search asks for (each must be a term of the article); punctuation alone asks for nothing. */
export function queryTerms(q: string): string[] {
  return [...new Set(defaultSegmenter().cut(normalizeText(q.trim())).map((w) => w.trim()).filter((w) => /[\p{L}\p{N}]/u.test(w)))].slice(0, 10);
}

// ——— categories ———

export async function listCategories(db: Kysely<DB>) {
  const rows = await db.selectFrom('news_categories').select(['id', 'name', 'sort_order']).orderBy('sort_order').orderBy('id').execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, sortOrder: r.sort_order })) };
}

/** Categories are the province's: only a holder of news.admin at the root organization changes them. */
function authorizeCategories(actor: Actor): string {
  const root = scopePaths(actor, 'news.admin').find(isRootPath);
  if (!root) throw forbidden('news.province_only', '您无权设置新闻栏目：栏目由省委组织部统一设置，请联系省级管理员');
  return root;
}

export async function saveCategory(db: Kysely<DB>, actor: Actor, id: string | null, input: { name: string; sortOrder?: number }, now: Date) {
  const root = authorizeCategories(actor);
  const name = input.name.trim();
  if (!name) throw validationFailed([{ field: 'name', message: '请填写栏目名称' }]);
  return inTrx(db, async (trx) => {
    const same = await trx.selectFrom('news_categories').select('id').where('name', '=', name).$if(!!id, (q) => q.where('id', '<>', id!)).executeTakeFirst();
    if (same) throw validationFailed([{ field: 'name', message: `已有名为“${name}”的栏目，请换一个名称` }]);
    let before: unknown = null;
    let rowId: string;
    if (id) {
      const old = await trx.selectFrom('news_categories').select(['id', 'name', 'sort_order']).where('id', '=', id).forUpdate().executeTakeFirst();
      if (!old) throw notFound('栏目');
      before = { name: old.name, sortOrder: old.sort_order };
      await trx.updateTable('news_categories').set({ name, sort_order: input.sortOrder ?? old.sort_order, updated_at: now }).where('id', '=', id).execute();
      rowId = id;
    } else {
      const max = await trx.selectFrom('news_categories').select((eb) => eb.fn.max('sort_order').as('m')).executeTakeFirst();
      const row = await trx.insertInto('news_categories').values({ name, sort_order: input.sortOrder ?? Number(max?.m ?? 0) + 10, created_at: now, updated_at: now })
        .returning('id').executeTakeFirstOrThrow();
      rowId = row.id;
    }
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: id ? 'news.category.update' : 'news.category.create', entityType: 'news_category', entityId: rowId,
      orgPath: root, ip: actor.ip, before, after: { name, sortOrder: input.sortOrder ?? null },
    }, now);
    return { id: rowId };
  });
}

// ——— articles: writing ———

async function publishingOrg(db: Kysely<DB>, actor: Actor, orgId: string) {
  const org = await db.selectFrom('orgs').select(['id', 'path', 'name', 'level']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw validationFailed([{ field: 'orgId', message: '所选组织不存在或已被删除，请重新选择' }]);
  authorize(actor, 'news.edit', org.path);
  if (!(PUBLISHING_LEVELS as readonly string[]).includes(org.level)) {
    throw validationFailed([{ field: 'orgId', message: '新闻由省、市、县（市、区）党委组织部发布，请选择省、市或县级党组织' }]);
  }
  return org;
}

async function clean(db: Kysely<DB>, input: ArticleInput) {
  const errors: FieldError[] = [];
  const title = input.title.trim();
  if (!title) errors.push({ field: 'title', message: '请填写标题' });
  const bodyHtml = sanitizeBody(input.bodyHtml);
  if (!richTextToPlain(bodyHtml)) errors.push({ field: 'bodyHtml', message: '请填写正文' });
  const tags = [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))];
  const cat = await db.selectFrom('news_categories').select('id').where('id', '=', input.categoryId).executeTakeFirst();
  if (!cat) errors.push({ field: 'categoryId', message: '所选栏目不存在，请重新选择' });
  if (input.coverImageId) {
    const img = await db.selectFrom('news_images').select('id').where('id', '=', input.coverImageId).executeTakeFirst();
    if (!img) errors.push({ field: 'coverImageId', message: '封面图片不存在，请重新上传' });
  }
  if (errors.length) throw validationFailed(errors);
  return { title, summary: (input.summary ?? '').trim(), bodyHtml, source: (input.source ?? '').trim(), tags, categoryId: input.categoryId, coverImageId: input.coverImageId ?? null };
}

const ARTICLE_COLS = ['a.id', 'a.org_id', 'a.category_id', 'a.title', 'a.summary', 'a.body_html', 'a.source', 'a.tags', 'a.cover_image_id', 'a.state', 'a.version',
  'a.publish_at', 'a.published_at', 'a.first_published_at', 'a.withdrawn_at', 'a.withdraw_reason', 'a.return_reason', 'a.flagged_words', 'a.created_by', 'a.submitted_by',
  'a.reviewed_by', 'a.updated_at', 'o.path as org_path', 'o.name as org_name'] as const;

async function lockArticle(trx: Transaction<DB>, actor: Actor | null, perm: 'news.edit' | 'news.review', id: string) {
  const a = await trx.selectFrom('news_articles as a').innerJoin('orgs as o', 'o.id', 'a.org_id').select(ARTICLE_COLS).where('a.id', '=', id).forUpdate('a').executeTakeFirst();
  if (!a) throw notFound('稿件');
  if (actor) authorize(actor, perm, a.org_path);
  return a;
}
type Locked = Awaited<ReturnType<typeof lockArticle>>;

function requireState(a: Locked, states: readonly NewsState[], title: string) {
  if (!states.includes(a.state)) throw conflict('news.state', title);
}

export async function createArticle(db: Kysely<DB>, actor: Actor, input: ArticleInput, now: Date): Promise<{ id: string }> {
  const org = await publishingOrg(db, actor, input.orgId);
  const c = await clean(db, input);
  return inTrx(db, async (trx) => {
    const row = await trx.insertInto('news_articles').values({
      org_id: org.id, category_id: c.categoryId, title: c.title, summary: c.summary, body_html: c.bodyHtml, source: c.source, tags: c.tags, cover_image_id: c.coverImageId,
      created_by: actor.accountId, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'news.create', entityType: 'news_article', entityId: row.id, orgPath: org.path, ip: actor.ip, after: { orgId: org.id, ...c },
    }, now);
    return { id: row.id };
  });
}

/** Edits a draft or a returned article (submitted, scheduled and published ones are locked: return or correct them). */
export async function updateArticle(db: Kysely<DB>, actor: Actor, id: string, input: ArticleInput, now: Date): Promise<{ id: string }> {
  const c = await clean(db, input);
  return inTrx(db, async (trx) => {
    const a = await lockArticle(trx, actor, 'news.edit', id);
    requireState(a, ['draft', 'returned'], '只有草稿或退回修改的稿件可以编辑；已提交的稿件请由审核人退回，已发布的稿件请发布更正');
    const org = a.org_id === input.orgId ? { id: a.org_id, path: a.org_path } : await publishingOrg(trx, actor, input.orgId);
    await trx.updateTable('news_articles').set({
      org_id: org.id, category_id: c.categoryId, title: c.title, summary: c.summary, body_html: c.bodyHtml, source: c.source, tags: c.tags, cover_image_id: c.coverImageId, updated_at: now,
    }).where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'news.update', entityType: 'news_article', entityId: id, orgPath: org.path, ip: actor.ip,
      before: { orgId: a.org_id, title: a.title, summary: a.summary, bodyHtml: a.body_html, categoryId: a.category_id, tags: a.tags, source: a.source, coverImageId: a.cover_image_id },
      after: { orgId: org.id, ...c },
    }, now);
    return { id };
  });
}

const stateAnswer = (r: { id: string; state: NewsState; version: number; publish_at: Date | null; published_at: Date | null }) =>
  ({ id: r.id, state: r.state, version: r.version, publishAt: iso(r.publish_at), publishedAt: iso(r.published_at) });

/** Submits for review; the title, summary and text pass the sensitive-word filter, whose finds the reviewer sees. */
export async function submitArticle(ctx: AppContext, actor: Actor, id: string) {
  const now = ctx.now();
  // Screened before the transaction (the filter reads the word list through ctx.db; the embedded database has one
  // connection), then the text is checked unchanged under the row lock.
  const text = await ctx.db.selectFrom('news_articles').select(['title', 'summary', 'body_html', 'updated_at']).where('id', '=', id).executeTakeFirst();
  if (!text) throw notFound('稿件');
  const screen = await screenFields(ctx, { title: text.title, summary: text.summary, body: richTextToPlain(text.body_html) });
  const flagged = [...new Map(screen.matches.map((m) => [`${m.field}:${m.word}`, { field: m.field, word: m.word }])).values()];
  return submitScreened(ctx.db, actor, id, flagged, now, text.updated_at);
}

/** The submission once screened (`flagged`: what the filter found); the demo seed, whose texts hold no listed word, calls it directly. */
export async function submitScreened(db: Kysely<DB>, actor: Actor, id: string, flagged: { field: string; word: string }[], now: Date, screenedAt?: Date) {
  return inTrx(db, async (trx) => {
    const a = await lockArticle(trx, actor, 'news.edit', id);
    requireState(a, ['draft', 'returned'], '该稿件已提交或已发布，不能重复提交');
    if (screenedAt && new Date(a.updated_at).getTime() !== new Date(screenedAt).getTime()) throw versionConflict();
    const row = await trx.updateTable('news_articles').set({ state: 'submitted', submitted_by: actor.accountId, flagged_words: JSON.stringify(flagged), return_reason: null, updated_at: now })
      .where('id', '=', id).returning(['id', 'state', 'version', 'publish_at', 'published_at']).executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'news.submit', entityType: 'news_article', entityId: id, orgPath: a.org_path, ip: actor.ip,
      before: { state: a.state }, after: { state: 'submitted', flaggedWords: flagged },
    }, now);
    return { ...stateAnswer(row), flaggedWords: flagged };
  });
}

/** Separation of duties: whoever drafted or submitted an article does not approve or return it. */
function authorizeReview(actor: Actor, a: Locked) {
  if (a.created_by === actor.accountId || a.submitted_by === actor.accountId) {
    throw forbidden('news.own_article', '您无权审核本人撰写或提交的稿件，请由其他审核人员审核');
  }
}

/** Publishes a locked article as version 1 (in the caller's transaction). */
async function publishIn(trx: Transaction<DB>, a: Locked, byName: string, now: Date) {
  await trx.insertInto('news_versions').values({ article_id: a.id, version: 1, title: a.title, summary: a.summary, body_html: a.body_html, correction_note: null, published_at: now, published_by_name: byName }).execute();
  return trx.updateTable('news_articles').set({
    state: 'published', version: 1, publish_at: null, published_at: now, first_published_at: now, updated_at: now,
    search_terms: searchTerms({ title: a.title, summary: a.summary, bodyHtml: a.body_html, tags: a.tags }),
  }).where('id', '=', a.id).returning(['id', 'state', 'version', 'publish_at', 'published_at']).executeTakeFirstOrThrow();
}

/**
 * Approves a submitted article: published at once, or at `publishAt` (later than now) by the scheduled job. An
 * article whose screening found sensitive words is approved only with `confirmFlagged`.
 */
export async function approveArticle(db: Kysely<DB>, actor: Actor, id: string, input: { publishAt?: string; confirmFlagged?: boolean }, now: Date) {
  const at = input.publishAt ? new Date(input.publishAt) : null;
  if (at && Number.isNaN(at.getTime())) throw validationFailed([{ field: 'publishAt', message: '定时发布时间格式不正确' }]);
  return inTrx(db, async (trx) => {
    const a = await lockArticle(trx, actor, 'news.review', id);
    requireState(a, ['submitted'], '只有待审核的稿件可以审核通过');
    authorizeReview(actor, a);
    const flagged = (a.flagged_words as { word: string }[]) ?? [];
    if (flagged.length && !input.confirmFlagged) {
      throw conflict('news.flagged', `稿件含敏感词（${[...new Set(flagged.map((f) => f.word))].join('、')}），请核实后勾选“已核实”再审核通过，或退回修改`);
    }
    const scheduled = at !== null && at.getTime() > now.getTime();
    let row;
    if (scheduled) {
      row = await trx.updateTable('news_articles').set({ state: 'scheduled', publish_at: at, reviewed_by: actor.accountId, updated_at: now })
        .where('id', '=', id).returning(['id', 'state', 'version', 'publish_at', 'published_at']).executeTakeFirstOrThrow();
    } else {
      await trx.updateTable('news_articles').set({ reviewed_by: actor.accountId }).where('id', '=', id).execute();
      row = await publishIn(trx, a, actor.displayName, now);
    }
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'news.approve', entityType: 'news_article', entityId: id, orgPath: a.org_path, ip: actor.ip,
      before: { state: a.state }, after: { state: row.state, publishAt: iso(row.publish_at), publishedAt: iso(row.published_at), confirmedFlagged: flagged.length > 0 },
    }, now);
    return stateAnswer(row);
  });
}

/** Returns a submitted (or scheduled, not yet published) article to its editor with a reason. */
export async function returnArticle(db: Kysely<DB>, actor: Actor, id: string, reason: string, now: Date) {
  const r = reason.trim();
  if (!r) throw validationFailed([{ field: 'reason', message: '请填写退回原因' }]);
  return inTrx(db, async (trx) => {
    const a = await lockArticle(trx, actor, 'news.review', id);
    requireState(a, ['submitted', 'scheduled'], '只有待审核或待定时发布的稿件可以退回');
    authorizeReview(actor, a);
    const row = await trx.updateTable('news_articles').set({ state: 'returned', return_reason: r, publish_at: null, reviewed_by: actor.accountId, updated_at: now })
      .where('id', '=', id).returning(['id', 'state', 'version', 'publish_at', 'published_at']).executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'news.return', entityType: 'news_article', entityId: id, orgPath: a.org_path, ip: actor.ip,
      before: { state: a.state }, after: { state: 'returned', reason: r },
    }, now);
    return stateAnswer(row);
  });
}

/** 撤稿: the public sees the article no more; it and its reason are kept. */
export async function withdrawArticle(db: Kysely<DB>, actor: Actor, id: string, reason: string, now: Date) {
  const r = reason.trim();
  if (!r) throw validationFailed([{ field: 'reason', message: '请填写撤稿原因' }]);
  return inTrx(db, async (trx) => {
    const a = await lockArticle(trx, actor, 'news.review', id);
    requireState(a, ['published'], '只有已发布的稿件可以撤稿');
    const row = await trx.updateTable('news_articles').set({ state: 'withdrawn', withdrawn_at: now, withdraw_reason: r, updated_at: now })
      .where('id', '=', id).returning(['id', 'state', 'version', 'publish_at', 'published_at']).executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'news.withdraw', entityType: 'news_article', entityId: id, orgPath: a.org_path, ip: actor.ip,
      before: { state: a.state, version: a.version }, after: { state: 'withdrawn', reason: r },
    }, now);
    return stateAnswer(row);
  });
}

/** 更正: a reviewer publishes a corrected text as the next version; the public sees the note under the article. */
export async function correctArticle(db: Kysely<DB>, actor: Actor, id: string, input: { title: string; summary?: string; bodyHtml: string; note: string }, now: Date) {
  const title = input.title.trim();
  const note = input.note.trim();
  const bodyHtml = sanitizeBody(input.bodyHtml);
  const errors: FieldError[] = [];
  if (!title) errors.push({ field: 'title', message: '请填写标题' });
  if (!richTextToPlain(bodyHtml)) errors.push({ field: 'bodyHtml', message: '请填写正文' });
  if (!note) errors.push({ field: 'note', message: '请填写更正说明' });
  if (errors.length) throw validationFailed(errors);
  const summary = (input.summary ?? '').trim();
  return inTrx(db, async (trx) => {
    const a = await lockArticle(trx, actor, 'news.review', id);
    requireState(a, ['published'], '只有已发布的稿件可以更正');
    const version = a.version + 1;
    await trx.insertInto('news_versions').values({ article_id: id, version, title, summary, body_html: bodyHtml, correction_note: note, published_at: now, published_by_name: actor.displayName }).execute();
    const row = await trx.updateTable('news_articles').set({
      title, summary, body_html: bodyHtml, version, updated_at: now, search_terms: searchTerms({ title, summary, bodyHtml, tags: a.tags }),
    }).where('id', '=', id).returning(['id', 'state', 'version', 'publish_at', 'published_at']).executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'news.correct', entityType: 'news_article', entityId: id, orgPath: a.org_path, ip: actor.ip,
      before: { version: a.version, title: a.title, summary: a.summary, bodyHtml: a.body_html }, after: { version, title, summary, bodyHtml, note },
    }, now);
    return stateAnswer(row);
  });
}

/**
 * The scheduled job (every minute, news.publish-due): publishes approved articles whose time has come. Idempotent: an
 * article is taken under its row lock and only while it is still scheduled, so a second run (or instance) does nothing.
 */
export async function publishDue(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const due = await ctx.db.selectFrom('news_articles').select('id').where('state', '=', 'scheduled').where('publish_at', '<=', now).orderBy('publish_at').limit(200).execute();
  let n = 0;
  for (const { id } of due) {
    await ctx.db.transaction().execute(async (trx) => {
      const a = await trx.selectFrom('news_articles as a').innerJoin('orgs as o', 'o.id', 'a.org_id').select(ARTICLE_COLS).where('a.id', '=', id)
        .where('a.state', '=', 'scheduled').where('a.publish_at', '<=', now).forUpdate('a').skipLocked().executeTakeFirst();
      if (!a) return;
      const reviewer = a.reviewed_by ? await trx.selectFrom('accounts').select('display_name').where('id', '=', a.reviewed_by).executeTakeFirst() : undefined;
      await publishIn(trx, a, reviewer?.display_name ?? '定时发布', now);
      await appendAudit(trx, {
        actorId: null, actorName: 'system', action: 'news.publish', entityType: 'news_article', entityId: id, orgPath: a.org_path,
        before: { state: 'scheduled', publishAt: iso(a.publish_at) }, after: { state: 'published', publishedAt: now.toISOString() },
      }, now);
      n++;
    });
  }
  return n;
}

// ——— images ———

export async function addImage(db: Kysely<DB>, actor: Actor, fileName: string, body: unknown, now: Date) {
  const name = fileName.trim().replace(/^.*[\\/]/, '');
  if (!name) throw validationFailed([{ field: 'fileName', message: '请填写文件名' }]);
  if (!scopePaths(actor, 'news.edit').length) throw forbidden();
  const buf = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  const kind = checkUpload(buf, name, { allow: ['jpg', 'png', 'webp'], maxBytes: MAX_IMAGE_BYTES }).kind as 'jpg' | 'png' | 'webp';
  return inTrx(db, async (trx) => {
    const sha256 = createHash('sha256').update(buf).digest('hex');
    const row = await trx.insertInto('news_images').values({ kind, size_bytes: buf.length, sha256, data: buf, uploaded_by: actor.accountId, uploaded_at: now }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'news.image.upload', entityType: 'news_image', entityId: row.id, orgPath: null, ip: actor.ip,
      after: { fileName: name, kind, sizeBytes: buf.length, sha256 },
    }, now);
    return { id: row.id, kind, sizeBytes: buf.length, url: imageUrl(row.id) };
  });
}

const IMAGE_TYPES = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

/** An image: for staff (news.edit anywhere) any uploaded one; for the public only one a published article shows. */
export async function readImage(db: Kysely<DB>, actor: Actor | null, imageId: string) {
  if (!actor) {
    const shown = await db.selectFrom('news_articles').select('id').where('state', '=', 'published')
      .where((eb) => eb.or([eb('cover_image_id', '=', imageId), eb('body_html', 'like', `%${escapeLike(imageUrl(imageId))}"%`)])).limit(1).executeTakeFirst();
    if (!shown) throw notFound('图片');
  } else if (!scopePaths(actor, 'news.edit').length) throw forbidden();
  const img = await db.selectFrom('news_images').select(['kind', 'data']).where('id', '=', imageId).executeTakeFirst();
  if (!img) throw notFound('图片');
  return { contentType: IMAGE_TYPES[img.kind], data: img.data };
}

// ——— reading (staff) ———

export async function listArticles(db: Kysely<DB>, actor: Actor, q: { state?: NewsState; categoryId?: string; orgId?: string; q?: string; cursor?: string; limit?: number }) {
  const scope = scopePaths(actor, 'news.edit').concat(scopePaths(actor, 'news.review'));
  let under: string | null = null;
  if (q.orgId) {
    const org = await db.selectFrom('orgs').select('path').where('id', '=', q.orgId).executeTakeFirst();
    if (!org) throw notFound('组织');
    if (!can(actor, 'news.edit', org.path) && !can(actor, 'news.review', org.path)) throw forbidden('forbidden.scope', '该组织不在您的管辖范围内');
    under = org.path;
  }
  const limit = q.limit ?? 20;
  const needle = q.q?.trim();
  const rows = await db.selectFrom('news_articles as a').innerJoin('orgs as o', 'o.id', 'a.org_id').innerJoin('news_categories as c', 'c.id', 'a.category_id')
    .select(['a.id', 'a.org_id', 'o.name as org_name', 'a.category_id', 'c.name as category_name', 'a.title', 'a.state', 'a.version', 'a.publish_at', 'a.published_at', 'a.flagged_words', 'a.updated_at'])
    .where((eb) => eb.or(scope.map((p) => eb('o.path', 'like', `${escapeLike(p)}%`))))
    .$if(!!under, (qb) => qb.where('o.path', 'like', `${escapeLike(under!)}%`))
    .$if(!!q.state, (qb) => qb.where('a.state', '=', q.state!))
    .$if(!!q.categoryId, (qb) => qb.where('a.category_id', '=', q.categoryId!))
    .$if(!!needle, (qb) => qb.where('a.title', 'like', `%${escapeLike(needle!)}%`))
    .$if(!!q.cursor, (qb) => qb.where('a.id', '<', q.cursor!))
    .orderBy('a.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: r.id, orgId: r.org_id, orgName: r.org_name, categoryId: r.category_id, categoryName: r.category_name, title: r.title, state: r.state, version: r.version,
      publishAt: iso(r.publish_at), publishedAt: iso(r.published_at), flagged: ((r.flagged_words as unknown[]) ?? []).length > 0, updatedAt: iso(r.updated_at)!,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

export async function getArticle(db: Kysely<DB>, actor: Actor, id: string): Promise<ArticleView> {
  const a = await db.selectFrom('news_articles as a').innerJoin('orgs as o', 'o.id', 'a.org_id').innerJoin('news_categories as c', 'c.id', 'a.category_id')
    .select(ARTICLE_COLS).select('c.name as category_name').where('a.id', '=', id).executeTakeFirst();
  if (!a) throw notFound('稿件');
  if (!can(actor, 'news.edit', a.org_path) && !can(actor, 'news.review', a.org_path)) throw forbidden('forbidden.scope', '该稿件不在您的管辖范围内，无权访问');
  const versions = await db.selectFrom('news_versions').select(['version', 'title', 'published_at', 'published_by_name', 'correction_note']).where('article_id', '=', id).orderBy('version', 'desc').execute();
  const flagged = (a.flagged_words as { field: string; word: string }[]) ?? [];
  return {
    id: a.id, orgId: a.org_id, orgName: a.org_name, categoryId: a.category_id, categoryName: a.category_name, title: a.title, state: a.state, version: a.version,
    publishAt: iso(a.publish_at), publishedAt: iso(a.published_at), flagged: flagged.length > 0, updatedAt: iso(a.updated_at)!,
    summary: a.summary, bodyHtml: a.body_html, source: a.source, tags: a.tags, coverImageId: a.cover_image_id, coverUrl: a.cover_image_id ? `/api/news/images/${a.cover_image_id}` : null,
    returnReason: a.return_reason, withdrawReason: a.withdraw_reason, flaggedWords: flagged, createdBy: a.created_by, submittedBy: a.submitted_by,
    mayReview: a.state === 'submitted' && can(actor, 'news.review', a.org_path) && a.created_by !== actor.accountId && a.submitted_by !== actor.accountId,
    versions: versions.map((v) => ({ version: v.version, title: v.title, publishedAt: iso(v.published_at)!, publishedBy: v.published_by_name, correctionNote: v.correction_note })),
  };
}

// ——— public ———

const PUBLIC_COLS = ['a.id', 'a.category_id', 'c.name as category_name', 'o.name as org_name', 'a.title', 'a.summary', 'a.cover_image_id', 'a.published_at', 'a.version'] as const;
const publicSummary = (r: { id: string; category_id: string; category_name: string; org_name: string; title: string; summary: string; cover_image_id: string | null; published_at: Date | null; version: number }) => ({
  id: r.id, categoryId: r.category_id, categoryName: r.category_name, orgName: r.org_name, title: r.title, summary: r.summary,
  coverUrl: r.cover_image_id ? imageUrl(r.cover_image_id) : null, publishedAt: iso(r.published_at)!, corrected: r.version > 1,
});

/** Published articles, newest first; keyset on (published_at, id), cursor `<ms>.<id>`. */
export async function publicList(db: Kysely<DB>, q: { categoryId?: string; q?: string; cursor?: string; limit?: number }) {
  const limit = q.limit ?? 10;
  const terms = q.q ? queryTerms(q.q) : [];
  const [ms, cid] = q.cursor ? q.cursor.split('.') : [];
  const rows = await db.selectFrom('news_articles as a').innerJoin('orgs as o', 'o.id', 'a.org_id').innerJoin('news_categories as c', 'c.id', 'a.category_id')
    .select(PUBLIC_COLS).where('a.state', '=', 'published')
    .$if(!!q.categoryId, (qb) => qb.where('a.category_id', '=', q.categoryId!))
    .$if(terms.length > 0, (qb) => qb.where(sql<boolean>`a.search_terms @> ${sql.val(terms)}::text[]`))
    .$if(!!q.cursor, (qb) => qb.where(sql<boolean>`(a.published_at, a.id) < (${new Date(Number(ms))}::timestamptz, ${cid}::bigint)`))
    .orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(publicSummary), nextCursor: rows.length > limit && last ? `${new Date(last.published_at!).getTime()}.${last.id}` : null };
}

export async function publicArticle(db: Kysely<DB>, id: string) {
  const a = await db.selectFrom('news_articles as a').innerJoin('orgs as o', 'o.id', 'a.org_id').innerJoin('news_categories as c', 'c.id', 'a.category_id')
    .select(PUBLIC_COLS).select(['a.body_html', 'a.source', 'a.tags', 'a.first_published_at']).where('a.id', '=', id).where('a.state', '=', 'published').executeTakeFirst();
  if (!a) throw notFound('文章');
  const corrections = await db.selectFrom('news_versions').select(['version', 'correction_note', 'published_at']).where('article_id', '=', id).where('version', '>', 1).orderBy('version').execute();
  return {
    ...publicSummary(a), bodyHtml: a.body_html, source: a.source, tags: a.tags, version: a.version, firstPublishedAt: iso(a.first_published_at)!,
    corrections: corrections.map((c) => ({ version: c.version, note: c.correction_note ?? '', publishedAt: iso(c.published_at)! })),
  };
}
