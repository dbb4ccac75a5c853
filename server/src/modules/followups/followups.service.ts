/**
 * 跟踪督办, what the console's routes call beyond the state machine of followups.commands.ts: the list and its filters,
 * the item page (hops, notes, attachments, watchers, escalations as one timeline), notes, the assignee, watching,
 * attachments and the progress table per organization. Tables written here: followup_notes, followup_watchers,
 * followup_attachments and followup_items.assignee_id — nobody else writes them.
 *
 * Scope: reading needs `followup.read` over the item's owner organization, writing `followup.write` (as in the
 * commands); lists filter by the caller's subtrees in SQL. Watching is open to every reader (it changes nothing of
 * the item). Every write is audited in its transaction under the owner's path.
 */
import { createHash } from 'node:crypto';
import { sql, type Expression, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, can, escapeLike, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { checkUpload } from '../../platform/upload-check.js';
import { chinaToday } from '../../platform/china-time.js';
import { conflict, notFound, validationFailed } from '../../platform/errors.js';
import type { Lang } from '../../platform/language.js';
import { permissionsOfRole, ROLE_NAMES } from '../../platform/roles.js';
import { workingDaysBetween } from '../calendar/calendar.days.js';
import { loadExceptions } from '../calendar/calendar.service.js';
import { lockOpen } from './followups.commands.js';
import { registeredSources, sourceLabel, sourceLinkOf } from './followups.sources.js';
import type { FollowupDetailT, FollowupListQueryT, FollowupRowT } from './followups.schema.js';
import { iso } from '../../platform/schemas.js';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;
export type AttachmentKind = 'pdf' | 'jpg' | 'png' | 'docx' | 'xlsx';
const ATTACHMENT_KINDS: readonly AttachmentKind[] = ['pdf', 'jpg', 'png', 'docx', 'xlsx'];
export const ATTACHMENT_TYPES: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};


// ——— the list ———

interface ListRow {
  id: string; title: string; source: string; owner_org_id: string; owner_name: string; assignee_id: string | null; assignee_name: string | null;
  due_on: string; state: 'open' | 'resolved' | 'explained'; escalated_level: number; escalated_org_name: string | null; created_at: Date; closed_at: Date | null;
}

/** Working days left until the due date (negative: overdue), for open items; null once closed. */
function daysLeft(state: string, dueOn: string, today: string, days: Parameters<typeof workingDaysBetween>[2]): number | null {
  if (state !== 'open') return null;
  return dueOn >= today ? workingDaysBetween(today, dueOn, days) : -workingDaysBetween(dueOn, today, days);
}

function presentRow(r: ListRow, today: string, days: Parameters<typeof workingDaysBetween>[2], lang: Lang): FollowupRowT {
  return {
    id: r.id, title: r.title, source: r.source, sourceLabel: sourceLabel(r.source)[lang], ownerOrgId: r.owner_org_id, ownerOrgName: r.owner_name,
    assigneeId: r.assignee_id, assigneeName: r.assignee_name, dueOn: r.due_on, workingDaysLeft: daysLeft(r.state, r.due_on, today, days),
    overdue: r.state === 'open' && r.due_on < today, state: r.state, escalatedLevel: r.escalated_level, escalatedOrgName: r.escalated_org_name,
    createdAt: r.created_at.toISOString(), closedAt: iso(r.closed_at),
  };
}

/** The owner path predicate: within `paths` (the caller's scope, or one subtree of it). */
const within = (paths: string[]) => sql<SqlBool>`(${sql.join(paths.map((p) => sql`o.path like ${escapeLike(p) + '%'}`), sql` or `)})`;

/** The subtrees a filter covers: the caller's scope, or `orgId`'s subtree (403 outside it, 404 unknown). */
async function filterPaths(ctx: AppContext, actor: Actor, orgId: string | undefined): Promise<string[]> {
  if (!orgId) return scopePaths(actor, 'followup.read');
  const org = await ctx.db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst();
  if (!org) throw notFound('组织');
  authorize(actor, 'followup.read', org.path);
  return [org.path];
}

export type ListFilter = Omit<FollowupListQueryT, 'cursor' | 'limit'>;

