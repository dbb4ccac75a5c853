/**
 * The moderation queue (内容审核): public text a module holds until a moderator decides. A module registers its kind
 * once, at import time, and submits items; the moderator's decision calls it back in the deciding transaction.
 *
 *   registerModerationKind('disclosures.question', {
 *     label: { zh: '公开提问', en: 'Public question' },
 *     onDecided: async (ctx, trx, item) => { ... publish or discard item.refId ... },  // an error rolls the decision back
 *     link: (item) => `/admin/disclosures/questions/${item.refId}`,
 *   });
 *   await submitModeration(ctx, trx, { kind: 'disclosures.question', refId, orgId, excerpt: text, reasons: reasonsFromMatches(matches) });
 *
 * Moderators hold `moderation.review` (org_admin) and see and decide the items of their subtree (the item's
 * organization: the one whose page the text would appear on). A rejection needs a reason; both decisions are
 * audited (moderation.approve / moderation.reject), as is each submission (moderation.submit).
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, escapeLike, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict, notFound, validationFailed } from '../../platform/errors.js';
import type { Label } from '../../platform/module.js';
import type { WordMatch } from '../../platform/text/aho-corasick.js';

/** Why an item is held: a listed word found (with the field it was in), or another reason a module gives. */
export interface ModerationReason {
  type: 'sensitive_word' | 'review' | 'other';
  /** For sensitive_word: the listed word. */
  word?: string;
  /** The field the word was found in (title, body …). */
  field?: string;
  /** For other reasons: the module's words. */
  note?: string;
}

export interface DecidedModerationItem {
  id: string; kind: string; refId: string; orgId: string;
  decision: 'approved' | 'rejected'; reason: string | null; decidedById: string; decidedAt: Date;
}

export interface ModerationKind {
  label: Label;
  /** Called in the deciding transaction: publish (approved) or discard (rejected) the module's record. */
  onDecided(ctx: AppContext, trx: Transaction<DB>, item: DecidedModerationItem): Promise<void>;
  /** The console page of the module's record, if it has one. */
  link?(item: { id: string; kind: string; refId: string }): string | null;
}

const kinds = new Map<string, ModerationKind>();

/** Registers (or, in tests, replaces) a kind of moderated item, named `<module>.<what>`. */
export function registerModerationKind(kind: string, k: ModerationKind): void {
  if (!/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]{0,30}$/.test(kind)) throw new Error(`moderation kind "${kind}" is not <module>.<what>`);
  if (!k.label.zh.trim() || !k.label.en.trim()) throw new Error(`moderation kind ${kind} has an empty label`);
  kinds.set(kind, k);
}

export function unregisterModerationKind(kind: string): void {
  kinds.delete(kind);
}

export const kindLabel = (kind: string): Label => kinds.get(kind)?.label ?? { zh: kind, en: kind };

