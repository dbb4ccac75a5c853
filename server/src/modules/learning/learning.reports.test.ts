/**
 * 学习统计: organization figures equal direct counts over the members after credits awarded through awardCredit and a
 * refresh; a transferred member counts in the new city at the next refresh; every answer says when its figures were
 * computed while a member's own hours are exact at once; scope (Ningbo cannot read Hangzhou, a branch secretary only
 * their branch), transcripts, exports read back, paging and bad input.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { awardCredit } from './learning.commands.js';
import { statsJob } from './learning.reports.js';

let t: TestApp;
let f: DemoFixtures;
let hz: string, nb: string, prov: string, sec: string;
let county: { id: string; path: string; name: string };
let secretaryBranch: string;
const YEAR = 2026;
const DAY = 86_400_000;

/** Credits `minutes` to a member as group viewings of at most 480 minutes, one a day from `from` on. */
async function give(memberId: string, minutes: number, from = Date.UTC(2026, 0, 5, 2)) {
  for (let i = 0, left = minutes; left > 0; i++, left -= 480) {
    const at = new Date(from + i * DAY);
    const out = await t.ctx.db.transaction().execute((trx) => awardCredit(trx, {
      memberId, kind: 'group_viewing', sourceType: 'viewing.session', sourceId: String(1000 + i), minutes: Math.min(480, left), title: `集中收看第${i + 1}期`,
    }, at));
    expect(out.awarded).toBe(true);
  }
}

/** Counted directly from the members, the ledger's year totals and open positions (not from learning_org_stats). */
async function direct(pathPrefix: string) {
  const rows = await t.ctx.db.selectFrom('members as m')
    .leftJoin('learning_member_years as y', (j) => j.onRef('y.member_id', '=', 'm.id').on('y.year', '=', YEAR))
    .select(['m.id', 'y.minutes', (eb) => eb.exists(eb.selectFrom('party_positions as p').select('p.id').whereRef('p.member_id', '=', 'm.id').where('p.ended_on', 'is', null)).as('cadre')])
    .where('m.org_path', 'like', `${pathPrefix}%`).where('m.departed_on', 'is', null).execute();
  const met = rows.filter((r) => (r.minutes ?? 0) >= (r.cadre ? 56 : 32) * 60).length;
  return { members: rows.length, met, active: rows.filter((r) => (r.minutes ?? 0) > 0).length, minutes: rows.reduce((s, r) => s + (r.minutes ?? 0), 0) };
}

const report = (cookie: string, orgId: string, q = '') => t.call('GET', `/api/learning/reports/orgs/${orgId}?year=${YEAR}${q}`, { cookie });
const refresh = () => statsJob(t.ctx, { year: YEAR });

beforeAll(async () => {
  t = await createTestApp({ clockAt: new Date('2026-11-30T02:00:00Z') });
  f = await demoFixtures(t.ctx);
  [hz, nb, prov, sec] = await Promise.all(['demo-hangzhou', 'demo-ningbo', 'demo-province', 'demo-secretary'].map((u) => t.login(u)));
  secretaryBranch = (await t.ctx.db.selectFrom('accounts as a').innerJoin('role_grants as g', 'g.account_id', 'a.id').select('g.org_id').where('a.username', '=', 'demo-secretary').executeTakeFirstOrThrow()).org_id;
  // The Hangzhou county with the most members.
  county = (await sql<{ id: string; path: string; name: string }>`select o.id::text, o.path, o.name from orgs o join members m on m.org_path like o.path || '%'
    where o.parent_id = ${f.hangzhou.id} and m.departed_on is null group by o.id order by count(*) desc, o.id limit 1`.execute(t.ctx.db)).rows[0];
  const members = await t.ctx.db.selectFrom('members as m').select(['m.id', (eb) => eb.exists(eb.selectFrom('party_positions as p').select('p.id').whereRef('p.member_id', '=', 'm.id').where('p.ended_on', 'is', null)).as('cadre')])
    .where('m.org_path', 'like', `${county.path}%`).where('m.departed_on', 'is', null).orderBy('m.id').limit(24).execute();
  // A third meet their duty (56 h for committee members), a third has some hours, a third none; a committee member with 32 h does not meet it.
  for (const [i, m] of members.entries()) {
    if (i % 3 === 0) await give(m.id, m.cadre ? 56 * 60 : 32 * 60);
    else if (i % 3 === 1) await give(m.id, 600);
  }
  const cadre = await t.ctx.db.selectFrom('party_positions as p').innerJoin('members as m', 'm.id', 'p.member_id').select('m.id')
    .where('p.ended_on', 'is', null).where('m.org_path', 'like', `${county.path}%`).where('m.departed_on', 'is', null).orderBy('m.id').limit(1).executeTakeFirst();
  if (cadre) await give(cadre.id, 32 * 60, Date.UTC(2026, 5, 1, 2));
  // Somebody elsewhere in Hangzhou, and in Ningbo.
  await give(f.nbMember, 32 * 60);
  await refresh();
}, 120_000);
afterAll(async () => { await t?.close(); });

