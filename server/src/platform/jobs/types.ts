/** The job runner's contract (platform/jobs/runner.ts); modules see only this, as `ctx.jobs`. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

export type Db = Kysely<DB> | Transaction<DB>;

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

export interface EnqueueOptions {
  /** Enqueue in the caller's transaction: the job exists if and only if the transaction commits. */
  db?: Db;
  createdBy?: string | null;
  maxAttempts?: number;
  /** Not before this instant (the runner's clock). Default: now. */
  runAt?: Date;
  /**
   * At most one queued or running job of this queue has this key: while one has, enqueue returns that
   * job's id and adds nothing (its payload and runAt stay as they were).
   */
  singletonKey?: string;
}

export interface RegisterOptions {
  /** How many jobs of this queue one instance runs at once (default 1). */
  concurrency?: number;
}

/**
 * When a recurring schedule fires. `everyMs`: slots on multiples of the period since the Unix epoch (an
 * hour's slots fall on the hour). `cron`: five fields (minute hour day-of-month month day-of-week) read in
 * China Standard Time, e.g. '0 8 * * 1' is Mondays at 08:00 Beijing time.
 */
export type ScheduleWhen = { everyMs: number } | { cron: string };

/** A job that has finished one attempt (for metrics). `retried`: it failed and will run again. */
export interface JobFinished {
  queue: string;
  outcome: 'succeeded' | 'failed' | 'retried';
  seconds: number;
}

export interface JobRunner {
  /** Handles the jobs of `queue` on this instance; an instance claims only queues it has handlers for. */
  register(queue: string, handler: JobHandler, opts?: RegisterOptions): void;
  /** Inserts a queued job (in the caller's transaction when `db` is one) and returns its id. */
  enqueue(queue: string, payload: unknown, opts?: EnqueueOptions): Promise<string>;
  /** Starts polling (servers). Tests usually do not start it and call drain() instead. */
  start(): void;
  /** Stops polling and waits for the jobs this instance is running. */
  stop(): Promise<void>;
  /**
   * Enqueues the jobs of recurring schedules whose slot has come (by the runner's clock), then runs runnable
   * jobs until none is left and waits for this instance's running jobs: deterministic in tests.
   */
  drain(): Promise<void>;
  /** Wakes a started runner now (after a transaction that enqueued has committed) instead of at the next poll. */
  poke(): void;
  /** Runs at most one runnable job; false when there was none. */
  runOne(): Promise<boolean>;
  /**
   * Runs `task` every `everyMs` while the runner is started (servers; first soon after start()), never two at once.
   * Tasks must be idempotent: every instance runs them. Tests call the task's function directly.
   * For work that must happen once per period across all instances, use every().
   */
  schedule(name: string, everyMs: number, task: () => Promise<unknown>): void;
  /**
   * A recurring schedule kept in the database (`job_schedules`): at each slot one job is enqueued on
   * `job.queue`, by whichever instance gets there first, however many instances run. A slot whose
   * previous job is still queued or running adds none (the schedule's singleton key); slots missed while
   * no instance ran are not made up, the next one fires. The first slot is the first after registration.
   */
  every(name: string, when: ScheduleWhen, job: { queue: string; payload?: unknown }): void;
  /**
   * Deletes succeeded jobs older than the retention and failed ones (dead letters) older than theirs, except
   * jobs another table still refers to (an import's status is its job row). Started runners do this hourly.
   */
  purge(): Promise<number>;
  /** Queued, running and failed jobs per queue (all instances: read from the table). */
  counts(): Promise<{ queue: string; state: string; count: number }[]>;
  /** Called after every attempt this instance ran (metrics). */
  onFinished(listener: (e: JobFinished) => void): void;
}

export interface JobRunnerOptions {
  pollMs?: number;
  leaseMs?: number;
  /** How many jobs one instance runs at once over all queues (default: the sum of the queues' own limits). */
  concurrency?: number;
  /** The runner's clock (ctx.now): when a job may run, when a lease ends, when a schedule's slot is due. */
  now?: () => Date;
  /** Retention in days: succeeded jobs, and failed ones kept as dead letters. Default 7 and 30. */
  retention?: { succeededDays: number; failedDays: number };
  onError?: (err: unknown, job?: JobInfo) => void;
}
