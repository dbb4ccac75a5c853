/** A member's own ledger and year progress (党员之家 → 我的学习), read-only. */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import { chinaToday, chinaYear } from '../../platform/china-time.js';
import { nextCursor } from '../../platform/paging.js';
import { CREDIT_KINDS, dutyMinutesOf } from './learning.commands.js';
import { capOf, loadRules } from './learning.rules.js';
import type { MyCreditsT } from './learning.schema.js';

export async function myCredits(ctx: AppContext, actor: Actor, q: { year?: number; cursor?: string; limit?: number }): Promise<MyCreditsT> {
  if (!actor.memberId) throw forbidden('learning.not_member', '只有与党员档案关联的账号才有学习记录');
  const memberId = actor.memberId;
  const now = ctx.now();
  const year = q.year ?? chinaYear(now);
  const limit = q.limit ?? 20;
  const [total, duty, rules, today, rows] = await Promise.all([
    ctx.db.selectFrom('learning_member_years').select('minutes').where('member_id', '=', memberId).where('year', '=', year).executeTakeFirst(),
    dutyMinutesOf(ctx.db, memberId),
    loadRules(ctx.db),
    ctx.db.selectFrom('learning_credits').select(['kind', sql<string>`sum(minutes)`.as('minutes')])
      .where('member_id', '=', memberId).where('day', '=', chinaToday(now)).groupBy('kind').execute(),
    ctx.db.selectFrom('learning_credits').selectAll().where('member_id', '=', memberId).where('year', '=', year)
      .$if(q.cursor !== undefined, (qb) => qb.where('id', '<', q.cursor!))
      .orderBy('id', 'desc').limit(limit).execute(),
  ]);
  const minutes = total?.minutes ?? 0;
  const usedToday = new Map(today.map((t) => [t.kind, Number(t.minutes)]));
  return {
    year, minutes, dutyMinutes: duty.minutes, cadre: duty.cadre,
    percent: Math.min(100, Math.floor((100 * minutes) / duty.minutes)),
    today: CREDIT_KINDS.map((kind) => ({ kind, minutes: usedToday.get(kind) ?? 0, cap: capOf(rules, kind) })),
    items: rows.map((r) => ({
      id: r.id, day: r.day, kind: r.kind, sourceType: r.source_type, sourceId: r.source_id, title: r.title, minutes: r.minutes,
      cappedFrom: r.asked_minutes > r.minutes ? r.asked_minutes : null, at: r.created_at.toISOString(),
    })),
    nextCursor: nextCursor(rows, limit),
  };
}
