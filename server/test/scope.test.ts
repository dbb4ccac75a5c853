/**
 * Subtree isolation: demo-hangzhou (杭州市委组织部) must not read, list, search, export or reveal
 * any member or organization outside Hangzhou through any route. The routes are enumerated from
 * the app itself, so a route added later is checked without editing this file.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { demoFixtures, type DemoFixtures } from './fixtures.js';

let t: TestApp;
let f: DemoFixtures;
let cookie: string;
let outsideMembers: { id: string; name: string; org_path: string; id_number_enc: Buffer; mobile_enc: Buffer | null }[];
let outsideOrgs: { id: string; name: string; path: string }[];
let insideMemberIds: Set<string>;

beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  cookie = await t.login('demo-hangzhou');
  const all = await t.ctx.db.selectFrom('members').select(['id', 'name', 'org_path', 'id_number_enc', 'mobile_enc']).execute();
  outsideMembers = all.filter((m) => !m.org_path.startsWith(f.hangzhou.path));
  insideMemberIds = new Set(all.filter((m) => m.org_path.startsWith(f.hangzhou.path)).map((m) => m.id));
  outsideOrgs = (await t.ctx.db.selectFrom('orgs').select(['id', 'name', 'path']).execute()).filter((o) => !o.path.startsWith(f.hangzhou.path));
  expect(outsideMembers.length).toBeGreaterThan(50);
  expect(insideMemberIds.size).toBeGreaterThan(20);
});
afterAll(async () => { await t?.close(); });

const get = (url: string) => t.call('GET', url, { cookie });
/** A POST list (export, search) with these filters, or with those of them its body takes (the first that is not refused as malformed). */
async function postFilters(url: string, f: { orgId: string; q: string }) {
  let res = await t.call('POST', url, { cookie, body: f });
  for (const body of [{ orgId: f.orgId }, { q: f.q }, {}]) {
    if (res.statusCode !== 400) break;
    res = await t.call('POST', url, { cookie, body });
  }
  return res;
}
/**
 * Routes that intentionally answer with data outside the actor's subtree: organization names only (the transfer
 * destination picker), or no organization's data at all (the province's one working-day calendar, 工作日历; the names of
 * the follow-up engine's registered sources, 事项来源).
 */
const EXEMPT_PROVINCE_WIDE = ['/api/transfers/destinations', '/api/calendar/days', '/api/calendar/due', '/api/exports/calendar-days.xlsx', '/api/followups/sources'];
/**
 * Lists keyed by a record rather than an organization: they answer 400 without it, and their scope is checked
 * from that record (an incoming message's home organization, a broadcast, a disclosure plan, a station) in the endpoint
 * matrix, sms.test.ts, sms.reports.test.ts, disclosures.history.test.ts and viewings.live.test.ts.
 */
const KEYED_BY_RECORD = [
  '/api/sms/conversation', '/api/exports/sms-failures.xlsx', '/api/exports/survey-replies.xlsx', '/api/exports/survey-results.xlsx', '/api/exports/disclosure-board.xlsx',
  '/api/exports/learning-transcript.xlsx', '/api/viewings/live-events', '/api/viewings/lessons',
];
/** Reports that drill down from an organization take it as `parentId` (短信用量). */
const BY_PARENT = ['/api/sms/usage', '/api/followups/progress'];
/** The 虚拟手机 page's routes exist only with demo data and the embedded simulator (404 here); sms.simulator.test.ts checks their scope. */
const DEMO_ONLY = ['/api/sms/simulator/phones'];

