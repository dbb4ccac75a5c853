/**
 * Personal data leaves the platform only through the one reveal rule (platform/reveal.ts), decided by the row's
 * home organization; never through a GET, a cache, a request log or an audit row.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, exportCall, type TestApp } from './test-app.js';
import { demoFixtures, type DemoFixtures } from './fixtures.js';
import { memberInput } from './factories.js';

let t: TestApp;
let f: DemoFixtures;
let hz: string;
let nb: string;
const logLines: string[] = [];
/** A Ningbo migrant attached to an online branch that Hangzhou set up: Hangzhou reads them, may not reveal them. */
let attached: { memberId: string; idNumber: string; mobile: string; contactPhone: string };
let hzOnline: string;

beforeAll(async () => {
  t = await createTestApp({ env: { LOG_LEVEL: 'info' }, logStream: { write: (line) => void logLines.push(line) } });
  f = await demoFixtures(t.ctx);
  [hz, nb] = [await t.login('demo-hangzhou'), await t.login('demo-ningbo')];
  const org = await t.call('POST', '/api/orgs', { cookie: hz, body: { parentId: f.hangzhou.id, name: '杭州市流动党员网络党支部', fullName: '中共杭州市流动党员网络党支部', type: 'branch', level: 'grassroots', sector: 'online', isOnline: true } });
  expect(org.statusCode, org.body).toBe(201);
  hzOnline = org.json().id;
  const input = memberInput(f.nbBranch, { name: '童晓燕' });
  const created = await t.call('POST', '/api/members', { cookie: nb, body: input });
  expect(created.statusCode, created.body).toBe(201);
  const memberId = created.json().id;
  const contactPhone = '13905741234';
  const today = t.clock.now().toISOString().slice(0, 10);
  const flow = await t.call('POST', `/api/members/${memberId}/flows`, { cookie: nb, body: { flowType: 'within_province', reason: 'work_business', destProvince: '浙江省', destCity: '杭州市', leftOn: today, contactName: '李国强', contactPhone } });
  expect(flow.statusCode, flow.body).toBe(201);
  // Attaching needs write on both sides: the province does it.
  const attach = await t.call('POST', `/api/members/${memberId}/online-branch`, { cookie: await t.login('demo-province'), body: { orgId: hzOnline } });
  expect(attach.statusCode, attach.body).toBe(200);
  attached = { memberId, idNumber: input.idNumber, mobile: input.mobile, contactPhone };
});
afterAll(async () => { await t?.close(); });

async function rowsOf(res: { rawPayload: Buffer }): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const [header, ...rows] = wb.worksheets[0].getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1).map((c) => String(c ?? '')));
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

describe('the reveal rule in exports', () => {
  it('refuses a reveal of the attached member to Hangzhou, in the detail and in the reveal request', async () => {
    const detail = await t.call('GET', `/api/members/${attached.memberId}`, { cookie: hz });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ canReveal: false, idNumber: expect.stringContaining('*') });
    const reveal = await t.call('POST', `/api/members/${attached.memberId}/reveal`, { cookie: hz, body: { field: 'idNumber' } });
    expect(reveal.statusCode).toBe(403);
  });

  it('keeps the attached Ningbo member masked in a revealing member export, and reveals Hangzhou\'s own members', async () => {
    const res = await exportCall(t, 'members', 'reveal=true', hz);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const rows = await rowsOf(res);
    const theirs = rows.find((r) => r['姓名'] === '童晓燕');
    expect(theirs, 'the attached member is listed').toBeDefined();
    expect(theirs!['身份证号']).toBe(`${attached.idNumber.slice(0, 6)}********${attached.idNumber.slice(-4)}`);
    expect(theirs!['手机号码'] ?? theirs!['手机号']).not.toContain(attached.mobile);
    expect(res.body).not.toContain(attached.idNumber);
    const own = rows.filter((r) => r['姓名'] !== '童晓燕');
    expect(own.length).toBeGreaterThan(10);
    expect(own.every((r) => /^\d{17}[\dX]$/.test(r['身份证号']))).toBe(true);
  });

  it('keeps the attached member\'s destination contact masked in a revealing flows export', async () => {
    const res = await exportCall(t, 'flows', 'reveal=true&open=true', hz);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const rows = await rowsOf(res);
    const theirs = rows.find((r) => r['姓名'] === '童晓燕');
    expect(theirs).toBeDefined();
    expect(theirs!['联系电话']).toBe('139****1234');
    // Ningbo, the home side, gets the number in full.
    const home = await rowsOf(await exportCall(t, 'flows', 'reveal=true&open=true', nb));
    expect(home.find((r) => r['姓名'] === '童晓燕')!['联系电话']).toBe(attached.contactPhone);
  });

  it('keeps the attached member masked when the export is of the online branch itself', async () => {
    // Hangzhou may reveal everywhere under the online branch it set up; the member's home is still Ningbo.
    const res = await exportCall(t, 'members', `orgId=${hzOnline}&reveal=true`, hz);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const rows = await rowsOf(res);
    expect(rows.map((r) => r['姓名'])).toEqual(['童晓燕']);
    expect(rows[0]['身份证号']).toContain('*');
    expect(res.body).not.toContain(attached.idNumber);
  });
});

