/**
 * Audited writes during an import (issue 7 item 8): how long 8 concurrent audited writers wait while a 10,000-row
 * member import runs, on PostgreSQL. `npm run bench -- audit` (bench/run.ts).
 *
 * - A database of its own on the bench server (BENCH_AUDIT_DATABASE_URL, default
 *   postgres://root@127.0.0.1:5432/dj_bench_audit; dropped and re-created), migrated and loaded with the demo tree
 *   and BENCH_AUDIT_MEMBERS (default 200) demo members: the audit trail does not care how many members exist.
 * - Each writer is a loop of audited writes as a service makes them: one transaction that updates the writer's own
 *   account row and appends an audit row, then a 20 ms pause. The figure is the time from BEGIN to COMMIT.
 * - Phases, each printing one JSON line: `idle` (writers alone, 3 s), `import` (writers while the import runs through
 *   createImport and the job runner, as POST /api/imports does), and `import.legacy_lock` (the same, with a trigger
 *   that takes the old global advisory lock on every audit insert and so holds it until commit — what appendAudit did
 *   before issue 7). Set BENCH_AUDIT_LEGACY=0 to skip the last. The audit sequencer runs as on a server (started).
 * - BENCH_AUDIT_ROWS (default 10,000) sets the import size.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadConfig } from '../server/src/config.js';
import { startContext } from '../server/src/platform/bootstrap.js';
import { appendAudit } from '../server/src/platform/audit.js';
import { loadGrants } from '../server/src/platform/sessions.js';
import type { Actor } from '../server/src/platform/actor.js';
import type { AppContext } from '../server/src/platform/context.js';
import { loadDemoData } from '../server/src/seed/demo-data.js';
import { CATALOGUE } from '../server/src/modules/index.js';
import { IMPORT_QUEUE, importEngine } from '../server/src/platform/excel/importer.js';

const { createImport, runImport } = importEngine(CATALOGUE.excel.importers);
import { memberRow, workbook } from './import-members.js';
import { recreateBenchDatabase } from './database.js';

const KEY = (n: number) => Buffer.alloc(32, n).toString('base64');
const WRITERS = 8;
const LEGACY_LOCK_KEY = 7_291_001;

type Line = (o: Record<string, unknown>) => void;

const q = (t: number[], p: number) => (t.length ? +t[Math.min(t.length - 1, Math.ceil(p * t.length) - 1)].toFixed(1) : null);

/** Runs the writers until `until` settles; returns every write's BEGIN→COMMIT time in ms. */
async function writers(ctx: AppContext, ids: string[], until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => { done = true; });
  const times: number[] = [];
  await Promise.all(ids.map(async (id, w) => {
    let n = 0;
    while (!done) {
      const t0 = performance.now();
      await ctx.db.transaction().execute(async (trx) => {
        await trx.updateTable('accounts').set({ last_login_at: new Date() }).where('id', '=', id).execute();
        await appendAudit(trx, { actorId: id, actorName: `bench-writer-${w}`, action: 'bench.write', entityType: 'account', entityId: id, ip: '127.0.0.1', after: { n: n++ } });
      });
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  }));
  return times.sort((a, b) => a - b);
}