describe('demo-hangzhou sees nothing outside Hangzhou', () => {
  it('is refused every route that takes an id of a member or organization outside Hangzhou', async () => {
    const routes = t.app.apiRoutes.filter((r) => /^\/api\/(members|orgs)\/:id/.test(r.url));
    expect(routes.length).toBeGreaterThanOrEqual(9);
    const before = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    for (const r of routes) {
      // Every outside member; for organizations every city and county plus a spread sample below them.
      const orgSample = outsideOrgs.filter((o, i) => o.path.split('/').length <= 4 || i % 12 === 0);
      // Members: a spread third of those outside (every city keeps some), so the many member routes stay fast.
      const memberSample = outsideMembers.filter((_, i) => i % 3 === 0);
      const targets = r.url.startsWith('/api/members') ? memberSample.map((m) => m.id) : orgSample.map((o) => o.id);
      for (const id of targets) {
        const body = r.method === 'GET' ? undefined : r.url.endsWith('/reveal') ? { field: 'mobile' } : r.url.endsWith('/move') ? { parentId: f.hangzhou.id }
          // Opening or resetting a member's login account: a valid body, so only the scope can refuse it.
          : r.url.endsWith('/account') ? { username: 'scope-probe', password: 'Zj!2026-Strong' } : r.url.endsWith('/account/reset-password') ? { password: 'Zj!2026-Strong' }
          : { version: 1, name: '越权修改' };
        const res = await t.call(r.method as 'GET', r.url.replace(':id', id), { cookie, body });
        expect(res.statusCode, `${r.method} ${r.url} with ${id}: ${res.body}`).toBe(403);
      }
    }
    // Nothing was written (no audit rows for refused writes or reveals).
    const after = await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  }, 120_000);

  it('is refused every list, search, dashboard or export route scoped to an organization outside Hangzhou', async () => {
    // Lists are GETs; exports and the member search are POSTs that take the same filters as a JSON body.
    const listRoutes = t.app.apiRoutes.filter((r) => (r.method === 'GET' || /^\/api\/(exports\/|members\/search$)/.test(r.url)) && !r.url.includes(':') && !/^\/api\/(me|public|auth|accounts|roles|audit|security|safety)\b/.test(r.url)
      // Exempt on purpose: the 转入党组织 picker of 组织关系转接 names receiving branches in the whole
      // province (a Hangzhou member may move to a Ningbo branch). It returns organization names only;
      // the test below checks that and nothing else leaves it.
      && !EXEMPT_PROVINCE_WIDE.includes(r.url) && !KEYED_BY_RECORD.includes(r.url) && !DEMO_ONLY.includes(r.url));
    expect(listRoutes.map((r) => r.url)).toEqual(expect.arrayContaining(['/api/members', '/api/dashboard']));
    // Something of Ningbo's own for the routes that list by side rather than by orgId: a transfer inside Ningbo.
    const nbTarget = await t.ctx.db.selectFrom('orgs').select('id').where('path', 'like', `${f.ningbo.path}%`).where('type', '=', 'branch')
      .where('status', '=', 'active').where('id', '!=', f.nbBranch).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const nbMember = await t.ctx.db.selectFrom('members').select('org_id').where('id', '=', f.nbMember).executeTakeFirstOrThrow();
    const transfer = await t.call('POST', '/api/transfers', { cookie: await t.login('demo-ningbo'), body: { memberId: f.nbMember, toOrgId: nbTarget.id === nbMember.org_id ? f.nbBranch : nbTarget.id, duesPaidTo: '2026-10', reason: '工作调动' } });
    expect(transfer.statusCode, transfer.body).toBe(201);
    const outsideNames = new Set([...outsideMembers.map((m) => m.name), ...outsideOrgs.map((o) => o.name)]);
    for (const m of await t.ctx.db.selectFrom('members').select('name').where('org_path', 'like', `${f.hangzhou.path}%`).execute()) outsideNames.delete(m.name);
    const cellsOf = async (payload: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(payload as unknown as ArrayBuffer);
      return wb.worksheets.flatMap((ws) => ws.getSheetValues().filter(Boolean).flatMap((row) => (row as unknown[]).map(String)));
    };
    // The check can fail: Ningbo's own export of its transfers names the outside member.
    const nbExport = await t.call('POST', '/api/exports/transfers.xlsx', { cookie: await t.login('demo-ningbo'), body: {} });
    expect((await cellsOf(nbExport.rawPayload)).some((c) => c === transfer.json().memberName)).toBe(true);
    let spreadsheets = 0;
    for (const r of listRoutes) {
      const byOrg = `${r.url}?${BY_PARENT.includes(r.url) ? 'parentId' : 'orgId'}=${f.ningbo.id}`;
      // A GET that takes no words (a statistics route) is asked by organization alone.
      const withWords = r.method === 'GET' ? await get(`${byOrg}&q=${encodeURIComponent('宁波')}`) : null;
      const res = r.method === 'GET'
        ? (withWords!.statusCode === 400 ? await get(byOrg) : withWords!)
        : await postFilters(r.url, { orgId: f.ningbo.id, q: '宁波' });
      if (res.statusCode === 200 && String(res.headers['content-type']).includes('spreadsheetml')) {
        // An export that ignores orgId: no cell may name a member or organization outside Hangzhou.
        spreadsheets++;
        expect((await cellsOf(res.rawPayload)).filter((c) => outsideNames.has(c)), r.url).toEqual([]);
      } else if (res.statusCode === 200) {
        // Routes that ignore orgId must still return nothing from outside the scope.
        expect(res.body, r.url).not.toContain(f.ningbo.path);
        expect(res.body, r.url).not.toContain(transfer.json().letterNo);
        for (const item of res.json().items ?? []) expect(item.id && (insideMemberIds.has(item.id) || item.orgId === undefined), r.url).toBeTruthy();
      } else {
        expect(res.statusCode, r.url).toBe(403);
      }
    }
    expect(spreadsheets).toBeGreaterThan(0);
  });

  it('lists exactly the Hangzhou members when paging through everything', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let total = 0;
    do {
      const res = await get(`/api/members?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json();
      if (!cursor) total = page.total; // the first page carries the total
      seen.push(...page.items.map((m: { id: string }) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen)).toEqual(insideMemberIds);
    expect(total).toBe(insideMemberIds.size);
  });

  it('finds no outside member by name, exact phone or exact ID number', async () => {
    for (const m of outsideMembers.slice(0, 40)) {
      const byName = (await get(`/api/members?q=${encodeURIComponent(m.name)}`)).json();
      for (const hit of byName.items) expect(insideMemberIds.has(hit.id), `name search ${m.name}`).toBe(true);
      const idNumber = t.ctx.crypto.decrypt(m.id_number_enc);
      expect((await t.call('POST', '/api/members/search', { cookie, body: { idNumber } })).json().total, `id search`).toBe(0);
      if (m.mobile_enc) expect((await t.call('POST', '/api/members/search', { cookie, body: { phone: t.ctx.crypto.decrypt(m.mobile_enc) } })).json().total, 'phone search').toBe(0);
    }
  });

  it('finds no outside organization by name and gets only Hangzhou as its root', async () => {
    const roots = (await get('/api/orgs/roots')).json().items;
    expect(roots.map((o: { id: string }) => o.id)).toEqual([f.hangzhou.id]);
    for (const o of outsideOrgs.filter((_, i) => i % 15 === 0)) {
      const res = (await get(`/api/orgs?q=${encodeURIComponent(o.name)}`)).json();
      for (const hit of res.items) expect(outsideOrgs.some((x) => x.id === hit.id), `org search ${o.name}`).toBe(false);
    }
  });

  it('gets only names of branch organizations, and no member data, from the province-wide transfer destination picker', async () => {
    const res = await get(`/api/transfers/destinations?q=${encodeURIComponent('宁波')}&orgId=${f.ningbo.id}&limit=50`);
    expect(res.statusCode).toBe(200);
    const items: Record<string, unknown>[] = res.json().items;
    for (const item of items) expect(Object.keys(item).sort()).toEqual(['ancestors', 'fullName', 'id', 'name']);
    expect(res.body).not.toContain(f.ningbo.path);
    const types = items.length ? await t.ctx.db.selectFrom('orgs').select('type').where('id', 'in', items.map((i) => String(i.id))).execute() : [];
    // Every id is an organization of a branch type (so no member record can come back).
    expect(types.length).toBe(items.length);
    for (const r of types) expect(['branch', 'joint_branch', 'temporary_branch', 'general_branch']).toContain(r.type);
  });

  it('counts only Hangzhou on its dashboard', async () => {
    const d = (await get('/api/dashboard')).json();
    expect(d.org.id).toBe(f.hangzhou.id);
    expect(d.totals.members).toBe(insideMemberIds.size);
  });
});
