/**
 * The source article's survey at its size (issue 10, item 6): 5,000 village cadres across Hangzhou's villages —
 * loaded through the real 村干部名册 import — are asked one question by SMS over real SMPP; the SMSC simulator plays
 * them replying (one message each, a seeded mix of the article's themes, full-width characters and spaces
 * included); the shares the platform computes match a count the test makes itself from the texts it sent, in total
 * and organization by organization.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { phones, smsRig, type SmsRig } from '../../../test/sms-rig.js';
import { generateReplyCorpus } from '../../../test/reply-corpus.js';

const N = 5000;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let f: DemoFixtures;
let rig: SmsRig;
let province: string;

beforeAll(async () => {
  t = await createTestApp({ env: { SMS_QUIET_HOURS: 'off', SMS_APPROVAL_THRESHOLD: '100000' } });
  f = await demoFixtures(t.ctx);
  rig = await smsRig(t, { seed: 5000, instance: 'scale' });
  province = await t.login('demo-province');
}, 120_000);
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

/** The categories, in order, as phrases; the test's own count reads the texts the same documented way. */
const CATEGORIES: [name: string, phrases: string[]][] = [
  ['村级组织建设', ['村级组织', '活动场所', '阵地', '议事']],
  ['党员队伍建设', ['发展党员', '年轻党员', '流动党员', '党员教育']],
  ['村级换届选举', ['换届', '选举', '候选人']],
];
/** docs/text-categorization.md: NFKC, lower case, spaces ignored; a phrase matches as a substring; first category wins. */
const expectedCategory = (text: string) => {
  const t0 = text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  return CATEGORIES.find(([, ps]) => ps.some((p) => t0.includes(p)))?.[0] ?? '其他';
};