/** The query of a filtered list (newest first, keyset on id), shared by the list and its export. */
export async function listQuery(ctx: AppContext, actor: Actor, q: ListFilter) {
  const paths = await filterPaths(ctx, actor, q.orgId);
  const today = chinaToday(ctx.now());
  const words = q.q?.trim();
  const conds = (cursor: string | undefined): Expression<SqlBool>[] => {
    const c: Expression<SqlBool>[] = [within(paths)];
    if (q.state) c.push(sql<SqlBool>`i.state = ${q.state}`);
    if (q.overdue === true) c.push(sql<SqlBool>`i.state = 'open' and i.due_on < ${today}::date`);
    if (q.overdue === false) c.push(sql<SqlBool>`not (i.state = 'open' and i.due_on < ${today}::date)`);
    if (q.escalated === true) c.push(sql<SqlBool>`i.escalated_level > 0`);
    if (q.escalated === false) c.push(sql<SqlBool>`i.escalated_level = 0`);
    if (q.source) c.push(sql<SqlBool>`i.source = ${q.source}`);
    if (q.assignee === 'me') c.push(sql<SqlBool>`i.assignee_id = ${actor.accountId}`);
    if (q.watching === 'me') c.push(sql<SqlBool>`exists (select 1 from followup_watchers w where w.item_id = i.id and w.account_id = ${actor.accountId})`);
    if (words) c.push(sql<SqlBool>`i.title like ${'%' + escapeLike(words) + '%'}`);
    if (cursor) c.push(sql<SqlBool>`i.id < ${cursor}`);
    return c;
  };
  return {
    today, paths,
    page: async (cursor: string | undefined, limit: number): Promise<ListRow[]> => {
      if (!paths.length) return [];
      return ctx.db.selectFrom('followup_items as i').innerJoin('orgs as o', 'o.id', 'i.owner_org_id')
        .leftJoin('accounts as a', 'a.id', 'i.assignee_id').leftJoin('orgs as e', 'e.id', 'i.escalated_org_id')
        .select(['i.id', 'i.title', 'i.source', 'i.owner_org_id', 'o.name as owner_name', 'i.assignee_id', 'a.display_name as assignee_name', 'i.due_on', 'i.state',
          'i.escalated_level', 'e.name as escalated_org_name', 'i.created_at', 'i.closed_at'])
        .where((eb) => eb.and(conds(cursor))).orderBy('i.id', 'desc').limit(limit).execute() as Promise<ListRow[]>;
    },
    count: async (): Promise<number> => {
      if (!paths.length) return 0;
      const r = await ctx.db.selectFrom('followup_items as i').innerJoin('orgs as o', 'o.id', 'i.owner_org_id')
        .select((eb) => eb.fn.countAll<string>().as('n')).where((eb) => eb.and(conds(undefined))).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    present: async (rows: ListRow[], lang: Lang) => {
      const { days } = await loadExceptions(ctx);
      return rows.map((r) => presentRow(r, today, days, lang));
    },
  };
}

export async function listItems(ctx: AppContext, actor: Actor, q: FollowupListQueryT, lang: Lang) {
  const limit = q.limit ?? 20;
  const { page, present } = await listQuery(ctx, actor, q);
  const rows = await page(q.cursor, limit + 1);
  const items = await present(rows.slice(0, limit), lang);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

export const listSources = (lang: Lang) => ({ items: registeredSources().map((s) => ({ source: s.source, label: s.label[lang] })) });

// ——— the item page ———

async function loadReadable(ctx: AppContext, actor: Actor, id: string) {
  const r = await ctx.db.selectFrom('followup_items as i').innerJoin('orgs as o', 'o.id', 'i.owner_org_id')
    .leftJoin('orgs as p', 'p.id', 'o.parent_id').leftJoin('accounts as a', 'a.id', 'i.assignee_id').leftJoin('orgs as e', 'e.id', 'i.escalated_org_id')
    .leftJoin('accounts as cb', 'cb.id', 'i.created_by').leftJoin('accounts as xb', 'xb.id', 'i.closed_by')
    .select(['i.id', 'i.title', 'i.source', 'i.source_id', 'i.owner_org_id', 'o.name as owner_name', 'o.path as owner_path', 'p.id as parent_id', 'p.name as parent_name',
      'i.assignee_id', 'a.display_name as assignee_name', 'i.due_on', 'i.state', 'i.escalated_level', 'e.name as escalated_org_name', 'i.created_at', 'i.closed_at',
      'i.closing_note', 'cb.display_name as created_by_name', 'xb.display_name as closed_by_name'])
    .where('i.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('跟踪督办事项');
  authorize(actor, 'followup.read', r.owner_path);
  return r;
}

/** The item page: the row, its hops, notes, attachments, watchers and escalations, and all of them as one timeline. */
export async function itemDetail(ctx: AppContext, actor: Actor, id: string, lang: Lang): Promise<FollowupDetailT> {
  const r = await loadReadable(ctx, actor, id);
  const today = chinaToday(ctx.now());
  const { days } = await loadExceptions(ctx);
  const [hops, notes, attachments, watchers, escalations] = await Promise.all([
    ctx.db.selectFrom('followup_hops as h').innerJoin('orgs as f', 'f.id', 'h.from_org_id').innerJoin('orgs as t', 't.id', 'h.to_org_id').leftJoin('accounts as a', 'a.id', 'h.by_id')
      .select(['h.direction', 'h.from_org_id', 'f.name as from_name', 'h.to_org_id', 't.name as to_name', 'h.reason', 'a.display_name as by_name', 'h.at', 'h.due_on'])
      .where('h.item_id', '=', id).orderBy('h.id').execute(),
    ctx.db.selectFrom('followup_notes as n').innerJoin('accounts as a', 'a.id', 'n.by_id').select(['n.id', 'n.text', 'n.by_id', 'a.display_name as by_name', 'n.at'])
      .where('n.item_id', '=', id).orderBy('n.id').execute(),
    ctx.db.selectFrom('followup_attachments as f').innerJoin('accounts as a', 'a.id', 'f.uploaded_by')
      .select(['f.id', 'f.file_name', 'f.kind', 'f.size_bytes', 'f.uploaded_by', 'a.display_name as by_name', 'f.uploaded_at'])
      .where('f.item_id', '=', id).orderBy('f.id').execute(),
    ctx.db.selectFrom('followup_watchers as w').innerJoin('accounts as a', 'a.id', 'w.account_id').select(['w.account_id', 'a.display_name as name', 'w.since'])
      .where('w.item_id', '=', id).orderBy('w.since').execute(),
    ctx.db.selectFrom('followup_escalations as x').innerJoin('orgs as t', 't.id', 'x.to_org_id').innerJoin('orgs as o', 'o.id', 'x.owner_org_id')
      .select(['x.level', 'x.to_org_id', 't.name as to_name', 'o.name as owner_name', 'x.on_date', 'x.working_days_overdue', 'x.at'])
      .where('x.item_id', '=', id).orderBy('x.level').execute(),
  ]);
  const open = r.state === 'open';
  type Event = FollowupDetailT['timeline'][number];
  const ev = (kind: Event['kind'], at: Date, o: Partial<Event> = {}): Event => ({ kind, at: at.toISOString(), byName: null, text: null, fromOrgName: null, toOrgName: null, dueOn: null, ...o });
  const timeline: Event[] = [
    ev('open', r.created_at, { byName: r.created_by_name, toOrgName: hops[0]?.from_name ?? r.owner_name }),
    ...hops.map((h) => ev(h.direction, h.at, { byName: h.by_name, text: h.reason, fromOrgName: h.from_name, toOrgName: h.to_name, dueOn: h.due_on })),
    ...notes.map((n) => ev('note', n.at, { byName: n.by_name, text: n.text })),
    ...attachments.map((f) => ev('attachment', f.uploaded_at, { byName: f.by_name, text: f.file_name })),
    ...escalations.map((x) => ev('escalate', x.at, { fromOrgName: x.owner_name, toOrgName: x.to_name, text: `逾期${x.working_days_overdue}个工作日` })),
    ...(r.closed_at ? [ev('close', r.closed_at, { byName: r.closed_by_name, text: r.closing_note })] : []),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return {
    ...presentRow(r as ListRow, today, days, lang),
    sourceId: r.source_id,
    sourceLink: sourceLinkOf({ id: r.id, source: r.source, sourceId: r.source_id }),
    ownerParent: r.parent_id ? { id: r.parent_id, name: r.parent_name! } : null,
    createdByName: r.created_by_name, closingNote: r.closing_note, closedByName: r.closed_by_name,
    hops: hops.map((h) => ({ direction: h.direction, fromOrgId: h.from_org_id, fromOrgName: h.from_name, toOrgId: h.to_org_id, toOrgName: h.to_name, reason: h.reason, byName: h.by_name, at: h.at.toISOString(), dueOn: h.due_on })),
    notes: notes.map((n) => ({ id: n.id, text: n.text, byId: n.by_id, byName: n.by_name, at: n.at.toISOString() })),
    attachments: attachments.map((f) => ({
      id: f.id, fileName: f.file_name, kind: f.kind, sizeBytes: f.size_bytes, uploadedById: f.uploaded_by, uploadedByName: f.by_name, uploadedAt: f.uploaded_at.toISOString(),
      deletable: open && f.uploaded_by === actor.accountId && can(actor, 'followup.write', r.owner_path),
    })),
    watchers: watchers.map((w) => ({ accountId: w.account_id, name: w.name, since: w.since.toISOString() })),
    watching: watchers.some((w) => w.account_id === actor.accountId),
    escalations: escalations.map((x) => ({ level: x.level, toOrgId: x.to_org_id, toOrgName: x.to_name, ownerOrgName: x.owner_name, onDate: x.on_date, workingDaysOverdue: x.working_days_overdue, at: x.at.toISOString() })),
    timeline,
    canWrite: open && can(actor, 'followup.write', r.owner_path),
  };
}

// ——— notes and the assignee ———

/** Adds a note (≤2000 characters) to an open item; followup.write over the owner; audited followup.note. */
export async function addNote(ctx: AppContext, actor: Actor, id: string, input: { text: string }): Promise<void> {
  const text = input.text.trim();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const item = await lockOpen(trx, actor, id);
    if (!text) throw validationFailed([{ field: 'text', message: '请填写备注内容' }]);
    if ([...text].length > 2000) throw validationFailed([{ field: 'text', message: '备注不能超过2000个字' }]);
    const note = await trx.insertInto('followup_notes').values({ item_id: id, text, by_id: actor.accountId, at: now }).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('followup_items').set({ updated_at: now }).where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'followup.note', entityType: 'followup_item', entityId: id,
      orgPath: item.owner_path, ip: actor.ip, after: { noteId: note.id, text },
    }, now);
  });
}

