/**
 * Excel and CSV imports (F-06): the upload is stored encrypted with its job and removed when the import ends; a
 * background job reads and checks the file in a worker thread (imports.worker.ts), then resolves organizations,
 * checks against registered records and writes in batched transactions on the main thread. Errors are kept per row
 * and column, in Chinese, for the API and the downloadable error report, for IMPORT_ERROR_RETENTION_DAYS.
 */
import { threadId as mainThreadId } from 'node:worker_threads';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { NewMember } from '../../db/schema.js';
import { permissionsOf, scopePaths, type Actor } from '../../platform/actor.js';
import { loadGrants } from '../../platform/sessions.js';
import { appendAudit } from '../../platform/audit.js';
import { chinaToday } from '../../platform/china-time.js';
import { AppError, badRequest, forbidden, notFound } from '../../platform/errors.js';
import type { JobControl, JobInfo } from '../../platform/jobs.js';
import { jobStatus } from '../../platform/jobs.js';
import { runWorker, siblingModule } from '../../platform/workers.js';
import { parseContactPhone } from '../../platform/identity/phone.js';
import { maskIdNumber, maskMobile } from '../../platform/identity/mask.js';
import { isBranchType } from '../orgs/orgs.schema.js';
import { orgTreeProblem } from '../orgs/orgs.rules.js';
import { insertOrg } from '../orgs/orgs.repository.js';
import { duplicateInScopeMessage, ID_NUMBER_UNAVAILABLE, ID_REFUSED_ACTION, registeredIdNumbers } from '../members/members.duplicates.js';
import * as stationsRepo from '../stations/stations.repository.js';
import { stationNameTakenMessage } from '../stations/stations.service.js';
import { MEMBER_COLUMNS, ORG_COLUMNS, parseDate, STATION_COLUMNS, STATION_STATUS_ALIASES, STATION_TYPE_ALIASES } from './imports.columns.js';
import { enumValue, rowCheck, type CheckedMember } from './imports.check.js';
import { detectFormat, FileRefused, NOT_A_TABLE, zipEntries, type ParseLimits, type RowError, type SheetRow } from './imports.parse.js';
import type { WorkerInput, WorkerMessage } from './imports.worker.js';

export type { RowError } from './imports.parse.js';
export const IMPORT_QUEUE = 'imports.run';
export type ImportKind = 'members' | 'organizations' | 'stations';
export type ImportMode = 'all_or_nothing' | 'valid_only';
export const BATCH_SIZE = 500;
/** The error report keeps at most this many rows (a file of 100,000 bad rows still gets a useful report). */
const MAX_STORED_ERRORS = 50_000;

/**
 * At most this many rows of one file are refused one by one for an ID number registered outside the importer's
 * scope (neutral message, no place). A file with more is refused whole, naming no row: otherwise one upload
 * (all-or-nothing, with one deliberately bad row so that nothing is written) would test thousands of numbers.
 */
export const MAX_UNAVAILABLE_ID_ROWS = 5;

/** Stations are organization work: registering them needs org.write, as in the stations module. */
const WRITE_PERMISSION = { members: 'member.write', organizations: 'org.write', stations: 'org.write' } as const;
/** The audit action prefix of each kind: member.import, org.import, station.import (and *.import.upload). */
const AUDIT_PREFIX: Record<string, string> = { members: 'member', organizations: 'org', stations: 'station' };

const limitsOf = (ctx: AppContext): ParseLimits => ctx.config.imports;

export async function createImport(ctx: AppContext, actor: Actor, kind: ImportKind, mode: ImportMode, fileName: string | null, file: Buffer): Promise<{ id: string; jobId: string }> {
  if (!permissionsOf(actor).includes(WRITE_PERMISSION[kind])) throw forbidden('forbidden.permission', '您的角色无权执行此操作');
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
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: `${AUDIT_PREFIX[kind]}.import.upload`, entityType: 'import', entityId: row.id, ip: actor.ip, after: { kind, mode, fileName, format, bytes: file.length } }, now);
    return { id: row.id, jobId };
  });
}

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
 * The scheduled cleanup (hourly, imports.routes.ts): error reports older than IMPORT_ERROR_RETENTION_DAYS after their
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

