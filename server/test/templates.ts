/**
 * Database templates for tests: built once per run (global setup), copied per test file.
 * PGlite: a dump of the data directory loaded into a fresh in-memory instance (≈1 s instead of ≈6 s).
 * PostgreSQL (TEST_DATABASE_URL): CREATE DATABASE … TEMPLATE, then DROP at the end of the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createFieldCrypto } from '../src/platform/crypto.js';
import { loadDemoData } from '../src/seed/demo-data.js';

/** Fixed keys for test databases: the encrypted demo rows in a template must decrypt in every copy. */
export const TEST_DATA_KEY = Buffer.alloc(32, 7).toString('base64');
export const TEST_INDEX_KEY = Buffer.alloc(32, 9).toString('base64');
/** Fixed audit chain key for tests (DJ_AUDIT_KEY). */
export const TEST_AUDIT_KEY = Buffer.alloc(32, 11).toString('base64');
export const TEST_DEMO_MEMBERS = 300;

export type TemplateName = 'base' | 'demo';
export type DbTemplates =
  | { kind: 'pglite'; files: Record<TemplateName, string> }
  | { kind: 'postgres'; url: string; databases: Record<TemplateName, string> };

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function seed(db: Awaited<ReturnType<typeof openDatabase>>['db'], name: TemplateName) {
  await migrateToLatest(db);
  if (name === 'demo') {
    const crypto = createFieldCrypto({ dataKey: Buffer.from(TEST_DATA_KEY, 'base64'), indexKey: Buffer.from(TEST_INDEX_KEY, 'base64') });
    await loadDemoData(db, crypto, { members: TEST_DEMO_MEMBERS });
  }
}

export async function buildTemplates(): Promise<DbTemplates> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const databases = { base: `dj_tpl_base_${process.pid}`, demo: `dj_tpl_demo_${process.pid}` };
    for (const name of ['base', 'demo'] as const) {
      await admin(url, async (c) => {
        await c.query(`drop database if exists ${databases[name]}`);
        await c.query(`create database ${databases[name]}`);
      });
      const d = await openDatabase({ url: withDatabase(url, databases[name]), poolSize: 2 });
      await seed(d.db, name);
      await d.close();
    }
    return { kind: 'postgres', url, databases };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-test-'));
  const files = { base: path.join(dir, 'base.tar'), demo: path.join(dir, 'demo.tar') };
  for (const name of ['base', 'demo'] as const) {
    const inst = await openDatabase({ dataDir: 'memory://', loadDataDir: name === 'demo' ? new Blob([fs.readFileSync(files.base)]) : undefined });
    await seed(inst.db, name);
    const dump = await dumpOf(inst);
    fs.writeFileSync(files[name], Buffer.from(await dump.arrayBuffer()));
    await inst.close();
  }
  return { kind: 'pglite', files };
}

async function dumpOf(inst: Awaited<ReturnType<typeof openDatabase>>): Promise<Blob> {
  if (!inst.pglite) throw new Error('not a PGlite database');
  return inst.pglite.dumpDataDir('none');
}

export async function dropTemplates(t: DbTemplates): Promise<void> {
  if (t.kind === 'postgres') {
    await admin(t.url, async (c) => {
      for (const db of Object.values(t.databases)) await c.query(`drop database if exists ${db} with (force)`);
    });
  } else {
    fs.rmSync(path.dirname(t.files.base), { recursive: true, force: true });
  }
}

/** A private database for one test file, copied from a template. */
export async function copyTemplate(t: DbTemplates, name: TemplateName): Promise<{ url?: string; loadDataDir?: Blob; drop(): Promise<void> }> {
  if (t.kind === 'postgres') {
    const db = `dj_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    await admin(t.url, (c) => c.query(`create database ${db} template ${t.databases[name]}`));
    return { url: withDatabase(t.url, db), drop: () => admin(t.url, (c) => c.query(`drop database if exists ${db} with (force)`)).then(() => undefined) };
  }
  return { loadDataDir: new Blob([fs.readFileSync(t.files[name])]), drop: async () => {} };
}
