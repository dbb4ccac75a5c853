/**
 * Migrations' `afterCommit` work runs once the migrations have committed: 20261209T0000-name-grams-statistics lowers
 * the name-search index's statistics target to 100, and its ANALYZE only builds statistics of that size outside the
 * transaction that changed the target (inside it, the backend still analyzes with 1000).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from './database.js';
import { migrations } from './migrations/index.js';
import { migrateToLatest } from './migrate.js';
import { withDatabase } from '../../test/templates.js';

let d: Database;
// An empty database of its own (not a template: those are migrated to the latest already).
const pgUrl = process.env.TEST_DATABASE_URL;
const scratch = `dj_migrate_${process.pid}`;
const onServer = async (q: string) => {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
};

beforeAll(async () => {
  if (pgUrl) await onServer(`create database ${scratch}`);
  d = await openDatabase(pgUrl ? { url: withDatabase(pgUrl, scratch) } : {});
});
afterAll(async () => {
  await d.close();
  if (pgUrl) await onServer(`drop database ${scratch}`);
});

/**
 * The sizes of the index's statistics: its histogram keeps target + 1 bounds, its most-common-elements list up to
 * 10 × target elements (stakind 2 and 4; which slot holds which varies).
 */
async function statistics(): Promise<{ histogram: number; elements: number }> {
  const slot = (kind: number) => sql.raw([1, 2, 3, 4, 5].map((i) => `case when stakind${i} = ${kind} then coalesce(array_length(stavalues${i}::text::text[], 1), 0) else 0 end`).join(' + '));
  const r = await sql<{ histogram: number; elements: number }>`
    select (${slot(2)})::int as histogram, (${slot(4)})::int as elements
    from pg_statistic where starelid = 'members_name_grams_idx'::regclass`.execute(d.db);
  return r.rows[0] ?? { histogram: 0, elements: 0 };
}

describe('migrateToLatest', () => {
  it('runs afterCommit of the migrations it ran: the name index is analyzed with its new target of 100', async () => {
    const migrator = new Migrator({ db: d.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('20261208T0200-media-asset-refs')).error).toBeUndefined();
    // 3,000 members with distinct names, analyzed under the old target: statistics lists over 101 entries.
    await sql`insert into orgs (id, path, depth, name, full_name, type, level, sector) overriding system value values (1, '/1/', 0, '省委', '中共省委', 'committee', 'province', 'organ')`.execute(d.db);
    await sql`
      insert into members (org_id, org_path, name, gender, ethnicity, birth_date, id_type, id_number_enc, id_number_bidx, id_number_masked, education, category, joined_on)
      select 1, '/1/', '测' || chr(19968 + g) || chr(20992 + g % 97), 'male', '汉族', '1980-01-01', 'resident_id', '\\x00', 'b' || g, '3301**********0000', 'bachelor', 'full', '2000-07-01'
      from generate_series(1, 3000) g`.execute(d.db);
    await sql`analyze members`.execute(d.db);
    const before = await statistics();
    expect(before.histogram).toBe(1001);
    expect(before.elements).toBeGreaterThan(1000);

    expect(await migrateToLatest(d.db)).toContain('20261209T0000-name-grams-statistics');
    expect(await statistics()).toEqual({ histogram: 101, elements: expect.any(Number) });
    expect((await statistics()).elements).toBeLessThanOrEqual(1000);
  });
});
