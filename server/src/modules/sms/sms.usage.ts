/**
 * 短信用量 (issue 9, item 4): what the carriers bill, per organization and China month, a level at a time like a
 * broadcast's drill-down. A message counts in the month it reached the carrier (`submitted_at`: the carrier accepted
 * at least one of its segments) under its recipient's organization; its segments are those the carrier accepted
 * (docs/sms.md, "Usage").
 */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { authorize, escapeLike, scopePaths, type Actor } from '../../platform/actor.js';
import { forbidden, notFound, validationFailed } from '../../platform/errors.js';
import { addMonths, chinaToday } from '../../platform/china-time.js';
import { loadOrg } from './sms.service.js';

export interface UsageFigures { messages: number; segments: number; delivered: number; failed: number; unknown: number; awaiting: number }

/** The month's first instant and the next month's, in China time; 400 with a Chinese message for anything but YYYY-MM. */
export function monthRange(month: string | undefined, now: Date): { month: string; from: Date; to: Date } {
  const m = month ?? chinaToday(now).slice(0, 7);
  const ok = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(m);
  if (!ok || Number(ok[1]) < 2000 || Number(ok[1]) > 2099) {
    throw validationFailed([{ field: 'month', message: `“${m}”不是有效的月份，请按“2026-11”的格式填写年月` }]);
  }
  const next = addMonths(`${m}-01`, 1).slice(0, 7);
  return { month: m, from: new Date(`${m}-01T00:00:00+08:00`), to: new Date(`${next}-01T00:00:00+08:00`) };
}

/** The organization a report starts from: the one asked for (within the read scope), or the top of the caller's scope. */
export async function reportParent(ctx: AppContext, actor: Actor, parentId: string | undefined) {
  if (parentId) {
    const org = await loadOrg(ctx, parentId);
    if (!org) throw notFound('组织');
    authorize(actor, 'sms.read', org.path);
    return org;
  }
  const paths = scopePaths(actor, 'sms.read');
  const top = actor.grants.find((g) => paths.includes(g.orgPath));
  if (!top) throw forbidden();
  return { id: top.orgId, path: top.orgPath, name: top.orgName };
}

const zero = (): UsageFigures => ({ messages: 0, segments: 0, delivered: 0, failed: 0, unknown: 0, awaiting: 0 });

/**
 * Per child organization of the parent (each with its whole subtree) and the parent's own line, for one month.
 *
 * Cost: sms_messages grows by millions a month. The month is a range on `submitted_at`, read through
 * sms_messages_submitted_idx (migration 20261202T0200-sms-reports), which carries org_id, segments and state, so the
 * sums come from that index range alone and other months are never touched. The organizations of the subtree are a
 * semi-join on orgs; the per-message rows are first summed per organization, and only those few rows meet the
 * organization paths to be summed per child.
 */
export async function usage(ctx: AppContext, actor: Actor, q: { month?: string; parentId?: string }) {
  const range = monthRange(q.month, ctx.now());
  const parent = await reportParent(ctx, actor, q.parentId);
  const { rows } = await sql<{ child: string; messages: string; segments: string; delivered: string; failed: string; unknown: string }>`
    with u as (
      select org_id, count(*) as messages, sum(segments) as segments,
             count(*) filter (where state = 'delivered') as delivered,
             count(*) filter (where state = 'failed') as failed,
             count(*) filter (where state = 'unknown') as unknown
      from sms_messages
      where submitted_at >= ${range.from} and submitted_at < ${range.to} and segments > 0
        and org_id in (select id from orgs where path like ${escapeLike(parent.path) + '%'})
      group by org_id
    )
    select split_part(substr(o.path, length(${parent.path}) + 1), '/', 1) as child,
           sum(u.messages) as messages, sum(u.segments) as segments, sum(u.delivered) as delivered, sum(u.failed) as failed, sum(u.unknown) as unknown
    from u join orgs o on o.id = u.org_id
    group by 1`.execute(ctx.db);
  const figures = (r: (typeof rows)[number]): UsageFigures => {
    const f = { messages: Number(r.messages), segments: Number(r.segments), delivered: Number(r.delivered), failed: Number(r.failed), unknown: Number(r.unknown), awaiting: 0 };
    f.awaiting = f.messages - f.delivered - f.failed - f.unknown;
    return f;
  };
  const byChild = new Map(rows.map((r) => [r.child, figures(r)]));
  const childIds = [...byChild.keys()].filter(Boolean);
  const kids = childIds.length
    ? await ctx.db.selectFrom('orgs as c').select(['c.id', 'c.name', 'c.sort_order'])
      .select((eb) => eb.exists(eb.selectFrom('orgs as g').select('g.id').whereRef('g.parent_id', '=', 'c.id')).as('has_children'))
      .where('c.id', 'in', childIds).execute()
    : [];
  const items = kids.sort((a, b) => a.sort_order - b.sort_order || Number(a.id) - Number(b.id)).map((k) => ({
    orgId: k.id, orgName: k.name, own: false, hasChildren: !!k.has_children, figures: byChild.get(k.id)!,
  }));
  if (byChild.has('')) items.unshift({ orgId: parent.id, orgName: parent.name, own: true, hasChildren: false, figures: byChild.get('')! });
  const total = zero();
  for (const i of items) for (const k of Object.keys(total) as (keyof UsageFigures)[]) total[k] += i.figures[k];
  return { month: range.month, from: range.from.toISOString(), to: range.to.toISOString(), parent: { id: parent.id, name: parent.name }, items, total };
}