interface OrgRef { id: string; name: string; full_name: string; path: string; type: string; status: string }

/** Resolves the organization column: an id (digits) or an exact name / full name. */
async function resolveOrgs(ctx: AppContext, refs: Set<string>): Promise<Map<string, OrgRef[]>> {
  const ids = [...refs].filter((r) => /^\d{1,18}$/.test(r));
  const names = [...refs].filter((r) => !/^\d{1,18}$/.test(r));
  const found: OrgRef[] = [];
  for (let i = 0; i < Math.max(ids.length, names.length); i += 1000) {
    const idPart = ids.slice(i, i + 1000);
    const namePart = names.slice(i, i + 1000);
    found.push(...(await ctx.db.selectFrom('orgs').select(['id', 'name', 'full_name', 'path', 'type', 'status'])
      .where((eb) => eb.or([
        ...(idPart.length ? [eb('id', 'in', idPart)] : []),
        ...(namePart.length ? [eb('name', 'in', namePart), eb('full_name', 'in', namePart)] : []),
      ]))
      .execute()));
  }
  const map = new Map<string, OrgRef[]>();
  for (const ref of refs) {
    const isId = /^\d{1,18}$/.test(ref);
    const hits = found.filter((o) => (isId ? o.id === ref : o.name === ref || o.full_name === ref));
    map.set(ref, [...new Map(hits.map((h) => [h.id, h])).values()]);
  }
  return map;
}

function pickOrg(hits: OrgRef[] | undefined, inScope: (path: string) => boolean): { org?: OrgRef; message?: string } {
  if (!hits || hits.length === 0) return { message: '系统中没有该党组织，请填写组织编号或准确的组织名称' };
  const mine = hits.filter((h) => inScope(h.path));
  if (mine.length === 0) return { message: '该党组织不在您的管辖范围内' };
  if (mine.length > 1) return { message: `有${mine.length}个同名党组织，请改填组织编号` };
  return { org: mine[0] };
}

interface PreparedMember { index: number; row: number; c: CheckedMember; org: OrgRef; bidx: string }

/** The row as stored (encrypted, indexed, masked) and its change-history entry; built batch by batch when writing. */
function memberValues(ctx: AppContext, { c, org, bidx }: PreparedMember) {
  const values: NewMember = {
    org_id: org.id, org_path: org.path, name: c.name, gender: c.gender, ethnicity: c.ethnicity, birth_date: c.birthDate, id_type: c.idType,
    id_number_enc: ctx.crypto.encrypt(c.idNumber), id_number_bidx: bidx, id_number_masked: maskIdNumber(c.idNumber),
    education: c.education, category: c.category, joined_on: c.joinedOn, full_on: c.fullOn, standing: c.standing, job: c.job, landline: c.landline, address: c.address,
    mobile_enc: c.mobile ? ctx.crypto.encrypt(c.mobile) : null, mobile_bidx: c.mobile ? ctx.crypto.blindIndex('mobile', c.mobile) : null, mobile_masked: c.mobile ? maskMobile(c.mobile) : null,
    lost_contact: c.lostContact, lost_contact_on: c.lostContactOn, migrant: c.migrant,
    migrant_province: c.migrantProvince, migrant_city: c.migrantCity, migrant_county: c.migrantCounty,
  };
  const shown: Record<string, string | boolean | null | undefined> = {
    name: values.name, gender: values.gender, ethnicity: values.ethnicity, birthDate: values.birth_date, idType: c.idType, idNumber: values.id_number_masked, education: values.education,
    category: values.category, joinedOn: values.joined_on, fullOn: values.full_on, standing: c.standing, job: c.job, mobile: values.mobile_masked, landline: c.landline, address: c.address, orgId: org.id,
  };
  const changes = Object.entries(shown).filter(([, x]) => x !== null && x !== undefined).map(([field, x]) => ({ field, from: null, to: String(x) }));
  return { values, changes };
}

