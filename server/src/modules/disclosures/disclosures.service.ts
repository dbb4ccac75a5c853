/**
 * 党务、村务、财务公开 (F-40, F-41; issue 11 item 2): items of grassroots organizations (draft → published →
 * withdrawn), their published versions with fingerprints, attachments, the disclosure calendar and its board, and the
 * public reading side. Tables written here, by nobody else: disclosure_items, disclosure_versions,
 * disclosure_attachments, disclosure_plans (and, in disclosures.questions.ts, disclosure_questions). docs/disclosures.md.
 *
 * The commands take the database (or a transaction: the demo seed creates its items through them) and the instant.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DisclosureKind } from '../../db/tables/disclosures.js';
import { authorize, can, escapeLike, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict, forbidden, notFound, validationFailed, versionConflict, type FieldError } from '../../platform/errors.js';
import { chinaToday } from '../../platform/china-time.js';
import { ATTACHMENT_TYPES } from '../followups/followups.service.js';
import { checkUpload } from '../../platform/upload-check.js';
import { checkFinance, fingerprintOf, periodLabel, placeOf, queryTerms, sanitizeBody, searchTerms } from './disclosures.rules.js';
import { richTextToPlain } from '../../platform/text/sanitize.js';
import { unansweredCounts } from './disclosures.questions.js';
import type { FinanceT, ItemCreateInput, ItemUpdateInput, ItemView, PlanCreateInput } from './disclosures.schema.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Runs `fn` in the given transaction, or in a new one. */
function inTrx<T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}

const attachmentUrl = (itemId: string, id: string) => `/api/public/disclosures/${itemId}/attachments/${id}`;
const ORG_COLS = ['o.id as org_id', 'o.path as org_path', 'o.name as org_name', 'o.level as org_level'] as const;

/** The names of an organization's ancestors and its own, from its path (one query for many paths). */
async function namesOf(db: Kysely<DB>, paths: string[]): Promise<Map<string, { id: string; name: string; level: string }>> {
  const ids = [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean)))];
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('orgs').select(['id', 'name', 'level']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}
/** 西湖区·西湖街道·龙井村: the county, township and the organization's own place. */
function placeName(path: string, names: Map<string, { name: string; level: string }>): string {
  return path.split('/').filter(Boolean).map((id) => names.get(id)).filter((o) => o && ['county', 'township', 'grassroots'].includes(o.level))
    .map((o) => placeOf(o!.name)).join('·');
}

// ——— writing ———