/** Accounts that hold followup.write at the owner or above it (the people an item may be assigned to). */
async function assignable(db: AppContext['db'] | Transaction<DB>, ownerPath: string) {
  const roles = ROLE_NAMES.filter((r) => permissionsOfRole(r).includes('followup.write'));
  if (!roles.length) return [];
  const rows = await db.selectFrom('role_grants as g').innerJoin('accounts as a', 'a.id', 'g.account_id').innerJoin('orgs as o', 'o.id', 'g.org_id')
    .select(['a.id', 'a.display_name', 'o.name as org_name', 'o.path'])
    .where('g.role', 'in', roles).where(sql<SqlBool>`${ownerPath} like o.path || '%'`).where('a.status', '=', 'active')
    .orderBy(sql`length(o.path)`, 'desc').orderBy('a.id').execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map((r) => ({ accountId: r.id, name: r.display_name, orgName: r.org_name }));
}

/** Who an item may be assigned to (nearest organization first); followup.write over the owner. */
export async function assigneeOptions(ctx: AppContext, actor: Actor, id: string) {
  const r = await loadReadable(ctx, actor, id);
  authorize(actor, 'followup.write', r.owner_path);
  return { items: await assignable(ctx.db, r.owner_path) };
}

/**
 * Assigns an open item to an account whose followup.write grant covers the owner (or clears it with null); audited
 * followup.assign. A pass clears the assignee (followups.commands.ts).
 */
