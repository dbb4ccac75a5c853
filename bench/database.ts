/** The bench's own databases: dropped and made anew before a run, and only ones named dj_bench* (never `test`). */
import pg from 'pg';

export async function recreateBenchDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!/^dj_bench\w*$/.test(name)) throw new Error(`refusing to drop ${name}: the bench database must be named dj_bench*`);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  await admin.end();
}

/** Drops a bench database (dj_bench* only) at the end of a run, closing whatever connections are still open to it. */
export async function dropBenchDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  if (!/^dj_bench\w*$/.test(name)) throw new Error(`refusing to drop ${name}: the bench database must be named dj_bench*`);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
