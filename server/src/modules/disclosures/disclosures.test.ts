/**
 * 党务、村务、财务公开 end to end through the API: the finance table's check, versions and fingerprints on the public
 * side, scope, search by a word inside a sentence, and the disclosure calendar's board across China-time midnight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { fenToYuan, fingerprintOf, periodLabel, yuanToFen } from './disclosures.rules.js';

let t: TestApp;
let hz: string;
let nb: string;
/** A Hangzhou township with at least four villages or communities (grassroots organizations directly below it). */
let town: { id: string; path: string };
let villages: { id: string; name: string }[];
let nbVillage: string;
const MIN = 60_000;

// 23:30 on 31 December 2026, China time.
const START = new Date('2026-12-31T15:30:00Z');

beforeAll(async () => {
  t = await createTestApp({ clockAt: START });
  [hz, nb] = [await t.login('demo-hangzhou'), await t.login('demo-ningbo')];
  const { rows } = await sql<{ id: string; path: string }>`
    select p.id, p.path from orgs p join orgs o on o.parent_id = p.id and o.level = 'grassroots' and o.sector in ('rural', 'community') and o.status = 'active'
    where p.level = 'township' and p.path like (select path from orgs where name = '杭州市委') || '%'
    group by p.id, p.path having count(*) >= 4 order by p.id limit 1`.execute(t.ctx.db);
  town = rows[0]!;
  // Every village and community organization of the township (the calendar's targets), rural ones first.
  villages = await t.ctx.db.selectFrom('orgs').select(['id', 'name']).where('parent_id', '=', town.id).where('level', '=', 'grassroots').where('sector', 'in', ['rural', 'community'])
    .where('status', '=', 'active').orderBy(sql`sector = 'rural'`, 'desc').orderBy('id').execute();
  const nbv = await sql<{ id: string }>`select o.id from orgs o where o.level = 'grassroots' and o.sector = 'rural'
    and o.path like (select path from orgs where name = '宁波市委') || '%' order by o.id limit 1`.execute(t.ctx.db);
  nbVillage = nbv.rows[0]!.id;
});
afterAll(async () => { await t?.close(); });

const finance = (over: Partial<Record<'opening' | 'incomeTotal' | 'expenseTotal' | 'closing', string>> = {}) => ({
  opening: '10000.00',
  lines: [
    { direction: 'income', category: '上级转移支付', amount: '50000' },
    { direction: 'income', category: '集体资产租赁收入', amount: '12800.50' },
    { direction: 'expense', category: '道路维修', amount: '23456.78' },
    { direction: 'expense', category: '办公经费', amount: '1200.05' },
  ],
  incomeTotal: '62800.50', expenseTotal: '24656.83', closing: '48143.67',
  ...over,
});
const create = (cookie: string, body: Record<string, unknown>) => t.call('POST', '/api/disclosures', { cookie, body });

describe('rules', () => {
  it('labels periods in Chinese and converts yuan to fen exactly', () => {
    expect(periodLabel('2026-Q4')).toBe('2026年第四季度');
    expect(periodLabel('2026-11')).toBe('2026年11月');
    expect(periodLabel('2026')).toBe('2026年度');
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('12800.05')).toBe(1280005);
    expect(yuanToFen('-3.5')).toBe(-350);
    expect(fenToYuan(4814367)).toBe('48,143.67');
  });
});