describe('5,000 village cadres answer one question by SMS', () => {
  it('stores every reply once and computes shares that match an independent count, in total and per organization', async () => {
    // 5,000 cadres spread over Hangzhou's villages, loaded as staff load them: a 村干部名册 workbook.
    const villages = await t.ctx.db.selectFrom('orgs').select(['id', 'path']).where('path', 'like', `${f.hangzhou.path}%`)
      .where('sector', '=', 'rural').where('level', '=', 'grassroots').where('status', '=', 'active').orderBy('id').execute();
    expect(villages.length).toBeGreaterThan(1);
    const numbers = phones(N, 15800000000);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('村干部名册');
    ws.addRow(['所在村党组织', '姓名', '身份类别', '手机号码', '任职时间']);
    numbers.forEach((p, i) => ws.addRow([villages[i % villages.length]!.id, `村干部${String(i).padStart(4, '0')}`, '村两委成员', p, '2024-01-05']));
    const imp = await t.call('POST', '/api/imports?kind=village-officials&mode=valid_only', { cookie: province, body: Buffer.from(await wb.xlsx.writeBuffer()), headers: { 'content-type': XLSX_TYPE } });
    expect(imp.statusCode, imp.body).toBe(202);
    await t.ctx.jobs.drain();
    expect((await t.call('GET', `/api/imports/${imp.json().id}`, { cookie: province })).json()).toMatchObject({ state: 'succeeded', rowsWritten: N });

    const s = (await t.call('POST', '/api/surveys', { cookie: province, body: {
      title: '抓基层党建意见征集', bySms: true, byWeb: false, publicResults: true, audience: { orgIds: [f.hangzhou.id], who: ['village_officials'] },
      questions: [{ kind: 'text', text: '您认为当前抓基层党建最需要解决的问题是什么？' }],
    } })).json();
    for (const [name, ps] of CATEGORIES) {
      const r = await t.call('POST', `/api/surveys/${s.id}/categories`, { cookie: province, body: { name, rules: [{ kind: 'phrase', text: ps[0] }, ...ps.slice(1).map((p) => ({ kind: 'phrase', text: p }))] } });
      expect(r.statusCode, r.body).toBe(201);
    }
    expect((await t.call('POST', `/api/surveys/${s.id}/open`, { cookie: province })).statusCode).toBe(200);
    await rig.sendAll();
    const ext = (await t.ctx.db.selectFrom('surveys').select('reply_ext').where('id', '=', s.id).executeTakeFirstOrThrow()).reply_ext!;
    const to = `106900001${ext}`;
    const asked = numbers.filter((p) => rig.smsc.inbox(p).some((m) => m.from === to));
    // The demo's own village cadres are asked too; the 5,000 all are, once each.
    expect(asked).toHaveLength(N);
    const invited = Number((await t.call('GET', `/api/surveys/${s.id}`, { cookie: province })).json().invited);
    expect(invited).toBeGreaterThanOrEqual(N);

    // Each replies once, with a seeded text of the article's themes.
    const corpus = generateReplyCorpus(N, 20261204);
    const textOf = new Map(numbers.map((p, i) => [p, corpus[i]!.text]));
    await rig.smsc.flood({ phones: numbers, text: (p) => textOf.get(p)!, to });
    await expect.poll(async () => Number((await t.ctx.db.selectFrom('survey_replies').select((eb) => eb.fn.countAll<string>().as('n')).where('survey_id', '=', s.id).executeTakeFirstOrThrow()).n), { timeout: 120_000, interval: 500 })
      .toBe(N);

    // The independent count: from the texts sent, by the documented matching, per village.
    const expected = new Map<string, number>();
    const villageOf = new Map(numbers.map((p, i) => [p, villages[i % villages.length]!]));
    const perOrg = new Map<string, Map<string, number>>();
    for (const p of numbers) {
      const c = expectedCategory(textOf.get(p)!);
      expected.set(c, (expected.get(c) ?? 0) + 1);
      const v = villageOf.get(p)!.id;
      const m = perOrg.get(v) ?? new Map<string, number>();
      m.set(c, (m.get(c) ?? 0) + 1);
      perOrg.set(v, m);
    }
    const r = (await t.call('GET', `/api/surveys/${s.id}/results?parentId=${f.hangzhou.id}`, { cookie: province })).json();
    expect(r.respondents).toBe(N);
    const got = Object.fromEntries(r.shares.filter((x: { count: number }) => x.count > 0).map((x: { name: string; count: number }) => [x.name, x.count]));
    expect(got).toEqual(Object.fromEntries(expected));
    for (const sh of r.shares) expect(sh.share).toBeCloseTo((expected.get(sh.name) ?? 0) / N, 4);
    expect(r.responseRate).toBeCloseTo(N / invited, 4);
    // Per organization: drill into the county of the first village and compare each village line.
    const v0 = villages[0]!;
    const countyId = v0.path.split('/').filter(Boolean)[f.hangzhou.path.split('/').filter(Boolean).length]!;
    const idOf = new Map(r.shares.map((x: { id: string; name: string }) => [x.name, x.id]));
    // Each line of a level counts its organization's whole subtree: the test sums its own per-village counts the same way.
    const pathOf = new Map((await t.ctx.db.selectFrom('orgs').select(['id', 'path']).where('path', 'like', `${f.hangzhou.path}%`).execute()).map((o) => [o.id, o.path]));
    const expectedUnder = (path: string, own: boolean) => {
      const m = new Map<string, number>();
      for (const [v, counts] of perOrg) {
        const vp = pathOf.get(v)!;
        if (own ? vp !== path : !vp.startsWith(path)) continue;
        for (const [name, n] of counts) m.set(name, (m.get(name) ?? 0) + n);
      }
      return m;
    };
    let compared = 0;
    const walk = async (parentId: string): Promise<void> => {
      const level = (await t.call('GET', `/api/surveys/${s.id}/results?parentId=${parentId}`, { cookie: province })).json();
      for (const line of level.byOrg) {
        const want = expectedUnder(pathOf.get(line.orgId)!, line.own);
        for (const [name, id] of idOf) expect(line.counts[id as string] ?? 0, `${line.orgName} ${name}`).toBe(want.get(name as string) ?? 0);
        compared++;
        if (line.hasChildren && !line.own) await walk(line.orgId);
      }
    };
    await walk(countyId);
    expect(compared).toBeGreaterThan(0);
    expect(rig.smsc.stats().submits).toBeGreaterThanOrEqual(N);

    // Published: the same aggregates without signing in, no reply text, and in an area under 5 respondents nothing.
    const pub = await t.call('GET', `/api/public/surveys/${s.id}/results?parentId=${countyId}`);
    expect(pub.statusCode, pub.body).toBe(200);
    const body = pub.json();
    expect(pub.body).not.toContain(corpus[0]!.text);
    let small = 0;
    for (const line of body.byOrg) {
      const want = expectedUnder(pathOf.get(line.orgId)!, line.own);
      if (line.respondents < 5) { expect(line.shares).toBeNull(); small++; continue; }
      for (const sh of line.shares) {
        const n = want.get(sh.name) ?? 0;
        expect(sh.count, `${line.orgName} ${sh.name}`).toBe(n >= 5 ? n : null);
      }
    }
    expect(body.byOrg.length).toBeGreaterThan(0);
    void small;
    expect((await t.call('GET', '/api/public/surveys/999999/results')).statusCode).toBe(404);
    expect((await t.call('GET', '/api/public/surveys')).json().items.map((x: { id: string }) => x.id)).toContain(s.id);
  }, 300_000);
});
