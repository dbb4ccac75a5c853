/**
 * Requests stay fast while a large import is read and checked (issue 7, item 6): `npm run bench -- import-responsiveness`.
 *
 * - A server is started as its own process, as `npm run dev` would run it (`node --import tsx server/src/main.ts`, so the
 *   import worker thread is started through tsx), on PostgreSQL: a database `dj_bench_import` created afresh on the server
 *   of BENCH_IMPORT_URL (default postgres://root@127.0.0.1:5432/test; that database itself is only used to create and
 *   drop ours), with the demo data (DEMO_MEMBERS=2000) so that `demo-hangzhou` (member.write over Hangzhou) exists.
 * - A member workbook of BENCH_IMPORT_ROWS rows (default 200,000; the 22 template columns, all rows valid and unique except
 *   the last, whose 党员类别 is wrong) is written with exceljs' streaming writer before anything is timed, then uploaded
 *   all-or-nothing: the whole file is read, checked and checked against the database, then refused for its last row, so
 *   the run measures reading and checking (the phase that stalled the server) without writing 200,000 members.
 * - While the job runs, one client asks GET /api/me back to back (a 20 ms pause between requests) and another polls
 *   GET /api/imports/:id every second for the phase; every /api/me latency is kept with the phase it started in. The
 *   server's resident memory is read from /proc/<pid>/status every 200 ms (VmRSS; VmHWM at the end is the peak since start).
 * - One JSON line: /api/me p50/p95/max idle (before the upload) and while queued/validating, the upload's own time, the
 *   job's phases (its result.timings), RSS before and peak during, and the target (p95 ≤ 100 ms while validating).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import ExcelJS from 'exceljs';
import { idNumberCheckChar } from '../server/src/platform/identity/id-number.js';
import { memberRows } from '../server/src/modules/members/members.excel.js';
import { XLSX_TYPE } from '../server/src/platform/excel/schema.js';

const MEMBER_COLUMNS = memberRows.columns;

const DB_NAME = 'dj_bench_import';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function quantiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => (s.length ? +s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)].toFixed(1) : null);
  return { n: s.length, p50_ms: q(0.5), p95_ms: q(0.95), max_ms: s.length ? +s[s.length - 1].toFixed(1) : null };
}

function rssKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

/**
 * Row i: valid and unique (region 330183, 10,000 birth dates × 20 order codes: 900 + 2·⌊i / 10,000⌋, odd for men). The optional columns other than the
 * mobile are left empty (their defaults apply), as in most real files, which keeps 200,000 rows under the 20 MB upload limit.
 */
function memberRow(i: number, org: string): string[] {
  const birth = new Date(Date.UTC(1960, 0, 1) + (i % 10_000) * 86_400_000).toISOString().slice(0, 10);
  const male = i % 2 === 1;
  const order = String(900 + 2 * Math.floor(i / 10_000) + (male ? 1 : 0));
  const first17 = `330183${birth.replaceAll('-', '')}${order}`;
  const r: Record<string, string> = {
    org, name: '王建华', gender: male ? '男' : '女', ethnicity: '汉族', birthDate: birth, idType: '居民身份证', idNumber: first17 + idNumberCheckChar(first17),
    education: '大学本科', category: '正式党员', joinedOn: '2010-07-01', fullOn: '2011-07-01', mobile: `13${String(100_000_000 + i).slice(-9)}`,
  };
  return MEMBER_COLUMNS.map((c) => r[c.key] ?? '');
}

async function writeWorkbook(file: string, rows: number, org: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('党员信息');
  ws.addRow(MEMBER_COLUMNS.map((c) => c.header)).commit();
  for (let i = 0; i < rows; i++) {
    const r = memberRow(i, org);
    if (i === rows - 1) r[MEMBER_COLUMNS.findIndex((c) => c.key === 'category')] = '党员'; // the one bad row
    ws.addRow(r).commit();
  }
  ws.commit();
  await wb.commit();
}