describe('the finance table', () => {
  it('is stored in fen when the totals and the closing balance add up', async () => {
    const res = await create(hz, { orgId: villages[0]!.id, kind: 'finance', period: '2026-Q4', title: '2026年第四季度村级财务收支公开', bodyHtml: '<p>现将本季度收支公开如下。</p>', finance: finance() });
    expect(res.statusCode, res.body).toBe(201);
    const item = (await t.call('GET', `/api/disclosures/${res.json().id}`, { cookie: hz })).json();
    expect(item.finance).toMatchObject({ openingFen: 1_000_000, incomeTotalFen: 6_280_050, expenseTotalFen: 2_465_683, closingFen: 4_814_367 });
    expect(item.finance.lines[1]).toMatchObject({ category: '集体资产租赁收入', amountFen: 1_280_050 });
  });

  it('is refused with a message naming each number that is off', async () => {
    const res = await create(hz, { orgId: villages[0]!.id, kind: 'finance', period: '2026-Q4', title: '收支公开', bodyHtml: '', finance: finance({ incomeTotal: '62800.00', closing: '48143.60' }) });
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as { field: string; message: string }[];
    expect(errors.find((e) => e.field === 'finance.incomeTotal')?.message).toBe('收入合计填写为62,800.00元，但各收入项目之和为62,800.50元，请核对');
    expect(errors.find((e) => e.field === 'finance.closing')?.message).toContain('应为48,143.67元');
    expect(errors.some((e) => e.field === 'finance.expenseTotal')).toBe(false);
    const wrongExpense = await create(hz, { orgId: villages[0]!.id, kind: 'finance', period: '2026-Q4', title: '收支公开', bodyHtml: '', finance: finance({ expenseTotal: '24656.84' }) });
    expect(wrongExpense.json().errors.map((e: { field: string }) => e.field)).toEqual(['finance.expenseTotal']);
  });

  it('is required for finances and refused for other kinds', async () => {
    expect((await create(hz, { orgId: villages[0]!.id, kind: 'finance', period: '2026-Q4', title: '收支', bodyHtml: '<p>x</p>' })).json().errors[0].field).toBe('finance');
    expect((await create(hz, { orgId: villages[0]!.id, kind: 'party', period: '2026-Q4', title: '党务', bodyHtml: '<p>x</p>', finance: finance() })).json().errors[0].field).toBe('finance');
  });
});