async function loadOrgForWrite(db: Kysely<DB>, actor: Actor, orgId: string) {
  const org = await db.selectFrom('orgs').select(['id', 'path', 'name', 'level', 'status']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw validationFailed([{ field: 'orgId', message: '所选组织不存在或已被删除，请重新选择' }]);
  authorize(actor, 'disclosure.write', org.path);
  if (org.level !== 'grassroots') throw validationFailed([{ field: 'orgId', message: '公开事项由基层党组织（村、社区）发布，请选择基层党组织' }]);
  return org;
}

function cleanContent(kind: DisclosureKind, input: { title: string; bodyHtml: string; finance?: ItemCreateInput['finance'] }) {
  const errors: FieldError[] = [];
  const title = input.title.trim();
  if (!title) errors.push({ field: 'title', message: '请填写标题' });
  const bodyHtml = sanitizeBody(input.bodyHtml);
  let finance: FinanceT | null = null;
  if (kind === 'finance') {
    if (!input.finance) errors.push({ field: 'finance', message: '财务公开须填写收支明细表（期初余额、收支项目、合计和期末余额）' });
    else {
      const r = checkFinance(input.finance);
      if ('errors' in r) errors.push(...r.errors);
      else finance = r.finance;
    }
  } else if (input.finance) {
    errors.push({ field: 'finance', message: '只有财务公开填写收支明细表' });
  }
  if (kind !== 'finance' && !richTextToPlain(bodyHtml)) errors.push({ field: 'bodyHtml', message: '请填写公开内容' });
  if (errors.length) throw validationFailed(errors);
  return { title, bodyHtml, finance };
}

export async function createItem(db: Kysely<DB>, actor: Actor, input: ItemCreateInput, now: Date): Promise<{ id: string }> {
  const org = await loadOrgForWrite(db, actor, input.orgId);
  const c = cleanContent(input.kind, input);
  return inTrx(db, async (trx) => {
    const row = await trx.insertInto('disclosure_items').values({
      org_id: org.id, kind: input.kind, period: input.period, title: c.title, body_html: c.bodyHtml, finance: c.finance ? JSON.stringify(c.finance) : null,
      created_by: actor.accountId, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'disclosure.create', entityType: 'disclosure_item', entityId: row.id, orgPath: org.path, ip: actor.ip,
      after: { kind: input.kind, period: input.period, title: c.title, bodyHtml: c.bodyHtml, finance: c.finance },
    }, now);
    return { id: row.id };
  });
}

async function lockItem(trx: Transaction<DB>, actor: Actor, id: string) {
  const it = await trx.selectFrom('disclosure_items as i').innerJoin('orgs as o', 'o.id', 'i.org_id').selectAll('i').select(ORG_COLS)
    .where('i.id', '=', id).forUpdate('i').executeTakeFirst();
  if (!it) throw notFound('公开事项');
  authorize(actor, 'disclosure.write', it.org_path);
  return it;
}

/** Publishes the item's working copy as a new version (in the caller's transaction). */
async function publishIn(trx: Transaction<DB>, actor: Actor, it: Awaited<ReturnType<typeof lockItem>>, c: { title: string; bodyHtml: string; finance: FinanceT | null; period: string }, now: Date) {
  const version = it.version + 1;
  const fingerprint = fingerprintOf({ orgId: it.org_id, kind: it.kind, period: c.period, title: c.title, bodyHtml: c.bodyHtml, finance: c.finance });
  const names = await namesOf(trx, [it.org_path]);
  const terms = searchTerms({ title: c.title, bodyHtml: c.bodyHtml, finance: c.finance, place: placeName(it.org_path, names) });
  await trx.insertInto('disclosure_versions').values({
    item_id: it.id, version, title: c.title, body_html: c.bodyHtml, finance: c.finance ? JSON.stringify(c.finance) : null, fingerprint, published_at: now, published_by_name: actor.displayName,
  }).execute();
  await trx.updateTable('disclosure_items').set({
    period: c.period, title: c.title, body_html: c.bodyHtml, finance: c.finance ? JSON.stringify(c.finance) : null,
    state: 'published', version, fingerprint, published_at: now, first_published_at: it.first_published_at ?? now, withdrawn_at: null, search_terms: terms, updated_at: now,
  }).where('id', '=', it.id).execute();
  // The files uploaded since the last publication become part of this version (and of the later ones until deleted).
  await trx.updateTable('disclosure_attachments').set({ first_version: version }).where('item_id', '=', it.id).where('first_version', 'is', null).where('removed_at', 'is', null).execute();
  return { version, fingerprint };
}

/**
 * Edits an item. A draft is changed in place; a published item's edit is published at once as a new version with a
 * new fingerprint (the earlier versions stay public as 历史版本). `version` must be the item's current version.
 */
export async function updateItem(db: Kysely<DB>, actor: Actor, id: string, input: ItemUpdateInput, now: Date): Promise<{ version: number; fingerprint: string | null }> {
  return inTrx(db, async (trx) => {
    const it = await lockItem(trx, actor, id);
    if (input.version !== it.version) throw versionConflict();
    if (it.state === 'withdrawn') throw conflict('disclosure.withdrawn', '该公开事项已撤回，请重新发布后再修改');
    const c = cleanContent(it.kind, input);
    const period = input.period ?? it.period;
    const before = { period: it.period, title: it.title, bodyHtml: it.body_html, finance: it.finance, version: it.version, fingerprint: it.fingerprint };
    let result: { version: number; fingerprint: string | null };
    if (it.state === 'published') {
      result = await publishIn(trx, actor, it, { ...c, period }, now);
    } else {
      await trx.updateTable('disclosure_items').set({ period, title: c.title, body_html: c.bodyHtml, finance: c.finance ? JSON.stringify(c.finance) : null, updated_at: now }).where('id', '=', it.id).execute();
      result = { version: it.version, fingerprint: null };
    }
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: it.state === 'published' ? 'disclosure.revise' : 'disclosure.update', entityType: 'disclosure_item', entityId: it.id,
      orgPath: it.org_path, ip: actor.ip, before, after: { period, title: c.title, bodyHtml: c.bodyHtml, finance: c.finance, ...result },
    }, now);
    return result;
  });
}

/** Publishes a draft (or a withdrawn item again) as its next version. */
export async function publishItem(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<{ version: number; fingerprint: string }> {
  return inTrx(db, async (trx) => {
    const it = await lockItem(trx, actor, id);
    if (it.state === 'published') throw conflict('disclosure.published', '该事项已公开；修改内容后保存即发布新版本');
    const finance = it.finance as FinanceT | null;
    const r = await publishIn(trx, actor, it, { title: it.title, bodyHtml: it.body_html, finance, period: it.period }, now);
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'disclosure.publish', entityType: 'disclosure_item', entityId: it.id, orgPath: it.org_path, ip: actor.ip,
      before: { state: it.state }, after: { state: 'published', ...r },
    }, now);
    return r;
  });
}

