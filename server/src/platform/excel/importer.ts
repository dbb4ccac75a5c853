/**
 * The Excel import engine (F-06). A module registers an `Importer`: its rows (rows.ts: columns with Chinese headers and
 * notes, a TypeBox schema of one row's cells), a checker module for its own checks across cells and rows, its checks
 * against the database, and a writer that calls the module's own commands. The engine owns the rest, for every importer alike: the upload
 * (stored encrypted with its job and removed when the import ends, a per-account hourly cap), reading and checking the
 * file in a worker thread within limits (worker.ts, parse.ts), errors per row and column in Chinese, all-or-nothing or
 * valid-only, progress, batched writes resumed after the last committed batch, the error workbook kept for
 * IMPORT_ERROR_RETENTION_DAYS, the template, and the audit rows `<audit>.import.upload` and `<audit>.import`.
 */
import { threadId as mainThreadId } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../context.js';
import { permissionsOf, type Actor } from '../actor.js';
import type { Permission } from '../roles.js';
import { loadGrants } from '../sessions.js';
import { appendAudit } from '../audit.js';
import { chinaToday } from '../china-time.js';
import { AppError, badRequest, forbidden, notFound } from '../errors.js';
import type { JobControl, JobInfo } from '../jobs.js';
import { jobStatus } from '../jobs.js';
import { runWorker, siblingModule } from '../workers.js';
import { detectFormat, FileRefused, NOT_A_TABLE, zipEntries, type ParseLimits, type RowError } from './parse.js';
import type { CheckedRow, RowSpec } from './rows.js';
import type { WorkerInput, WorkerMessage } from './worker.js';

export type { RowError } from './parse.js';
export const IMPORT_QUEUE = 'imports.run';
export type ImportMode = 'all_or_nothing' | 'valid_only';
export const BATCH_SIZE = 500;
/** The error report keeps at most this many rows (a file of 100,000 bad rows still gets a useful report). */
const MAX_STORED_ERRORS = 50_000;

/** What an importer's database checks and writer know of the import they serve. */
export interface ImportRun {
  importId: string;
  /** Rows before this index were written by an earlier attempt of the same import (a retried job). */
  resumeFrom: number;
}

/** The rows that passed the database checks, the rows refused, and an error that refuses the whole file. */
export interface Prepared<Ready> { valid: Ready[]; errors: RowError[]; fileError?: RowError | null }

/**
 * One kind of import, declared by the module that owns what it writes. `Row` is what the worker's checks hand on;
 * `Ready` what the database checks hand to `write` (`index`: 0-based data row, `row`: the file's row number).
 */
export interface Importer<Row = unknown, Ready extends { index: number; row: number } = CheckedRow<Row>> {
  /** `?kind=` of POST /api/imports and the template's `<kind>.xlsx`; stored on the import. */
  kind: string;
  label: { zh: string; en: string };
  /** Needed to download the template and to upload. */
  permission: Permission;
  /** Audit action prefix: `<audit>.import.upload` when a file is accepted, `<audit>.import` when the import ends. */
  audit: string;
  /** The template's file name and first worksheet name, and the line of its 填写说明 that says what is checked. */
  template: { fileName: string; sheetName: string; checks: string };
  rows: RowSpec;
  /**
   * The module's checks of a row beyond its cells (a RowChecker, the default export of a pure file the worker thread
   * loads: siblingModule(import.meta.url, …)). Without one, a row is its cells.
   */
  checkModule?: URL;
  /**
   * How rows are committed. `batches`: every BATCH_SIZE rows in their own transaction, the import resumed after the last
   * committed one (large files). `file`: all rows in one transaction (a row may refer to one created by an earlier row).
   */
  commit: 'batches' | 'file';
  /** Checks that need the database (scope, references, duplicates against registered records), on the main thread. */
  prepare?: (ctx: AppContext, actor: Actor, rows: CheckedRow<Row>[], run: ImportRun) => Promise<Prepared<Ready>>;
  /** Writes rows through the module's own commands, in the engine's transaction, with their audit rows; returns how many were written. */
  write: (ctx: AppContext, actor: Actor, rows: Ready[], trx: Transaction<DB>, run: ImportRun & { now: Date }) => Promise<number>;
}