/**
 * The main thread's part of checking member rows (the worker checked each row alone): the organization column, then
 * ID numbers already registered (members.duplicates.ts). Yields to the event loop between chunks so that requests
 * are served while a large file is checked; encryption waits for the write. Rows before `skipDbCheckBefore` were
 * written by an earlier attempt.
 */
async function prepareMembers(ctx: AppContext, imp: ImportRow, actor: Actor, checked: CheckedMember[], workerErrors: RowError[], skipDbCheckBefore: number) {
  const scope = scopePaths(actor, 'member.write');
  const inScope = (p: string) => scope.some((s) => p.startsWith(s));
  const orgs = await resolveOrgs(ctx, new Set(checked.map((c) => c.orgRef)));
  const errors: RowError[] = [...workerErrors];
  const prepared: PreparedMember[] = [];
  for (let i = 0; i < checked.length; i++) {
    if (i % 1000 === 999) await yieldToLoop();
    const c = checked[i];
    const picked = pickOrg(orgs.get(c.orgRef), inScope);
    let message = picked.message;
    if (!message && !isBranchType(picked.org!.type)) message = '党员应编入党支部（或党总支），该组织不是基层党支部';
    else if (!message && picked.org!.status !== 'active') message = '该党组织已撤销，不能编入党员';
    if (message) errors.push({ row: c.row, column: '所属党组织', message });
    else prepared.push({ index: c.index, row: c.row, c, org: picked.org!, bidx: ctx.crypto.blindIndex('id_number', c.idNumber) });
  }

  // Against the database, by blind index: named when the caller can read the existing record, neutral otherwise.
  const toCheck = prepared.filter((p) => p.index >= skipDbCheckBefore);
  const registered = await registeredIdNumbers(ctx.db, actor, toCheck.map((p) => p.bidx));
  const unavailable = toCheck.filter((p) => registered.get(p.bidx)?.visible === false);
  let fileError: RowError | null = null;
  if (unavailable.length) {
    await ctx.db.transaction().execute((trx) => appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: ID_REFUSED_ACTION, entityType: 'import', entityId: imp.id, ip: actor.ip,
      after: { via: 'import', count: unavailable.length, items: unavailable.slice(0, 1000).map((p) => ({ row: p.row, idNumber: maskIdNumber(p.c.idNumber), orgId: p.org.id })) },
    }, ctx.now()));
    if (unavailable.length > MAX_UNAVAILABLE_ID_ROWS) {
      fileError = { row: 1, column: '身份证号', message: `文件中有多行的身份证号码无法在本组织登记，为保护个人信息不逐行列出，整个文件未导入；请联系上级党组织核实后再导入` };
    }
  }
  const valid = prepared.filter((p) => {
    const hit = p.index >= skipDbCheckBefore ? registered.get(p.bidx) : undefined;
    if (!hit) return true;
    if (hit.visible) errors.push({ row: p.row, column: '身份证号', message: duplicateInScopeMessage(hit.memberId) });
    else if (!fileError) errors.push({ row: p.row, column: '身份证号', message: ID_NUMBER_UNAVAILABLE });
    return false;
  });
  errors.sort((a, b) => a.row - b.row);
  return { valid, errors, fileError };
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

/** What the worker thread read and checked: member rows checked alone, or the rows of the other kinds. */
interface Parsed {
  refused: string | null;
  headerErrors: RowError[];
  total: number;
  members: CheckedMember[];
  memberErrors: RowError[];
  rows: SheetRow[];
  threadId: number;
  parseMs: number;
}

