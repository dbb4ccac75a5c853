/**
 * The background job runner on the `jobs` table: claimed with `FOR UPDATE SKIP LOCKED`, so work survives
 * restarts and any number of app instances share it (why not pg-boss or graphile-worker: docs/architecture.md,
 * "Where this repository differs").
 *
 * A job row carries its progress (processed / total / error_count) and state
 * (queued → running → succeeded | failed), which the API reads, so a reloaded page finds it.
 * A running job holds a lease (`locked_until`), renewed on every progress report; a job whose
 * instance died is claimed again after the lease runs out, up to `max_attempts`. Handlers must
 * therefore be idempotent (resume from their own checkpoint).
 *
 * Times the runner waits for (run_after, leases, schedule slots) are its clock's (`now`, ctx.now in the
 * app), so tests move them with the test clock; times that record what happened (created, started,
 * finished) are the database's.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { purgeJobs } from './retention.js';
import { createSchedules } from './schedules.js';
import type { JobControl, JobFinished, JobHandler, JobInfo, JobRunner, JobRunnerOptions } from './types.js';

interface Claimed {
  id: string;
  queue: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

interface Queue {
  handler: JobHandler;
  concurrency: number;
  /** Jobs of this queue this instance is running now. */
  running: number;
}

const PURGE_EVERY_MS = 3_600_000;
const EXPIRED_CHECK_MS = 60_000;