/** Withdraws a published item: the public sees it (and its versions) no more; kept for the record. */
export async function withdrawItem(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<void> {
  await inTrx(db, async (trx) => {
    const it = await lockItem(trx, actor, id);
    if (it.state !== 'published') throw conflict('disclosure.not_published', '只有已公开的事项可以撤回');
    await trx.updateTable('disclosure_items').set({ state: 'withdrawn', withdrawn_at: now, updated_at: now }).where('id', '=', it.id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'disclosure.withdraw', entityType: 'disclosure_item', entityId: it.id, orgPath: it.org_path, ip: actor.ip,
      before: { state: 'published', version: it.version }, after: { state: 'withdrawn' },
    }, now);
  });
}

export async function addAttachment(db: Kysely<DB>, actor: Actor, id: string, fileName: string, body: unknown, now: Date) {
  const name = fileName.trim().replace(/^.*[\\/]/, '');
  const buf = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  return inTrx(db, async (trx) => {
    const it = await lockItem(trx, actor, id);
    if (!name) throw validationFailed([{ field: 'fileName', message: '请填写文件名' }]);
    // The real type by content, matching the name's extension (platform/upload-check.ts).
    const kind = checkUpload(buf, name, { allow: ['pdf', 'jpg', 'png', 'docx', 'xlsx'], maxBytes: MAX_ATTACHMENT_BYTES }).kind as 'pdf' | 'jpg' | 'png' | 'docx' | 'xlsx';
    const n = await trx.selectFrom('disclosure_attachments').select((eb) => eb.fn.countAll<string>().as('n')).where('item_id', '=', id).where('removed_at', 'is', null).executeTakeFirstOrThrow();
    if (Number(n.n) >= MAX_ATTACHMENTS) throw conflict('disclosure.attachments_full', `每个公开事项最多上传${MAX_ATTACHMENTS}个附件`);
    const sha256 = createHash('sha256').update(buf).digest('hex');
    const row = await trx.insertInto('disclosure_attachments').values({ item_id: id, file_name: name, kind, size_bytes: buf.length, sha256, data: buf, uploaded_by: actor.accountId, uploaded_at: now })
      .returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'disclosure.attach', entityType: 'disclosure_item', entityId: id, orgPath: it.org_path, ip: actor.ip,
      after: { attachmentId: row.id, fileName: name, kind, sizeBytes: buf.length, sha256 },
    }, now);
    return { id: row.id, fileName: name, kind, sizeBytes: buf.length, url: attachmentUrl(id, row.id), firstVersion: null };
  });
}

/**
 * Deletes a file from the item's working copy (a draft, an item being edited, a withdrawn one). A file no published
 * version carries is deleted outright. A file that was published stays on record for the versions that carried it
 * (`last_version`: the item's version now), so the published history shows what was published; the item's next
 * version is published without it. Audited disclosure.detach.
 */
export async function removeAttachment(db: Kysely<DB>, actor: Actor, id: string, attachmentId: string, now: Date): Promise<{ kept: boolean }> {
  return inTrx(db, async (trx) => {
    const it = await lockItem(trx, actor, id);
    const a = await trx.selectFrom('disclosure_attachments').select(['id', 'file_name', 'kind', 'size_bytes', 'sha256', 'first_version'])
      .where('id', '=', attachmentId).where('item_id', '=', id).where('removed_at', 'is', null).forUpdate().executeTakeFirst();
    if (!a) throw notFound('附件');
    const kept = a.first_version !== null;
    if (kept) {
      await trx.updateTable('disclosure_attachments').set({ removed_at: now, removed_by: actor.accountId, last_version: it.version }).where('id', '=', a.id).execute();
    } else {
      await trx.deleteFrom('disclosure_attachments').where('id', '=', a.id).execute();
    }
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'disclosure.detach', entityType: 'disclosure_item', entityId: id, orgPath: it.org_path, ip: actor.ip,
      before: { attachmentId: a.id, fileName: a.file_name, kind: a.kind, sizeBytes: a.size_bytes, sha256: a.sha256, firstVersion: a.first_version },
      after: kept ? { keptForVersions: [a.first_version, it.version] } : { deleted: true },
    }, now);
    return { kept };
  });
}

// ——— reading (staff) ———

export interface ItemFilter { orgId?: string; kind?: DisclosureKind; state?: 'draft' | 'published' | 'withdrawn'; period?: string }