/**
 * Reads and checks the upload in a worker thread (imports.worker.ts), with the heap limited to
 * IMPORT_WORKER_MEMORY_MB. Results arrive in chunks, each handled as its own event-loop task.
 */
async function parseInWorker(ctx: AppContext, imp: ImportRow & { format: string }, file: Buffer, control: JobControl): Promise<Parsed> {
  const out: Parsed = { refused: null, headerErrors: [], total: 0, members: [], memberErrors: [], rows: [], threadId: -1, parseMs: 0 };
  // A copy whose memory moves to the worker (transferred, not cloned).
  const bytes = new Uint8Array(file.length);
  bytes.set(file);
  const input: WorkerInput = { file: bytes, format: imp.format as WorkerInput['format'], kind: imp.kind as WorkerInput['kind'], limits: limitsOf(ctx), today: chinaToday(ctx.now()) };
  let reported = 0;
  try {
    await runWorker<WorkerMessage>(siblingModule(import.meta.url, 'imports.worker'), input, async (m) => {
      if (m.type === 'rows') {
        for (const r of m.rows) out.rows.push(r);
      } else if (m.type === 'members') {
        for (const x of m.members) out.members.push(x);
        for (const e of m.errors) out.memberErrors.push(e);
        if (m.processed - reported >= 10_000) {
          reported = m.processed;
          await control.progress({ processed: m.processed, errors: out.memberErrors.length });
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

/**
 * The job handler. Idempotent: a retried attempt resumes after the last committed batch (imports.next_row). The upload
 * is removed when the import ends, whatever the outcome; after the last failed attempt the import ends as `failed`.
 */
export async function runImport(ctx: AppContext, job: JobInfo, control: JobControl): Promise<unknown> {
  const imp = await ctx.db.selectFrom('imports').select(IMPORT_COLUMNS).where('job_id', '=', job.id).executeTakeFirst();
  if (!imp) throw new Error(`import for job ${job.id} not found`);
  if (imp.finished_at) {
    await ctx.db.updateTable('imports').set({ file: null }).where('id', '=', imp.id).where('file', 'is not', null).execute();
    return { outcome: imp.outcome, rowsWritten: imp.rows_written };
  }
  const actor = await importActor(ctx, imp);
  try {
    const { file } = await ctx.db.selectFrom('imports').select('file').where('id', '=', imp.id).executeTakeFirstOrThrow();
    if (!file) throw new Error(`import ${imp.id} has no stored file`);
    return await runImportFile(ctx, { ...imp, file }, actor, control);
  } catch (err) {
    if (job.attempts >= job.maxAttempts) {
      await finish(ctx, imp, actor, 'failed', imp.rows_total ?? 0, imp.rows_valid ?? 0, [{ row: 1, column: '文件', message: '导入未能完成（系统错误），请稍后重新上传' }]).catch(() => {});
    }
    throw err;
  }
}

async function runImportFile(ctx: AppContext, imp: ImportRow & { format: string; file: Buffer }, actor: Actor, control: JobControl) {
  const started = Date.now();
  const parsed = await parseInWorker(ctx, imp, storedFile(ctx, imp.file), control);
  const parseMs = Date.now() - started;
  const worker = { threadId: parsed.threadId, mainThreadId };
  if (parsed.refused) return { ...(await finish(ctx, imp, actor, 'rejected', 0, 0, [{ row: 1, column: '文件', message: parsed.refused }])), worker };
  await control.progress({ processed: 0, total: parsed.total, errors: 0 });
  if (parsed.headerErrors.length) return { ...(await finish(ctx, imp, actor, 'rejected', parsed.total, 0, parsed.headerErrors)), worker };
  const result = imp.kind === 'members' ? await importMembers(ctx, imp, actor, parsed, control)
    : imp.kind === 'stations' ? await importStations(ctx, imp, actor, parsed.rows, control)
      : await importOrgs(ctx, imp, actor, parsed.rows, control);
  // Kept in the job's result for operators (and the measurements in docs/api-contract.md).
  return { ...result, worker, timings: { parseMs, workerParseMs: parsed.parseMs, ...('timings' in result ? (result.timings as object) : {}), totalMs: Date.now() - started } };
}

type ImportRow = { id: string; kind: string; mode: string; next_row: number; rows_written: number; file_name: string | null };

async function finish(ctx: AppContext, imp: ImportRow, actor: Actor, outcome: string, total: number, valid: number, errors: RowError[]) {
  await storeErrors(ctx, imp.id, errors);
  const now = ctx.now();
  const written = await ctx.db.transaction().execute(async (trx) => {
    // The upload goes with the end of the import; the error report stays for IMPORT_ERROR_RETENTION_DAYS.
    const r = await trx.updateTable('imports').set({ outcome, rows_total: total, rows_valid: valid, finished_at: now, file: null }).where('id', '=', imp.id).returning('rows_written').executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: `${AUDIT_PREFIX[imp.kind]}.import`, entityType: 'import', entityId: imp.id, ip: actor.ip,
      after: { fileName: imp.file_name, mode: imp.mode, outcome, rowsTotal: total, rowsValid: valid, rowsWritten: r.rows_written, errorCount: errors.length },
    }, now);
    return r.rows_written;
  });
  return { outcome, rowsTotal: total, rowsValid: valid, rowsWritten: written, errorCount: errors.length };
}

/**
 * After validation: the counts go on the import row, and an all-or-nothing file with errors ends here,
 * rejected. Otherwise the caller writes the valid rows and `finish` stores the errors once, at the end.
 */
async function afterValidation(ctx: AppContext, imp: ImportRow, actor: Actor, total: number, valid: number, errors: RowError[]) {
  await ctx.db.updateTable('imports').set({ rows_total: total, rows_valid: valid }).where('id', '=', imp.id).execute();
  return errors.length && imp.mode === 'all_or_nothing' ? finish(ctx, imp, actor, 'rejected', total, valid, errors) : null;
}

async function importMembers(ctx: AppContext, imp: ImportRow, actor: Actor, parsed: Parsed, control: JobControl) {
  let t0 = Date.now();
  const total = parsed.total;
  const { valid, errors, fileError } = await prepareMembers(ctx, imp, actor, parsed.members, parsed.memberErrors, imp.next_row);
  parsed.members = [];
  const validateMs = Date.now() - t0;
  await control.progress({ processed: total, total, errors: errors.length + (fileError ? 1 : 0) });
  if (fileError) return { ...(await finish(ctx, imp, actor, 'rejected', total, 0, [fileError, ...errors])), timings: { validateMs } };
  const rejected = await afterValidation(ctx, imp, actor, total, valid.length, errors);
  if (rejected) return { ...rejected, timings: { validateMs } };
  t0 = Date.now();
  const pending = valid.filter((p) => p.index >= imp.next_row);
  for (let i = 0; i < pending.length; i += BATCH_SIZE) {
    const batch = pending.slice(i, i + BATCH_SIZE).map((p) => ({ ...p, ...memberValues(ctx, p) }));
    const now = ctx.now();
    const nextRow = i + BATCH_SIZE >= pending.length ? total : pending[i + BATCH_SIZE].index;
    await ctx.db.transaction().execute(async (trx) => {
      const inserted = await trx.insertInto('members').values(batch.map((b) => ({ ...b.values, created_at: now, updated_at: now }))).returning(['id', 'id_number_bidx']).execute();
      const idOf = new Map(inserted.map((r) => [r.id_number_bidx, r.id]));
      await trx.insertInto('member_changes').values(batch.map((b) => ({
        member_id: idOf.get(b.bidx)!, actor_id: actor.accountId, actor_name: actor.displayName, action: 'member.import', changes: JSON.stringify(b.changes), at: now,
      }))).execute();
      await appendAudit(trx, {
        actorId: actor.accountId, actorName: actor.username, action: 'member.import.batch', entityType: 'import', entityId: imp.id, ip: actor.ip,
        after: { rows: batch.map((b) => b.row), memberIds: batch.map((b) => idOf.get(b.bidx)!) },
      }, now);
      await trx.updateTable('imports').set({ next_row: nextRow, rows_written: sql`rows_written + ${batch.length}` }).where('id', '=', imp.id).execute();
    });
    await control.progress({ processed: total, total: total, errors: errors.length });
  }
  const writeMs = Date.now() - t0;
  return { ...(await finish(ctx, imp, actor, errors.length ? 'partial' : 'imported', total, valid.length, errors)), timings: { validateMs, writeMs } };
}

/**
 * Organizations, in file order: a row's parent may be an existing organization (id or name) or one
 * created by an earlier row of the same file (by name). Small files are the norm, so rows are
 * validated first and written in one transaction per batch, like members.
 */
async function importOrgs(ctx: AppContext, imp: ImportRow, actor: Actor, rows: SheetRow[], control: JobControl) {
  const scope = scopePaths(actor, 'org.write');
  const inScope = (p: string) => scope.some((s) => p.startsWith(s));
  const refs = new Set(rows.map((r) => r.values.parent).filter((v) => v !== null).map((v) => String(v).trim()));
  const existing = await resolveOrgs(ctx, refs);
  const col = Object.fromEntries(ORG_COLUMNS.map((c) => [c.key, c]));
  const errors: RowError[] = [];
  const fileNames = new Map<string, number>();
  const fileTypes = new Map<string, string>();
  type Prepared = { index: number; row: number; parentRef: string; parentInFile: boolean; values: Record<string, string | null> };
  const valid: Prepared[] = [];
  for (let i = 0; i < rows.length; i++) {
    // Organization and station rows are checked here, not in the worker (they are few as a rule and need the database
    // at once); a large file still yields to requests every thousand rows.
    if (i % 1000 === 999) await yieldToLoop();
    const { row, values: v } = rows[i];
    const { errors: rowErrors, add, text: str } = rowCheck(ORG_COLUMNS, rows[i]);
    const type = enumValue(col.type, v.type, add);
    const level = enumValue(col.level, v.level, add);
    const sector = enumValue(col.sector, v.sector, add);
    const name = str('name', 60);
    const fullName = str('fullName', 120);
    const regionCode = str('regionCode', 12);
    if (regionCode && !/^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/.test(regionCode)) add('行政区划代码', '行政区划代码应为6、9或12位数字');
    let foundedOn: string | null = null;
    if (v.foundedOn !== null) {
      foundedOn = parseDate(v.foundedOn);
      if (!foundedOn) add('成立日期', '成立日期不是有效日期，应填写如 2020-07-01');
    }
    const parentRef = v.parent === null ? '' : String(v.parent).trim();
    let parentInFile = false;
    let parentType: string | null = null;
    if (parentRef) {
      if (fileNames.has(parentRef)) {
        parentInFile = true;
        parentType = fileTypes.get(parentRef) ?? null;
      } else {
        const picked = pickOrg(existing.get(parentRef), inScope);
        if (picked.message) add('上级党组织', picked.message);
        else parentType = picked.org!.type;
      }
    }
    // The same tree rules as the API (orgs.rules.ts).
    const treeProblem = type && parentType ? orgTreeProblem({ type, parentType }) : null;
    if (treeProblem) add('上级党组织', treeProblem);
    if (name && fileNames.has(name)) add('组织简称', `与第${fileNames.get(name)}行的组织简称重复`);
    if (rowErrors.length) errors.push(...rowErrors);
    else {
      fileNames.set(name!, row);
      fileTypes.set(name!, type!);
      valid.push({ index: i, row, parentRef, parentInFile, values: { name, fullName, type, level, sector, regionCode, secretaryName: str('secretaryName', 30), contactPhone: str('contactPhone', 30), foundedOn } });
    }
  }
  await control.progress({ processed: rows.length, total: rows.length, errors: errors.length });
  const rejected = await afterValidation(ctx, imp, actor, rows.length, valid.length, errors);
  if (rejected) return rejected;
  // All organizations of one import are written in one transaction: a parent created by row 3 must exist for row 7.
  if (imp.next_row === 0 && valid.length) {
    const now = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      const created = new Map<string, { id: string; path: string; depth: number }>();
      for (const p of valid) {
        const parent = p.parentInFile
          ? created.get(p.parentRef)
          : pickOrg(existing.get(p.parentRef), inScope).org;
        const parentRow = parent && (await trx.selectFrom('orgs').selectAll().where('id', '=', parent.id).executeTakeFirst());
        if (!parentRow) continue;
        const org = await insertOrg(trx, parentRow, {
          parent_id: parentRow.id, name: p.values.name!, full_name: p.values.fullName!, type: p.values.type!, level: p.values.level!, sector: p.values.sector!,
          region_code: p.values.regionCode, secretary_name: p.values.secretaryName, contact_phone: p.values.contactPhone, founded_on: p.values.foundedOn, is_online: false,
        });
        created.set(p.values.name!, { id: org.id, path: org.path, depth: org.depth });
        await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'org.create', entityType: 'org', entityId: org.id, orgPath: org.path, ip: actor.ip, after: { ...p.values, importId: imp.id } }, now);
      }
      await trx.updateTable('imports').set({ next_row: rows.length, rows_written: created.size }).where('id', '=', imp.id).execute();
    });
  }
  return finish(ctx, imp, actor, errors.length ? 'partial' : 'imported', rows.length, valid.length, errors);
}