describe('organization figures', () => {
  it('give a county the completion rate counted directly over its members', async () => {
    const r = await report(hz, county.id);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    const d = await direct(county.path);
    expect(d.met).toBeGreaterThan(0);
    expect(body.org.figures).toMatchObject({ members: d.members, met: d.met, active: d.active, rate: Math.round((1000 * d.met) / d.members) / 10 });
    expect(body.org.figures.hours).toBe(Math.round(d.minutes / 6) / 10);
    expect(body.refreshedAt).toBe(t.clock.now().toISOString());
    expect(body.dutyHours).toEqual({ member: 32, cadre: 56 });
  });

  it('rank a city’s children by completion rate, their figures adding up to the city’s own', async () => {
    const body = (await report(hz, f.hangzhou.id, '&limit=200')).json();
    const d = await direct(f.hangzhou.path);
    expect(body.org.figures).toMatchObject({ members: d.members, met: d.met });
    const own = await t.ctx.db.selectFrom('members').select((eb) => eb.fn.countAll<string>().as('n')).where('org_id', '=', f.hangzhou.id).where('departed_on', 'is', null).executeTakeFirstOrThrow();
    expect(body.children.reduce((s: number, c: { figures: { members: number } }) => s + c.figures.members, 0)).toBe(d.members - Number(own.n));
    const rates = body.children.filter((c: { figures: { members: number } }) => c.figures.members > 0).map((c: { figures: { rate: number } }) => c.figures.rate);
    expect(rates).toEqual([...rates].sort((a: number, b: number) => b - a));
    expect(body.children[0]).toMatchObject({ rank: 1, id: county.id });
    expect(body.trail.map((o: { id: string }) => o.id)).toEqual([f.hangzhou.id]);
    // Drill-down: the county's figures in its parent's ranking are the county's own answer.
    const c = (await report(hz, county.id)).json();
    expect(body.children[0].figures).toEqual(c.org.figures);
    expect(c.trail.map((o: { id: string }) => o.id)).toEqual([f.hangzhou.id, county.id]);
  });

  it('ranks the province’s cities and pages them', async () => {
    const all = (await report(prov, (await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()).id)).json();
    expect(all.total).toBeGreaterThanOrEqual(11);
    const byHours = (await report(prov, all.org.id, '&sort=hours&limit=4&offset=4')).json();
    const full = (await report(prov, all.org.id, '&sort=hours&limit=100')).json();
    expect(byHours.children.map((c: { id: string }) => c.id)).toEqual(full.children.slice(4, 8).map((c: { id: string }) => c.id));
    expect(byHours.children.map((c: { rank: number }) => c.rank)).toEqual(full.children.slice(4, 8).map((c: { rank: number }) => c.rank));
    const asc = (await report(prov, all.org.id, '&order=asc&limit=100')).json();
    const withMembers = (x: { children: { id: string; figures: { members: number } }[] }) => x.children.filter((c) => c.figures.members > 0).map((c) => c.id);
    expect(new Set(withMembers(asc))).toEqual(new Set(withMembers(all)));
  });

  it('changes at the next refresh only, while a member’s own hours are exact at once', async () => {
    const before = (await report(hz, county.id)).json();
    const member = (await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${county.path}%`).where('departed_on', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('learning_member_years as y').select('y.member_id').whereRef('y.member_id', '=', 'members.id'))))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('party_positions as p').select('p.id').whereRef('p.member_id', '=', 'members.id').where('p.ended_on', 'is', null))))
      .orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
    await give(member, 32 * 60, Date.UTC(2026, 8, 1, 2));
    expect((await report(hz, county.id)).json().org.figures).toEqual(before.org.figures);
    const tr = (await t.call('GET', `/api/learning/reports/members/${member}/transcript?year=${YEAR}`, { cookie: hz })).json();
    expect(tr).toMatchObject({ minutes: 32 * 60, percent: 100 });
    t.clock.advance(60_000);
    await refresh();
    const after = (await report(hz, county.id)).json();
    expect(after.org.figures.met).toBe(before.org.figures.met + 1);
    expect(after.refreshedAt).toBe(t.clock.now().toISOString());
  });

  it('moves a transferred member’s figures to the new city at the next refresh', async () => {
    const d = await direct(county.path);
    const member = (await t.ctx.db.selectFrom('members as m').innerJoin('learning_member_years as y', 'y.member_id', 'm.id').select('m.id')
      .where('m.org_path', 'like', `${county.path}%`).where('y.year', '=', YEAR).where('y.minutes', '>=', 56 * 60).orderBy('m.id').limit(1).executeTakeFirstOrThrow()).id;
    const [hzBefore, nbBefore] = [(await report(hz, f.hangzhou.id)).json().org.figures, (await report(nb, f.ningbo.id)).json().org.figures];
    const created = await t.call('POST', '/api/transfers', { cookie: hz, body: { memberId: member, toOrgId: f.nbBranch, duesPaidTo: '2026-10', reason: '工作调动' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    for (const [cookie, action] of [[hz, 'submit'], [hz, 'approve'], [nb, 'approve']] as const) {
      const r = await t.call('POST', `/api/transfers/${id}/${action}`, { cookie, body: {} });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect((await t.ctx.db.selectFrom('members').select('org_id').where('id', '=', member).executeTakeFirstOrThrow()).org_id).toBe(f.nbBranch);
    expect((await report(hz, f.hangzhou.id)).json().org.figures).toEqual(hzBefore);
    t.clock.advance(60_000);
    await refresh();
    const [hzAfter, nbAfter] = [(await report(hz, f.hangzhou.id)).json().org.figures, (await report(nb, f.ningbo.id)).json().org.figures];
    expect([hzAfter.members, hzAfter.met]).toEqual([hzBefore.members - 1, hzBefore.met - 1]);
    expect([nbAfter.members, nbAfter.met]).toEqual([nbBefore.members + 1, nbBefore.met + 1]);
    expect((await report(hz, county.id)).json().org.figures.members).toBe(d.members - 1);
  });

  it('is refreshed by the scheduled tick only once the figures are older than the configured minutes', async () => {
    t.clock.advance(60_000);
    await refresh();
    const at = t.clock.now().toISOString();
    t.clock.advance(5 * 60_000);
    expect(await statsJob(t.ctx, null)).toMatchObject({ skipped: true });
    t.clock.advance(5 * 60_000);
    expect(await statsJob(t.ctx, null)).toMatchObject({ year: YEAR, orgs: expect.any(Number) });
    expect((await report(hz, county.id)).json().refreshedAt).not.toBe(at);
  });
});

describe('scope', () => {
  it('keeps Ningbo out of Hangzhou, and a branch secretary in their branch', async () => {
    expect((await report(nb, f.hangzhou.id)).statusCode).toBe(403);
    expect((await report(nb, county.id)).statusCode).toBe(403);
    expect((await t.call('GET', `/api/learning/reports/orgs/${county.id}/members`, { cookie: nb })).statusCode).toBe(403);
    const own = await report(sec, secretaryBranch);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().trail.map((o: { id: string }) => o.id)).toEqual([secretaryBranch]);
    const parent = (await t.ctx.db.selectFrom('orgs').select('parent_id').where('id', '=', secretaryBranch).executeTakeFirstOrThrow()).parent_id!;
    expect((await report(sec, parent)).statusCode).toBe(403);
    const members = await t.call('GET', `/api/learning/reports/orgs/${secretaryBranch}/members?year=${YEAR}`, { cookie: sec });
    expect(members.statusCode).toBe(200);
    expect(members.json().items.every((m: { orgId: string }) => m.orgId === secretaryBranch)).toBe(true);
    expect((await t.call('GET', '/api/learning/reports/orgs/1', { cookie: await t.login('demo-member') })).statusCode).toBe(403);
  });

  it('shows a transcript only to staff over the member’s home organization', async () => {
    expect((await t.call('GET', `/api/learning/reports/members/${f.nbMember}/transcript`, { cookie: hz })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/learning/reports/members/${f.nbMember}/transcript`, { cookie: sec })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/learning/reports/members/999999999/transcript', { cookie: prov })).statusCode).toBe(404);
    const ok = await t.call('GET', `/api/learning/reports/members/${f.nbMember}/transcript?year=${YEAR}&limit=2`, { cookie: nb });
    expect(ok.statusCode, ok.body).toBe(200);
    const body = ok.json();
    expect(body).toMatchObject({ minutes: 32 * 60, dutyMinutes: expect.any(Number), member: { id: f.nbMember } });
    expect(body.byKind.find((k: { kind: string }) => k.kind === 'group_viewing')).toEqual({ kind: 'group_viewing', minutes: 1920, credits: 4 });
    expect(body.items.map((i: { day: string }) => i.day)).toEqual(['2026-01-08', '2026-01-07']);
    const next = (await t.call('GET', `/api/learning/reports/members/${f.nbMember}/transcript?year=${YEAR}&limit=2&cursor=${body.nextCursor}`, { cookie: nb })).json();
    expect(next.items.map((i: { day: string }) => i.day)).toEqual(['2026-01-06', '2026-01-05']);
    expect(JSON.stringify(body)).not.toMatch(/idNumber|mobile/);
  });
});