export async function benchAuditContention({ line }: { line: Line }): Promise<void> {
  const url = process.env.BENCH_AUDIT_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/dj_bench_audit';
  const rows = Number(process.env.BENCH_AUDIT_ROWS ?? 10_000);
  const legacy = process.env.BENCH_AUDIT_LEGACY !== '0';
  await recreateBenchDatabase(url);
  const anchorFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dj-bench-audit-')), 'anchors.jsonl');
  const config = loadConfig({ AUDIT_ANCHOR_FILE: anchorFile, DATABASE_URL: url, DJ_DATA_KEY: KEY(7), DJ_INDEX_KEY: KEY(9), DJ_AUDIT_KEY: KEY(11), DEMO_DATA: 'false', DATABASE_POOL_SIZE: '16', LOG_LEVEL: 'silent' });
  const { ctx, database } = await startContext(config);
  try {
    await loadDemoData(ctx.db, ctx.crypto, { members: Number(process.env.BENCH_AUDIT_MEMBERS ?? 200) });
    ctx.jobs.register(IMPORT_QUEUE, (job, control) => runImport(ctx, job, control));
    ctx.audit.start();
    const { db } = ctx;
    const root = await db.selectFrom('orgs').select(['id']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const branch = await db.selectFrom('orgs').select(['id']).where('type', '=', 'branch').where('status', '=', 'active').orderBy('id').executeTakeFirstOrThrow();
    const importer = await db.insertInto('accounts').values({ username: 'bench-importer', display_name: '导入基准测试', kind: 'staff', password_hash: '!' }).returning(['id', 'username', 'display_name']).executeTakeFirstOrThrow();
    await db.insertInto('role_grants').values({ account_id: importer.id, role: 'org_admin', org_id: root.id }).execute();
    const actor: Actor = {
      accountId: importer.id, username: importer.username, displayName: importer.display_name, kind: 'staff', demo: false, memberId: null,
      sessionId: 'bench', mfaPassed: true, mustChangePassword: false, grants: await loadGrants(db, importer.id), ip: '127.0.0.1',
    };
    const ids = (await db.insertInto('accounts').values(Array.from({ length: WRITERS }, (_, w) => ({ username: `bench-writer-${w}`, display_name: `写入者${w}`, kind: 'staff', password_hash: '!' })))
      .returning('id').execute()).map((r) => r.id);

    const report = (phase: string, times: number[], extra: Record<string, unknown> = {}) =>
      line({ bench: `audit.contention.${phase}`, writers: WRITERS, writes: times.length, p50_ms: q(times, 0.5), p95_ms: q(times, 0.95), p99_ms: q(times, 0.99), max_ms: q(times, 1), ...extra });

    report('idle', await writers(ctx, ids, new Promise((r) => setTimeout(r, 3000))));

    let run = 0;
    const importRun = async () => {
      const file = await workbook(Array.from({ length: rows }, (_, i) => memberRow(i, branch.id, run)));
      run++;
      const t0 = performance.now();
      const { id } = await createImport(ctx, actor, 'members', 'all_or_nothing', `bench-audit-${rows}.xlsx`, file);
      const job = ctx.jobs.drain();
      const times = await writers(ctx, ids, job);
      const imp = await db.selectFrom('imports').select(['outcome', 'rows_written']).where('id', '=', id).executeTakeFirstOrThrow();
      if (imp.outcome !== 'imported' || imp.rows_written !== rows) throw new Error(`import ${id}: ${imp.outcome}, ${imp.rows_written} of ${rows} rows written`);
      return { times, importMs: performance.now() - t0 };
    };

    const current = await importRun();
    report('import', current.times, { import_rows: rows, import_s: +(current.importMs / 1000).toFixed(1) });

    if (legacy) {
      // The old appendAudit: pg_advisory_xact_lock(7291001) on every append, held until the transaction commits.
      await sql.raw(`create function bench_legacy_audit_lock() returns trigger language plpgsql as $$
        begin perform pg_advisory_xact_lock(${LEGACY_LOCK_KEY}); return new; end $$;
        create trigger bench_legacy_audit_lock before insert on audit_log for each row execute function bench_legacy_audit_lock();`).execute(db);
      const old = await importRun();
      await sql`drop trigger bench_legacy_audit_lock on audit_log`.execute(db);
      report('import.legacy_lock', old.times, { import_rows: rows, import_s: +(old.importMs / 1000).toFixed(1) });
    }

    const verify = await ctx.audit.verify();
    line({ bench: 'audit.contention.chain', ok: verify.ok, chained: verify.checked, problem: verify.problem });
  } finally {
    await ctx.audit.stop();
    await ctx.jobs.stop();
    await database.close();
    fs.rmSync(path.dirname(anchorFile), { recursive: true, force: true });
  }
}