export function createJobRunner(db: Kysely<DB>, opts: JobRunnerOptions = {}): JobRunner {
  const pollMs = opts.pollMs ?? 1000;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const now = opts.now ?? (() => new Date());
  const retention = opts.retention ?? { succeededDays: 7, failedDays: 30 };
  const workerId = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const queues = new Map<string, Queue>();
  const running = new Set<Promise<void>>();
  const finishedListeners: ((e: JobFinished) => void)[] = [];
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let ticking = false;
  const report = opts.onError ?? (() => {});
  const later = (ms: number) => new Date(now().getTime() + ms);

  const tasks: { name: string; everyMs: number; task: () => Promise<unknown>; timer: NodeJS.Timeout | null; busy: boolean }[] = [];
  function startTask(s: (typeof tasks)[number]) {
    const run = () => {
      if (s.busy || stopped) return;
      s.busy = true;
      void s.task().catch((err) => report(err)).finally(() => { s.busy = false; });
    };
    s.timer = setInterval(run, s.everyMs);
    s.timer.unref();
    setTimeout(run, Math.min(s.everyMs, 10_000)).unref();
  }

  let expiredCheckedAt = -Infinity;
  /** A job whose lease ran out after its last attempt is failed rather than claimed again. */
  async function failExpired() {
    if (queues.size === 0) return;
    expiredCheckedAt = performance.now();
    await db
      .updateTable('jobs')
      .set({ state: 'failed', finished_at: sql`now()`, locked_by: null, locked_until: null, last_error: sql`coalesce(last_error, '任务执行中断且已达最大重试次数')` })
      .where('state', '=', 'running')
      .where('queue', 'in', [...queues.keys()])
      .where('locked_until', '<', now())
      .whereRef('attempts', '>=', 'max_attempts')
      .execute();
  }

  /** Claims the oldest runnable job of `names`; SKIP LOCKED lets concurrent claimers pass each other's row. */
  async function claim(names: string[]): Promise<Claimed | null> {
    if (names.length === 0) return null;
    const at = now();
    const row = await sql<Claimed>`
      update jobs set state = 'running', attempts = attempts + 1, locked_by = ${workerId},
        locked_until = ${later(leaseMs)}, started_at = coalesce(started_at, now())
      where id = (
        select id from jobs
        where queue in (${sql.join(names)})
          and ((state = 'queued' and run_after <= ${at}) or (state = 'running' and locked_until < ${at} and attempts < max_attempts))
        order by id
        limit 1
        for update skip locked
      )
      returning id, queue, payload, attempts, max_attempts`.execute(db);
    return row.rows[0] ?? null;
  }

  function finished(e: JobFinished) {
    for (const l of finishedListeners) {
      try { l(e); } catch (err) { report(err); }
    }
  }

  async function execute(claimed: Claimed): Promise<void> {
    const job: JobInfo = { id: claimed.id, queue: claimed.queue, payload: claimed.payload, attempts: claimed.attempts, maxAttempts: claimed.max_attempts };
    const queue = queues.get(job.queue)!;
    queue.running++; // before the first await: tick() counts it at once
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    const control: JobControl = {
      async progress(p) {
        await db
          .updateTable('jobs')
          .set({
            processed: p.processed,
            ...(p.total !== undefined && { total: p.total }),
            ...(p.errors !== undefined && { error_count: p.errors }),
            locked_until: later(leaseMs),
          })
          .where('id', '=', job.id)
          .where('locked_by', '=', workerId)
          .execute();
      },
    };
    try {
      const result = await queue.handler(job, control);
      await db
        .updateTable('jobs')
        .set({ state: 'succeeded', result: JSON.stringify(result ?? null), finished_at: sql`now()`, locked_by: null, locked_until: null })
        .where('id', '=', job.id)
        .where('locked_by', '=', workerId)
        .execute();
      finished({ queue: job.queue, outcome: 'succeeded', seconds: seconds() });
    } catch (err) {
      report(err, job);
      const last = job.attempts >= job.maxAttempts;
      const message = err instanceof Error ? err.message : String(err);
      await db
        .updateTable('jobs')
        .set({
          state: last ? 'failed' : 'queued',
          last_error: message.slice(0, 2000),
          locked_by: null,
          locked_until: null,
          ...(last ? { finished_at: sql`now()` } : { run_after: later(2 ** job.attempts * 1000) }),
        })
        .where('id', '=', job.id)
        .where('locked_by', '=', workerId)
        .execute()
        .catch((e) => report(e, job));
      finished({ queue: job.queue, outcome: last ? 'failed' : 'retried', seconds: seconds() });
    } finally {
      queue.running--;
    }
  }

  const schedules = createSchedules(db, now, (queue, payload, o) => runner.enqueue(queue, payload, o));

  function track(p: Promise<void>) {
    running.add(p);
    void p.finally(() => running.delete(p));
  }

  /** Queues with room for one more job on this instance. */
  const open = () => [...queues].filter(([, q]) => q.running < q.concurrency).map(([name]) => name);
  const maxRunning = () => opts.concurrency ?? Infinity;

  /** A wake-up (a finished job, a poke) that came while a tick was running: that tick goes round once more. */
  let again = false;
  async function tick() {
    if (stopped) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = true;
    try {
      do {
        again = false;
        await schedules.fireDue();
        // Leases last minutes: looking for dead ones once a minute keeps an idle poll to one query.
        if (performance.now() - expiredCheckedAt >= EXPIRED_CHECK_MS) await failExpired();
        while (!stopped && running.size < maxRunning()) {
          const job = await claim(open());
          if (!job) break;
          track(execute(job).then(() => void tick()));
        }
      } while (again && !stopped);
    } catch (err) {
      report(err);
    } finally {
      ticking = false;
    }
  }

  const runner: JobRunner = {
    register(queue, handler, o = {}) {
      if (queues.has(queue)) throw new Error(`job queue ${queue} already has a handler`);
      const concurrency = o.concurrency ?? 1;
      if (!(Number.isInteger(concurrency) && concurrency >= 1)) throw new Error(`job queue ${queue}: concurrency must be a positive integer`);
      queues.set(queue, { handler, concurrency, running: 0 });
    },
    async enqueue(queue, payload, o = {}) {
      const target = o.db ?? db;
      const values = {
        queue,
        payload: JSON.stringify(payload ?? {}),
        created_by: o.createdBy ?? null,
        run_after: o.runAt ?? now(),
        singleton_key: o.singletonKey ?? null,
        ...(o.maxAttempts && { max_attempts: o.maxAttempts }),
      };
      let id: string | undefined;
      if (!o.singletonKey) {
        id = (await target.insertInto('jobs').values(values).returning('id').executeTakeFirstOrThrow()).id;
      } else {
        // Insert, or find the job holding the key; retried in case that job finished in between.
        for (let i = 0; i < 3 && !id; i++) {
          const inserted = await target
            .insertInto('jobs')
            .values(values)
            // The index predicate as literals: ON CONFLICT infers the partial index only from a WHERE that implies it.
            .onConflict((oc) => oc.columns(['queue', 'singleton_key']).where(sql<boolean>`singleton_key is not null and state in ('queued', 'running')`).doNothing())
            .returning('id')
            .executeTakeFirst();
          if (inserted) {
            id = inserted.id;
            break;
          }
          const holder = await target
            .selectFrom('jobs')
            .select('id')
            .where('queue', '=', queue)
            .where('singleton_key', '=', o.singletonKey)
            .where('state', 'in', ['queued', 'running'])
            .executeTakeFirst();
          if (holder) return holder.id;
        }
        if (!id) throw new Error(`job queue ${queue}: could not enqueue singleton ${o.singletonKey}`);
      }
      // Outside a caller's transaction the row is visible now: pick it up without waiting for the poll.
      if (!o.db && !stopped) setImmediate(() => void tick());
      return id;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setInterval(() => void tick(), pollMs);
      timer.unref();
      for (const s of tasks) startTask(s);
      void tick();
    },
    schedule(name, everyMs, task) {
      if (tasks.some((s) => s.name === name)) throw new Error(`schedule ${name} already registered`);
      const s = { name, everyMs, task, timer: null, busy: false };
      tasks.push(s);
      if (!stopped) startTask(s);
    },
    every(name, when, job) {
      schedules.add(name, when, job);
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      for (const s of tasks) {
        if (s.timer) clearInterval(s.timer);
        s.timer = null;
      }
      await Promise.allSettled([...running]);
    },
    poke() {
      if (!stopped) setImmediate(() => void tick());
    },
    async runOne() {
      await failExpired();
      const job = await claim([...queues.keys()]);
      if (!job) return false;
      await execute(job);
      return true;
    },
    async drain() {
      await schedules.fireDue();
      await failExpired();
      for (;;) {
        await Promise.allSettled([...running]);
        const job = await claim([...queues.keys()]);
        if (!job) {
          if (running.size === 0) return;
          continue;
        }
        await execute(job);
      }
    },
    purge: () => purgeJobs(db, retention),
    async counts() {
      const rows = await db
        .selectFrom('jobs')
        .select(['queue', 'state', (eb) => eb.fn.countAll<string>().as('count')])
        .where('state', 'in', ['queued', 'running', 'failed'])
        .groupBy(['queue', 'state'])
        .execute();
      return rows.map((r) => ({ queue: r.queue, state: r.state, count: Number(r.count) }));
    },
    onFinished(listener) {
      finishedListeners.push(listener);
    },
  };
  runner.schedule('jobs.retention', PURGE_EVERY_MS, () => runner.purge());
  return runner;
}