describe('members of an organization', () => {
  it('pages a subtree by keyset, each member once, hours from the ledger, no ID numbers or phones', async () => {
    const d = await direct(county.path);
    const seen = new Set<string>();
    let minutes = 0, met = 0, pages = 0;
    for (let cursor: string | null = ''; cursor !== null; pages++) {
      const r = await t.call('GET', `/api/learning/reports/orgs/${county.id}/members?year=${YEAR}&subtree=true&limit=7${cursor ? `&cursor=${cursor}` : ''}`, { cookie: hz });
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json();
      for (const m of body.items) {
        expect(seen.has(m.id)).toBe(false);
        seen.add(m.id);
        minutes += m.minutes;
        if (m.met) met++;
        expect(Object.keys(m).sort()).toEqual(['cadre', 'dutyHours', 'hours', 'id', 'met', 'minutes', 'name', 'orgId', 'orgName', 'percent']);
      }
      cursor = body.nextCursor;
    }
    expect(pages).toBeGreaterThan(1);
    expect({ members: seen.size, minutes, met }).toEqual({ members: d.members, minutes: d.minutes, met: d.met });
  });

  it('lists a branch’s own members only', async () => {
    const r = (await t.call('GET', `/api/learning/reports/orgs/${f.hzBranch}/members?limit=100`, { cookie: hz })).json();
    const n = await t.ctx.db.selectFrom('members').select('id').where('org_id', '=', f.hzBranch).where('departed_on', 'is', null).execute();
    expect(r.items.map((m: { id: string }) => m.id).sort()).toEqual(n.map((m) => m.id).sort());
  });
});

