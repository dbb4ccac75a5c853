/**
 * 虚拟手机: the embedded simulator's handsets as the demo page sees them — only in demo mode and only to staff who
 * may send; a phone's inbox newest first; a reply as the phone is stored as an incoming message matched to its member.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { startSms, type SmsRuntime } from './sms.link.js';

let t: TestApp;
let f: DemoFixtures;
let sms: SmsRuntime;
let province: string;
let hz: string;
let nb: string;
let hzPhone: string;
let hzName: string;

beforeAll(async () => {
  t = await createTestApp({ env: { SMS_QUIET_HOURS: 'off' } });
  f = await demoFixtures(t.ctx);
  sms = await startSms(t.ctx);
  [province, hz, nb] = [await t.login('demo-province'), await t.login('demo-hangzhou'), await t.login('demo-ningbo')];
  const m = await t.ctx.db.selectFrom('members').select(['name', 'mobile_enc']).where('id', '=', f.hzMember).executeTakeFirstOrThrow();
  hzPhone = t.ctx.crypto.decrypt(m.mobile_enc!);
  hzName = m.name;
  // Two messages to the Hangzhou member, and one to a number nobody on the rolls has.
  for (const text of ['请于周五前报送主题党日活动情况。', '本周六上午九点集中学习，请准时参加。']) {
    const r = await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text, phones: [hzPhone, '13700009999'] } });
    expect(r.statusCode, r.body).toBe(201);
    await t.ctx.jobs.drain();
    sms.dispatcher.poke();
    const id = r.json().id as string;
    await vi.waitFor(async () => {
      expect((await t.call('GET', `/api/sms/broadcasts/${id}`, { cookie: province })).json().counts.delivered).toBe(2);
    }, { timeout: 15_000, interval: 50 });
  }
});
afterAll(async () => {
  await sms?.stop();
  await t?.close();
});

async function phones(cookie: string) {
  const r = await t.call('GET', '/api/sms/simulator/phones', { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items as { key: string; phone: string; masked: string; personName: string | null; received: number; lastText: string | null }[];
}

describe('虚拟手机', () => {
  it('lists the phones that received messages, within the account\'s scope, in full where the reveal rule allows', async () => {
    const all = await phones(province);
    const mine = all.find((p) => p.phone === hzPhone);
    expect(mine).toMatchObject({ personName: hzName, received: 2, lastText: '【浙江组工】本周六上午九点集中学习，请准时参加。' });
    expect(mine!.masked).toMatch(/^\d{3}\*{4}\d{4}$/);
    // A number no person has is the province's (as the unmatched inbox).
    expect(all.some((p) => p.phone === '13700009999' && p.personName === null)).toBe(true);
    const hzList = await phones(hz);
    expect(hzList.map((p) => p.phone)).toContain(hzPhone);
    expect(hzList.some((p) => p.masked === '137****9999')).toBe(false);
    expect((await phones(nb)).some((p) => p.key === mine!.key)).toBe(false);
    // Full numbers never travel in the URL: a phone is named by its key.
    expect(mine!.key).not.toContain(hzPhone);
  });

  it('shows a phone\'s inbox newest first', async () => {
    const key = (await phones(hz)).find((p) => p.phone === hzPhone)!.key;
    const r = await t.call('GET', `/api/sms/simulator/phones/${key}`, { cookie: hz });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.phone.personName).toBe(hzName);
    expect(body.items.map((m: { text: string }) => m.text)).toEqual(['【浙江组工】本周六上午九点集中学习，请准时参加。', '【浙江组工】请于周五前报送主题党日活动情况。']);
    expect(body.items[0].from).toBe('106900001');
    // Another city's staff cannot open it.
    expect((await t.call('GET', `/api/sms/simulator/phones/${key}`, { cookie: nb })).statusCode).toBe(404);
  });

  it('stores a reply as this phone as an incoming message matched to the member, before answering', async () => {
    const key = (await phones(hz)).find((p) => p.phone === hzPhone)!.key;
    const r = await t.call('POST', `/api/sms/simulator/phones/${key}/reply`, { cookie: hz, body: { text: '收到，按时参加' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ to: '106900001', parts: 1 });
    const inbound = (await t.call('GET', '/api/sms/inbound', { cookie: hz })).json().items;
    expect(inbound[0]).toMatchObject({ text: '收到，按时参加', personKind: 'member', personId: f.hzMember, personName: hzName });
    expect(inbound[0].phone).toBe(hzPhone.slice(0, 3) + '****' + hzPhone.slice(7));
    // The phone's screen shows what it wrote, as the platform stored it.
    const screen = (await t.call('GET', `/api/sms/simulator/phones/${key}`, { cookie: hz })).json();
    expect(screen.sent.map((m: { text: string }) => m.text)).toEqual(['收到，按时参加']);
  });

  it('refuses an empty or overlong reply with a field message, and sends nothing', async () => {
    const key = (await phones(hz)).find((p) => p.phone === hzPhone)!.key;
    const before = (await t.call('GET', '/api/sms/inbound', { cookie: hz })).json().items.length;
    for (const text of ['', '   ', '长'.repeat(501)]) {
      const r = await t.call('POST', `/api/sms/simulator/phones/${key}/reply`, { cookie: hz, body: { text } });
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json().errors[0].field).toBe('text');
    }
    expect((await t.call('POST', `/api/sms/simulator/phones/not-a-key!/reply`, { cookie: hz, body: { text: '好' } })).statusCode).toBe(400);
    expect((await t.call('GET', '/api/sms/inbound', { cookie: hz })).json().items.length).toBe(before);
  });

  it('answers 404 to accounts that may not send, and outside demo mode', async () => {
    const key = (await phones(province)).find((p) => p.phone === hzPhone)!.key;
    for (const user of ['demo-secretary', 'demo-member', 'demo-auditor']) {
      const cookie = await t.login(user);
      expect((await t.call('GET', '/api/sms/simulator/phones', { cookie })).statusCode, user).toBe(404);
      expect((await t.call('POST', `/api/sms/simulator/phones/${key}/reply`, { cookie, body: { text: '好' } })).statusCode, user).toBe(404);
    }
    expect((await t.call('GET', '/api/sms/simulator/phones')).statusCode).toBe(401);
    t.ctx.config.demoData = false;
    try {
      const r = await t.call('GET', '/api/sms/simulator/phones', { cookie: province });
      expect(r.statusCode).toBe(404);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect((await t.call('POST', `/api/sms/simulator/phones/${key}/reply`, { cookie: province, body: { text: '好' } })).statusCode).toBe(404);
    } finally {
      t.ctx.config.demoData = true;
    }
  });
});
