/**
 * The follow-up engine (issue 10, item 3, F-22): the commands other modules call to follow up one of their records —
 * a survey reply today; leader mailboxes, public questions and service requests later. The routes, notes, attachments,
 * watchers, escalation and progress are in followups.service.ts, followups.escalation.ts and followups.routes.ts.
 *
 * State machine: open → resolved (已解决) | explained (已说明), each with a required note; a closed item is final
 * (no command changes it again, 409 followup.closed). While open, an item is passed one level at a time: down to a
 * direct child of its owner organization or up to its parent, with a required reason, each pass a hop. The due date
 * is set once when the item opens (working days from today in China, calendar module) and a pass does not move it:
 * the deadline is the department's promise to the sender, whoever holds the item. A pass clears the assignee (the
 * new owner assigns its own people).
 *
 * Authority: `followup.write` over the item's owner organization (a province member of staff may act on a city's
 * item); opening needs it over the owner it opens the item for. Reading (`overdueItems`, `getItem`) needs
 * `followup.read` over the owner. Every write is audited in its transaction (followup.open / .pass / .close), under
 * the owner organization's path as it was before the write.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { chinaToday, chineseDate } from '../../platform/china-time.js';
import { conflict, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { dueDate, loadExceptions } from '../calendar/calendar.service.js';
import { workingDaysBetween } from '../calendar/calendar.days.js';
import { followupSource } from './followups.sources.js';

export type FollowupState = 'open' | 'resolved' | 'explained';
export const MAX_DUE_WORKING_DAYS = 250;

export interface FollowupItem {
  id: string; source: string; sourceId: string; title: string;
  ownerOrgId: string; ownerOrgName: string; assigneeId: string | null;
  dueOn: string; state: FollowupState; closingNote: string | null; closedAt: string | null;
  createdAt: string; updatedAt: string;
  hops: { direction: 'down' | 'up'; fromOrgId: string; toOrgId: string; reason: string; byId: string | null; at: string; dueOn: string | null }[];
}

const closedConflict = (state: string) =>
  conflict('followup.closed', `该事项已${state === 'resolved' ? '解决' : '说明'}并办结，不能再转办或办结`);

async function orgById(db: AppContext['db'] | Transaction<DB>, id: string) {
  return db.selectFrom('orgs').select(['id', 'path', 'name', 'parent_id', 'status']).where('id', '=', id).executeTakeFirst();
}

/** The item as it is, with its hops in order (no scope check: getItem checks it). */
async function itemView(ctx: AppContext, id: string): Promise<FollowupItem & { ownerPath: string }> {
  const r = await ctx.db.selectFrom('followup_items as i').innerJoin('orgs as o', 'o.id', 'i.owner_org_id')
    .selectAll('i').select(['o.name as owner_name', 'o.path as owner_path']).where('i.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('跟踪事项');
  const hops = await ctx.db.selectFrom('followup_hops').selectAll().where('item_id', '=', id).orderBy('id').execute();
  return {
    id: r.id, source: r.source, sourceId: r.source_id, title: r.title, ownerOrgId: r.owner_org_id, ownerOrgName: r.owner_name, ownerPath: r.owner_path,
    assigneeId: r.assignee_id, dueOn: r.due_on, state: r.state, closingNote: r.closing_note, closedAt: r.closed_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
    hops: hops.map((h) => ({ direction: h.direction, fromOrgId: h.from_org_id, toOrgId: h.to_org_id, reason: h.reason, byId: h.by_id, at: h.at.toISOString(), dueOn: h.due_on })),
  };
}
const withoutPath = ({ ownerPath, ...item }: FollowupItem & { ownerPath: string }): FollowupItem => { void ownerPath; return item; };

/** The item with its hops; `followup.read` over its owner. */
export async function getItem(ctx: AppContext, actor: Actor, id: string): Promise<FollowupItem> {
  const item = await itemView(ctx, id);
  authorize(actor, 'followup.read', item.ownerPath);
  return withoutPath(item);
}

export interface OpenItemInput {
  source: string; sourceId: string; title: string; ownerOrgId: string; dueInWorkingDays: number; assigneeId?: string | null;
}

/**
 * Opens an item following up `source`/`sourceId`, owned by `ownerOrgId`, due `dueInWorkingDays` working days after
 * today in China (today does not count). One item per record: opening it again is 409 followup.duplicate.
 */
export async function openItem(ctx: AppContext, actor: Actor, input: OpenItemInput): Promise<FollowupItem> {
  const errors: FieldError[] = [];
  const title = input.title.trim();
  if (!title) errors.push({ field: 'title', message: '请填写事项标题' });
  else if ([...title].length > 200) errors.push({ field: 'title', message: '事项标题不能超过200个字' });
  if (!/^[a-z][a-z0-9_.]{0,39}$/.test(input.source) || !input.sourceId || input.sourceId.length > 40) errors.push({ field: 'source', message: '事项来源无效' });
  if (!Number.isInteger(input.dueInWorkingDays) || input.dueInWorkingDays < 1 || input.dueInWorkingDays > MAX_DUE_WORKING_DAYS) {
    errors.push({ field: 'dueInWorkingDays', message: `办理期限须为1至${MAX_DUE_WORKING_DAYS}个工作日` });
  }
  const owner = await orgById(ctx.db, input.ownerOrgId);
  if (!owner) errors.push({ field: 'ownerOrgId', message: '承办组织不存在或已被删除' });
  else if (owner.status !== 'active') errors.push({ field: 'ownerOrgId', message: `“${owner.name}”已撤销，不能承办事项` });
  if (errors.length) throw validationFailed(errors);
  authorize(actor, 'followup.write', owner!.path);
  const now = ctx.now();
  const { due } = await dueDate(ctx, chinaToday(now), input.dueInWorkingDays);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('followup_items').values({
      source: input.source, source_id: input.sourceId, title, owner_org_id: owner!.id, assignee_id: input.assigneeId ?? null,
      due_on: due, created_by: actor.accountId, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'followup.open', entityType: 'followup_item', entityId: row.id,
      orgPath: owner!.path, ip: actor.ip, after: { source: input.source, sourceId: input.sourceId, title, ownerOrgId: owner!.id, dueOn: due },
    }, now);
    return row.id;
  }).catch((err: { code?: string }) => {
    throw err.code === '23505' ? conflict('followup.duplicate', '该记录已转为跟踪事项，不能重复转办') : err;
  });
  return getItem(ctx, actor, id);
}