describe('publishing and versions', () => {
  let id: string;
  it('publishes with a fingerprint; an edit makes a second version and the first stays public', async () => {
    const v = villages[1]!;
    const created = await create(hz, { orgId: v.id, kind: 'village', period: '2026-Q4', title: '关于村道路硬化工程的公示', bodyHtml: '<p>经村民代表会议讨论，决定实施村道路硬化工程，总投资约二十万元。</p><script>alert(1)</script>' });
    expect(created.statusCode, created.body).toBe(201);
    id = created.json().id;
    // A draft is not public.
    expect((await t.call('GET', `/api/public/disclosures/${id}`)).statusCode).toBe(404);
    const first = await t.call('POST', `/api/disclosures/${id}/publish`, { cookie: hz });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 1, fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // The fingerprint is the SHA-256 of the canonical form of what the public sees.
    const pub1 = await t.call('GET', `/api/public/disclosures/${id}`);
    expect(pub1.headers['cache-control']).toBe('public, max-age=0, s-maxage=10');
    const p1 = pub1.json();
    expect(p1.bodyHtml).not.toContain('script');
    expect(fingerprintOf({ orgId: v.id, kind: 'village', period: '2026-Q4', title: p1.title, bodyHtml: p1.bodyHtml, finance: null })).toBe(first.json().fingerprint);

    t.clock.advance(10 * MIN);
    const edit = await t.call('PUT', `/api/disclosures/${id}`, { cookie: hz, body: { version: 1, title: '关于村道路硬化工程的公示（更正）', bodyHtml: '<p>经村民代表会议讨论，决定实施村道路硬化工程，总投资约二十二万元。</p>' } });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json().version).toBe(2);
    expect(edit.json().fingerprint).not.toBe(first.json().fingerprint);
    // An edit on a stale version is refused.
    expect((await t.call('PUT', `/api/disclosures/${id}`, { cookie: hz, body: { version: 1, title: 'x', bodyHtml: '<p>x</p>' } })).statusCode).toBe(409);

    const p2 = (await t.call('GET', `/api/public/disclosures/${id}`)).json();
    expect(p2).toMatchObject({ version: 2, current: true, latestVersion: 2, title: '关于村道路硬化工程的公示（更正）' });
    expect(p2.versions.map((x: { version: number; fingerprint: string }) => [x.version, x.fingerprint])).toEqual([[2, edit.json().fingerprint], [1, first.json().fingerprint]]);
    const old = (await t.call('GET', `/api/public/disclosures/${id}/versions/1`)).json();
    expect(old).toMatchObject({ version: 1, current: false, title: '关于村道路硬化工程的公示', fingerprint: first.json().fingerprint, publishedAt: START.toISOString() });
    expect(old.bodyHtml).toContain('二十万元');
    // Both edits and the publication are in the audit log.
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'disclosure_item').where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['disclosure.create', 'disclosure.publish', 'disclosure.revise']);
  });

  it('hides a withdrawn item and its versions from the public', async () => {
    expect((await t.call('POST', `/api/disclosures/${id}/withdraw`, { cookie: hz })).statusCode).toBe(204);
    expect((await t.call('GET', `/api/public/disclosures/${id}`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/public/disclosures/${id}/versions/1`)).statusCode).toBe(404);
    expect((await t.call('GET', `/api/public/disclosures?orgId=${villages[1]!.id}`)).json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    // Staff still see it.
    expect((await t.call('GET', `/api/disclosures/${id}`, { cookie: hz })).json().state).toBe('withdrawn');
  });
});

describe('scope', () => {
  it('a city cannot write a village of another city, nor read its items', async () => {
    const res = await create(hz, { orgId: nbVillage, kind: 'party', period: '2026-Q4', title: '越权', bodyHtml: '<p>越权</p>' });
    expect(res.statusCode).toBe(403);
    const nbItem = await create(nb, { orgId: nbVillage, kind: 'party', period: '2026-Q4', title: '宁波某村党务公开', bodyHtml: '<p>党员大会</p>' });
    expect(nbItem.statusCode).toBe(201);
    expect((await t.call('GET', `/api/disclosures/${nbItem.json().id}`, { cookie: hz })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/disclosures/${nbItem.json().id}/publish`, { cookie: hz })).statusCode).toBe(403);
    expect((await t.call('PUT', `/api/disclosures/${nbItem.json().id}`, { cookie: hz, body: { version: 0, title: 'x', bodyHtml: '<p>x</p>' } })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/disclosures?orgId=${nbVillage}`, { cookie: hz })).statusCode).toBe(403);
    // The public sees only what is published.
    expect((await t.call('GET', `/api/public/disclosures/${nbItem.json().id}`)).statusCode).toBe(404);
  });

  it('a village secretary writes for the own village only, and cannot set a calendar', async () => {
    const sec = await t.login('demo-secretary');
    const own = (await t.ctx.db.selectFrom('orgs').select(['id', 'parent_id']).where('name', '=', '龙井村党支部').executeTakeFirstOrThrow());
    const sibling = (await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', '=', own.parent_id!).where('id', '!=', own.id).where('level', '=', 'grassroots').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
    const mine = await create(sec, { orgId: own.id, kind: 'party', period: '2026-Q4', title: '龙井村党务公开', bodyHtml: '<p>支部党员大会</p>' });
    expect(mine.statusCode, mine.body).toBe(201);
    expect((await t.call('POST', `/api/disclosures/${mine.json().id}/publish`, { cookie: sec })).statusCode).toBe(200);
    expect((await create(sec, { orgId: sibling, kind: 'party', period: '2026-Q4', title: '邻村', bodyHtml: '<p>x</p>' })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/disclosures/plans', { cookie: sec, body: { orgId: own.parent_id, kind: 'party', period: '2026-Q4', dueOn: '2027-01-15' } })).statusCode).toBe(403);
  });

  it('items are written for grassroots organizations only', async () => {
    const res = await create(hz, { orgId: town.id, kind: 'party', period: '2026-Q4', title: '乡镇', bodyHtml: '<p>x</p>' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].message).toContain('基层党组织');
  });
});

describe('search', () => {
  it('finds an item by a Chinese word inside a longer sentence', async () => {
    const r = await create(hz, { orgId: villages[2]!.id, kind: 'village', period: '2026-Q4', title: '村级事务公开', bodyHtml: '<p>今年我村完成了农村生活污水治理设施的提标改造，受益农户一百二十户。</p>' });
    await t.call('POST', `/api/disclosures/${r.json().id}/publish`, { cookie: hz });
    for (const q of ['污水治理', '提标改造', '受益农户']) {
      const found = (await t.call('GET', `/api/public/disclosures?q=${encodeURIComponent(q)}`)).json().items.map((i: { id: string }) => i.id);
      expect(found, q).toContain(r.json().id);
    }
    const none = (await t.call('GET', `/api/public/disclosures?q=${encodeURIComponent('垃圾分类')}&orgId=${villages[2]!.id}`)).json().items;
    expect(none).toEqual([]);
  });
});

describe('the disclosure calendar', () => {
  it('counts on time, late, missing and not yet due per village, across China-time midnight, adding up', async () => {
    // 23:30 China time on 31 December: due today.
    const plan = await t.call('POST', '/api/disclosures/plans', { cookie: hz, body: { orgId: town.id, kind: 'party', period: '2026-12', dueOn: '2026-12-31' } });
    expect(plan.statusCode, plan.body).toBe(201);
    const planId = plan.json().id;
    const publish = async (v: string) => {
      const r = await create(hz, { orgId: v, kind: 'party', period: '2026-12', title: '2026年12月党务公开', bodyHtml: '<p>主题党日活动情况。</p>' });
      expect(r.statusCode, r.body).toBe(201);
      const p = await t.call('POST', `/api/disclosures/${r.json().id}/publish`, { cookie: hz });
      expect(p.statusCode, p.body).toBe(200);
    };
    await publish(villages[0]!.id); // 23:40 on the 31st: on time
    const before = (await t.call('GET', `/api/disclosures/plans/${planId}/board`, { cookie: hz })).json();
    // Before midnight the rest are not yet due.
    expect(before.totals).toEqual({ total: villages.length, onTime: 1, late: 0, missing: 0, pending: villages.length - 1 });
    t.clock.advance(31 * MIN); // 00:01 (China) on 1 January 2027
    [hz, nb] = [await t.login('demo-hangzhou'), await t.login('demo-ningbo')]; // past the sessions' idle timeout
    await publish(villages[1]!.id); // late
    const board = await t.call('GET', `/api/disclosures/plans/${planId}/board`, { cookie: hz });
    expect(board.statusCode, board.body).toBe(200);
    const b = board.json();
    expect(b.today).toBe('2027-01-01');
    expect(b.totals).toEqual({ total: villages.length, onTime: 1, late: 1, missing: villages.length - 2, pending: 0 });
    const row = (id: string) => b.rows.find((r: { orgId: string }) => r.orgId === id);
    expect(row(villages[0]!.id).status).toBe('on_time');
    expect(row(villages[1]!.id).status).toBe('late');
    expect(row(villages[3]!.id).status).toBe('missing');
    const sum = (k: string) => b.rows.reduce((s: number, r: { counts: Record<string, number> }) => s + r.counts[k]!, 0);
    for (const k of ['total', 'onTime', 'late', 'missing', 'pending']) expect(sum(k), k).toBe(b.totals[k]);
    // The county above sees the township as one row with the same counts (drilling down a level at a time).
    const county = (await t.call('GET', `/api/disclosures/plans/${planId}/board?parentId=${town.path.split('/').filter(Boolean).at(-2)}`, { cookie: hz }));
    expect(county.statusCode).toBe(403); // above the plan's organization: outside this plan
    // The plan's list carries the same counts; Ningbo may not see the board.
    const list = (await t.call('GET', `/api/disclosures/plans?orgId=${town.id}`, { cookie: hz })).json();
    expect(list.items.find((p: { id: string }) => p.id === planId).counts).toEqual(b.totals);
    expect((await t.call('GET', `/api/disclosures/plans/${planId}/board`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/disclosures/plans', { cookie: nb, body: { orgId: town.id, kind: 'village', period: '2026-12', dueOn: '2026-12-31' } })).statusCode).toBe(403);
  });

  it('a plan set at the city drills down to the township', async () => {
    const city = (await t.ctx.db.selectFrom('orgs').select('id').where('name', '=', '杭州市委').executeTakeFirstOrThrow()).id;
    const plan = (await t.call('POST', '/api/disclosures/plans', { cookie: hz, body: { orgId: city, kind: 'party', period: '2026-12', dueOn: '2026-12-31' } })).json();
    const top = (await t.call('GET', `/api/disclosures/plans/${plan.id}/board`, { cookie: hz })).json();
    const sum = top.rows.reduce((s: number, r: { counts: { total: number } }) => s + r.counts.total, 0);
    expect(sum).toBe(top.totals.total);
    expect(top.totals.onTime).toBeGreaterThanOrEqual(1);
    // Down to the county, then the township: the township's counts are those of its villages.
    const countyId = town.path.split('/').filter(Boolean).at(-2)!;
    const atCounty = (await t.call('GET', `/api/disclosures/plans/${plan.id}/board?parentId=${countyId}`, { cookie: hz })).json();
    const townRow = atCounty.rows.find((r: { orgId: string }) => r.orgId === town.id);
    expect(townRow.counts).toMatchObject({ total: villages.length, onTime: 1, late: 1 });
    expect(townRow.hasChildren).toBe(true);
  });
});

describe('the TV page', () => {
  it('shows a village’s published items without sign-in', async () => {
    const tv = await t.call('GET', `/api/public/disclosures/tv/${villages[0]!.id}`);
    expect(tv.statusCode).toBe(200);
    expect(tv.json().items.length).toBeGreaterThanOrEqual(1);
    expect(tv.json().items.every((i: { fingerprint: string }) => /^[0-9a-f]{64}$/.test(i.fingerprint))).toBe(true);
  });
});