export async function assignItem(ctx: AppContext, actor: Actor, id: string, input: { accountId: string | null }): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const item = await lockOpen(trx, actor, id);
    const before = await trx.selectFrom('followup_items').select('assignee_id').where('id', '=', id).executeTakeFirstOrThrow();
    if (input.accountId !== null && !(await assignable(trx, item.owner_path)).some((a) => a.accountId === input.accountId)) {
      throw validationFailed([{ field: 'accountId', message: `只能指派给对“${item.owner_name}”有督办办理权限的工作人员` }]);
    }
    if (before.assignee_id === input.accountId) return;
    await trx.updateTable('followup_items').set({ assignee_id: input.accountId, updated_at: now }).where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'followup.assign', entityType: 'followup_item', entityId: id,
      orgPath: item.owner_path, ip: actor.ip, before: { assigneeId: before.assignee_id }, after: { assigneeId: input.accountId },
    }, now);
  });
}

// ——— watching ———

/** Watches (on) or stops watching an item the caller may read; audited followup.watch / followup.unwatch when it changes. */
export async function setWatching(ctx: AppContext, actor: Actor, id: string, on: boolean): Promise<void> {
  const r = await loadReadable(ctx, actor, id);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const changed = on
      ? (await trx.insertInto('followup_watchers').values({ item_id: id, account_id: actor.accountId, since: now }).onConflict((oc) => oc.doNothing()).returning('item_id').execute()).length
      : (await trx.deleteFrom('followup_watchers').where('item_id', '=', id).where('account_id', '=', actor.accountId).returning('item_id').execute()).length;
    if (!changed) return;
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: on ? 'followup.watch' : 'followup.unwatch', entityType: 'followup_item', entityId: id,
      orgPath: r.owner_path, ip: actor.ip,
    }, now);
  });
}