async function sheet(res: { rawPayload: Buffer }) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb.worksheets[0].getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : []));
}
const exportOf = (name: string, cookie: string, body: unknown) => t.call('POST', `/api/exports/${name}.xlsx`, { cookie, body });
const exportAudits = () => t.ctx.db.selectFrom('audit_log').select(['after', 'actor_name']).where('action', '=', 'learning.export').execute();

describe('exports', () => {
  it('write the children ranking, a branch’s hours and a transcript, each audited', async () => {
    const before = (await exportAudits()).length;
    const ranking = await exportOf('learning-orgs', hz, { orgId: f.hangzhou.id, year: YEAR });
    expect(ranking.statusCode, ranking.body).toBe(200);
    const rows = await sheet(ranking);
    const api = (await report(hz, f.hangzhou.id, '&limit=200')).json();
    expect(rows[0].slice(0, 3)).toEqual(['排名', '组织编号', '党组织']);
    expect(rows.slice(1, 1 + api.total).map((r) => [r[0], String(r[1]), r[5]])).toEqual(api.children.map((c: { rank: number; id: string; figures: { rate: number } }) => [c.rank, c.id, c.figures.rate]));
    expect(rows.flat().some((c) => typeof c === 'string' && c.startsWith('统计时间：'))).toBe(true);

    const hours = await exportOf('learning-members', hz, { orgId: county.id, year: YEAR, subtree: true });
    expect(hours.statusCode, hours.body).toBe(200);
    const d = await direct(county.path);
    expect(Number(hours.headers['x-row-count'])).toBe(d.members);
    const hourRows = (await sheet(hours)).slice(1, 1 + d.members);
    expect(hourRows.filter((r) => r[7] === '是').length).toBe(d.met);

    const tr = await exportOf('learning-transcript', nb, { memberId: f.nbMember, year: YEAR });
    expect(tr.statusCode, tr.body).toBe(200);
    const trRows = await sheet(tr);
    expect(trRows.slice(1, 5).map((r) => [r[0], r[1], r[3]])).toEqual([['2026-01-08', '站点集中收看', 480], ['2026-01-07', '站点集中收看', 480], ['2026-01-06', '站点集中收看', 480], ['2026-01-05', '站点集中收看', 480]]);

    const audits = await exportAudits();
    expect(audits.length).toBe(before + 3);
    expect(audits.map((a) => (a.after as { report: string }).report).slice(-3)).toEqual(['orgs', 'members', 'transcript']);
  });

  it('refuses outside the scope before writing anything', async () => {
    const before = (await exportAudits()).length;
    expect((await exportOf('learning-orgs', nb, { orgId: f.hangzhou.id })).statusCode).toBe(403);
    expect((await exportOf('learning-members', sec, { orgId: f.hangzhou.id })).statusCode).toBe(403);
    expect((await exportOf('learning-transcript', hz, { memberId: f.nbMember })).statusCode).toBe(403);
    expect((await exportOf('learning-orgs', hz, { orgId: f.hangzhou.id, year: 1999 })).statusCode).toBe(400);
    expect((await exportAudits()).length).toBe(before);
  });
});