/** The subtree an item list or export asks for (`orgId`, checked against the actor's scope), or null for all of it. */
export async function itemsUnder(db: Kysely<DB>, actor: Actor, orgId: string | undefined): Promise<string | null> {
  if (!orgId) return null;
  const org = await db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst();
  if (!org) throw notFound('组织');
  authorize(actor, 'disclosure.read', org.path);
  return org.path;
}

/** One page of items in the actor's disclosure.read scope (in SQL), newest first, keyset by id. */
export function itemRows(db: Kysely<DB>, actor: Actor, under: string | null, q: ItemFilter, cursor: string | undefined, limit: number) {
  const scope = scopePaths(actor, 'disclosure.read');
  return db.selectFrom('disclosure_items as i').innerJoin('orgs as o', 'o.id', 'i.org_id')
    .select(['i.id', 'i.kind', 'i.period', 'i.title', 'i.state', 'i.version', 'i.fingerprint', 'i.first_published_at', 'i.published_at', 'i.withdrawn_at', 'i.updated_at', ...ORG_COLS])
    .where((eb) => eb.or(scope.map((p) => eb('o.path', 'like', `${escapeLike(p)}%`))))
    .$if(!!under, (qb) => qb.where('o.path', 'like', `${escapeLike(under!)}%`))
    .$if(!!q.kind, (qb) => qb.where('i.kind', '=', q.kind!))
    .$if(!!q.state, (qb) => qb.where('i.state', '=', q.state!))
    .$if(!!q.period, (qb) => qb.where('i.period', '=', q.period!))
    .$if(!!cursor, (qb) => qb.where('i.id', '<', cursor!))
    .orderBy('i.id', 'desc').limit(limit).execute();
}

