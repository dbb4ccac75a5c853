/**
 * Excel imports (F-06): the upload is stored with its job, a background job validates every row and
 * writes in batched transactions. Errors are kept per row and column, in Chinese, for the API and
 * the downloadable error report.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { NewMember } from '../../db/schema.js';
import { permissionsOf, scopePaths, type Actor } from '../../platform/actor.js';
import { loadGrants } from '../../platform/sessions.js';
import { appendAudit } from '../../platform/audit.js';
import { chinaToday } from '../../platform/china-time.js';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import type { JobControl, JobInfo } from '../../platform/jobs.js';
import { jobStatus } from '../../platform/jobs.js';
import { normalizeIdNumber } from '../../platform/identity/id-number.js';
import { LANDLINE_MESSAGE, MOBILE_MESSAGE, normalizeLandline, normalizeMobile, parseContactPhone, validateMobile } from '../../platform/identity/phone.js';
import { maskIdNumber, maskMobile } from '../../platform/identity/mask.js';
import { validateMember } from '../members/members.validation.js';
import { BRANCH_TYPES } from '../orgs/orgs.schema.js';
import { orgTreeProblem } from '../orgs/orgs.rules.js';
import { insertOrg } from '../orgs/orgs.repository.js';
import {
  cellText, MEMBER_COLUMNS, ORG_COLUMNS, parseDate, STATION_COLUMNS, STATION_STATUS_ALIASES, STATION_TYPE_ALIASES, type ColumnSpec,
} from './imports.columns.js';

export const IMPORT_QUEUE = 'imports.run';
export type ImportKind = 'members' | 'organizations' | 'stations';
export type ImportMode = 'all_or_nothing' | 'valid_only';
export const BATCH_SIZE = 500;
/** The error report keeps at most this many rows (a file of 100,000 bad rows still gets a useful report). */
const MAX_STORED_ERRORS = 50_000;

export interface RowError { row: number; column: string; message: string }

/** Stations are organization work: registering them needs org.write, as in the stations module. */
const WRITE_PERMISSION = { members: 'member.write', organizations: 'org.write', stations: 'org.write' } as const;
/** The audit action prefix of each kind: member.import, org.import, station.import (and *.import.upload). */
const AUDIT_PREFIX: Record<string, string> = { members: 'member', organizations: 'org', stations: 'station' };

export async function createImport(ctx: AppContext, actor: Actor, kind: ImportKind, mode: ImportMode, fileName: string | null, file: Buffer): Promise<{ id: string; jobId: string }> {
  if (!permissionsOf(actor).includes(WRITE_PERMISSION[kind])) throw forbidden('forbidden.permission', '您的角色无权执行此操作');
  // An .xlsx file is a ZIP archive: refuse anything else before queueing work.
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50) throw badRequest('import.not_xlsx', '请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）');
  return ctx.db.transaction().execute(async (trx) => {
    const jobId = await ctx.jobs.enqueue(IMPORT_QUEUE, { kind }, { db: trx, createdBy: actor.accountId });
    const row = await trx
      .insertInto('imports')
      .values({ job_id: jobId, kind, mode, actor_id: actor.accountId, actor_name: actor.username, ip: actor.ip, file_name: fileName, file })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: `${AUDIT_PREFIX[kind]}.import.upload`, entityType: 'import', entityId: row.id, ip: actor.ip, after: { kind, mode, fileName, bytes: file.length } }, ctx.now());
    return { id: row.id, jobId };
  });
}