// ——— attachments ———

/** Uploads a file to an open item: ≤10 MB, ≤10 an item, PDF/JPG/PNG/DOCX/XLSX by content, its extension agreeing; followup.write; audited followup.attach. */
export async function addAttachment(ctx: AppContext, actor: Actor, id: string, fileName: string, body: unknown) {
  const name = fileName.trim().replace(/^.*[\\/]/, '');
  const buf = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const item = await lockOpen(trx, actor, id);
    // By content (platform/upload-check.ts): an allowed kind, at most 10 MB, and no extension of another kind.
    const kind = checkUpload(buf, name, { allow: ATTACHMENT_KINDS, maxBytes: MAX_ATTACHMENT_BYTES }).kind as AttachmentKind;
    if (!name) throw validationFailed([{ field: 'fileName', message: '请填写文件名' }]);
    const count = await trx.selectFrom('followup_attachments').select((eb) => eb.fn.countAll<string>().as('n')).where('item_id', '=', id).executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_ATTACHMENTS) throw conflict('followup.attachments_full', `每个事项最多上传${MAX_ATTACHMENTS}个附件，请先删除不需要的附件`);
    const sha256 = createHash('sha256').update(buf).digest('hex');
    const row = await trx.insertInto('followup_attachments').values({
      item_id: id, file_name: name, kind, size_bytes: buf.length, sha256, data: buf, uploaded_by: actor.accountId, uploaded_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('followup_items').set({ updated_at: now }).where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'followup.attach', entityType: 'followup_item', entityId: id,
      orgPath: item.owner_path, ip: actor.ip, after: { attachmentId: row.id, fileName: name, kind, sizeBytes: buf.length, sha256 },
    }, now);
    return { id: row.id, fileName: name, kind, sizeBytes: buf.length };
  });
}

/** The file, for a reader of the item (a GET: nothing is written, not even an audit row). */
export async function readAttachment(ctx: AppContext, actor: Actor, id: string, attachmentId: string) {
  await loadReadable(ctx, actor, id);
  const f = await ctx.db.selectFrom('followup_attachments').select(['file_name', 'kind', 'data']).where('id', '=', attachmentId).where('item_id', '=', id).executeTakeFirst();
  if (!f) throw notFound('附件');
  return { fileName: f.file_name, contentType: ATTACHMENT_TYPES[f.kind], data: f.data };
}

