/**
 * One code path for both databases: a node-postgres Pool, either to a PostgreSQL server
 * or to the in-process PGlite through its node-postgres adapter (docs/architecture.md, "Layout").
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { DB } from './schema.js';

// date columns stay 'YYYY-MM-DD' strings: no time-zone shifts on birth dates.
pg.types.setTypeParser(1082, (v) => v);
// bigint ids are exposed as decimal strings
pg.types.setTypeParser(20, (v) => v);

/**
 * A statement whose text starts with this comment is prepared (named) once per connection, so PostgreSQL parses
 * and plans it once instead of at every run. For hot statements run thousands of times a second with the same
 * shape: the SMS dispatcher's claim took 0.8 ms to plan — longer than it took to run — once per 16 messages.
 * PostgreSQL re-plans by itself when a table's definition changes.
 */
export const PREPARED = '/* prepared */';

const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `dj_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (statementNames.size < 1000) statementNames.set(text, name);
  }
  return name;
}

/** Makes the pool's connections honour PREPARED (Kysely hands node-postgres text and values only). */
function preparePrepared(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, ...rest: unknown[]) =>
      typeof text === 'string' && text.startsWith(PREPARED) && Array.isArray(rest[0])
        ? query({ name: statementName(text), text, values: rest[0] }, ...rest.slice(1))
        : query(text, ...rest);
  });
}

export interface Database {
  db: Kysely<DB>;
  pool: pg.Pool;
  kind: 'pglite' | 'postgres';
  /** The embedded instance, when kind is 'pglite' (for dumps). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** PostgreSQL server URL; absent → PGlite. */
  url?: string;
  /** PGlite directory; 'memory://' for a throwaway database. */
  dataDir?: string;
  poolSize?: number;
  /** PGlite only: start from this dump (dumpDataDir) instead of an empty cluster — how tests get migrated templates fast. */
  loadDataDir?: Blob;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.url) {
    // JIT off: the console's queries are short, and a misestimated plan could otherwise spend
    // 100–200 ms compiling (seen in the province-scale benchmark, docs/benchmarks.md).
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, options: '-c jit=off' });
    // An idle client whose server connection drops (restart, failover, a dropped test database)
    // emits 'error'; without a listener that would crash the process. The pool replaces it.
    pool.on('error', () => {});
    preparePrepared(pool);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, pool, kind: 'postgres', close: () => db.destroy() };
  }
  const dataDir = opts.dataDir ?? 'memory://';
  let releaseLock = () => {};
  let pgDir = dataDir;
  if (!dataDir.startsWith('memory://')) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = takeDirectoryLock(dataDir);
    pgDir = path.join(dataDir, 'pglite');
  }
  const pglite = await PGlite.create(pgDir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  // PGlite is a single connection: a pool of one serializes transactions correctly.
  const pool = new pg.Pool({ ...(createPgConfig(pglite) as unknown as pg.PoolConfig), max: 1 });
  preparePrepared(pool);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      await pglite.close();
      releaseLock();
    },
  };
}

/**
 * PGlite does not lock its directory, and two processes on one directory corrupt it.
 * The lock file holds our pid; a stale lock (dead pid) is taken over.
 */
function takeDirectoryLock(dir: string): () => void {
  const lockPath = path.join(dir, 'dangjian.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      if (holder && holder !== process.pid && isAlive(holder)) {
        throw new Error(`数据目录 ${dir} 正被进程 ${holder} 使用 (the data directory is in use by process ${holder})`, { cause: err });
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`cannot lock ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