/** The reasons for a screening's matches (screenText / screenFields), one per distinct word and field. */
export function reasonsFromMatches(matches: readonly (WordMatch & { field?: string })[]): ModerationReason[] {
  const seen = new Set<string>();
  const out: ModerationReason[] = [];
  for (const m of matches) {
    const key = `${m.field ?? ''}\u0000${m.word}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ type: 'sensitive_word', word: m.word, ...(m.field ? { field: m.field } : {}) });
  }
  return out;
}

export interface Submission {
  kind: string;
  /** The module's record id (a question, a letter). */
  refId: string;
  /** The organization whose moderators decide. */
  orgId: string;
  /** The text as submitted (cut to 500 characters for the queue). */
  excerpt: string;
  reasons: ModerationReason[];
  /** Who submitted, for the audit row (a member of the public: a masked phone, or 公众). */
  by?: { accountId?: string | null; name: string; ip?: string | null };
}

/**
 * Holds an item for moderation, in the caller's transaction (so the module's record and its hold commit together).
 * The kind must be registered. One held item per (kind, refId): submitting again while held updates its excerpt and
 * reasons.
 */
export async function submitModeration(ctx: AppContext, db: Transaction<DB>, s: Submission): Promise<{ id: string }> {
  if (!kinds.has(s.kind)) throw new Error(`moderation kind ${s.kind} is not registered`);
  const now = ctx.now();
  const org = await db.selectFrom('orgs').select('path').where('id', '=', s.orgId).executeTakeFirst();
  if (!org) throw notFound('组织');
  const excerpt = [...s.excerpt].slice(0, 500).join('');
  const row = await db.insertInto('moderation_items').values({
    kind: s.kind, ref_id: s.refId, org_id: s.orgId, excerpt, reasons: JSON.stringify(s.reasons), submitted_at: now,
  }).onConflict((oc) => oc.columns(['kind', 'ref_id']).where('state', '=', 'held').doUpdateSet({ excerpt, reasons: JSON.stringify(s.reasons), submitted_at: now }))
    .returning('id').executeTakeFirstOrThrow();
  await appendAudit(db, {
    actorId: s.by?.accountId ?? null, actorName: s.by?.name ?? '公众', action: 'moderation.submit', entityType: 'moderation_item', entityId: row.id,
    orgPath: org.path, ip: s.by?.ip ?? null, after: { kind: s.kind, refId: s.refId, reasons: s.reasons },
  }, now);
  return { id: row.id };
}

export interface ModerationRow {
  id: string; kind: string; kindLabel: Label; refId: string; orgId: string; orgName: string; excerpt: string;
  reasons: ModerationReason[]; state: 'held' | 'approved' | 'rejected'; submittedAt: string;
  decidedBy: string | null; decidedAt: string | null; decisionReason: string | null; link: string | null;
}

export async function listModeration(ctx: AppContext, actor: Actor, q: { state?: 'held' | 'approved' | 'rejected'; kind?: string; orgId?: string; q?: string; cursor?: string; limit?: number }): Promise<{ items: ModerationRow[]; nextCursor: string | null }> {
  const limit = q.limit ?? 20;
  let paths = scopePaths(actor, 'moderation.review');
  if (q.orgId) {
    const org = await ctx.db.selectFrom('orgs').select('path').where('id', '=', q.orgId).executeTakeFirst();
    if (!org) throw notFound('组织');
    authorize(actor, 'moderation.review', org.path);
    paths = [org.path];
  }
  if (!paths.length) return { items: [], nextCursor: null };
  let query = ctx.db.selectFrom('moderation_items as m').innerJoin('orgs as o', 'o.id', 'm.org_id').leftJoin('accounts as a', 'a.id', 'm.decided_by')
    .select(['m.id', 'm.kind', 'm.ref_id', 'm.org_id', 'o.name as org_name', 'm.excerpt', 'm.reasons', 'm.state', 'm.submitted_at', 'a.username', 'm.decided_at', 'm.decision_reason'])
    .where((eb) => eb.or(paths.map((p) => eb('o.path', 'like', sql<string>`${p} || '%'`))))
    .where('m.state', '=', q.state ?? 'held')
    .orderBy('m.id', q.state && q.state !== 'held' ? 'desc' : 'asc').limit(limit);
  if (q.kind) query = query.where('m.kind', '=', q.kind);
  if (q.q?.trim()) query = query.where('m.excerpt', 'like', `%${escapeLike(q.q.trim())}%`);
  if (q.cursor) query = query.where('m.id', q.state && q.state !== 'held' ? '<' : '>', q.cursor);
  const rows = await query.execute();
  return {
    items: rows.map((r) => ({
      id: r.id, kind: r.kind, kindLabel: kindLabel(r.kind), refId: r.ref_id, orgId: r.org_id, orgName: r.org_name, excerpt: r.excerpt,
      reasons: r.reasons as ModerationReason[], state: r.state, submittedAt: r.submitted_at.toISOString(),
      decidedBy: r.username ?? null, decidedAt: r.decided_at?.toISOString() ?? null, decisionReason: r.decision_reason,
      link: safeLink(r.kind, r.id, r.ref_id),
    })),
    nextCursor: rows.length === limit ? rows[rows.length - 1]!.id : null,
  };
}

function safeLink(kind: string, id: string, refId: string): string | null {
  try {
    return kinds.get(kind)?.link?.({ id, kind, refId }) ?? null;
  } catch {
    return null;
  }
}

/**
 * Approves or rejects a held item of the moderator's subtree: the kind's onDecided runs in the same transaction
 * (an error there rolls the decision back); audited. A rejection needs a reason (2–500 characters).
 */
export async function decideModeration(ctx: AppContext, actor: Actor, id: string, decision: 'approved' | 'rejected', reason: string | undefined): Promise<void> {
  const why = reason?.trim() || null;
  if (decision === 'rejected' && (!why || why.length < 2)) throw validationFailed([{ field: 'reason', message: '请填写不予通过的理由（至少2个字）' }]);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom('moderation_items as m').innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.kind', 'm.ref_id', 'm.org_id', 'm.state', 'o.path']).where('m.id', '=', id).forUpdate('m').executeTakeFirst();
    if (!item) throw notFound('待审核内容');
    authorize(actor, 'moderation.review', item.path);
    if (item.state !== 'held') throw conflict('moderation.decided', item.state === 'approved' ? '该内容已审核通过，请刷新列表' : '该内容已被驳回，请刷新列表');
    await trx.updateTable('moderation_items').set({ state: decision, decided_by: actor.accountId, decided_at: now, decision_reason: why }).where('id', '=', id).execute();
    await kinds.get(item.kind)?.onDecided(ctx, trx, { id, kind: item.kind, refId: item.ref_id, orgId: item.org_id, decision, reason: why, decidedById: actor.accountId, decidedAt: now });
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: decision === 'approved' ? 'moderation.approve' : 'moderation.reject',
      entityType: 'moderation_item', entityId: id, orgPath: item.path, ip: actor.ip,
      before: { state: 'held' }, after: { state: decision, kind: item.kind, refId: item.ref_id, ...(why ? { reason: why } : {}) },
    }, now);
  });
}
