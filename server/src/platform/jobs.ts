/**
 * Background jobs: the runner (jobs/runner.ts), recurring schedules (jobs/schedules.ts) and retention
 * (jobs/retention.ts) on the `jobs` and `job_schedules` tables. Modules use `ctx.jobs` (jobs/types.ts).
 */
import type { Db } from './jobs/types.js';

export { createJobRunner } from './jobs/runner.js';
export { nextSlot } from './jobs/schedules.js';
export type { EnqueueOptions, JobControl, JobFinished, JobHandler, JobInfo, JobRunner, JobRunnerOptions, RegisterOptions, ScheduleWhen } from './jobs/types.js';

/** The job row as the API shows it. */
export async function jobStatus(db: Db, id: string) {
  return db
    .selectFrom('jobs')
    .select(['id', 'queue', 'state', 'attempts', 'processed', 'total', 'error_count', 'result', 'last_error', 'created_at', 'started_at', 'finished_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}
