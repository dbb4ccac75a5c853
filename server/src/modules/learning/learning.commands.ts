/**
 * The credit ledger's one writer (F-71). Lessons, articles (news), quizzes, live lessons and group viewings at stations
 * credit a member through `awardCredit`, inside the caller's transaction; the caller writes its own audit row for what
 * happened (a lesson completed, attendance confirmed), the ledger row is the credit's record.
 *
 * Rules applied here, once for every source:
 * - the same source counts once per member and China day (a lesson watched twice today credits once; again tomorrow);
 * - each kind has a daily cap (learning_rules): what is left of it today is credited, nothing once it is used up;
 * - concurrent awards to one member are serialised on the member's year row, so a cap holds under concurrency.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CreditKind } from '../../db/tables/learning.js';
import { chinaToday, chinaYear } from '../../platform/china-time.js';
import { capOf, loadRules } from './learning.rules.js';

export type { CreditKind } from '../../db/tables/learning.js';
export const CREDIT_KINDS = ['lesson', 'article', 'quiz', 'group_viewing', 'live'] as const satisfies readonly CreditKind[];

export interface CreditAward {
  memberId: string;
  kind: CreditKind;
  /** `<module>.<thing>`, e.g. learning.lesson, news.article, viewing.session */
  sourceType: string;
  sourceId: string;
  /** study minutes the source is worth (before the daily cap) */
  minutes: number;
  /** what the member and their organization see in the transcript, e.g. the lesson's title */
  title: string;
}

export type CreditOutcome =
  | { awarded: true; creditId: string; minutes: number; capped: boolean }
  | { awarded: false; reason: 'already_today' | 'daily_cap' };

const SOURCE_TYPE = /^[a-z_]+\.[a-z_]+$/;

/** Credits `award.memberId` for one piece of study, as the rules above allow; `now` decides the China day and year. */
export async function awardCredit(trx: Transaction<DB>, award: CreditAward, now: Date): Promise<CreditOutcome> {
  if (!Number.isInteger(award.minutes) || award.minutes <= 0) throw new Error(`awardCredit: minutes must be a positive integer, got ${award.minutes}`);
  if (!SOURCE_TYPE.test(award.sourceType)) throw new Error(`awardCredit: bad source type ${award.sourceType}`);
  const day = chinaToday(now);
  const year = chinaYear(now);
  await trx.insertInto('learning_member_years').values({ member_id: award.memberId, year })
    .onConflict((oc) => oc.columns(['member_id', 'year']).doNothing()).execute();
  await trx.selectFrom('learning_member_years').select('minutes')
    .where('member_id', '=', award.memberId).where('year', '=', year).forUpdate().executeTakeFirstOrThrow();

  const already = await trx.selectFrom('learning_credits').select('id')
    .where('member_id', '=', award.memberId).where('day', '=', day)
    .where('source_type', '=', award.sourceType).where('source_id', '=', award.sourceId)
    .executeTakeFirst();
  if (already) return { awarded: false, reason: 'already_today' };

  const cap = capOf(await loadRules(trx), award.kind);
  const { used } = await trx.selectFrom('learning_credits')
    .select(sql<string>`coalesce(sum(minutes), 0)`.as('used'))
    .where('member_id', '=', award.memberId).where('day', '=', day).where('kind', '=', award.kind)
    .executeTakeFirstOrThrow();
  const left = cap - Number(used);
  if (left <= 0) return { awarded: false, reason: 'daily_cap' };
  const minutes = Math.min(award.minutes, left);

  const row = await trx.insertInto('learning_credits').values({
    member_id: award.memberId, year, day, kind: award.kind, source_type: award.sourceType, source_id: award.sourceId,
    minutes, asked_minutes: award.minutes, title: award.title.slice(0, 200), created_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  await trx.updateTable('learning_member_years')
    .set((eb) => ({ minutes: eb('minutes', '+', minutes), credits: eb('credits', '+', 1), updated_at: now }))
    .where('member_id', '=', award.memberId).where('year', '=', year).execute();
  return { awarded: true, creditId: row.id, minutes, capped: minutes < award.minutes };
}

/**
 * The yearly duty of a member in minutes: 56 hours (by default) for a member who holds a current position on a party
 * committee (书记、副书记、委员: any open party_positions row), 32 hours for every other member.
 */
export async function dutyMinutesOf(db: Kysely<DB> | Transaction<DB>, memberId: string): Promise<{ minutes: number; cadre: boolean }> {
  const rules = await loadRules(db);
  const held = await db.selectFrom('party_positions').select('id').where('member_id', '=', memberId).where('ended_on', 'is', null).executeTakeFirst();
  const cadre = held !== undefined;
  return { minutes: 60 * (cadre ? rules.duty_hours_cadre : rules.duty_hours_member), cadre };
}