describe('bad input', () => {
  it('answers 400 with a message for a bad year, sort, page or id, and 404 for an unknown organization', async () => {
    for (const q of ['?year=1999', '?sort=name', '?order=up', '?limit=0', '?limit=500', '?offset=-1', '?year=abc']) {
      const r = await t.call('GET', `/api/learning/reports/orgs/${f.hangzhou.id}${q}`, { cookie: hz });
      expect(r.statusCode, q).toBe(400);
      expect(r.json().title).toBeTruthy();
    }
    expect((await t.call('GET', '/api/learning/reports/orgs/abc', { cookie: hz })).statusCode).toBe(400);
    expect((await t.call('GET', `/api/learning/reports/orgs/${f.hangzhou.id}/members?cursor=x`, { cookie: hz })).statusCode).toBe(400);
    expect((await t.call('GET', '/api/learning/reports/orgs/999999999', { cookie: prov })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/learning/reports/orgs/${f.hangzhou.id}`)).statusCode).toBe(401);
  });

  it('answers zeros and no 统计时间 for a year never computed', async () => {
    const body = (await t.call('GET', `/api/learning/reports/orgs/${county.id}?year=2020`, { cookie: hz })).json();
    expect(body.refreshedAt).toBeNull();
    expect(body.org.figures).toMatchObject({ members: 0, met: 0, rate: 0 });
  });
});