/** The item for a write, locked, with its owner; `followup.write` over the owner; 409 once it is closed. */
export async function lockOpen(trx: Transaction<DB>, actor: Actor, id: string) {
  const r = await trx.selectFrom('followup_items as i').innerJoin('orgs as o', 'o.id', 'i.owner_org_id')
    .select(['i.id', 'i.state', 'i.owner_org_id', 'i.due_on', 'o.path as owner_path', 'o.name as owner_name', 'o.parent_id as owner_parent_id'])
    .where('i.id', '=', id).forUpdate('i').executeTakeFirst();
  if (!r) throw notFound('跟踪事项');
  authorize(actor, 'followup.write', r.owner_path);
  if (r.state !== 'open') throw closedConflict(r.state);
  return r;
}

export interface PassItemInput {
  toOrgId: string; reason: string;
  /** down only: the receiving organization's own deadline, in working days from today (China); by default the due date stays */
  dueInWorkingDays?: number | null;
}

/**
 * Passes an open item one level: down to a direct child of its owner, or up to the owner's parent; the reason is
 * required; the assignee is cleared. A hop down may give the receiver its own deadline (`dueInWorkingDays`), not
 * later than the level's own while that has not passed — each level keeps time to check the answer before its own
 * deadline. An item coming back up gets the deadline the level above had before it passed it down. A new deadline
 * ends an escalation (the item is no longer overdue). Audited followup.pass under the former owner's path.
 */