/** An importer as a registry holds it (its row types are the module's business). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds importers of every row type
export type AnyImporter = Importer<any, any>;

/** Declares an importer with its row types inferred. */
export function defineImporter<Row, Ready extends { index: number; row: number } = CheckedRow<Row>>(i: Importer<Row, Ready>): Importer<Row, Ready> {
  return i;
}

const limitsOf = (ctx: AppContext): ParseLimits => ctx.config.imports;

/** The import engine over the registered importers (one per kind). */
export function importEngine(importers: readonly AnyImporter[]) {
  const byKind = new Map<string, AnyImporter>();
  for (const i of importers) {
    if (byKind.has(i.kind)) throw new Error(`two importers of kind ${i.kind}`);
    byKind.set(i.kind, i);
  }
  const importerOf = (kind: string): AnyImporter => {
    const i = byKind.get(kind);
    // The routes' schemas list the registered kinds, so a request never gets here with another one.
    if (!i) throw badRequest('import.unknown_kind', `没有“${kind}”类型的导入`);
    return i;
  };
  const mayImport = (actor: Actor, importer: AnyImporter) => {
    if (!permissionsOf(actor).includes(importer.permission)) throw forbidden('forbidden.permission', '您的角色无权执行此操作');
  };

  async function createImport(ctx: AppContext, actor: Actor, kind: string, mode: ImportMode, fileName: string | null, file: Buffer): Promise<{ id: string; jobId: string }> {
    const importer = importerOf(kind);
    mayImport(actor, importer);
    // An .xlsx is a ZIP archive; anything else must be text (CSV). Refuse other files before queueing work, and an
    // .xlsx whose entries declare more than the unzipped limit (the job counts the real bytes while inflating).
    const format = detectFormat(file);
    if (!format) throw badRequest('import.not_xlsx', NOT_A_TABLE);
    if (format === 'xlsx') {
      try {
        zipEntries(file, limitsOf(ctx));
      } catch (err) {
        if (err instanceof FileRefused) throw badRequest('import.file_refused', err.message);
        throw err;
      }
    }
    const now = ctx.now();
    return ctx.db.transaction().execute(async (trx) => {
      // Uploads per account per hour. The account row is locked so that concurrent uploads are counted one by one.
      await trx.selectFrom('accounts').select('id').where('id', '=', actor.accountId).forUpdate().executeTakeFirst();
      const hourAgo = new Date(now.getTime() - 3_600_000);
      const recent = await trx.selectFrom('imports').select(['created_at']).where('actor_id', '=', actor.accountId).where('created_at', '>', hourAgo)
        .orderBy('created_at').execute();
      const perHour = ctx.config.imports.uploadsPerHour;
      if (recent.length >= perHour) {
        const wait = Math.max(1, Math.ceil((recent[recent.length - perHour].created_at.getTime() + 3_600_000 - now.getTime()) / 1000));
        throw new AppError(429, 'import.rate_limited', `上传过于频繁：每个账号每小时最多上传 ${perHour} 个导入文件，请约 ${Math.ceil(wait / 60)} 分钟后再试`, undefined, undefined, { 'retry-after': String(wait) });
      }
      const jobId = await ctx.jobs.enqueue(IMPORT_QUEUE, { kind }, { db: trx, createdBy: actor.accountId });
      const row = await trx
        .insertInto('imports')
        .values({
          job_id: jobId, kind, mode, actor_id: actor.accountId, actor_name: actor.username, ip: actor.ip, file_name: fileName, format,
          file: ctx.crypto.encryptBytes(file), created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: `${importer.audit}.import.upload`, entityType: 'import', entityId: row.id, ip: actor.ip, after: { kind, mode, fileName, format, bytes: file.length } }, now);
      return { id: row.id, jobId };
    });
  }

  /** The template of a kind, for an actor who may import it. */
  async function template(actor: Actor, kind: string): Promise<{ fileName: string; buffer: Buffer }> {
    const importer = importerOf(kind);
    mayImport(actor, importer);
    return { fileName: importer.template.fileName, buffer: await templateWorkbook(importer) };
  }

  /**
   * The job handler. Idempotent: a retried attempt resumes after the last committed batch (imports.next_row). The upload
   * is removed when the import ends, whatever the outcome; after the last failed attempt the import ends as `failed`.
   */
  async function runImport(ctx: AppContext, job: JobInfo, control: JobControl): Promise<unknown> {
    const imp = await ctx.db.selectFrom('imports').select(IMPORT_COLUMNS).where('job_id', '=', job.id).executeTakeFirst();
    if (!imp) throw new Error(`import for job ${job.id} not found`);
    if (imp.finished_at) {
      await ctx.db.updateTable('imports').set({ file: null }).where('id', '=', imp.id).where('file', 'is not', null).execute();
      return { outcome: imp.outcome, rowsWritten: imp.rows_written };
    }
    const actor = await importActor(ctx, imp);
    const importer = byKind.get(imp.kind);
    try {
      if (!importer) throw new Error(`no importer of kind ${imp.kind} is registered`);
      const { file } = await ctx.db.selectFrom('imports').select('file').where('id', '=', imp.id).executeTakeFirstOrThrow();
      if (!file) throw new Error(`import ${imp.id} has no stored file`);
      return await runImportFile(ctx, importer, { ...imp, file }, actor, control);
    } catch (err) {
      if (job.attempts >= job.maxAttempts) {
        await finish(ctx, importer, imp, actor, 'failed', imp.rows_total ?? 0, imp.rows_valid ?? 0, [{ row: 1, column: '文件', message: '导入未能完成（系统错误），请稍后重新上传' }]).catch(() => {});
      }
      throw err;
    }
  }

  return { importers: [...byKind.values()], createImport, template, runImport };
}

