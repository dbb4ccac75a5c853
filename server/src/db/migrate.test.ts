/**
 * Migrations that depend on what a database holds, run on databases stopped before them:
 * - `afterCommit` work runs once the migrations have committed: 20261209T0000-name-grams-statistics lowers the
 *   name-search index's statistics target to 100, and its ANALYZE only builds statistics of that size outside the
 *   transaction that changed the target (inside it, the backend still analyzes with 1000);
 * - 20261210T0000-learning-source-keys validates its keys when no row breaks them, and otherwise keeps checking new rows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from './database.js';
import { migrations } from './migrations/index.js';
import { migrateToLatest } from './migrate.js';
import { withDatabase } from '../../test/templates.js';

// Each test migrates an empty database of its own (not a template: those are migrated to the latest already).
const pgUrl = process.env.TEST_DATABASE_URL;
const onServer = async (q: string) => {
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
};
const opened: { d: Database; name: string }[] = [];
async function emptyDatabase(): Promise<Database> {
  const name = `dj_migrate_${process.pid}_${opened.length}`;
  if (pgUrl) await onServer(`create database ${name}`);
  const d = await openDatabase(pgUrl ? { url: withDatabase(pgUrl, name) } : {});
  opened.push({ d, name });
  return d;
}
afterAll(async () => {
  for (const { d, name } of opened) {
    await d.close();
    if (pgUrl) await onServer(`drop database ${name}`);
  }
});

/** Migrates to the named migration, the way a database that stopped there stands. */
async function migrateTo(d: Database, name: string) {
  const migrator = new Migrator({ db: d.db, provider: { getMigrations: async () => migrations } });
  expect((await migrator.migrateTo(name)).error).toBeUndefined();
}

/**
 * The sizes of the index's statistics: its histogram keeps target + 1 bounds, its most-common-elements list up to
 * 10 × target elements (stakind 2 and 4; which slot holds which varies).
 */
async function statistics(d: Database): Promise<{ histogram: number; elements: number }> {
  const slot = (kind: number) => sql.raw([1, 2, 3, 4, 5].map((i) => `case when stakind${i} = ${kind} then coalesce(array_length(stavalues${i}::text::text[], 1), 0) else 0 end`).join(' + '));
  const r = await sql<{ histogram: number; elements: number }>`
    select (${slot(2)})::int as histogram, (${slot(4)})::int as elements
    from pg_statistic where starelid = 'members_name_grams_idx'::regclass`.execute(d.db);
  return r.rows[0] ?? { histogram: 0, elements: 0 };
}

describe('migrateToLatest', () => {
  it('runs afterCommit of the migrations it ran: the name index is analyzed with its new target of 100', async () => {
    const d = await emptyDatabase();
    await migrateTo(d, '20261208T0200-media-asset-refs');
    // 3,000 members with distinct names, analyzed under the old target: statistics lists over 101 entries.
    await sql`insert into orgs (id, path, depth, name, full_name, type, level, sector) overriding system value values (1, '/1/', 0, '省委', '中共省委', 'committee', 'province', 'organ')`.execute(d.db);
    await sql`
      insert into members (org_id, org_path, name, gender, ethnicity, birth_date, id_type, id_number_enc, id_number_bidx, id_number_masked, education, category, joined_on)
      select 1, '/1/', '测' || chr(19968 + g) || chr(20992 + g % 97), 'male', '汉族', '1980-01-01', 'resident_id', '\\x00', 'b' || g, '3301**********0000', 'bachelor', 'full', '2000-07-01'
      from generate_series(1, 3000) g`.execute(d.db);
    await sql`analyze members`.execute(d.db);
    const before = await statistics(d);
    expect(before.histogram).toBe(1001);
    expect(before.elements).toBeGreaterThan(1000);

    expect(await migrateToLatest(d.db)).toContain('20261209T0000-name-grams-statistics');
    expect(await statistics(d)).toEqual({ histogram: 101, elements: expect.any(Number) });
    expect((await statistics(d)).elements).toBeLessThanOrEqual(1000);
  });

  it('validates the keys of lessons and live-event recordings, dropping a session’s dangling lesson and keeping an unknown recording checked from now on', async () => {
    const d = await emptyDatabase();
    // Stopped before 20261208T0100 added the lesson key (NOT VALID: rows written before it are not checked).
    await migrateTo(d, '20261208T0000-learning-live');
    await sql`insert into orgs (id, path, depth, name, full_name, type, level, sector) overriding system value values (1, '/1/', 0, '省委', '中共省委', 'committee', 'province', 'organ')`.execute(d.db);
    await sql`insert into accounts (id, username, display_name, kind, password_hash) overriding system value values (1, 'admin', '管理员', 'staff', 'x')`.execute(d.db);
    await sql`insert into stations (id, org_id, org_path, name, type) overriding system value values (1, 1, '/1/', '文三路社区站点', 'community')`.execute(d.db);
    // A session written when any lesson id was accepted, and a live event whose recording no asset is.
    await sql`
      insert into viewing_sessions (station_id, title, lesson_id, starts_at, duration_minutes, organizer_name, checkin_code, created_by)
      values (1, '党课集中收看', 999, '2026-11-20T01:00:00Z', 60, '李明', 'c1', 1)`.execute(d.db);
    const event = (v: number) => sql`
      insert into learning_live_events (org_id, title, audiences, source_asset_id, starts_at, ends_at, credit_minutes, created_by, created_at, updated_at)
      values (1, '全会精神直播', '{member}', ${v}, '2026-12-20T01:00:00Z', '2026-12-20T02:00:00Z', 60, 1, now(), now())`;
    await event(777).execute(d.db);
    const validated = async () => Object.fromEntries((await sql<{ conname: string; convalidated: boolean }>`
      select conname, convalidated from pg_constraint
      where conname in ('viewing_sessions_lesson_fk', 'learning_live_events_source_asset_fk')`.execute(d.db)).rows.map((r) => [r.conname, r.convalidated]));

    expect(await migrateToLatest(d.db)).toContain('20261210T0000-learning-source-keys');
    const session = (await sql<{ title: string; lesson_id: string | null }>`select title, lesson_id from viewing_sessions`.execute(d.db)).rows;
    expect(session).toEqual([{ title: '党课集中收看', lesson_id: null }]);
    expect(await validated()).toEqual({ viewing_sessions_lesson_fk: true, learning_live_events_source_asset_fk: false });
    // Unvalidated, the key still refuses a new event with a recording that is no asset.
    await expect(event(778).execute(d.db)).rejects.toMatchObject({ code: '23503' });

    // On a database with nothing to correct both keys end validated.
    const clean = await emptyDatabase();
    await migrateToLatest(clean.db);
    expect(Object.fromEntries((await sql<{ conname: string; convalidated: boolean }>`
      select conname, convalidated from pg_constraint
      where conname in ('viewing_sessions_lesson_fk', 'learning_live_events_source_asset_fk')`.execute(clean.db)).rows.map((r) => [r.conname, r.convalidated])))
      .toEqual({ viewing_sessions_lesson_fk: true, learning_live_events_source_asset_fk: true });
  });
});
