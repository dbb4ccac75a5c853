/**
 * 工作日历: the administrator's exceptions to the ordinary week (table calendar_days, written only here) and the
 * command other modules call for a due date in working days (`dueDate`). The arithmetic is in calendar.days.ts.
 *
 * The exceptions are few (a few dozen a year) and read on every due date, so they are cached per database in this
 * process and dropped on every change made here. Another server process sees a change within CACHE_TTL_MS.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { scopePaths, type Actor } from '../../platform/actor.js';
import { isRootPath } from '../../platform/roles.js';
import { appendAudit } from '../../platform/audit.js';
import { chinaToday } from '../../platform/china-time.js';
import { forbidden, notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { addWorkingDays, isWeekend, isWorkingDay, weekday, type DayKind, type Exceptions } from './calendar.days.js';
import type { CalendarDayInput, CalendarDayViewT } from './calendar.schema.js';

export const CACHE_TTL_MS = 60_000;
const cache = new WeakMap<Kysely<DB>, { at: number; days: Exceptions; years: ReadonlySet<number> }>();

/** Drops the cached exceptions (after a change). */
export function invalidateCalendar(ctx: AppContext): void {
  cache.delete(ctx.db);
}

/** Every exception, cached (see above), and the years that have at least one. */
export async function loadExceptions(ctx: AppContext): Promise<{ days: Exceptions; years: ReadonlySet<number> }> {
  const hit = cache.get(ctx.db);
  const now = Date.now(); // process time, not ctx.now(): the cache's age is about this process, not the business clock
  if (hit && now - hit.at < CACHE_TTL_MS) return hit;
  const rows = await ctx.db.selectFrom('calendar_days').select(['day', 'kind']).execute();
  const days = new Map<string, DayKind>(rows.map((r) => [r.day, r.kind]));
  const entry = { at: now, days, years: new Set(rows.map((r) => Number(r.day.slice(0, 4)))) };
  cache.set(ctx.db, entry);
  return entry;
}

/**
 * The due date of something started on `from` (default: today in China) with `workingDays` working days to do it
 * (calendar.days.ts, addWorkingDays: `from` never counts). `unkeptYears`: years the period touches that have no
 * exception recorded — the administrator has not entered that year's notice, so the date assumes ordinary weeks.
 */
export async function dueDate(ctx: AppContext, from: string | undefined, workingDays: number): Promise<{ due: string; unkeptYears: number[] }> {
  const start = from ?? chinaToday(ctx.now());
  const { days, years } = await loadExceptions(ctx);
  const due = addWorkingDays(start, workingDays, days);
  const unkeptYears: number[] = [];
  for (let y = Number(start.slice(0, 4)); y <= Number(due.slice(0, 4)); y++) if (!years.has(y)) unkeptYears.push(y);
  return { due, unkeptYears };
}

/** Is `date` (default: today in China) a working day? */
export async function isWorkingDayOn(ctx: AppContext, date?: string): Promise<boolean> {
  return isWorkingDay(date ?? chinaToday(ctx.now()), (await loadExceptions(ctx)).days);
}

const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

type Row = { day: string; kind: DayKind; name: string; updated_by_name: string | null; updated_at: Date };
const present = (r: Row): CalendarDayViewT => ({
  date: r.day, kind: r.kind, name: r.name, weekday: weekday(r.day), updatedByName: r.updated_by_name, updatedAt: r.updated_at.toISOString(),
});
const selectDays = (db: Kysely<DB>) => db.selectFrom('calendar_days as c').leftJoin('accounts as a', 'a.id', 'c.updated_by')
  .select(['c.day', 'c.kind', 'c.name', 'a.display_name as updated_by_name', 'c.updated_at']);

/** A year's exceptions by date, with the year's counts. Any logged-in staff member may read it. */
export async function listYear(ctx: AppContext, year: number) {
  const rows = await selectDays(ctx.db).where('c.day', '>=', `${year}-01-01`).where('c.day', '<=', `${year}-12-31`).orderBy('c.day').execute() as Row[];
  const items = rows.map(present);
  const days = new Map(rows.map((r) => [r.day, r.kind] as const));
  let workingDays = 0;
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    if (isWorkingDay(d.toISOString().slice(0, 10), days)) workingDays++;
  }
  return {
    year, items, workingDays,
    holidays: items.filter((i) => i.kind === 'holiday' && !isWeekend(i.date)).length,
    workdays: items.filter((i) => i.kind === 'workday').length,
  };
}

/**
 * The administrator's authority over the calendar: calendar.write held at the root organization — the calendar is
 * province-wide, so a grant lower down (a city's system administrator) does not reach it.
 */
function authorizeWrite(actor: Actor): string {
  const root = scopePaths(actor, 'calendar.write').find(isRootPath);
  if (!root) throw forbidden('forbidden.scope', '工作日历全省通用，只有省级系统管理员可以维护');
  return root;
}

/**
 * Records `date` as a holiday or an adjusted working day, or changes its kind or name; audited calendar.day.set with
 * before and after. A workday must be a Saturday or Sunday (Monday–Friday are working days already); a holiday may
 * be any day (a weekend holiday changes nothing but names the day, as the notice's ranges do).
 */
export async function setDay(ctx: AppContext, actor: Actor, date: string, input: CalendarDayInput): Promise<CalendarDayViewT> {
  const orgPath = authorizeWrite(actor);
  const name = input.name.trim();
  const errors: FieldError[] = [];
  if (!name) errors.push({ field: 'name', message: '请填写名称，如“春节”“春节调休”' });
  if (input.kind === 'workday' && !isWeekend(date)) {
    errors.push({ field: 'kind', message: `${date}是${WEEKDAY_ZH[weekday(date)]}，本来就是工作日，无需设为调休上班；调休上班只能设在周六或周日` });
  }
  if (errors.length) throw validationFailed(errors);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('calendar_days').select(['kind', 'name']).where('day', '=', date).forUpdate().executeTakeFirst();
    if (before && before.kind === input.kind && before.name === name) return; // nothing changes: nothing to audit
    await trx.insertInto('calendar_days').values({ day: date, kind: input.kind, name, updated_by: actor.accountId, updated_at: now })
      .onConflict((oc) => oc.column('day').doUpdateSet({ kind: input.kind, name, updated_by: actor.accountId, updated_at: now })).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'calendar.day.set', entityType: 'calendar_day', entityId: date,
      orgPath, ip: actor.ip, before: before ?? null, after: { kind: input.kind, name },
    }, now);
  });
  invalidateCalendar(ctx);
  return present(await selectDays(ctx.db).where('c.day', '=', date).executeTakeFirstOrThrow() as Row);
}

/** Returns `date` to the ordinary week; audited calendar.day.delete with what it was. */
export async function deleteDay(ctx: AppContext, actor: Actor, date: string): Promise<void> {
  const orgPath = authorizeWrite(actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx.deleteFrom('calendar_days').where('day', '=', date).returning(['kind', 'name']).executeTakeFirst();
    if (!before) throw notFound(`${date}的节假日或调休记录`);
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'calendar.day.delete', entityType: 'calendar_day', entityId: date,
      orgPath, ip: actor.ip, before, after: null,
    }, now);
  });
  invalidateCalendar(ctx);
}