export async function passItem(ctx: AppContext, actor: Actor, id: string, input: PassItemInput): Promise<FollowupItem> {
  const reason = input.reason.trim();
  const now = ctx.now();
  const today = chinaToday(now);
  const n = input.dueInWorkingDays;
  const given = n !== undefined && n !== null;
  const nValid = given && Number.isInteger(n) && n >= 1 && n <= MAX_DUE_WORKING_DAYS;
  // Read before the transaction: the embedded database has one connection (the calendar reads it).
  const due = nValid ? (await dueDate(ctx, today, n)).due : null;
  await ctx.db.transaction().execute(async (trx) => {
    const item = await lockOpen(trx, actor, id);
    const to = await orgById(trx, input.toOrgId);
    const errors: FieldError[] = [];
    let direction: 'down' | 'up' | null = null;
    if (!to) errors.push({ field: 'toOrgId', message: '接收组织不存在或已被删除' });
    else if (to.parent_id === item.owner_org_id) direction = 'down';
    else if (item.owner_parent_id !== null && to.id === item.owner_parent_id) direction = 'up';
    else errors.push({ field: 'toOrgId', message: `只能转给“${item.owner_name}”的直属下级组织，或退回其上级组织` });
    if (to && direction && to.status !== 'active') errors.push({ field: 'toOrgId', message: `“${to.name}”已撤销，不能接收事项` });
    if (!reason) errors.push({ field: 'reason', message: direction === 'up' ? '请填写退回上级的理由' : '请填写转办理由' });
    else if ([...reason].length > 500) errors.push({ field: 'reason', message: '理由不能超过500个字' });
    if (given) {
      if (direction === 'up') errors.push({ field: 'dueInWorkingDays', message: '退回上级时不能另定期限：上级仍按其原定期限办理' });
      else if (!nValid) errors.push({ field: 'dueInWorkingDays', message: `办理期限须为1至${MAX_DUE_WORKING_DAYS}个工作日` });
      else if (item.due_on >= today && due! > item.due_on) {
        errors.push({ field: 'dueInWorkingDays', message: `下级办理期限（${chineseDate(due!)}）不能晚于本级办理期限（${chineseDate(item.due_on)}）` });
      }
    }
    if (errors.length) throw validationFailed(errors);
    // Back up: the level above resumes the deadline it had when it passed the item down.
    const resumed = direction === 'up'
      ? (await trx.selectFrom('followup_hops').select('prev_due_on').where('item_id', '=', id).where('direction', '=', 'down')
        .where('from_org_id', '=', to!.id).where('to_org_id', '=', item.owner_org_id).where('prev_due_on', 'is not', null)
        .orderBy('id', 'desc').limit(1).executeTakeFirst())?.prev_due_on ?? null
      : null;
    const newDue = due ?? resumed;
    await trx.updateTable('followup_items').set({
      owner_org_id: to!.id, assignee_id: null, updated_at: now,
      ...(newDue && newDue !== item.due_on ? { due_on: newDue, escalated_level: 0, escalated_org_id: null, escalated_on: null } : {}),
    }).where('id', '=', id).execute();
    await trx.insertInto('followup_hops').values({
      item_id: id, direction: direction!, from_org_id: item.owner_org_id, to_org_id: to!.id, reason, by_id: actor.accountId, at: now,
      due_on: newDue && newDue !== item.due_on ? newDue : null, prev_due_on: due ? item.due_on : null,
    }).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'followup.pass', entityType: 'followup_item', entityId: id,
      orgPath: item.owner_path, ip: actor.ip, before: { ownerOrgId: item.owner_org_id, dueOn: item.due_on },
      after: { ownerOrgId: to!.id, direction, reason, dueOn: newDue ?? item.due_on },
    }, now);
  });
  // The caller just passed it, perhaps up out of their own reach: the answer is the result of their own act.
  return withoutPath(await itemView(ctx, id));
}

