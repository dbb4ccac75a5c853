/**
 * 学习统计 on the province-sized dataset (issue 12, item 7): `npm run bench -- learning` (PostgreSQL, dj_bench; loaded
 * first when missing, see run.ts).
 *
 *   learning.fill            the year totals of every member (learning_member_years, 2026) and committee positions,
 *                            written once by set-based SQL with a fixed seed (skipped when already there)
 *   learning.refresh         the refresh job's one statement over 4.27 M members and 247 k organizations (3 runs)
 *   learning.county          a county's completion rate and ranked children (萧山区委), as GET /api/learning/reports/orgs/:id answers it
 *   learning.city            the ranking of a city's children (杭州市委)
 *   learning.province        the ranking of the province's cities
 *   learning.members.branch  a branch's members with their hours (the ledger, exact)
 *
 * Every read runs through the service functions the routes call (orgReport, orgMembers) with an org_admin of the
 * province; target p95 ≤ 200 ms. The dataset has year totals only, not ledger rows: the organization figures and the
 * members list read the year totals (learning_member_years), never the ledger, so its size does not enter these
 * figures (a transcript reads one member's rows by an index).
 */
import fs from 'node:fs';
import os from 'node:os';
import { sql } from 'kysely';
import { openDatabase } from '../server/src/db/database.js';
import type { Actor } from '../server/src/platform/actor.js';
import type { AppContext } from '../server/src/platform/context.js';

type Line = (o: Record<string, unknown>) => void;
const YEAR = 2026;
const RUNS = Number(process.env.BENCH_RUNS ?? 40);

function quantiles(t: number[]) {
  const s = [...t].sort((a, b) => a - b);
  const q = (p: number) => +s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)].toFixed(1);
  return { p50_ms: q(0.5), p95_ms: q(0.95), max_ms: +s[s.length - 1].toFixed(1) };
}

