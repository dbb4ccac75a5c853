/** The bench's own databases: dropped and made anew before a run, and only ones named dj_bench* (never `test`). */
import pg from 'pg';

/** Runs `statements` on the server's `postgres` database, for a bench database's name (dj_bench* only, never `test`). */
async function onServerOf(url: string, statements: (name: string) => string[]): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!/^dj_bench\w*$/.test(name)) throw new Error(`refusing to drop ${name}: the bench database must be named dj_bench*`);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  for (const q of statements(name)) await admin.query(q);
  await admin.end();
}

export async function recreateBenchDatabase(url: string): Promise<void> {
  await onServerOf(url, (name) => [`drop database if exists ${name}`, `create database ${name}`]);
}

/** Drops a bench database (dj_bench* only) at the end of a run, closing whatever connections are still open to it. */
export async function dropBenchDatabase(url: string): Promise<void> {
  await onServerOf(url, (name) => [`drop database if exists ${name} with (force)`]);
}
