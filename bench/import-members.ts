/**
 * The 10,000-row member import of issue 3 item 6 (target ≤ 30 s), end to end through the real code path, on the
 * bench database: called by bench/run.ts (`import.members10k`, after every other benchmark of the members suite).
 *
 * - The app context is started like server/src/main.ts and the CLI do: `loadConfig` with DATABASE_URL = the bench URL
 *   and the fixed test keys of server/test/templates.ts, then `startContext` (migrations, field crypto, job runner).
 *   The import job handler is registered exactly as platform/excel/routes.ts registers it.
 * - The importer is a staff account `bench-importer` holding org_admin (member.write) at the province, created once
 *   (the same inserts as `npm run cli -- create-admin`, which itself only grants administrator roles) and reused by
 *   later runs; its Actor is built from the account's grants like a session's (platform/sessions.ts loadActor).
 * - Each run builds a valid workbook in memory with exceljs (the template's headers, MEMBER_COLUMNS; rows made like
 *   server/test/excel.test.ts `memberRow`), every row into one branch of 萧山区委, with ID numbers and mobiles no earlier run used:
 *   the run key is the number of imports already in the database (each run adds one), and it is the ID number's region
 *   code (33 + key) and the mobile's digits 3–7 (15 + key + row). The bench's own members carry md5 seeds as blind
 *   indexes, which no real blind index equals.
 * - Timed: `createImport` (what POST /api/imports calls: permission, ZIP check, store the file, enqueue, audit) →
 *   `ctx.jobs.drain()` (parse, validate, check duplicates against the 4.27 M members, write in batches of 500 with
 *   change log, audit and counter triggers) → the import row finished. The run fails loudly unless the outcome is
 *   `imported` with all rows written. The phase split is the job's own `result.timings` (parseMs, validateMs,
 *   writeMs, totalMs) plus the upload and the jobs row's started/finished times.
 */
import ExcelJS from 'exceljs';
import { loadConfig } from '../server/src/config.js';
import { startContext } from '../server/src/platform/bootstrap.js';
import { appendAudit } from '../server/src/platform/audit.js';
import { hashPassword } from '../server/src/platform/passwords.js';
import { loadGrants } from '../server/src/platform/sessions.js';
import type { Actor } from '../server/src/platform/actor.js';
import { idNumberCheckChar } from '../server/src/platform/identity/id-number.js';
import { memberRows } from '../server/src/modules/members/members.excel.js';
import { CATALOGUE } from '../server/src/modules/index.js';
import { IMPORT_QUEUE, getImport, importEngine } from '../server/src/platform/excel/importer.js';

const MEMBER_COLUMNS = memberRows.columns;
const { createImport, runImport } = importEngine(CATALOGUE.excel.importers);

/** The keys of server/test/templates.ts (TEST_DATA_KEY / TEST_INDEX_KEY): fixed, so rows of every run decrypt alike. */
const DATA_KEY = Buffer.alloc(32, 7).toString('base64');
const INDEX_KEY = Buffer.alloc(32, 9).toString('base64');
const AUDIT_KEY = Buffer.alloc(32, 11).toString('base64');
const USERNAME = 'bench-importer';

type Cells = Record<string, string>;

/** Row i (0 ≤ i < 10,000) of run `key`: valid and unique (server/test/excel.test.ts memberRow, with a per-run region and mobile range). */
export function memberRow(i: number, org: string, key: number): Cells {
  const region = `33${String(key % 10_000).padStart(4, '0')}`;
  const birth = new Date(Date.UTC(1960, 0, 1) + (i % 5000) * 86_400_000).toISOString().slice(0, 10);
  const male = i % 2 === 1;
  const order = String(900 + 2 * Math.floor(i / 5000) + (male ? 1 : 0)); // odd = male
  const first17 = `${region}${birth.replaceAll('-', '')}${order}`;
  return {
    org, name: '王建华', gender: male ? '男' : '女', ethnicity: '汉族', birthDate: birth, idType: '居民身份证', idNumber: first17 + idNumberCheckChar(first17),
    education: '大学本科', category: '正式党员', joinedOn: '2010-07-01', fullOn: '2011-07-01', standing: '正常', job: '职员',
    mobile: `15${String(key % 100_000).padStart(5, '0')}${String(i).padStart(4, '0')}`, address: '杭州市萧山区', lostContact: '否', migrant: '否',
  };
}