describe('export cells', () => {
  it('keeps text that a spreadsheet would take for a formula as text', async () => {
    const detail = (await t.call('GET', `/api/members/${f.hzMember}`, { cookie: hz })).json();
    const job = '=HYPERLINK("http://example.com/x","查看详情")';
    const patched = await t.call('PATCH', `/api/members/${f.hzMember}`, { cookie: hz, body: { version: detail.version, job, address: '@SUM(1+1)' } });
    expect(patched.statusCode, patched.body).toBe(200);
    const rows = await rowsOf(await exportCall(t, 'members', `orgId=${detail.orgId}`, hz));
    const row = rows.find((r) => r['职务'] === `'${job}` || r['工作岗位'] === `'${job}`) ?? rows.find((r) => Object.values(r).includes(`'${job}`));
    expect(row, 'the job cell is prefixed').toBeDefined();
    expect(Object.values(row!)).toContain("'@SUM(1+1)");
    expect(rows.flatMap((r) => Object.values(r)).filter((v) => /^[=+@]/.test(v))).toEqual([]);
  });
});

describe('exports are writes, not GETs', () => {
  it('has no GET export and refuses a POST export from another site, writing nothing', async () => {
    for (const name of ['members', 'flows', 'organizations', 'stations', 'transfers', 'inactive-members']) {
      expect((await t.call('GET', `/api/exports/${name}.xlsx?reveal=true`, { cookie: hz })).statusCode, name).toBe(404);
    }
    const count = async () => Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const cross = await exportCall(t, 'members', 'reveal=true', hz, { origin: 'https://evil.example.com' });
    expect(cross.statusCode).toBe(403);
    expect(cross.json().code).toBe('csrf.origin');
    expect(await count()).toBe(before);
  });

  it('marks exports, member details and reveals as not to be stored', async () => {
    expect((await exportCall(t, 'members', '', hz)).headers['cache-control']).toBe('no-store');
    expect((await t.call('GET', `/api/members/${f.hzMember}`, { cookie: hz })).headers['cache-control']).toBe('no-store');
    expect((await t.call('POST', `/api/members/${f.hzMember}/reveal`, { cookie: hz, body: { field: 'mobile' } })).headers['cache-control']).toBe('no-store');
  });
});

describe('no GET reveals', () => {
  it('finds no member\'s full ID number or mobile in the answer of any GET route, called as the province', async () => {
    const prov = await t.login('demo-province');
    const members = await t.ctx.db.selectFrom('members').select(['id_number_enc', 'mobile_enc']).execute();
    const secrets = members.flatMap((m) => [t.ctx.crypto.decrypt(m.id_number_enc), ...(m.mobile_enc ? [t.ctx.crypto.decrypt(m.mobile_enc)] : [])]);
    const transfer = await t.ctx.db.selectFrom('transfers').select('id').orderBy('id').limit(1).executeTakeFirst();
    const ids: Record<string, string> = { members: attached.memberId, orgs: f.hzBranch, transfers: transfer?.id ?? '1' };
    let answered = 0;
    for (const r of t.app.apiRoutes.filter((x) => x.method === 'GET')) {
      const url = r.url.replace(/:(\w+)/g, (_m, name: string) => (name === 'kind' ? 'members.xlsx' : ids[r.url.split('/')[2]] ?? f.hzMember));
      const res = await t.call('GET', url, { cookie: prov });
      if (res.statusCode === 200) answered++;
      const body = res.rawPayload.toString('latin1') + res.body;
      expect(secrets.filter((s) => body.includes(s)), url).toEqual([]);
    }
    expect(answered).toBeGreaterThan(15);
  });
});

describe('no full ID number or mobile in logs or audit rows', () => {
  it('searches and exports by exact numbers, then finds neither number in the request log or the audit log', async () => {
    const { idNumber, mobile } = attached;
    const byId = await t.call('POST', '/api/members/search', { cookie: nb, body: { idNumber } });
    expect(byId.statusCode).toBe(200);
    expect(byId.json().items.map((m: { id: string }) => m.id)).toEqual([attached.memberId]);
    expect((await t.call('POST', '/api/members/search', { cookie: nb, body: { phone: mobile } })).json().items).toHaveLength(1);
    // Exact numbers in a URL are refused, and typed into the name box they find nothing; neither is logged.
    expect((await t.call('GET', `/api/members?idNumber=${idNumber}`, { cookie: nb })).statusCode).toBe(400);
    expect((await t.call('GET', `/api/members?q=${idNumber}`, { cookie: nb })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/members?q=${mobile}&phone=${mobile}`, { cookie: nb })).statusCode).toBe(400);
    const exp = await exportCall(t, 'members', `idNumber=${idNumber}&phone=${mobile}`, nb);
    expect(exp.statusCode).toBe(200);
    expect(exp.headers['x-row-count']).toBe('1');

    const log = logLines.join('');
    expect(log).toContain('/api/members'); // the request log is on and captured
    expect(log).not.toContain(idNumber);
    expect(log).not.toContain(mobile);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'before', 'after']).execute();
    const exportRow = audit.filter((a) => a.action === 'member.export').at(-1)!;
    expect(exportRow.after).toMatchObject({ filter: { idNumber: `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`, phone: `${mobile.slice(0, 3)}****${mobile.slice(-4)}` } });
    const text = JSON.stringify(audit);
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain(mobile);
  });
});