async function loadImportFor(ctx: AppContext, actor: Actor, id: string) {
  const imp = await ctx.db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
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

export async function errorsWorkbook(ctx: AppContext, actor: Actor, id: string): Promise<Buffer> {
  const imp = await loadImportFor(ctx, actor, id);
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

interface SheetRow { row: number; values: Record<string, string | number | Date | null> }

/**
 * The checks every importer starts a row with: required columns, and text cells trimmed and held
 * to a length. Errors go under the column's header, in Chinese; `errors` collects them for the row.
 */
function rowCheck(columns: ColumnSpec[], { row, values: v }: SheetRow) {
  const errors: RowError[] = [];
  const add = (column: string, message: string) => errors.push({ row, column, message });
  for (const c of columns) if (c.required && v[c.key] === null) add(c.header, `${c.header}为必填项`);
  const text = (key: string, max: number): string | null => {
    const x = v[key];
    if (x === null) return null;
    const s = x instanceof Date ? (parseDate(x) ?? '') : String(x).trim();
    const header = columns.find((c) => c.key === key)?.header ?? key;
    if (s.length > max) add(header, `${header}不能超过${max}个字`);
    return s;
  };
  return { errors, add, text };
}

/** Reads the first worksheet: header row 1 mapped to column specs by header text; example rows (first cell “示例…”) skipped. */
async function readSheet(file: Buffer, columns: ColumnSpec[]): Promise<{ rows: SheetRow[]; headerErrors: RowError[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { rows: [], headerErrors: [{ row: 1, column: '文件', message: '无法读取该文件，请确认是 .xlsx 格式的 Excel 文件' }] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { rows: [], headerErrors: [{ row: 1, column: '文件', message: '文件中没有工作表' }] };
  const byHeader = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const t = cellText(cell.value);
    if (t !== null) byHeader.set(String(t).trim().replace(/[*＊]$/, ''), col);
  });
  const headerErrors: RowError[] = [];
  for (const c of columns) if (c.required && !byHeader.has(c.header)) headerErrors.push({ row: 1, column: c.header, message: `缺少必填列“${c.header}”，请使用导入模板` });
  if (headerErrors.length) return { rows: [], headerErrors };
  const rows: SheetRow[] = [];
  const firstCol = byHeader.get(columns[0].header)!;
  ws.eachRow({ includeEmpty: false }, (r, rowNo) => {
    if (rowNo === 1) return;
    const values: SheetRow['values'] = {};
    let any = false;
    for (const c of columns) {
      const col = byHeader.get(c.header);
      let v = col === undefined ? null : cellText(r.getCell(col).value);
      if (typeof v === 'string') {
        v = v.trim();
        if (v === '') v = null;
      }
      if (v !== null) any = true;
      values[c.key] = v;
    }
    const first = cellText(r.getCell(firstCol).value);
    if (!any || (typeof first === 'string' && first.trim().startsWith('示例'))) return;
    rows.push({ row: rowNo, values });
  });
  return { rows, headerErrors };
}

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

interface PreparedMember { index: number; row: number; values: NewMember; changes: { field: string; from: null; to: string }[] }

function enumValue(c: ColumnSpec, v: string | number | Date | null, add: (column: string, message: string) => void, aliases: Record<string, string> = {}): string | null {
  if (v === null) return null;
  const code = c.words![String(v).trim()] ?? aliases[String(v).trim()];
  if (code === undefined) add(c.header, `“${String(v)}”不是有效的${c.header}，应填写：${Object.keys(c.words!).join(' / ')}`);
  return code ?? null;
}

/** Validates every member row; returns the rows ready to insert and the errors by row. */
async function prepareMembers(ctx: AppContext, actor: Actor, rows: SheetRow[], skipDbCheckBefore: number, control: JobControl) {
  const scope = scopePaths(actor, 'member.write');
  const inScope = (p: string) => scope.some((s) => p.startsWith(s));
  const today = chinaToday(ctx.now());
  const orgs = await resolveOrgs(ctx, new Set(rows.map((r) => r.values.org).filter((v) => v !== null).map((v) => String(v instanceof Date ? '' : v).trim())));
  const errors: RowError[] = [];
  const prepared: (PreparedMember & { bidx: string })[] = [];
  const seen = new Map<string, number>();
  const col = Object.fromEntries(MEMBER_COLUMNS.map((c) => [c.key, c]));
  const fieldHeader: Record<string, string> = { name: '姓名', birthDate: '出生日期', idNumber: '身份证号', joinedOn: '入党时间', fullOn: '转正时间', mobile: '手机号码', landline: '固定电话', lostContactOn: '失联日期', migrantProvince: '流入地（省）', orgId: '所属党组织' };

  for (let i = 0; i < rows.length; i++) {
    const { row, values: v } = rows[i];
    const { errors: rowErrors, add, text } = rowCheck(MEMBER_COLUMNS, rows[i]);
    const date = (key: string): string | null => {
      const x = v[key];
      if (x === null) return null;
      const d = parseDate(x);
      if (!d) add(col[key].header, `${col[key].header}“${x instanceof Date ? '' : String(x)}”不是有效日期，应填写如 1985-03-12`);
      return d;
    };
    const gender = enumValue(col.gender, v.gender, add);
    const idType = enumValue(col.idType, v.idType, add) ?? 'resident_id';
    const education = enumValue(col.education, v.education, add);
    const category = enumValue(col.category, v.category, add);
    const standing = enumValue(col.standing, v.standing, add) ?? 'normal';
    const lostContact = enumValue(col.lostContact, v.lostContact, add) === 'true';
    const migrant = enumValue(col.migrant, v.migrant, add) === 'true';
    const name = text('name', 30);
    const ethnicity = text('ethnicity', 20);
    const job = text('job', 60);
    const landline = text('landline', 30);
    const address = text('address', 120);
    const migrantProvince = text('migrantProvince', 20);
    const migrantCity = text('migrantCity', 20);
    const migrantCounty = text('migrantCounty', 20);
    const birthDate = date('birthDate');
    const joinedOn = date('joinedOn');
    const fullOn = date('fullOn');
    const lostContactOn = date('lostContactOn');
    let idNumber: string | null = null;
    if (typeof v.idNumber === 'number') add('身份证号', '身份证号被Excel存成了数字，后几位可能已丢失；请将该列设为文本格式后重新填写');
    else if (v.idNumber !== null) idNumber = idType === 'resident_id' ? normalizeIdNumber(String(v.idNumber)) : String(v.idNumber).trim();
    const mobileRaw = v.mobile === null ? null : String(v.mobile);
    const mobile = mobileRaw ? normalizeMobile(mobileRaw) : null;

    let org: OrgRef | undefined;
    if (v.org !== null) {
      const picked = pickOrg(orgs.get(String(v.org instanceof Date ? '' : v.org).trim()), inScope);
      if (picked.message) add('所属党组织', picked.message);
      else if (!BRANCH_TYPES.includes(picked.org!.type)) add('所属党组织', '党员应编入党支部（或党总支），该组织不是基层党支部');
      else if (picked.org!.status !== 'active') add('所属党组织', '该党组织已撤销，不能编入党员');
      else org = picked.org;
    }

    if (rowErrors.length === 0 && name && gender && birthDate && idNumber && category && joinedOn) {
      const fieldErrors = validateMember({
        name, gender, birthDate, idType, idNumber, category, joinedOn, fullOn, mobile, landline, lostContact, lostContactOn, migrant, migrantProvince,
      }, today);
      for (const e of fieldErrors) add(fieldHeader[e.field] ?? e.field, e.message);
    }

    let bidx = '';
    if (rowErrors.length === 0 && idNumber) {
      bidx = ctx.crypto.blindIndex('id_number', idNumber);
      const first = seen.get(bidx);
      if (first !== undefined) add('身份证号', `与第${first}行的身份证号重复`);
      else seen.set(bidx, row);
    }

    if (rowErrors.length) {
      errors.push(...rowErrors);
    } else {
      const values: NewMember = {
        org_id: org!.id, org_path: org!.path, name: name!, gender: gender!, ethnicity: ethnicity!, birth_date: birthDate!, id_type: idType,
        id_number_enc: ctx.crypto.encrypt(idNumber!), id_number_bidx: bidx, id_number_masked: maskIdNumber(idNumber!),
        education: education!, category: category!, joined_on: joinedOn!, full_on: fullOn, standing, job, landline, address,
        mobile_enc: mobile ? ctx.crypto.encrypt(mobile) : null, mobile_bidx: mobile ? ctx.crypto.blindIndex('mobile', mobile) : null, mobile_masked: mobile ? maskMobile(mobile) : null,
        lost_contact: lostContact, lost_contact_on: lostContact ? lostContactOn : null, migrant,
        migrant_province: migrant ? migrantProvince : null, migrant_city: migrant ? migrantCity : null, migrant_county: migrant ? migrantCounty : null,
      };
      const shown: Record<string, string | boolean | null | undefined> = {
        name: values.name, gender: values.gender, ethnicity: values.ethnicity, birthDate: values.birth_date, idType, idNumber: values.id_number_masked, education: values.education,
        category: values.category, joinedOn: values.joined_on, fullOn: values.full_on, standing, job, mobile: values.mobile_masked, landline, address, orgId: org!.id,
      };
      const changes = Object.entries(shown).filter(([, x]) => x !== null && x !== undefined).map(([field, x]) => ({ field, from: null, to: String(x) }));
      prepared.push({ index: i, row, values, changes, bidx });
    }
    if ((i + 1) % 1000 === 0) await control.progress({ processed: i + 1, total: rows.length, errors: errors.length });
  }

  // Against the database, by blind index. Rows before `skipDbCheckBefore` were written by an earlier attempt of this job.
  const toCheck = prepared.filter((p) => p.index >= skipDbCheckBefore);
  const existing = new Set<string>();
  for (let i = 0; i < toCheck.length; i += 1000) {
    const chunk = toCheck.slice(i, i + 1000).map((p) => p.bidx);
    for (const r of await ctx.db.selectFrom('members').select('id_number_bidx').where('id_number_bidx', 'in', chunk).execute()) existing.add(r.id_number_bidx);
  }
  const valid = prepared.filter((p) => {
    if (p.index >= skipDbCheckBefore && existing.has(p.bidx)) {
      errors.push({ row: p.row, column: '身份证号', message: '该身份证号已登记在系统中其他党员名下，请勿重复导入；如需调整所在支部，请办理组织关系转接' });
      return false;
    }
    return true;
  });
  errors.sort((a, b) => a.row - b.row);
  await control.progress({ processed: rows.length, total: rows.length, errors: errors.length });
  return { valid, errors };
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

/** The job handler. Idempotent: a retried attempt resumes after the last committed batch (imports.next_row). */
export async function runImport(ctx: AppContext, job: JobInfo, control: JobControl): Promise<unknown> {
  const imp = await ctx.db.selectFrom('imports').selectAll().where('job_id', '=', job.id).executeTakeFirst();
  if (!imp) throw new Error(`import for job ${job.id} not found`);
  if (imp.finished_at) return { outcome: imp.outcome, rowsWritten: imp.rows_written };
  const actor = await importActor(ctx, imp);
  const columns = imp.kind === 'members' ? MEMBER_COLUMNS : imp.kind === 'stations' ? STATION_COLUMNS : ORG_COLUMNS;
  const started = Date.now();
  const { rows, headerErrors } = await readSheet(imp.file, columns);
  const parseMs = Date.now() - started;
  await control.progress({ processed: 0, total: rows.length, errors: 0 });
  if (headerErrors.length) return finish(ctx, imp, actor, 'rejected', rows.length, 0, headerErrors);
  const result = imp.kind === 'members' ? await importMembers(ctx, imp, actor, rows, control)
    : imp.kind === 'stations' ? await importStations(ctx, imp, actor, rows, control)
      : await importOrgs(ctx, imp, actor, rows, control);
  // Kept in the job's result for operators (and the measurements in docs/api-contract.md).
  return { ...result, timings: { parseMs, ...('timings' in result ? (result.timings as object) : {}), totalMs: Date.now() - started } };
}

type ImportRow = { id: string; kind: string; mode: string; next_row: number; rows_written: number; file_name: string | null };

async function finish(ctx: AppContext, imp: ImportRow, actor: Actor, outcome: string, total: number, valid: number, errors: RowError[]) {
  await storeErrors(ctx, imp.id, errors);
  const now = ctx.now();
  const written = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('imports').set({ outcome, rows_total: total, rows_valid: valid, finished_at: now }).where('id', '=', imp.id).returning('rows_written').executeTakeFirstOrThrow();
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

async function importMembers(ctx: AppContext, imp: ImportRow, actor: Actor, rows: SheetRow[], control: JobControl) {
  let t0 = Date.now();
  const { valid, errors } = await prepareMembers(ctx, actor, rows, imp.next_row, control);
  const validateMs = Date.now() - t0;
  const rejected = await afterValidation(ctx, imp, actor, rows.length, valid.length, errors);
  if (rejected) return { ...rejected, timings: { validateMs } };
  t0 = Date.now();
  const pending = valid.filter((p) => p.index >= imp.next_row);
  for (let i = 0; i < pending.length; i += BATCH_SIZE) {
    const batch = pending.slice(i, i + BATCH_SIZE);
    const now = ctx.now();
    const nextRow = i + BATCH_SIZE >= pending.length ? rows.length : pending[i + BATCH_SIZE].index;
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
    await control.progress({ processed: rows.length, total: rows.length, errors: errors.length });
  }
  const writeMs = Date.now() - t0;
  return { ...(await finish(ctx, imp, actor, errors.length ? 'partial' : 'imported', rows.length, valid.length, errors)), timings: { validateMs, writeMs } };
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
  const existing = new Set<string>();
  const orgIds = [...new Set(prepared.map((p) => p.org.id))];
  for (let i = 0; i < orgIds.length; i += 1000) {
    const names = [...new Set(prepared.filter((p) => orgIds.slice(i, i + 1000).includes(p.org.id)).map((p) => p.values.name))];
    if (names.length === 0) continue;
    for (const r of await ctx.db.selectFrom('stations').select(['org_id', 'name']).where('org_id', 'in', orgIds.slice(i, i + 1000)).where('name', 'in', names).execute()) {
      existing.add(stationKey(r.org_id, r.name));
    }
  }
  const valid = prepared.filter((p) => {
    if (existing.has(stationKey(p.org.id, p.values.name))) {
      errors.push({ row: p.row, column: '站点名称', message: `“${p.org.name}”下已登记同名站点，请勿重复导入；如需修改该站点，请在远程教育站点中编辑` });
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