export async function listItems(db: Kysely<DB>, actor: Actor, q: ItemFilter & { cursor?: string; limit?: number }) {
  const under = await itemsUnder(db, actor, q.orgId);
  const limit = q.limit ?? 20;
  const rows = await itemRows(db, actor, under, q, q.cursor, limit + 1);
  const page = rows.slice(0, limit);
  const unanswered = await unansweredCounts(db, page.map((r) => r.id));
  return {
    items: page.map((r) => ({
      id: r.id, orgId: r.org_id, orgName: r.org_name, kind: r.kind, period: r.period, periodLabel: periodLabel(r.period), title: r.title, state: r.state,
      version: r.version, publishedAt: iso(r.published_at), updatedAt: iso(r.updated_at)!, unansweredQuestions: unanswered.get(r.id) ?? 0,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

async function versionsOf(db: Kysely<DB>, id: string) {
  const rows = await db.selectFrom('disclosure_versions').select(['version', 'fingerprint', 'published_at', 'title']).where('item_id', '=', id).orderBy('version', 'desc').execute();
  return rows.map((v) => ({ version: v.version, fingerprint: v.fingerprint, publishedAt: iso(v.published_at)!, title: v.title }));
}
/**
 * The files of an item: of its working copy (staff; `firstVersion` null for one not yet published), or those a
 * published version carried (`version`: published in it or before, not deleted before it).
 */
async function attachmentsOf(db: Kysely<DB>, id: string, version?: number) {
  const rows = await db.selectFrom('disclosure_attachments').select(['id', 'file_name', 'kind', 'size_bytes', 'first_version']).where('item_id', '=', id)
    .$if(version === undefined, (qb) => qb.where('removed_at', 'is', null))
    .$if(version !== undefined, (qb) => qb.where('first_version', '<=', version!).where((eb) => eb.or([eb('last_version', 'is', null), eb('last_version', '>=', version!)])))
    .orderBy('id').execute();
  return rows.map((a) => ({ id: a.id, fileName: a.file_name, kind: a.kind, sizeBytes: a.size_bytes, url: attachmentUrl(id, a.id), firstVersion: a.first_version }));
}

export async function getItem(db: Kysely<DB>, actor: Actor, id: string): Promise<ItemView> {
  const it = await db.selectFrom('disclosure_items as i').innerJoin('orgs as o', 'o.id', 'i.org_id').selectAll('i').select(ORG_COLS).where('i.id', '=', id).executeTakeFirst();
  if (!it) throw notFound('公开事项');
  authorize(actor, 'disclosure.read', it.org_path);
  const names = await namesOf(db, [it.org_path]);
  return {
    id: it.id, orgId: it.org_id, orgName: it.org_name, kind: it.kind, period: it.period, periodLabel: periodLabel(it.period), title: it.title, state: it.state,
    version: it.version, publishedAt: iso(it.published_at), updatedAt: iso(it.updated_at)!,
    unansweredQuestions: (await unansweredCounts(db, [it.id])).get(it.id) ?? 0,
    orgPathNames: it.org_path.split('/').filter(Boolean).map((x) => names.get(x)?.name ?? ''),
    bodyHtml: it.body_html, finance: (it.finance as FinanceT | null) ?? null, fingerprint: it.fingerprint,
    attachments: await attachmentsOf(db, id), versions: await versionsOf(db, id),
  };
}

/** A file of an item, for staff who read the item (drafts included). */
export async function readAttachment(db: Kysely<DB>, actor: Actor | null, id: string, attachmentId: string) {
  const it = await db.selectFrom('disclosure_items as i').innerJoin('orgs as o', 'o.id', 'i.org_id').select(['i.state', 'o.path']).where('i.id', '=', id).executeTakeFirst();
  if (!it) throw notFound('附件');
  if (actor) authorize(actor, 'disclosure.read', it.path);
  else if (it.state !== 'published') throw notFound('附件');
  const f = await db.selectFrom('disclosure_attachments').select(['file_name', 'kind', 'data', 'first_version']).where('id', '=', attachmentId).where('item_id', '=', id).executeTakeFirst();
  // The public reads only files a published version carried (a file uploaded since is the working copy's).
  if (!f || (!actor && f.first_version === null)) throw notFound('附件');
  return { fileName: f.file_name, contentType: ATTACHMENT_TYPES[f.kind], data: f.data, inline: f.kind === 'jpg' || f.kind === 'png' || f.kind === 'pdf' };
}

// ——— the disclosure calendar (公开计划) and its board ———

/** Who a plan asks: village and community organizations (the top grassroots organization of each). */
const TARGET = sql<boolean>`o.level = 'grassroots' and o.status = 'active' and o.sector in ('rural', 'community')
  and not exists (select 1 from orgs p where p.id = o.parent_id and p.level = 'grassroots')`;

export async function createPlan(db: Kysely<DB>, actor: Actor, input: PlanCreateInput, now: Date): Promise<{ id: string }> {
  const org = await db.selectFrom('orgs').select(['id', 'path', 'level']).where('id', '=', input.orgId).executeTakeFirst();
  if (!org) throw validationFailed([{ field: 'orgId', message: '所选组织不存在或已被删除，请重新选择' }]);
  authorize(actor, 'disclosure.plan', org.path);
  if (org.level === 'grassroots') throw validationFailed([{ field: 'orgId', message: '公开计划由上级党组织为所属基层党组织制定，请选择县（市、区）、乡镇（街道）或更高一级' }]);
  return inTrx(db, async (trx) => {
    const exists = await trx.selectFrom('disclosure_plans').select('id').where('org_id', '=', org.id).where('kind', '=', input.kind).where('period', '=', input.period).executeTakeFirst();
    if (exists) throw conflict('disclosure.plan_exists', `本组织已制定${periodLabel(input.period)}的该类公开计划，请勿重复制定`);
    const row = await trx.insertInto('disclosure_plans').values({ org_id: org.id, kind: input.kind, period: input.period, due_on: input.dueOn, created_by: actor.accountId, created_at: now })
      .returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'disclosure.plan.create', entityType: 'disclosure_plan', entityId: row.id, orgPath: org.path, ip: actor.ip,
      after: { kind: input.kind, period: input.period, dueOn: input.dueOn },
    }, now);
    return { id: row.id };
  });
}

export async function deletePlan(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<void> {
  await inTrx(db, async (trx) => {
    const p = await trx.selectFrom('disclosure_plans as p').innerJoin('orgs as o', 'o.id', 'p.org_id').select(['p.id', 'p.kind', 'p.period', 'p.due_on', 'o.path']).where('p.id', '=', id).forUpdate('p').executeTakeFirst();
    if (!p) throw notFound('公开计划');
    authorize(actor, 'disclosure.plan', p.path);
    await trx.deleteFrom('disclosure_plans').where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'disclosure.plan.delete', entityType: 'disclosure_plan', entityId: id, orgPath: p.path, ip: actor.ip,
      before: { kind: p.kind, period: p.period, dueOn: p.due_on },
    }, now);
  });
}

type Status = 'on_time' | 'late' | 'missing' | 'pending';
interface Counts { total: number; onTime: number; late: number; missing: number; pending: number }
const zero = (): Counts => ({ total: 0, onTime: 0, late: 0, missing: 0, pending: 0 });
const KEY: Record<Status, keyof Counts> = { on_time: 'onTime', late: 'late', missing: 'missing', pending: 'pending' };

/** Every target organization under `path` with its status for the plan (published on time, late, missing, not yet due). */
async function statuses(db: Kysely<DB>, plan: { kind: string; period: string; due_on: string }, path: string, today: string) {
  const { rows } = await sql<{ id: string; path: string; first_at: Date | null; item_id: string | null }>`
    select o.id, o.path, f.first_at, f.item_id
    from orgs o
    left join lateral (
      select i.first_published_at as first_at, i.id as item_id from disclosure_items i
      where i.org_id = o.id and i.kind = ${plan.kind} and i.period = ${plan.period} and i.state = 'published'
      order by i.first_published_at limit 1
    ) f on true
    where o.path like ${`${escapeLike(path)}%`} and ${TARGET}`.execute(db);
  return rows.map((r) => {
    const day = r.first_at ? chinaToday(new Date(r.first_at)) : null;
    const status: Status = day ? (day <= plan.due_on ? 'on_time' : 'late') : today > plan.due_on ? 'missing' : 'pending';
    return { id: r.id, path: r.path, status, publishedAt: iso(r.first_at), itemId: r.item_id };
  });
}

function add(c: Counts, s: Status) {
  c.total++;
  c[KEY[s]]++;
}

/** The plans an actor sees: those set in its scope and those set above that ask its organizations. */
export async function listPlans(db: Kysely<DB>, actor: Actor, orgId: string | undefined, now: Date) {
  const scope = scopePaths(actor, 'disclosure.read');
  let under: string | null = null;
  if (orgId) {
    const org = await db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst();
    if (!org) throw notFound('组织');
    authorize(actor, 'disclosure.read', org.path);
    under = org.path;
  }
  const rows = await db.selectFrom('disclosure_plans as p').innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.kind', 'p.period', 'p.due_on', 'o.id as org_id', 'o.name as org_name', 'o.path'])
    .where((eb) => eb.or(scope.flatMap((s) => [eb('o.path', 'like', `${escapeLike(s)}%`), eb(sql.val(s), 'like', sql<string>`o.path || '%'`)])))
    .$if(!!under, (qb) => qb.where((eb) => eb.or([eb('o.path', 'like', `${escapeLike(under!)}%`), eb(sql.val(under!), 'like', sql<string>`o.path || '%'`)])))
    .orderBy('p.due_on', 'desc').orderBy('p.id', 'desc').limit(200).execute();
  const today = chinaToday(now);
  const items = [];
  for (const p of rows) {
    // Counted over the part of the plan's subtree the actor sees.
    const base = scope.filter((s) => s.startsWith(p.path)).concat(scope.some((s) => p.path.startsWith(s)) ? [p.path] : []);
    const counts = zero();
    for (const b of base.filter((x, i, a) => !a.some((y, j) => j !== i && x.startsWith(y) && x !== y))) for (const s of await statuses(db, p, b, today)) add(counts, s.status);
    items.push({ id: p.id, orgId: p.org_id, orgName: p.org_name, kind: p.kind, period: p.period, periodLabel: periodLabel(p.period), dueOn: p.due_on, counts });
  }
  return { items };
}

/**
 * The completeness board of a plan, one level at a time: each organization directly below `parentId` (default: the
 * plan's own organization, or the actor's own where the plan was set above it) with the counts of its target
 * organizations; a target organization's row carries its own status. The rows' counts add up to the totals.
 */
/**
 * A plan and the level of its board the actor asks for: `parentId` (default: the plan's organization, or the actor's
 * own where the plan was set above it), which must be in the plan's subtree and the actor's scope.
 */
async function boardLevel(db: Kysely<DB>, actor: Actor, planId: string, parentId: string | undefined) {
  const p = await db.selectFrom('disclosure_plans as p').innerJoin('orgs as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.kind', 'p.period', 'p.due_on', 'o.id as org_id', 'o.name as org_name', 'o.path']).where('p.id', '=', planId).executeTakeFirst();
  if (!p) throw notFound('公开计划');
  const scope = scopePaths(actor, 'disclosure.read');
  const own = scope.find((s) => p.path.startsWith(s)) ? p.path : scope.find((s) => s.startsWith(p.path));
  if (!own) throw forbidden('forbidden.scope', '该数据不在您的管辖范围内，无权访问');
  const parent = await db.selectFrom('orgs').select(['id', 'name', 'path', 'parent_id']).where('id', '=', parentId ?? own.split('/').filter(Boolean).pop()!).executeTakeFirst();
  if (!parent) throw notFound('组织');
  if (!parent.path.startsWith(p.path) || !can(actor, 'disclosure.read', parent.path)) throw forbidden('forbidden.scope', '该组织不在本计划或您的管辖范围内');
  return { p, own, parent };
}

const STATUS_ORDER: Record<Status, number> = { missing: 0, late: 1, pending: 2, on_time: 3 };
export const STATUS_LABELS: Record<Status, string> = { on_time: '按时公开', late: '逾期公开', missing: '未公开', pending: '未到期' };

/**
 * Every target organization of a plan under a level of its board (boardLevel's rules), for the spreadsheet: who is
 * missing and who is late first, then not yet due, then on time; each with the names of the organizations between the
 * level and it, and the days past the due date (late: when it was published; missing: until today).
 */
export async function boardTargets(db: Kysely<DB>, actor: Actor, planId: string, parentId: string | undefined, now: Date) {
  const { p, parent } = await boardLevel(db, actor, planId, parentId);
  const today = chinaToday(now);
  const all = await statuses(db, p, parent.path, today);
  const names = await namesOf(db, all.map((s) => s.path));
  const daysAfter = (day: string) => Math.round((Date.parse(day) - Date.parse(p.due_on)) / 86_400_000);
  const rows = all.map((s) => {
    const ids = s.path.split('/').filter(Boolean);
    const between = ids.slice(ids.indexOf(parent.id) + 1, -1).map((x) => names.get(x)?.name ?? '');
    const overdue = s.status === 'late' ? daysAfter(chinaToday(new Date(s.publishedAt!))) : s.status === 'missing' ? daysAfter(today) : null;
    return { ...s, name: names.get(s.id)?.name ?? '', within: between.join(' / '), overdueDays: overdue };
  }).sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.within.localeCompare(b.within, 'zh') || a.path.localeCompare(b.path));
  return { plan: { ...p, periodLabel: periodLabel(p.period) }, parent, today, rows };
}

