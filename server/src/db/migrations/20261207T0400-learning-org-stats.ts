/**
 * Issue 12, item 2: organization figures of distance education (学习统计), kept by the learning module's refresh job.
 *
 * `learning_org_stats`: per organization and year, over the members on the rolls (departed_on is null) of its whole
 * subtree: how many there are, how many met the yearly duty, the same two for committee members (an open
 * party_positions row: 56 h instead of 32 h by default), the year's credited minutes, and how many have any credit.
 * One set-based statement computes every row (learning.reports.ts, refreshOrgStats): direct per-organization
 * aggregates rolled up to every ancestor through orgs.path. No organization path is copied (org_id only).
 * `learning_stats_refreshes`: when each year's figures were last computed (统计时间), and how long that took.
 * Members' own progress is never read from here: it is the ledger (learning_member_years), always exact.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table learning_org_stats (
      org_id bigint not null references orgs(id),
      year int not null,
      members int not null,
      cadres int not null,
      met int not null,
      cadres_met int not null,
      minutes bigint not null,
      cadre_minutes bigint not null,
      active int not null,
      refreshed_at timestamptz not null,
      primary key (year, org_id),
      check (met <= members and cadres <= members and cadres_met <= cadres and cadres_met <= met and active <= members)
    )`.execute(db);
  await sql`
    create table learning_stats_refreshes (
      year int primary key,
      refreshed_at timestamptz not null,
      took_ms int not null,
      orgs int not null
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table learning_stats_refreshes`.execute(db);
  await sql`drop table learning_org_stats`.execute(db);
}