export type ImportEngine = ReturnType<typeof importEngine>;

const IMPORT_COLUMNS = [
  'id', 'job_id', 'kind', 'mode', 'actor_id', 'actor_name', 'ip', 'file_name', 'format', 'rows_total', 'rows_valid', 'rows_written', 'next_row', 'outcome',
  'finished_at', 'created_at',
] as const;

async function loadImportFor(ctx: AppContext, actor: Actor, id: string) {
  // Never the stored upload: up to 20 MB read and decoded on every status poll would stall the server.
  const imp = await ctx.db.selectFrom('imports').select(IMPORT_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!imp) throw notFound('导入任务');
  if (imp.actor_id !== actor.accountId) throw forbidden('forbidden.owner', '您无权查看他人的导入任务');
  return imp;
}

export async function getImport(ctx: AppContext, actor: Actor, id: string, offset: number, limit: number) {
  const imp = await loadImportFor(ctx, actor, id);
  const job = (await jobStatus(ctx.db, imp.job_id))!;
  const errors = await ctx.db
    .selectFrom('import_errors')
    .select(['row_no', 'column_name', 'message'])
    .where('import_id', '=', id)
    .orderBy('row_no')
    .orderBy('id')
    .offset(offset)
    .limit(limit)
    .execute();
  const { n } = await ctx.db.selectFrom('import_errors').select(sql<number>`count(*)::int`.as('n')).where('import_id', '=', id).executeTakeFirstOrThrow();
  const phase = job.state === 'queued' ? 'queued' : job.state === 'running' ? (imp.rows_valid === null ? 'validating' : 'writing') : job.state === 'failed' ? 'failed' : 'done';
  return {
    id: imp.id,
    jobId: imp.job_id,
    kind: imp.kind,
    mode: imp.mode,
    fileName: imp.file_name,
    state: job.state,
    phase,
    outcome: imp.outcome,
    progress: { processed: job.processed, total: job.total, errors: job.error_count },
    rowsTotal: imp.rows_total,
    rowsValid: imp.rows_valid,
    rowsWritten: imp.rows_written,
    failure: job.state === 'failed' ? job.last_error : null,
    createdAt: imp.created_at.toISOString(),
    finishedAt: imp.finished_at ? imp.finished_at.toISOString() : null,
    errors: { items: errors.map((e) => ({ row: e.row_no, column: e.column_name, message: e.message })), total: n, offset, limit },
  };
}