export async function board(db: Kysely<DB>, actor: Actor, planId: string, parentId: string | undefined, now: Date) {
  const { p, own, parent } = await boardLevel(db, actor, planId, parentId);
  const today = chinaToday(now);
  const all = await statuses(db, p, parent.path, today);
  const children = await db.selectFrom('orgs as o').select(['o.id', 'o.name', 'o.level', 'o.path'])
    .select((eb) => eb.exists(eb.selectFrom('orgs as c').select('c.id').where('c.parent_id', '=', eb.ref('o.id'))).as('has_children'))
    .where('o.parent_id', '=', parent.id).where('o.status', '=', 'active').orderBy('o.sort_order').orderBy('o.id').execute();
  const totals = zero();
  const rows = [];
  for (const c of children) {
    const inside = all.filter((s) => s.path.startsWith(c.path));
    if (!inside.length) continue;
    const counts = zero();
    for (const s of inside) add(counts, s.status);
    for (const s of inside) add(totals, s.status);
    const self = inside.find((s) => s.id === c.id);
    rows.push({ orgId: c.id, name: c.name, level: c.level, hasChildren: !self && Boolean(c.has_children), status: self?.status ?? null, publishedAt: self?.publishedAt ?? null, itemId: self?.itemId ?? null, counts });
  }
  const planCounts = zero();
  for (const s of all) add(planCounts, s.status);
  return {
    plan: { id: p.id, orgId: p.org_id, orgName: p.org_name, kind: p.kind, period: p.period, periodLabel: periodLabel(p.period), dueOn: p.due_on, counts: planCounts },
    parent: { id: parent.id, name: parent.name, parentId: parent.path === own ? null : parent.parent_id },
    today, totals, rows,
  };
}

