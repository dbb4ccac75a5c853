/**
 * 督办升级: escalation of overdue follow-up items (issue 10, item 3), a scheduled job on the queue
 * `followups.escalate` (manifest: schedule `followups.escalate-daily`, every day at 08:30 China time; the job does
 * nothing on a day the working-day calendar says is not a working day).
 *
 * Rule: an open item whose due date is before today (China) is escalated to the organization one level above its
 * owner (level 1). If it is still open `FOLLOWUP_ESCALATE_AGAIN_WORKING_DAYS` (default 3) working days after the day
 * of its last escalation, it is escalated one level higher again, and so on up to the province (the root): an item
 * owned by a county goes to its city, then to the province, then no further. The item keeps its owner, who still
 * handles it; the escalation puts it on the list of the level above, flagged 已升级督办 (`escalated=true`; that
 * level's staff see it anyway, as the owner lies in their subtree). A pass does not undo an escalation: it is a fact
 * about the deadline, which a pass does not move either.
 *
 * Stored as columns on followup_items (escalated_level, escalated_org_id, escalated_on: the current state, for lists)
 * and one followup_escalations row per item and level (the history, for the item's timeline). Idempotent: the item
 * row is locked and its level re-read before each step, the step needs `N` working days since the last one (so a
 * second run the same day finds nothing), and (item, level) is unique. Each step is audited followup.escalate with
 * the actor `system`.
 */
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { chinaToday } from '../../platform/china-time.js';
import { isWorkingDay, workingDaysBetween } from '../calendar/calendar.days.js';
import { loadExceptions } from '../calendar/calendar.service.js';

export const ESCALATE_QUEUE = 'followups.escalate';

/** Ids of a materialized path '/1/2/15/' from the root down: ['1', '2', '15']. */
const idsOf = (path: string) => path.split('/').filter(Boolean);

/** Runs one escalation pass for today (China). Returns how many items were escalated one step. */
export async function escalateOverdue(ctx: AppContext): Promise<{ escalated: number; workingDay: boolean }> {
  const now = ctx.now();
  const today = chinaToday(now);
  const { days } = await loadExceptions(ctx);
  if (!isWorkingDay(today, days)) return { escalated: 0, workingDay: false };
  const again = ctx.config.followups.escalateAgainWorkingDays;
  let escalated = 0;
  let after = '0';
  for (;;) {
    const batch = await ctx.db.selectFrom('followup_items as i').innerJoin('orgs as o', 'o.id', 'i.owner_org_id')
      .select(['i.id', 'i.escalated_level', 'i.escalated_on', 'i.due_on', 'o.path'])
      .where('i.state', '=', 'open').where('i.due_on', '<', today).where('i.id', '>', after)
      .orderBy('i.id').limit(500).execute();
    if (!batch.length) break;
    after = batch[batch.length - 1]!.id;
    for (const c of batch) {
      if (!due(c, today, again, days)) continue;
      const done = await ctx.db.transaction().execute(async (trx) => {
        // Re-read under the row lock: another instance (or a close) may have got here first.
        const r = await trx.selectFrom('followup_items as i').innerJoin('orgs as o', 'o.id', 'i.owner_org_id')
          .select(['i.id', 'i.state', 'i.owner_org_id', 'i.escalated_level', 'i.escalated_on', 'i.due_on', 'o.path'])
          .where('i.id', '=', c.id).forUpdate('i').executeTakeFirst();
        if (!r || r.state !== 'open' || !due(r, today, again, days)) return false;
        const ids = idsOf(r.path);
        const level = r.escalated_level + 1;
        const to = ids[ids.length - 1 - level]!;
        const overdue = workingDaysBetween(r.due_on, today, days);
        await trx.updateTable('followup_items').set({ escalated_level: level, escalated_org_id: to, escalated_on: today }).where('id', '=', r.id).execute();
        await trx.insertInto('followup_escalations').values({
          item_id: r.id, level, owner_org_id: r.owner_org_id, to_org_id: to, on_date: today, working_days_overdue: overdue, at: now,
        }).execute();
        await appendAudit(trx, {
          actorId: null, actorName: 'system', action: 'followup.escalate', entityType: 'followup_item', entityId: r.id, orgPath: r.path,
          before: { escalatedLevel: r.escalated_level }, after: { escalatedLevel: level, toOrgId: to, dueOn: r.due_on, workingDaysOverdue: overdue },
        }, now);
        return true;
      });
      if (done) escalated++;
    }
  }
  return { escalated, workingDay: true };
}

/** Whether an overdue open item takes its next escalation step today. */
function due(r: { escalated_level: number; escalated_on: string | null; path: string }, today: string, again: number, days: Parameters<typeof isWorkingDay>[1]): boolean {
  if (idsOf(r.path).length - 1 - (r.escalated_level + 1) < 0) return false; // already at the province, or owned by it
  if (r.escalated_level === 0) return true;
  return workingDaysBetween(r.escalated_on!, today, days) >= again;
}