/** The caller's own recent imports, newest first: how a page finds its running import again without the id. */
export async function listImports(ctx: AppContext, actor: Actor, limit: number) {
  const rows = await ctx.db
    .selectFrom('imports as i')
    .innerJoin('jobs as j', 'j.id', 'i.job_id')
    .select(['i.id', 'i.kind', 'i.mode', 'i.file_name', 'i.outcome', 'i.rows_total', 'i.rows_written', 'i.created_at', 'i.finished_at', 'j.state', 'j.processed', 'j.total', 'j.error_count'])
    .where('i.actor_id', '=', actor.accountId)
    .orderBy('i.id', 'desc')
    .limit(limit)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id, kind: r.kind, mode: r.mode, fileName: r.file_name, state: r.state, outcome: r.outcome,
      progress: { processed: r.processed, total: r.total, errors: r.error_count }, rowsTotal: r.rows_total, rowsWritten: r.rows_written,
      createdAt: r.created_at.toISOString(), finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
    })),
  };
}

/**
 * The scheduled cleanup (hourly, routes.ts): error reports older than IMPORT_ERROR_RETENTION_DAYS after their
 * import ended, and any upload still stored for an import whose job has ended (a job whose last attempt died with
 * its instance is failed by the runner without running the handler; its import is marked failed here).
 */
export async function purgeExpiredImports(ctx: AppContext): Promise<{ files: number; reports: number }> {
  const now = ctx.now();
  const files = await ctx.db.updateTable('imports')
    .set({ file: null, outcome: sql`coalesce(outcome, 'failed')`, finished_at: sql`coalesce(finished_at, ${now})` })
    .where('file', 'is not', null)
    .where((eb) => eb.or([eb('finished_at', 'is not', null), eb('job_id', 'in', eb.selectFrom('jobs').select('id').where('state', 'in', ['succeeded', 'failed']))]))
    .executeTakeFirst();
  const cutoff = new Date(now.getTime() - ctx.config.imports.errorRetentionDays * 86_400_000);
  const reports = await ctx.db.deleteFrom('import_errors')
    .where('import_id', 'in', (eb) => eb.selectFrom('imports').select('id').where('finished_at', '<=', cutoff))
    .executeTakeFirst();
  return { files: Number(files.numUpdatedRows), reports: Number(reports.numDeletedRows) };
}

/** When the error report of an import that ended at `finishedAt` is removed. */
export const errorsExpireAt = (ctx: AppContext, finishedAt: Date) => new Date(finishedAt.getTime() + ctx.config.imports.errorRetentionDays * 86_400_000);

