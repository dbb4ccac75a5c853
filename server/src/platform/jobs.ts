/**
 * The background job queue: a `jobs` table claimed with `FOR UPDATE SKIP LOCKED`, so work survives
 * restarts and any number of app instances share it (ARCHITECTURE.md, "Jobs and messaging").
 *
 * Why not pg-boss: see docs/architecture.md ("Where this repository differs"). In short, the
 * embedded database is one PGlite connection; a queue that owns its own schema, maintenance and
 * polling loops on that connection competes with requests, and tests need to run jobs to completion
 * deterministically (`drain()`), which this small runner gives directly.
 *
 * A job row carries its progress (processed / total / error_count) and state
 * (queued → running → succeeded | failed), which the API reads, so a reloaded page finds it.
 * A running job holds a lease (`locked_until`), renewed on every progress report; a job whose
 * instance died is claimed again after the lease runs out, up to `max_attempts`. Handlers must
 * therefore be idempotent (resume from their own checkpoint).
 */
import crypto from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface JobInfo {
  id: string;
  queue: string;
  payload: unknown;
  /** This attempt's number, from 1. */
  attempts: number;
  /** After a failure of the last attempt the job is failed, not retried: a handler cleans up then. */
  maxAttempts: number;
}

export interface JobControl {
  /** Records progress and renews the lease. `total` may be given once known. */
  progress(p: { processed: number; total?: number; errors?: number }): Promise<void>;
}

export type JobHandler = (job: JobInfo, control: JobControl) => Promise<unknown>;

export interface JobRunner {
  register(queue: string, handler: JobHandler): void;
  /** Inserts a queued job (in the caller's transaction when `db` is one) and returns its id. */
  enqueue(queue: string, payload: unknown, opts?: { db?: Db; createdBy?: string | null; maxAttempts?: number }): Promise<string>;
  /** Starts polling (servers). Tests usually do not start it and call drain() instead. */
  start(): void;
  /** Stops polling and waits for the jobs this instance is running. */
  stop(): Promise<void>;
  /** Runs runnable jobs until none is left, then waits for this instance's running jobs: deterministic in tests. */
  drain(): Promise<void>;
  /** Wakes a started runner now (after a transaction that enqueued has committed) instead of at the next poll. */
  poke(): void;
  /** Runs at most one runnable job; false when there was none. */
  runOne(): Promise<boolean>;
  /**
   * Runs `task` every `everyMs` while the runner is started (servers; first soon after start()), never two at once.
   * Tasks must be idempotent: every instance runs them. Tests call the task's function directly.
   */
  schedule(name: string, everyMs: number, task: () => Promise<unknown>): void;
}

export interface JobRunnerOptions {
  pollMs?: number;
  leaseMs?: number;
  /** How many jobs one instance runs at once. */
  concurrency?: number;
  now?: () => Date;
  onError?: (err: unknown, job?: JobInfo) => void;
}

