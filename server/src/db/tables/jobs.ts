/** Tables of the jobs work (issue 3): the job queue (platform/jobs/) and Excel imports. */
import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

type Id = GeneratedAlways<string>;
type IdRef = ColumnType<string, string | number | bigint, string | number | bigint>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface JobsTable {
  id: Id;
  queue: string;
  payload: ColumnType<unknown, string | undefined, string>;
  /** queued · running · succeeded · failed */
  state: Generated<string>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_after: Timestamp;
  locked_by: string | null;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  processed: Generated<number>;
  total: number | null;
  error_count: Generated<number>;
  result: Json | null;
  last_error: string | null;
  created_by: IdRef | null;
  created_at: Timestamp;
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** While queued or running, the only job of its queue with this key (enqueue's `singletonKey`). */
  singleton_key: string | null;
}

/** A recurring schedule (JobRunner.every): the job of each slot is enqueued by one instance only. */
export interface JobSchedulesTable {
  name: string;
  queue: string;
  payload: ColumnType<unknown, string | undefined, string>;
  every_ms: ColumnType<string | null, number | null | undefined, number | null>;
  cron: string | null;
  next_run_at: ColumnType<Date, Date | string, Date | string>;
  last_run_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_job_id: ColumnType<string | null, string | number | bigint | null | undefined, string | number | bigint | null>;
}

export interface ImportsTable {
  id: Id;
  job_id: IdRef;
  kind: string;
  mode: string;
  actor_id: IdRef;
  actor_name: string;
  ip: string | null;
  file_name: string | null;
  /** The upload, encrypted with the field cipher (FieldCrypto.encryptBytes); null once the import has ended. */
  file: Buffer | null;
  /** xlsx · csv */
  format: Generated<string>;
  rows_total: number | null;
  rows_valid: number | null;
  rows_written: Generated<number>;
  /** Rows (0-based, data rows) before this index are already written: a retried job resumes here. */
  next_row: Generated<number>;
  /** imported · partial · rejected (set when the import has finished) */
  outcome: string | null;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
}

export interface ImportErrorsTable {
  id: Id;
  import_id: IdRef;
  row_no: number;
  column_name: string;
  message: string;
}

export interface JobsTables {
  jobs: JobsTable;
  job_schedules: JobSchedulesTable;
  imports: ImportsTable;
  import_errors: ImportErrorsTable;
}
