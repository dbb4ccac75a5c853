/**
 * 部长信箱, statistics (F-31; issue 11 item 1): for the mailboxes in the caller's scope (or one), over a span of China
 * months — letters per month and category, how many were answered and in how many days (mean and median, from
 * writing to the approved answer), and the open letters past their deadline per organization now handling them.
 */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import { authorize, scopePaths, subtreePatterns, type Actor } from '../../platform/actor.js';
import { chinaToday } from '../../platform/china-time.js';
import { notFound, validationFailed } from '../../platform/errors.js';
import { LETTER_SOURCE } from './mailbox.letters.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export async function letterStats(ctx: AppContext, actor: Actor, q: { orgId?: string; from?: string; to?: string }) {
  const today = chinaToday(ctx.now());
  const to = q.to ?? today.slice(0, 7);
  const from = q.from ?? `${Number(to.slice(0, 4)) - (to.slice(5) === '12' ? 0 : 1)}-${to.slice(5) === '12' ? '01' : String(Number(to.slice(5)) + 1).padStart(2, '0')}`;
  if (!MONTH.test(from) || !MONTH.test(to) || from > to) throw validationFailed([{ field: 'from', message: '统计月份应为“年-月”（如2026-01），且起始月份不晚于截止月份' }]);
  let paths = scopePaths(actor, 'mailbox.read');
  if (q.orgId) {
    const org = await ctx.db.selectFrom('orgs').select('path').where('id', '=', q.orgId).executeTakeFirst();
    if (!org) throw notFound('组织');
    authorize(actor, 'mailbox.read', org.path);
    paths = [org.path];
  }
  if (!paths.length) return { from, to, months: [], answered: 0, meanDays: null, medianDays: null, answeredByMonth: [], overdue: [] };
  const likes = subtreePatterns(paths);
  // China month of a timestamp: UTC + 8 hours.
  const month = (col: string) => sql<string>`to_char((${sql.ref(col)} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;
  const [byMonth, answered, answeredByMonth, overdue] = await Promise.all([
    sql<{ m: string; category: string; n: string }>`
      select ${month('l.created_at')} as m, l.category, count(*) as n
      from mailbox_letters l join orgs o on o.id = l.mailbox_org_id
      where o.path like any(${likes}::text[]) and l.state <> 'held'
        and ${month('l.created_at')} between ${from} and ${to}
      group by 1, 2 order by 1, 2`.execute(ctx.db),
    sql<{ n: string; mean: string | null; median: string | null }>`
      select count(*) as n, avg(d) as mean, percentile_cont(0.5) within group (order by d) as median
      from (select extract(epoch from l.answered_at - l.created_at) / 86400.0 as d
            from mailbox_letters l join orgs o on o.id = l.mailbox_org_id
            where o.path like any(${likes}::text[]) and l.state = 'answered' and ${month('l.answered_at')} between ${from} and ${to}) x`.execute(ctx.db),
    sql<{ m: string; n: string; mean: string; median: string }>`
      select m, count(*) as n, avg(d) as mean, percentile_cont(0.5) within group (order by d) as median
      from (select ${month('l.answered_at')} as m, extract(epoch from l.answered_at - l.created_at) / 86400.0 as d
            from mailbox_letters l join orgs o on o.id = l.mailbox_org_id
            where o.path like any(${likes}::text[]) and l.state = 'answered' and ${month('l.answered_at')} between ${from} and ${to}) x
      group by m order by m`.execute(ctx.db),
    sql<{ org_id: string; name: string; n: string }>`
      select f.owner_org_id as org_id, fo.name, count(*) as n
      from mailbox_letters l join orgs o on o.id = l.mailbox_org_id
        join followup_items f on f.id = l.followup_item_id and f.source = ${LETTER_SOURCE}
        join orgs fo on fo.id = f.owner_org_id
      where o.path like any(${likes}::text[]) and f.state = 'open' and f.due_on < ${today}
      group by 1, 2 order by 3 desc, 2`.execute(ctx.db),
  ]);
  const months = new Map<string, Record<string, number>>();
  for (const r of byMonth.rows) months.set(r.m, { ...(months.get(r.m) ?? {}), [r.category]: Number(r.n) });
  const a = answered.rows[0]!;
  const round = (v: string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
  return {
    from, to,
    months: [...months].map(([m, counts]) => ({ month: m, counts, total: Object.values(counts).reduce((x, y) => x + y, 0) })),
    answered: Number(a.n), meanDays: round(a.mean), medianDays: round(a.median),
    answeredByMonth: answeredByMonth.rows.map((r) => ({ month: r.m, answered: Number(r.n), meanDays: round(r.mean)!, medianDays: round(r.median)! })),
    overdue: overdue.rows.map((r) => ({ orgId: r.org_id, orgName: r.name, letters: Number(r.n) })),
  };
}