export async function workbook(rows: Cells[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员信息');
  ws.addRow(MEMBER_COLUMNS.map((c) => c.header));
  for (const r of rows) ws.addRow(MEMBER_COLUMNS.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportBenchOptions {
  url: string;
  runs: number;
  rows: number;
  /** Prints one JSON line. */
  line: (o: Record<string, unknown>) => void;
}

export async function benchMemberImport({ url, runs, rows: n, line }: ImportBenchOptions): Promise<void> {
  if (n > 10_000) throw new Error('BENCH_IMPORT_ROWS: at most 10,000 rows (the row number is 4 digits of the mobile)');
  const config = loadConfig({ DATABASE_URL: url, DJ_DATA_KEY: DATA_KEY, DJ_INDEX_KEY: INDEX_KEY, DJ_AUDIT_KEY: AUDIT_KEY, DEMO_DATA: 'false', DATABASE_POOL_SIZE: '10' });
  const { ctx, database } = await startContext(config);
  try {
    ctx.jobs.register(IMPORT_QUEUE, (job, control) => runImport(ctx, job, control));
    const { db } = ctx;
    const root = await db.selectFrom('orgs').select(['id', 'path']).where('parent_id', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    const county = await db.selectFrom('orgs').select(['id', 'path', 'name']).where('level', '=', 'county').where('name', '=', '萧山区委').executeTakeFirstOrThrow();
    const branch = await db.selectFrom('orgs').select(['id', 'name']).where('parent_id', '=', county.id).where('type', '=', 'branch').where('status', '=', 'active')
      .orderBy('id').executeTakeFirstOrThrow();

    // The importer: org_admin at the province (created on the first run, like the CLI's create-admin).
    let account = await db.selectFrom('accounts').select(['id', 'username', 'display_name']).where('username', '=', USERNAME).executeTakeFirst();
    if (!account) {
      const hash = await hashPassword(`Bench-${Date.now()}-import!`);
      account = await db.transaction().execute(async (trx) => {
        const acc = await trx.insertInto('accounts').values({ username: USERNAME, display_name: '导入基准测试', kind: 'staff', password_hash: hash })
          .returning(['id', 'username', 'display_name']).executeTakeFirstOrThrow();
        await trx.insertInto('password_history').values({ account_id: acc.id, password_hash: hash }).execute();
        await trx.insertInto('role_grants').values({ account_id: acc.id, role: 'org_admin', org_id: root.id }).execute();
        await appendAudit(trx, { actorId: null, actorName: 'bench', action: 'account.create', entityType: 'account', entityId: acc.id, orgPath: root.path, after: { username: USERNAME, role: 'org_admin', via: 'bench' } }, ctx.now());
        return acc;
      });
    }
    const actor: Actor = {
      accountId: account.id, username: account.username, displayName: account.display_name, kind: 'staff', demo: false, memberId: null,
      sessionId: 'bench', mfaPassed: true, mustChangePassword: false, grants: await loadGrants(db, account.id), ip: '127.0.0.1',
    };

    const totals: number[] = [];
    for (let r = 1; r <= runs; r++) {
      const { key } = await db.selectFrom('imports').select((eb) => eb.fn.countAll<string>().as('key')).executeTakeFirstOrThrow();
      const b0 = performance.now();
      const rows = Array.from({ length: n }, (_, i) => memberRow(i, branch.id, Number(key)));
      const file = await workbook(rows);
      const buildMs = performance.now() - b0;

      const t0 = performance.now();
      const { id, jobId } = await createImport(ctx, actor, 'members', 'all_or_nothing', `bench-${n}-rows-run-${r}.xlsx`, file);
      const uploadMs = performance.now() - t0;
      await ctx.jobs.drain();
      const imp = await db.selectFrom('imports').select(['outcome', 'rows_total', 'rows_written', 'finished_at']).where('id', '=', id).executeTakeFirstOrThrow();
      const totalMs = performance.now() - t0;

      const job = await db.selectFrom('jobs').select(['state', 'result', 'started_at', 'finished_at', 'last_error']).where('id', '=', jobId).executeTakeFirstOrThrow();
      if (imp.outcome !== 'imported' || imp.rows_written !== n || !imp.finished_at) {
        const status = await getImport(ctx, actor, id, 0, 5);
        throw new Error(`import ${id} (run ${r}) did not import all ${n} rows: job ${job.state}${job.last_error ? ` (${job.last_error})` : ''}, outcome ${imp.outcome}, `
          + `rows written ${imp.rows_written}, first errors ${JSON.stringify(status.errors.items)}`);
      }
      totals.push(totalMs);
      const timings = (job.result as { timings?: Record<string, number> } | null)?.timings ?? {};
      line({
        bench: 'import.members10k.run', run_no: r, rows: n, bytes: file.length, import_id: id, run_key: Number(key), branch: branch.id, org: `${county.name} ${branch.name}`,
        total_ms: +totalMs.toFixed(0), upload_ms: +uploadMs.toFixed(0), job_ms: job.started_at && job.finished_at ? job.finished_at.getTime() - job.started_at.getTime() : null,
        parse_ms: timings.parseMs, validate_ms: timings.validateMs, write_ms: timings.writeMs, job_total_ms: timings.totalMs,
        outcome: imp.outcome, rows_written: imp.rows_written, workbook_build_ms: +buildMs.toFixed(0),
      });
    }
    totals.sort((a, b) => a - b);
    const q = (p: number) => +(totals[Math.min(totals.length - 1, Math.ceil(p * totals.length) - 1)] / 1000).toFixed(2);
    line({ bench: 'import.members10k', runs, rows: n, p50_s: q(0.5), p95_s: q(0.95), max_s: +(totals[totals.length - 1] / 1000).toFixed(2), target_s: 30, met: q(0.95) <= 30 });
  } finally {
    await ctx.jobs.stop();
    await database.close();
  }
}