const stationKey = (orgId: string, name: string) => `${orgId}\u0000${name}`;

/**
 * 远程教育终端站点 (F-07). A station is a duplicate when another station of the same organization
 * has the same name (in the file or already registered). Its organization is identified like a
 * member's branch (id, or exact name / full name unique in the importer's org.write subtree) and must be active.
 * All stations of one file are written in one transaction (files are small), one `station.create` audit row each.
 */
async function importStations(ctx: AppContext, imp: ImportRow, actor: Actor, rows: SheetRow[], control: JobControl) {
  const scope = scopePaths(actor, 'org.write');
  const inScope = (p: string) => scope.some((s) => p.startsWith(s));
  const refs = new Set(rows.map((r) => r.values.org).filter((v) => v !== null).map((v) => String(v instanceof Date ? '' : v).trim()));
  const orgs = await resolveOrgs(ctx, refs);
  const col = Object.fromEntries(STATION_COLUMNS.map((c) => [c.key, c]));
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  type Prepared = { row: number; org: OrgRef; values: { name: string; type: string; status: string; address: string | null; equipment: string | null; managerName: string | null; contactPhone: string | null } };
  const prepared: Prepared[] = [];
  for (let i = 0; i < rows.length; i++) {
    // As for organizations: checked here, yielding to requests every thousand rows.
    if (i % 1000 === 999) await yieldToLoop();
    const { row, values: v } = rows[i];
    const { errors: rowErrors, add, text: str } = rowCheck(STATION_COLUMNS, rows[i]);
    const name = str('name', 80);
    const type = enumValue(col.type, v.type, add, STATION_TYPE_ALIASES);
    const status = enumValue(col.status, v.status, add, STATION_STATUS_ALIASES) ?? 'active';
    const address = str('address', 120);
    const equipment = str('equipment', 200);
    const managerName = str('managerName', 30);
    let contactPhone: string | null = null;
    if (v.contactPhone !== null) {
      const p = parseContactPhone(v.contactPhone instanceof Date ? '' : v.contactPhone);
      if (p.error) add('联系电话', p.error);
      contactPhone = p.value;
    }
    let org: OrgRef | undefined;
    if (v.org !== null) {
      const picked = pickOrg(orgs.get(String(v.org instanceof Date ? '' : v.org).trim()), inScope);
      if (picked.message) add('所属党组织', picked.message);
      else if (picked.org!.status !== 'active') add('所属党组织', '该党组织已撤销，不能登记站点');
      else org = picked.org;
    }
    if (rowErrors.length === 0 && org && name) {
      const key = stationKey(org.id, name);
      const first = seen.get(key);
      if (first !== undefined) add('站点名称', `与第${first}行的站点重复（同一党组织下站点名称相同）`);
      else seen.set(key, row);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else prepared.push({ row, org: org!, values: { name: name!, type: type!, status, address, equipment, managerName, contactPhone } });
    if ((i + 1) % 1000 === 0) await control.progress({ processed: i + 1, total: rows.length, errors: errors.length });
  }
  // Against the database: stations of the same organization with the same name. A retried job that already
  // committed its transaction finished the import (imports.finished_at), so this never sees its own rows.
  // The stations module's one name rule (stations.repository takenStationNames), asked for the whole file at once.
  const existing = new Set<string>();
  const orgIds = [...new Set(prepared.map((p) => p.org.id))];
  for (let i = 0; i < orgIds.length; i += 1000) {
    const names = [...new Set(prepared.filter((p) => orgIds.slice(i, i + 1000).includes(p.org.id)).map((p) => p.values.name))];
    for (const r of await stationsRepo.takenStationNames(ctx.db, orgIds.slice(i, i + 1000), names)) existing.add(stationKey(r.org_id, r.name));
  }
  const valid = prepared.filter((p) => {
    if (existing.has(stationKey(p.org.id, p.values.name))) {
      errors.push({ row: p.row, column: '站点名称', message: stationNameTakenMessage(p.org.name) });
      return false;
    }
    return true;
  });
  errors.sort((a, b) => a.row - b.row);
  await control.progress({ processed: rows.length, total: rows.length, errors: errors.length });
  const rejected = await afterValidation(ctx, imp, actor, rows.length, valid.length, errors);
  if (rejected) return rejected;
  if (imp.next_row === 0 && valid.length) {
    const now = ctx.now();
    await ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < valid.length; i += BATCH_SIZE) {
        const batch = valid.slice(i, i + BATCH_SIZE);
        const inserted = await trx.insertInto('stations').values(batch.map((p) => ({
          org_id: p.org.id, org_path: p.org.path, name: p.values.name, type: p.values.type, status: p.values.status, address: p.values.address,
          equipment: p.values.equipment, manager_name: p.values.managerName, created_at: now, updated_at: now,
          contact_phone: p.values.contactPhone,
        }))).returning(['id', 'org_id', 'name']).execute();
        const idOf = new Map(inserted.map((r) => [stationKey(r.org_id, r.name), r.id]));
        for (const p of batch) {
          await appendAudit(trx, {
            actorId: actor.accountId, actorName: actor.username, action: 'station.create', entityType: 'station', entityId: idOf.get(stationKey(p.org.id, p.values.name))!, orgPath: p.org.path, ip: actor.ip,
            after: { name: p.values.name, type: p.values.type, address: p.values.address, equipment: p.values.equipment, status: p.values.status, managerName: p.values.managerName, orgId: p.org.id, orgPath: p.org.path, importId: imp.id, row: p.row },
          }, now);
        }
      }
      await trx.updateTable('imports').set({ next_row: rows.length, rows_written: valid.length }).where('id', '=', imp.id).execute();
    });
    await control.progress({ processed: rows.length, total: rows.length, errors: errors.length });
  }
  return finish(ctx, imp, actor, errors.length ? 'partial' : 'imported', rows.length, valid.length, errors);
}
