/**
 * Recurring schedules kept in the database (JobRunner.every). Each schedule is a `job_schedules` row whose
 * `next_run_at` is the slot due next. When the runner's clock passes it, an instance moves it to the
 * following slot with a compare-and-set on the old value and, in the same transaction, enqueues the
 * slot's job: of several instances exactly one moves it, so each slot fires once.
 */
import { Cron } from 'croner';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Db, EnqueueOptions, ScheduleWhen } from './types.js';

interface Schedule {
  name: string;
  when: ScheduleWhen;
  queue: string;
  payload: unknown;
  cron: Cron | null;
}

/** The first slot strictly after `after`. */
export function nextSlot(when: ScheduleWhen, after: Date, cron?: Cron | null): Date {
  if ('everyMs' in when) return new Date((Math.floor(after.getTime() / when.everyMs) + 1) * when.everyMs);
  const next = (cron ?? parseCron(when.cron)).nextRun(after);
  if (!next) throw new Error(`schedule cron "${when.cron}" has no next run`);
  return next;
}

function parseCron(expr: string): Cron {
  // China has kept no daylight saving time since 1991, so the wall clock of a slot is fixed at UTC+8.
  return new Cron(expr, { timezone: 'Asia/Shanghai', mode: '5-part' });
}

type Enqueue = (queue: string, payload: unknown, opts: EnqueueOptions & { db: Db }) => Promise<string>;

export function createSchedules(db: Kysely<DB>, now: () => Date, enqueue: Enqueue) {
  const schedules = new Map<string, Schedule>();
  /** The slot each schedule is due at, as last read: the database is asked only once one has come. */
  const dueAt = new Map<string, number>();
  let synced = false;

  /** Creates or updates each schedule's row; a changed period or cron starts again from the next slot. */
  async function sync() {
    for (const s of schedules.values()) {
      const everyMs = 'everyMs' in s.when ? s.when.everyMs : null;
      const cron = 'cron' in s.when ? s.when.cron : null;
      const row = await db
        .insertInto('job_schedules')
        .values({ name: s.name, queue: s.queue, payload: JSON.stringify(s.payload ?? {}), every_ms: everyMs, cron, next_run_at: nextSlot(s.when, now(), s.cron) })
        .onConflict((oc) =>
          oc.column('name').doUpdateSet({
            queue: (eb) => eb.ref('excluded.queue'),
            payload: (eb) => eb.ref('excluded.payload'),
            every_ms: (eb) => eb.ref('excluded.every_ms'),
            cron: (eb) => eb.ref('excluded.cron'),
            next_run_at: sql`case when job_schedules.every_ms is not distinct from excluded.every_ms
              and job_schedules.cron is not distinct from excluded.cron then job_schedules.next_run_at else excluded.next_run_at end`,
          }),
        )
        .returning('next_run_at')
        .executeTakeFirstOrThrow();
      dueAt.set(s.name, row.next_run_at.getTime());
    }
    synced = true;
  }

  /** Enqueues the job of the current slot if this instance is the one that moves the schedule on. */
  async function fire(s: Schedule, at: Date): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('job_schedules').select('next_run_at').where('name', '=', s.name).executeTakeFirstOrThrow();
      if (row.next_run_at.getTime() > at.getTime()) {
        dueAt.set(s.name, row.next_run_at.getTime()); // another instance fired this slot
        return false;
      }
      const next = nextSlot(s.when, at, s.cron);
      // Under READ COMMITTED a concurrent instance's update makes this one match no row once it commits.
      const moved = await trx
        .updateTable('job_schedules')
        .set({ next_run_at: next, last_run_at: at })
        .where('name', '=', s.name)
        .where('next_run_at', '=', row.next_run_at)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 0) return false;
      const jobId = await enqueue(s.queue, s.payload, { db: trx, singletonKey: `schedule:${s.name}` });
      await trx.updateTable('job_schedules').set({ last_job_id: jobId }).where('name', '=', s.name).execute();
      dueAt.set(s.name, next.getTime());
      return true;
    });
  }

  return {
    add(name: string, when: ScheduleWhen, job: { queue: string; payload?: unknown }) {
      if (schedules.has(name)) throw new Error(`schedule ${name} already registered`);
      if ('everyMs' in when && !(Number.isInteger(when.everyMs) && when.everyMs > 0)) throw new Error(`schedule ${name}: everyMs must be a positive integer`);
      const cron = 'cron' in when ? parseCron(when.cron) : null; // an invalid expression fails here, at registration
      schedules.set(name, { name, when, queue: job.queue, payload: job.payload ?? {}, cron });
      synced = false;
    },
    /** Fires every schedule whose slot has come; returns how many this instance fired. */
    async fireDue(): Promise<number> {
      if (schedules.size === 0) return 0;
      if (!synced) await sync();
      const at = now();
      let fired = 0;
      for (const s of schedules.values()) {
        if ((dueAt.get(s.name) ?? 0) > at.getTime()) continue;
        if (await fire(s, at)) fired++;
      }
      return fired;
    },
  };
}