export function createJobRunner(db: Kysely<DB>, opts: JobRunnerOptions = {}): JobRunner {
  const pollMs = opts.pollMs ?? 1000;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const concurrency = opts.concurrency ?? 1;
  const workerId = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const handlers = new Map<string, JobHandler>();
  const running = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let ticking = false;
  const report = opts.onError ?? (() => {});
  const schedules: { name: string; everyMs: number; task: () => Promise<unknown>; timer: NodeJS.Timeout | null; busy: boolean }[] = [];
  function startSchedule(s: (typeof schedules)[number]) {
    const run = () => {
      if (s.busy || stopped) return;
      s.busy = true;
      void s.task().catch((err) => report(err)).finally(() => { s.busy = false; });
    };
    s.timer = setInterval(run, s.everyMs);
    s.timer.unref();
    setTimeout(run, Math.min(s.everyMs, 10_000)).unref();
  }

  async function claim(): Promise<(Omit<JobInfo, 'maxAttempts'> & { max_attempts: number }) | null> {
    const queues = [...handlers.keys()];
    if (queues.length === 0) return null;
    // A job whose lease ran out after its last attempt is failed rather than claimed again.
    await db
      .updateTable('jobs')
      .set({ state: 'failed', finished_at: sql`now()`, locked_by: null, locked_until: null, last_error: sql`coalesce(last_error, '任务执行中断且已达最大重试次数')` })
      .where('state', '=', 'running')
      .where('queue', 'in', queues)
      .where('locked_until', '<', sql<Date>`now()`)
      .whereRef('attempts', '>=', 'max_attempts')
      .execute();
    const row = await sql<{ id: string; queue: string; payload: unknown; attempts: number; max_attempts: number }>`
      update jobs set state = 'running', attempts = attempts + 1, locked_by = ${workerId},
        locked_until = now() + ${`${leaseMs} milliseconds`}::interval, started_at = coalesce(started_at, now())
      where id = (
        select id from jobs
        where queue in (${sql.join(queues)})
          and ((state = 'queued' and run_after <= now()) or (state = 'running' and locked_until < now() and attempts < max_attempts))
        order by id
        limit 1
        for update skip locked
      )
      returning id, queue, payload, attempts, max_attempts`.execute(db);
    return row.rows[0] ?? null;
  }

  async function execute(claimed: Omit<JobInfo, 'maxAttempts'> & { max_attempts: number }): Promise<void> {
    const job: JobInfo & { max_attempts: number } = { ...claimed, maxAttempts: claimed.max_attempts };
    const handler = handlers.get(job.queue)!;
    const control: JobControl = {
      async progress(p) {
        await db
          .updateTable('jobs')
          .set({
            processed: p.processed,
            ...(p.total !== undefined && { total: p.total }),
            ...(p.errors !== undefined && { error_count: p.errors }),
            locked_until: sql`now() + ${`${leaseMs} milliseconds`}::interval`,
          })
          .where('id', '=', job.id)
          .where('locked_by', '=', workerId)
          .execute();
      },
    };
    try {
      const result = await handler(job, control);
      await db
        .updateTable('jobs')
        .set({ state: 'succeeded', result: JSON.stringify(result ?? null), finished_at: sql`now()`, locked_by: null, locked_until: null })
        .where('id', '=', job.id)
        .where('locked_by', '=', workerId)
        .execute();
    } catch (err) {
      report(err, job);
      const last = job.attempts >= job.max_attempts;
      const message = err instanceof Error ? err.message : String(err);
      await db
        .updateTable('jobs')
        .set({
          state: last ? 'failed' : 'queued',
          last_error: message.slice(0, 2000),
          locked_by: null,
          locked_until: null,
          ...(last ? { finished_at: sql`now()` } : { run_after: sql`now() + ${`${2 ** job.attempts} seconds`}::interval` }),
        })
        .where('id', '=', job.id)
        .where('locked_by', '=', workerId)
        .execute()
        .catch((e) => report(e, job));
    }
  }

  function track(p: Promise<void>) {
    running.add(p);
    void p.finally(() => running.delete(p));
  }

  async function tick() {
    if (ticking || stopped) return;
    ticking = true;
    try {
      while (!stopped && running.size < concurrency) {
        const job = await claim();
        if (!job) break;
        track(execute(job).then(() => { if (!stopped) void tick(); }));
      }
    } catch (err) {
      report(err);
    } finally {
      ticking = false;
    }
  }

  return {
    register(queue, handler) {
      if (handlers.has(queue)) throw new Error(`job queue ${queue} already has a handler`);
      handlers.set(queue, handler);
    },
    async enqueue(queue, payload, o = {}) {
      const r = await (o.db ?? db)
        .insertInto('jobs')
        .values({ queue, payload: JSON.stringify(payload ?? {}), created_by: o.createdBy ?? null, ...(o.maxAttempts && { max_attempts: o.maxAttempts }) })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Outside a caller's transaction the row is visible now: pick it up without waiting for the poll.
      if (!o.db && !stopped) setImmediate(() => void tick());
      return r.id;
    },
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setInterval(() => void tick(), pollMs);
      timer.unref();
      for (const s of schedules) startSchedule(s);
      void tick();
    },
    schedule(name, everyMs, task) {
      if (schedules.some((s) => s.name === name)) throw new Error(`schedule ${name} already registered`);
      const s = { name, everyMs, task, timer: null, busy: false };
      schedules.push(s);
      if (!stopped) startSchedule(s);
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      for (const s of schedules) {
        if (s.timer) clearInterval(s.timer);
        s.timer = null;
      }
      await Promise.allSettled([...running]);
    },
    poke() {
      if (!stopped) setImmediate(() => void tick());
    },
    async runOne() {
      const job = await claim();
      if (!job) return false;
      await execute(job);
      return true;
    },
    async drain() {
      for (;;) {
        await Promise.allSettled([...running]);
        const job = await claim();
        if (!job) {
          if (running.size === 0) return;
          continue;
        }
        await execute(job);
      }
    },
  };
}

/** The job row as the API shows it. */
export async function jobStatus(db: Db, id: string) {
  return db
    .selectFrom('jobs')
    .select(['id', 'queue', 'state', 'attempts', 'processed', 'total', 'error_count', 'result', 'last_error', 'created_at', 'started_at', 'finished_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}