export async function errorsWorkbook(ctx: AppContext, actor: Actor, id: string): Promise<Buffer> {
  const imp = await loadImportFor(ctx, actor, id);
  if (imp.finished_at && errorsExpireAt(ctx, imp.finished_at) <= ctx.now()) {
    throw new AppError(404, 'import.errors_expired', `错误报告只保存 ${ctx.config.imports.errorRetentionDays} 天，该导入的错误报告已删除；如需核对，请重新导入原文件`);
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('错误报告');
  ws.columns = [{ header: '行号', key: 'row', width: 8 }, { header: '列', key: 'column', width: 16 }, { header: '错误说明', key: 'message', width: 80 }];
  ws.getRow(1).font = { bold: true };
  let afterId = '0';
  for (;;) {
    const rows = await ctx.db.selectFrom('import_errors').select(['id', 'row_no', 'column_name', 'message']).where('import_id', '=', id).where('id', '>', afterId).orderBy('id').limit(5000).execute();
    if (rows.length === 0) break;
    for (const r of rows) ws.addRow({ row: r.row_no, column: r.column_name, message: r.message });
    afterId = rows[rows.length - 1].id;
  }
  const info = wb.addWorksheet('说明');
  info.addRow([`文件：${imp.file_name ?? ''}`]);
  info.addRow([`共 ${imp.rows_total ?? 0} 行，校验通过 ${imp.rows_valid ?? 0} 行，已导入 ${imp.rows_written} 行`]);
  info.addRow([imp.mode === 'all_or_nothing' ? '导入方式：全部校验通过后导入（有错误时整个文件未导入）' : '导入方式：仅导入校验通过的行']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------- the job

async function importActor(ctx: AppContext, imp: { actor_id: string; actor_name: string; ip: string | null }): Promise<Actor> {
  return {
    accountId: imp.actor_id, username: imp.actor_name, displayName: imp.actor_name, kind: 'staff', demo: false, memberId: null,
    sessionId: '', mfaPassed: true, mustChangePassword: false, ip: imp.ip ?? '', grants: await loadGrants(ctx.db, imp.actor_id),
  };
}

async function storeErrors(ctx: AppContext, importId: string, errors: RowError[]): Promise<void> {
  await ctx.db.deleteFrom('import_errors').where('import_id', '=', importId).execute();
  const kept = errors.slice(0, MAX_STORED_ERRORS);
  for (let i = 0; i < kept.length; i += 2000) {
    await ctx.db.insertInto('import_errors')
      .values(kept.slice(i, i + 2000).map((e) => ({ import_id: importId, row_no: e.row, column_name: e.column, message: e.message })))
      .execute();
  }
}

/** What the worker thread read and checked. */
interface Parsed {
  refused: string | null;
  headerErrors: RowError[];
  total: number;
  rows: CheckedRow<unknown>[];
  errors: RowError[];
  threadId: number;
  parseMs: number;
}

/**
 * Reads and checks the upload in a worker thread (worker.ts), with the heap limited to IMPORT_WORKER_MEMORY_MB.
 * Results arrive in chunks, each handled as its own event-loop task.
 */
async function parseInWorker(ctx: AppContext, importer: AnyImporter, format: string, file: Buffer, control: JobControl): Promise<Parsed> {
  const out: Parsed = { refused: null, headerErrors: [], total: 0, rows: [], errors: [], threadId: -1, parseMs: 0 };
  // A copy whose memory moves to the worker (transferred, not cloned).
  const bytes = new Uint8Array(file.length);
  bytes.set(file);
  const input: WorkerInput = {
    file: bytes, format: format as WorkerInput['format'], columns: importer.rows.columns, checkModule: importer.checkModule?.href ?? null, limits: limitsOf(ctx), today: chinaToday(ctx.now()),
  };
  let reported = 0;
  try {
    await runWorker<WorkerMessage>(siblingModule(import.meta.url, 'worker'), input, async (m) => {
      if (m.type === 'rows') {
        for (const x of m.rows) out.rows.push(x);
        for (const e of m.errors) out.errors.push(e);
        if (m.processed - reported >= 10_000) {
          reported = m.processed;
          await control.progress({ processed: m.processed, errors: out.errors.length });
        }
      } else if (m.type === 'done') {
        Object.assign(out, { headerErrors: m.headerErrors, total: m.total, threadId: m.threadId, parseMs: m.parseMs });
      } else {
        Object.assign(out, { refused: m.message, threadId: m.threadId });
      }
    }, { transferList: [bytes.buffer], resourceLimits: { maxOldGenerationSizeMb: ctx.config.imports.workerMemoryMb } });
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw err;
    out.refused = '文件过大或过于复杂，读取时超出了内存上限；请拆分为多个文件后分别导入';
  }
  return out;
}

/** The stored upload, decrypted. Uploads stored before they were encrypted (migration 20261129T0300) are ZIP archives as they came. */
function storedFile(ctx: AppContext, file: Buffer): Buffer {
  return file[0] === 0x50 && file[1] === 0x4b ? file : ctx.crypto.decryptBytes(file);
}

type ImportRow = { id: string; kind: string; mode: string; next_row: number; rows_written: number; file_name: string | null };

/** Read and check in the worker, check against the database, then write (rejected, partial or imported). */
async function runImportFile(ctx: AppContext, importer: AnyImporter, imp: ImportRow & { format: string; file: Buffer }, actor: Actor, control: JobControl) {
  const started = Date.now();
  const parsed = await parseInWorker(ctx, importer, imp.format, storedFile(ctx, imp.file), control);
  const parseMs = Date.now() - started;
  const worker = { threadId: parsed.threadId, mainThreadId };
  if (parsed.refused) return { ...(await finish(ctx, importer, imp, actor, 'rejected', 0, 0, [{ row: 1, column: '文件', message: parsed.refused }])), worker };
  await control.progress({ processed: 0, total: parsed.total, errors: 0 });
  if (parsed.headerErrors.length) return { ...(await finish(ctx, importer, imp, actor, 'rejected', parsed.total, 0, parsed.headerErrors)), worker };
  const total = parsed.total;
  const run: ImportRun = { importId: imp.id, resumeFrom: imp.next_row };

  let t0 = Date.now();
  const checked = parsed.rows;
  parsed.rows = [];
  const prepared: Prepared<{ index: number; row: number }> = importer.prepare
    ? await importer.prepare(ctx, actor, checked, run)
    : { valid: checked, errors: [] };
  const errors = [...parsed.errors, ...prepared.errors].sort((a, b) => a.row - b.row);
  const valid = prepared.valid;
  const validateMs = Date.now() - t0;
  const timings = (more: object = {}) => ({ worker, timings: { parseMs, workerParseMs: parsed.parseMs, validateMs, ...more, totalMs: Date.now() - started } });
  await control.progress({ processed: total, total, errors: errors.length + (prepared.fileError ? 1 : 0) });
  if (prepared.fileError) return { ...(await finish(ctx, importer, imp, actor, 'rejected', total, 0, [prepared.fileError, ...errors])), ...timings() };
  await ctx.db.updateTable('imports').set({ rows_total: total, rows_valid: valid.length }).where('id', '=', imp.id).execute();
  if (errors.length && imp.mode === 'all_or_nothing') return { ...(await finish(ctx, importer, imp, actor, 'rejected', total, valid.length, errors)), ...timings() };

  t0 = Date.now();
  if (importer.commit === 'batches') {
    const pending = valid.filter((p) => p.index >= imp.next_row);
    for (let i = 0; i < pending.length; i += BATCH_SIZE) {
      const batch = pending.slice(i, i + BATCH_SIZE);
      const nextRow = i + BATCH_SIZE >= pending.length ? total : pending[i + BATCH_SIZE].index;
      const now = ctx.now();
      await ctx.db.transaction().execute(async (trx) => {
        const written = await importer.write(ctx, actor, batch, trx, { ...run, now });
        await trx.updateTable('imports').set({ next_row: nextRow, rows_written: sql`rows_written + ${written}` }).where('id', '=', imp.id).execute();
      });
      await control.progress({ processed: total, total, errors: errors.length });
    }
  } else if (imp.next_row === 0 && valid.length) {
    // One transaction for the whole file: a retried job either finds it committed (next_row) or writes it all again.
    const now = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      const written = await importer.write(ctx, actor, valid, trx, { ...run, now });
      await trx.updateTable('imports').set({ next_row: total, rows_written: written }).where('id', '=', imp.id).execute();
    });
    await control.progress({ processed: total, total, errors: errors.length });
  }
  const writeMs = Date.now() - t0;
  // Kept in the job's result for operators (and the measurements in docs/api-contract.md).
  return { ...(await finish(ctx, importer, imp, actor, errors.length ? 'partial' : 'imported', total, valid.length, errors)), ...timings({ writeMs }) };
}

/** The end of an import: errors stored once, the upload removed, the outcome on the import row and audited. */
async function finish(ctx: AppContext, importer: AnyImporter | undefined, imp: ImportRow, actor: Actor, outcome: string, total: number, valid: number, errors: RowError[]) {
  await storeErrors(ctx, imp.id, errors);
  const now = ctx.now();
  const written = await ctx.db.transaction().execute(async (trx) => {
    // The upload goes with the end of the import; the error report stays for IMPORT_ERROR_RETENTION_DAYS.
    const r = await trx.updateTable('imports').set({ outcome, rows_total: total, rows_valid: valid, finished_at: now, file: null }).where('id', '=', imp.id).returning('rows_written').executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: `${importer?.audit ?? imp.kind}.import`, entityType: 'import', entityId: imp.id, ip: actor.ip,
      after: { fileName: imp.file_name, mode: imp.mode, outcome, rowsTotal: total, rowsValid: valid, rowsWritten: r.rows_written, errorCount: errors.length },
    }, now);
    return r.rows_written;
  });
  return { outcome, rowsTotal: total, rowsValid: valid, rowsWritten: written, errorCount: errors.length };
}