export interface CloseItemInput { outcome: 'resolved' | 'explained'; note: string }

/**
 * Ends an open item as resolved (已解决) or explained (已说明), with a required note; final. Audited followup.close.
 * The source's registered `onClosed` hook runs in the same transaction (followups.sources.ts).
 */
export async function closeItem(ctx: AppContext, actor: Actor, id: string, input: CloseItemInput): Promise<FollowupItem> {
  const note = input.note.trim();
  const errors: FieldError[] = [];
  if (input.outcome !== 'resolved' && input.outcome !== 'explained') errors.push({ field: 'outcome', message: '办理结果只能是“已解决”或“已说明”' });
  if (!note) errors.push({ field: 'note', message: input.outcome === 'explained' ? '请填写说明情况' : '请填写解决情况' });
  else if ([...note].length > 2000) errors.push({ field: 'note', message: '办理情况不能超过2000个字' });
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const item = await lockOpen(trx, actor, id);
    if (errors.length) throw validationFailed(errors);
    const closed = await trx.updateTable('followup_items').set({ state: input.outcome, closing_note: note, closed_by: actor.accountId, closed_at: now, updated_at: now })
      .where('id', '=', id).returning(['id', 'source', 'source_id', 'title', 'owner_org_id']).executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'followup.close', entityType: 'followup_item', entityId: id,
      orgPath: item.owner_path, ip: actor.ip, before: { state: 'open' }, after: { state: input.outcome, note },
    }, now);
    // The source's close hook (followups.sources.ts), in this transaction: its failure undoes the close.
    await followupSource(closed.source)?.onClosed?.(ctx, trx, {
      id, source: closed.source, sourceId: closed.source_id, title: closed.title, ownerOrgId: closed.owner_org_id,
      state: input.outcome, closingNote: note, closedById: actor.accountId, closedAt: now,
    });
  });
  return getItem(ctx, actor, id);
}

export interface OverdueRow { id: string; title: string; ownerOrgId: string; ownerOrgName: string; dueOn: string; workingDaysOverdue: number }

/**
 * Open items past their due date (due before today in China) owned within the caller's `followup.read` scope, or
 * within `orgId`'s subtree; oldest due first, paged by (due date, id). `workingDaysOverdue`: working days since the
 * due date (1 the first working day after it).
 */
export async function overdueItems(ctx: AppContext, actor: Actor, q: { orgId?: string; cursor?: string; limit?: number } = {}): Promise<{ items: OverdueRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
  let paths = scopePaths(actor, 'followup.read');
  if (q.orgId) {
    const org = await orgById(ctx.db, q.orgId);
    if (!org) throw notFound('组织');
    authorize(actor, 'followup.read', org.path);
    paths = [org.path];
  }
  if (!paths.length) return { items: [], nextCursor: null };
  const today = chinaToday(ctx.now());
  const [cDue, cId] = q.cursor ? q.cursor.split('_') : [null, null];
  const rows = await ctx.db.selectFrom('followup_items as i').innerJoin('orgs as o', 'o.id', 'i.owner_org_id')
    .select(['i.id', 'i.title', 'i.owner_org_id', 'o.name as owner_name', 'i.due_on'])
    .where('i.state', '=', 'open').where('i.due_on', '<', today)
    .where((eb) => eb.or(paths.map((p) => eb('o.path', 'like', `${p}%`))))
    .$if(!!cDue && !!cId, (qb) => qb.where(sql<boolean>`(i.due_on, i.id) > (${cDue}::date, ${cId}::bigint)`))
    .orderBy('i.due_on').orderBy('i.id').limit(limit + 1).execute();
  const { days } = await loadExceptions(ctx);
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id, title: r.title, ownerOrgId: r.owner_org_id, ownerOrgName: r.owner_name, dueOn: r.due_on,
    workingDaysOverdue: workingDaysBetween(r.due_on, today, days),
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? `${last.dueOn}_${last.id}` : null };
}