/** Deletes an attachment: only its uploader, only while the item is open; audited followup.attachment.delete. */
export async function deleteAttachment(ctx: AppContext, actor: Actor, id: string, attachmentId: string): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const item = await lockOpen(trx, actor, id);
    const f = await trx.selectFrom('followup_attachments').select(['id', 'file_name', 'uploaded_by', 'sha256']).where('id', '=', attachmentId).where('item_id', '=', id).executeTakeFirst();
    if (!f) throw notFound('附件');
    if (f.uploaded_by !== actor.accountId) throw conflict('followup.attachment_owner', '只有上传人可以删除该附件');
    await trx.deleteFrom('followup_attachments').where('id', '=', f.id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'followup.attachment.delete', entityType: 'followup_item', entityId: id,
      orgPath: item.owner_path, ip: actor.ip, before: { attachmentId: f.id, fileName: f.file_name, sha256: f.sha256 },
    }, now);
  });
}

// ——— progress per organization ———

type Counts = { total: number; open: number; resolved: number; explained: number; overdue: number; escalated: number };
const zero = (): Counts => ({ total: 0, open: 0, resolved: 0, explained: 0, overdue: 0, escalated: 0 });

/**
 * 办理进度: for each direct child of `parentId` (default: the top of the caller's followup.read scope), the items owned
 * in its whole subtree by state, with overdue (open, due before today in China) and escalated (open, 已升级督办);
 * the parent's own items as a line of their own (本级); totals over all. The lines add up to the totals.
 */
export async function progress(ctx: AppContext, actor: Actor, parentId: string | undefined) {
  const scope = scopePaths(actor, 'followup.read');
  const top = scope[0];
  if (!top) throw notFound('组织');
  const parent = await ctx.db.selectFrom('orgs').select(['id', 'name', 'path', 'parent_id'])
    .where(parentId ? sql<SqlBool>`id = ${parentId}` : sql<SqlBool>`path = ${top}`).executeTakeFirst();
  if (!parent) throw notFound('组织');
  authorize(actor, 'followup.read', parent.path);
  const today = chinaToday(ctx.now());
  const { rows } = await sql<{ child: string; state: string; overdue: boolean; escalated: boolean; n: string }>`
    select split_part(substr(o.path, length(${parent.path}) + 1), '/', 1) as child, i.state,
      (i.state = 'open' and i.due_on < ${today}::date) as overdue, (i.state = 'open' and i.escalated_level > 0) as escalated, count(*) as n
    from followup_items i join orgs o on o.id = i.owner_org_id
    where o.path like ${escapeLike(parent.path) + '%'}
    group by 1, 2, 3, 4`.execute(ctx.db);
  const add = (c: Counts, r: (typeof rows)[number]) => {
    const n = Number(r.n);
    c.total += n;
    c[r.state as 'open' | 'resolved' | 'explained'] += n;
    if (r.overdue) c.overdue += n;
    if (r.escalated) c.escalated += n;
    return c;
  };
  const byChild = new Map<string, Counts>();
  const totals = zero();
  for (const r of rows) {
    byChild.set(r.child, add(byChild.get(r.child) ?? zero(), r));
    add(totals, r);
  }
  const kids = await ctx.db.selectFrom('orgs as c').select(['c.id', 'c.name', 'c.sort_order'])
    .select((eb) => eb.exists(eb.selectFrom('orgs as g').select('g.id').whereRef('g.parent_id', '=', 'c.id')).as('has_children'))
    .where('c.parent_id', '=', parent.id).where((eb) => eb.or([eb('c.status', '=', 'active'), eb('c.id', 'in', [...byChild.keys()].filter(Boolean).concat(['0']))]))
    .orderBy('c.sort_order').orderBy('c.id').execute();
  const items = kids.map((k) => ({ orgId: k.id, orgName: k.name, own: false, hasChildren: !!k.has_children, counts: byChild.get(k.id) ?? zero() }));
  items.unshift({ orgId: parent.id, orgName: parent.name, own: true, hasChildren: false, counts: byChild.get('') ?? zero() });
  // The trail from the top of the caller's reach (the scope path above parent) down to it.
  const reach = scope.find((p) => parent.path.startsWith(p))!;
  const trailIds = parent.path.split('/').filter(Boolean).slice(reach.split('/').filter(Boolean).length - 1);
  const names = new Map((await ctx.db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', trailIds).execute()).map((o) => [o.id, o.name]));
  return {
    parent: { id: parent.id, name: parent.name, parentId: parent.path === reach ? null : parent.parent_id },
    trail: trailIds.map((id) => ({ id, name: names.get(id) ?? id })),
    items, totals,
  };
}