export async function benchImportResponsiveness({ line }: { line: (o: Record<string, unknown>) => void }): Promise<void> {
  const adminUrl = process.env.BENCH_IMPORT_URL ?? 'postgres://root@127.0.0.1:5432/test';
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 200_000);
  const port = Number(process.env.BENCH_IMPORT_PORT ?? 3917);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${DB_NAME}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-bench-import-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: path.join(import.meta.dirname, '..'),
    env: {
      ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: dbUrl.toString(), DATA_DIR: tmp,
      DJ_DATA_KEY: Buffer.alloc(32, 7).toString('base64'), DJ_INDEX_KEY: Buffer.alloc(32, 9).toString('base64'),
      DEMO_DATA: 'true', DEMO_MEMBERS: '2000', LOG_LEVEL: 'warn', LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  let done = false;
  let prober: Promise<void> = Promise.resolve();
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
      const ok = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (i > 600) throw new Error('server not ready after 5 minutes');
      await sleep(500);
    }
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-hangzhou', password: 'Demo#2026' }) });
    if (!login.ok) throw new Error(`login: ${login.status} ${await login.text()}`);
    const cookie = /dj_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];

    const db = new pg.Client({ connectionString: dbUrl.toString() });
    await db.connect();
    const branch = (await db.query(`select o.id::text from orgs o join orgs c on o.path like c.path || '%' where c.name = '杭州市委' and o.type = 'branch' and o.status = 'active' order by o.id limit 1`)).rows[0].id as string;

    const file = path.join(tmp, 'members.xlsx');
    const w0 = Date.now();
    await writeWorkbook(file, rows, branch);
    const body = fs.readFileSync(file);
    const writeWorkbookMs = Date.now() - w0;

    const me = async () => {
      const t0 = performance.now();
      const r = await fetch(`${base}/api/me`, { headers: { cookie } });
      await r.arrayBuffer();
      if (!r.ok) throw new Error(`/api/me ${r.status}`);
      return performance.now() - t0;
    };
    // Idle: 200 requests before the upload.
    const idle: number[] = [];
    for (let i = 0; i < 200; i++) idle.push(await me());
    const rssBeforeMb = Math.round(rssKb(server.pid!, 'VmRSS') / 1024);

    let phase = 'uploading';
    let peakRssKb = 0;
    const byPhase = new Map<string, number[]>();
    const sampler = setInterval(() => { peakRssKb = Math.max(peakRssKb, rssKb(server.pid!, 'VmRSS')); }, 200);
    let failures = 0;
    prober = (async () => {
      while (!done) {
        const p = phase;
        const ms = await me().catch((err: unknown) => {
          if (server.exitCode !== null || server.signalCode !== null) throw new Error(`server ended (${server.exitCode ?? server.signalCode}) during the import`);
          failures++;
          console.error(err);
          return null;
        });
        if (ms === null) continue;
        (byPhase.get(p) ?? byPhase.set(p, []).get(p)!).push(ms);
        await sleep(20);
      }
    })();
    const u0 = performance.now();
    const up = await fetch(`${base}/api/imports?kind=members&mode=all_or_nothing&fileName=bench.xlsx`, { method: 'POST', headers: { cookie, 'content-type': XLSX_TYPE }, body });
    const uploadMs = performance.now() - u0;
    if (up.status !== 202) throw new Error(`upload: ${up.status} ${await up.text()}`);
    const { id } = (await up.json()) as { id: string };
    const j0 = Date.now();
    let status: { state: string; phase: string; outcome: string | null; rowsTotal: number | null; rowsValid: number | null; errors: { total: number }; jobId: string } | null = null;
    for (;;) {
      const r = await fetch(`${base}/api/imports/${id}?errorsLimit=5`, { headers: { cookie } });
      status = await r.json() as typeof status;
      phase = status!.phase;
      if (status!.state === 'succeeded' || status!.state === 'failed') break;
      if (Date.now() - j0 > 30 * 60_000) throw new Error('import did not finish in 30 minutes');
      await sleep(1000);
    }
    done = true;
    await prober;
    clearInterval(sampler);
    const job = (await db.query(`select result, extract(epoch from finished_at - started_at) * 1000 as ms from jobs where id = $1`, [status!.jobId])).rows[0];
    await db.end();
    const validating = [...(byPhase.get('queued') ?? []), ...(byPhase.get('validating') ?? [])];
    const during = quantiles(validating);
    line({
      bench: 'import.responsiveness', rows, file_mb: +(body.length / 1024 / 1024).toFixed(1), write_workbook_ms: writeWorkbookMs,
      outcome: status!.outcome, rows_total: status!.rowsTotal, rows_valid: status!.rowsValid, errors: status!.errors.total,
      upload_ms: +uploadMs.toFixed(0), job_ms: Math.round(Number(job.ms)), timings: (job.result as { timings?: unknown }).timings,
      me_idle: quantiles(idle), me_uploading: quantiles(byPhase.get('uploading') ?? []), me_validating: during,
      rss_before_mb: rssBeforeMb, rss_peak_during_mb: Math.round(peakRssKb / 1024), rss_hwm_since_start_mb: Math.round(rssKb(server.pid!, 'VmHWM') / 1024),
      me_failures: failures, target_p95_ms: 100, meets_target: during.p95_ms !== null && during.p95_ms <= 100,
    });
  } finally {
    done = true;
    await prober.catch(() => {});
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
    await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin.end();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