export async function benchLearning({ line, url, only }: { line: Line; url: string; only: RegExp | null }) {
  await import('../server/src/modules/index.js'); // the permissions the reads check
  const { refreshOrgStats, orgReport, orgMembers } = await import('../server/src/modules/learning/learning.reports.js');
  const database = await openDatabase({ url, poolSize: 4 });
  const { db } = database;
  const want = (name: string) => !only || only.test(name);
  try {
    // 1. Year totals and positions, once (deterministic: hashes of the ids with a fixed seed).
    const have = await sql<{ n: number }>`select count(*)::int as n from learning_member_years where year = ${YEAR}`.execute(db);
    if (have.rows[0].n === 0) {
      const t0 = performance.now();
      const positions = await sql`
        insert into party_positions (member_id, org_id, position, started_on)
        select id, org_id, case when rn = 1 then 'secretary' else 'committee_member' end, date '2024-01-01'
        from (select id, org_id, row_number() over (partition by org_id order by id) as rn from members where departed_on is null) m
        where rn <= 2 and not exists (select 1 from party_positions)`.execute(db);
      // A spread per county (some counties do better) and per member: about 25 % without any credit, a third past
      // 32 h, the rest part of the way; seed 20261207.
      const years = await sql`
        insert into learning_member_years (member_id, year, minutes, credits, updated_at)
        select m.id, ${YEAR}, mins, greatest(1, mins / 45), timestamptz '2026-11-27 12:00+08'
        from (
          select m.id,
                 ((abs(hashtext(m.id::text || ':20261207')) % 1000) + (abs(hashtext(o.path_county || ':20261207')) % 300) - 150) as p,
                 abs(hashtext(m.id::text || ':hours:20261207')) as h
          from members m
          join lateral (select split_part(o.path, '/', 4) as path_county from orgs o where o.id = m.org_id) o on true
          where m.departed_on is null
        ) m
        cross join lateral (select case when p < 250 then 0
                                        when p < 600 then 1920 + h % 1800
                                        else 60 + h % 1860 end as mins) x
        where mins > 0`.execute(db);
      await sql`analyze learning_member_years`.execute(db);
      await sql`analyze party_positions`.execute(db);
      line({ bench: 'learning.fill', year: YEAR, member_years: Number(years.numAffectedRows), positions: Number(positions.numAffectedRows), ledger_rows: 0, s: +((performance.now() - t0) / 1000).toFixed(1) });
    }

    // 2. The refresh job's statement.
    if (want('learning.refresh')) {
      // On a connection of its own, so the server process's CPU time can be read too (/proc; the server is local):
      // the machine is shared, and the CPU seconds say what the statement costs whatever else runs beside it.
      const one = await openDatabase({ url, poolSize: 1 });
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(one.db)).rows[0].pid;
      const cpu = () => { try { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / 100; } catch { return NaN; } };
      const t: number[] = [], c: number[] = [];
      let orgs = 0;
      for (let i = 0; i < 3; i++) {
        const s = performance.now(), c0 = cpu();
        orgs = (await refreshOrgStats(one.db, YEAR, new Date())).orgs;
        t.push(performance.now() - s);
        c.push(+(cpu() - c0).toFixed(1));
      }
      await one.close();
      await sql`analyze learning_org_stats`.execute(db);
      line({ bench: 'learning.refresh', runs: 3, orgs, ms: t.map((x) => Math.round(x)), ...quantiles(t), server_cpu_s: c, load: os.loadavg().map((x) => +x.toFixed(2)) });
    } else if ((await sql<{ n: number }>`select count(*)::int as n from learning_stats_refreshes where year = ${YEAR}`.execute(db)).rows[0].n === 0) {
      await refreshOrgStats(db, YEAR, new Date());
    }

    // 3. Reads through the service, as the routes call it.
    const q1 = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(db)).rows[0];
    const province = await q1(sql<{ id: string; path: string; name: string }>`select id::text, path, name from orgs where parent_id is null`);
    const city = await q1(sql<{ id: string }>`select id::text from orgs where level = 'city' and name = '杭州市委'`);
    const county = await q1(sql<{ id: string }>`select id::text from orgs where level = 'county' and name = '萧山区委'`);
    const branch = await q1(sql<{ id: string }>`select o.id::text from orgs o where o.type = 'branch' and o.path like (select path || '%' from orgs where id = ${county.id}) order by o.id limit 1`);
    const ctx = { db, now: () => new Date(), config: { learning: { statsRefreshMinutes: 10 } } } as unknown as AppContext;
    const actor: Actor = {
      accountId: '1', username: 'bench', displayName: 'bench', kind: 'staff', demo: false, memberId: null, sessionId: '1', mfaPassed: true, mustChangePassword: false, ip: '127.0.0.1',
      grants: [{ grantId: '1', role: 'org_admin', orgId: province.id, orgPath: province.path, orgName: province.name }],
    };
    const measure = async (name: string, fn: () => Promise<unknown>, extra: Record<string, unknown>) => {
      if (!want(name)) return;
      for (let i = 0; i < 3; i++) await fn();
      const t: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        await fn();
        t.push(performance.now() - s);
      }
      line({ bench: name, runs: RUNS, ...quantiles(t), ...extra, load: os.loadavg().map((x) => +x.toFixed(2)) });
    };
    const figures = async (id: string) => {
      const r = await orgReport(ctx, actor, id, { year: YEAR });
      return { members: r.org.figures.members, rate: r.org.figures.rate, children: r.total };
    };
    await measure('learning.county', () => orgReport(ctx, actor, county.id, { year: YEAR }), { org: '萧山区委', ...(await figures(county.id)) });
    await measure('learning.city', () => orgReport(ctx, actor, city.id, { year: YEAR }), { org: '杭州市委', ...(await figures(city.id)) });
    await measure('learning.province', () => orgReport(ctx, actor, province.id, { year: YEAR }), { org: '浙江省委', ...(await figures(province.id)) });
    await measure('learning.province.byhours', () => orgReport(ctx, actor, province.id, { year: YEAR, sort: 'hours' }), { org: '浙江省委', sort: 'hours' });
    await measure('learning.members.branch', () => orgMembers(ctx, actor, branch.id, { year: YEAR, limit: 50 }), { org_id: branch.id });
    await measure('learning.members.county.page1', () => orgMembers(ctx, actor, county.id, { year: YEAR, subtree: true, limit: 50 }), { org: '萧山区委', subtree: true });
  } finally {
    await database.close();
  }
}