// ---------------------------------------------------------------- the template

const TEMPLATE_ROWS = 5000;

/** A template: Chinese headers (required ones marked *), an example row, drop-down lists for enums, and a 填写说明 sheet. */
export async function templateWorkbook(importer: AnyImporter): Promise<Buffer> {
  const { columns, example } = importer.rows;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(importer.template.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, key: c.key, width: c.width ?? 14, style: c.text ? { numFmt: '@' } : c.date ? { numFmt: 'yyyy-mm-dd' } : {} }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell, i) => {
    const c = columns[i - 1];
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFDE2E2' : 'FFEFEFEF' } };
    cell.note = c.note || c.header;
  });
  const ex = ws.addRow(columns.map((c) => example[c.key] ?? ''));
  ex.font = { italic: true, color: { argb: 'FF888888' } };
  columns.forEach((c, i) => {
    if (!c.words) return;
    const letter = ws.getColumn(i + 1).letter;
    const validation: ExcelJS.DataValidation = {
      type: 'list', allowBlank: !c.required, formulae: [`"${Object.keys(c.words).join(',')}"`],
      showErrorMessage: true, errorTitle: '取值无效', error: `请从下拉列表中选择${c.header}`,
    };
    // exceljs keeps data validations per cell (not in its type declarations); it merges equal neighbours into one range on write.
    const dv = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) dv.add(`${letter}${r}`, validation);
  });
  const help = wb.addWorksheet('填写说明');
  help.columns = [{ header: '列名', key: 'h', width: 18 }, { header: '是否必填', key: 'r', width: 10 }, { header: '填写说明', key: 'n', width: 90 }];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow({ h: c.header, r: c.required ? '必填' : '选填', n: c.note });
  help.addRow({});
  for (const line of [
    '1. 请在第一个工作表中填写，第一行为列名，请勿修改；第二行为示例（“示例”开头的行不会导入），可删除。',
    '2. 日期请填写为 1985-03-12 的格式或设为日期格式；身份证号、电话号码请以文本格式填写，避免Excel把长数字改写。',
    `3. 上传后系统逐行校验：${importer.template.checks}`,
    '4. 导入方式“全部校验通过后导入”：只要有一行有误，整个文件都不导入；“仅导入校验通过的行”：导入校验通过的行，其余行列入错误报告。',
    '5. 导入结果和错误报告可在“数据导入”页面的导入记录中查看和下载。',
  ]) help.addRow({ h: line });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