// ——— public ———

const PUBLIC_COLS = ['i.id', 'i.kind', 'i.period', 'i.title', 'i.version', 'i.published_at', 'i.body_html', 'i.fingerprint', 'i.finance', ...ORG_COLS] as const;

export async function publicList(db: Kysely<DB>, q: { orgId?: string; kind?: DisclosureKind; period?: string; q?: string; cursor?: string; limit?: number }) {
  let under: string | null = null;
  if (q.orgId) {
    const org = await db.selectFrom('orgs').select('path').where('id', '=', q.orgId).executeTakeFirst();
    if (!org) throw notFound('组织');
    under = org.path;
  }
  const terms = q.q ? queryTerms(q.q) : [];
  const limit = q.limit ?? 20;
  const rows = await db.selectFrom('disclosure_items as i').innerJoin('orgs as o', 'o.id', 'i.org_id').select(PUBLIC_COLS)
    .where('i.state', '=', 'published')
    .$if(!!under, (qb) => qb.where('o.path', 'like', `${escapeLike(under!)}%`))
    .$if(!!q.kind, (qb) => qb.where('i.kind', '=', q.kind!))
    .$if(!!q.period, (qb) => qb.where('i.period', '=', q.period!))
    .$if(terms.length > 0, (qb) => qb.where(sql<boolean>`i.search_terms @> ${sql.val(terms)}::text[]`))
    .$if(!!q.cursor, (qb) => qb.where('i.id', '<', q.cursor!))
    .orderBy('i.id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const names = await namesOf(db, page.map((r) => r.org_path));
  return {
    items: page.map((r) => {
      const plain = richTextToPlain(r.body_html).replace(/\s+/g, ' ');
      return {
        id: r.id, orgId: r.org_id, orgName: r.org_name, placeName: placeName(r.org_path, names), kind: r.kind, period: r.period, periodLabel: periodLabel(r.period),
        title: r.title, version: r.version, publishedAt: iso(r.published_at)!, excerpt: plain.length > 80 ? `${plain.slice(0, 80)}…` : plain,
      };
    }),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** A published item as the public reads it: the latest version, or an earlier one (历史版本) when `version` is given. */
export async function publicItem(db: Kysely<DB>, id: string, version?: number) {
  const it = await db.selectFrom('disclosure_items as i').innerJoin('orgs as o', 'o.id', 'i.org_id').select(PUBLIC_COLS).where('i.id', '=', id).where('i.state', '=', 'published').executeTakeFirst();
  if (!it) throw notFound('公开事项');
  const v = await db.selectFrom('disclosure_versions').selectAll().where('item_id', '=', id).where('version', '=', version ?? it.version).executeTakeFirst();
  if (!v) throw notFound('该版本');
  const names = await namesOf(db, [it.org_path]);
  return {
    id: it.id, orgId: it.org_id, orgName: it.org_name, placeName: placeName(it.org_path, names), kind: it.kind, period: it.period, periodLabel: periodLabel(it.period),
    title: v.title, bodyHtml: v.body_html, finance: (v.finance as FinanceT | null) ?? null, version: v.version, fingerprint: v.fingerprint, publishedAt: iso(v.published_at)!,
    current: v.version === it.version, latestVersion: it.version,
    attachments: (await attachmentsOf(db, id, v.version)).map(({ firstVersion: _, ...a }) => a), versions: await versionsOf(db, id),
  };
}

/** One level of the organization tree for browsing by region: the children that have published items below them. */
export async function publicOrgs(db: Kysely<DB>, parentId: string | undefined) {
  const parent = parentId
    ? await db.selectFrom('orgs').select(['id', 'name', 'parent_id', 'path']).where('id', '=', parentId).executeTakeFirst()
    : await db.selectFrom('orgs').select(['id', 'name', 'parent_id', 'path']).where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
  if (!parent) throw notFound('组织');
  const { rows } = await sql<{ id: string; name: string; level: string; published: number; has_children: boolean }>`
    select o.id, o.name, o.level, count(i.id)::int as published, bool_or(x.id <> o.id) as has_children
    from orgs o
    join orgs x on x.path like o.path || '%'
    join disclosure_items i on i.org_id = x.id and i.state = 'published'
    where o.parent_id = ${parent.id}
    group by o.id, o.name, o.level, o.sort_order
    order by o.sort_order, o.id`.execute(db);
  return {
    parent: { id: parent.id, name: parent.name, parentId: parent.parent_id },
    items: rows.map((r) => ({ id: r.id, name: r.name, level: r.level, published: r.published, hasChildren: r.has_children })),
  };
}

/** The TV page of an organization: its published items, the newest period first, each kind together. */
export async function tvView(db: Kysely<DB>, orgId: string) {
  const org = await db.selectFrom('orgs').select(['id', 'name', 'path']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw notFound('组织');
  const rows = await db.selectFrom('disclosure_items as i').innerJoin('orgs as o', 'o.id', 'i.org_id').select(PUBLIC_COLS)
    .where('i.org_id', '=', orgId).where('i.state', '=', 'published').orderBy('i.period', 'desc').orderBy('i.kind').orderBy('i.id', 'desc').limit(30).execute();
  const names = await namesOf(db, [org.path]);
  return {
    orgId: org.id, orgName: org.name, placeName: placeName(org.path, names),
    items: rows.map((r) => ({
      id: r.id, kind: r.kind, periodLabel: periodLabel(r.period), title: r.title, bodyHtml: r.body_html, finance: (r.finance as FinanceT | null) ?? null,
      version: r.version, fingerprint: r.fingerprint!, publishedAt: iso(r.published_at)!,
    })),
  };
}
