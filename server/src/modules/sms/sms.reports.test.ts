/**
 * The end of issue 9, item 4: a broadcast's counts per organization, its failures exported to Excel (masked by the
 * reveal rule), re-sent as a new broadcast, and the monthly usage report per organization — all within scope.
 * Real SMPP to the simulator, the dispatcher driven by the test.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, exportCall, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import type { Smsc } from '../../smsc/smsc.js';
import { phones, smsRig, type SmsRig } from '../../../test/sms-rig.js';

let t: TestApp;
let f: DemoFixtures;
let rig: SmsRig;
let smsc: Smsc;
let province: string;
let hz: string;
let nb: string;
let viewer: string;
let county: { id: string; path: string; name: string };

async function signIn() {
  [province, hz, nb] = [await t.login('demo-province'), await t.login('demo-hangzhou'), await t.login('demo-ningbo')];
  viewer = await t.login('demo-member');
}

beforeAll(async () => {
  t = await createTestApp({ env: { SMS_QUIET_HOURS: 'off', SMS_APPROVAL_THRESHOLD: '30', SMS_RECEIPT_TIMEOUT_MINUTES: '60' } });
  f = await demoFixtures(t.ctx);
  rig = await smsRig(t, { seed: 11, instance: 'reports' });
  smsc = rig.smsc;
  // A Hangzhou viewer (org_viewer: reads SMS, may not reveal phones).
  const g = await t.call('POST', `/api/accounts/${f.memberAccount}/roles`, { cookie: await t.login('demo-sysadmin'), body: { role: 'org_viewer', orgId: f.hangzhou.id } });
  expect(g.statusCode, g.body).toBe(200);
  await signIn();
  county = await t.ctx.db.selectFrom('orgs').select(['id', 'path', 'name']).where('level', '=', 'county').where('path', 'like', `${f.hangzhou.path}%`).orderBy('id').executeTakeFirstOrThrow();
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

const sendAll = () => rig.sendAll();
async function get(id: string, cookie = province) {
  const r = await t.call('GET', `/api/sms/broadcasts/${id}`, { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
/** Creates a broadcast and sends it until every message has its final state (missing receipts made unknown an hour on). */
async function sendToEnd(cookie: string, body: Record<string, unknown>, opts: { failureRate?: number; silentRate?: number } = {}) {
  smsc.configure({ failureRate: opts.failureRate ?? 0, silentRate: opts.silentRate ?? 0 });
  try {
    const r = await t.call('POST', '/api/sms/broadcasts', { cookie, body });
    expect(r.statusCode, r.body).toBe(201);
    const { id } = r.json();
    await t.ctx.jobs.drain();
    if ((await get(id)).state === 'awaiting_approval') {
      const ok = await t.call('POST', `/api/sms/broadcasts/${id}/approve`, { cookie: cookie === province ? hz : province, body: {} });
      expect(ok.statusCode, ok.body).toBe(200);
    }
    await sendAll();
    await smsc.idle();
    if (opts.silentRate) {
      // Every receipt the simulator sends is acknowledged, so stored: what is still submitted now gets none.
      await expect.poll(async () => { const c = (await get(id)).counts; return c.delivered + c.failed; }).toBeGreaterThan(0);
      await settledTwice(id);
      t.clock.advance(61 * 60_000);
      await signIn();
    } else {
      await expect.poll(async () => (await get(id)).counts.submitted).toBe(0);
    }
    await rig.dispatcher.housekeep();
    const b = await get(id);
    expect(b.counts.queued + b.counts.submitted).toBe(0);
    return b;
  } finally {
    smsc.configure({ failureRate: 0, silentRate: 0 });
  }
}
/** Waits until the receipts applied stop changing (the simulator is idle: the last ones are being applied). */
async function settledTwice(id: string) {
  let last = -1;
  for (;;) {
    const { rows } = await sql<{ n: string }>`select count(*) as n from sms_messages where broadcast_id = ${id} and state in ('delivered', 'failed')`.execute(t.ctx.db);
    const n = Number(rows[0]!.n);
    if (n === last) return;
    last = n;
    await new Promise((r) => setTimeout(r, 100));
  }
}
async function sheet(res: { statusCode: number; rawPayload: Buffer; body: string }) {
  expect(res.statusCode, res.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, v[i] == null ? '' : String(v[i])])));
  });
  return { header, rows };
}
const KEYS = ['queued', 'submitted', 'delivered', 'failed', 'unknown', 'cancelled'] as const;
const sum = (items: { counts: Record<string, number> }[]) => Object.fromEntries(KEYS.map((k) => [k, items.reduce((n, i) => n + i.counts[k]!, 0)]));

let failedBroadcast: { id: string; counts: Record<string, number>; recipients: number };

describe('per organization', () => {
  it('adds up to the broadcast at every level of the drill-down', async () => {
    failedBroadcast = await sendToEnd(hz, { text: '请各位党员按时参加本月主题党日活动。', audience: { orgIds: [f.hangzhou.id], who: ['members'] }, phones: ['13912340001'] }, { failureRate: 0.4, silentRate: 0.2 });
    expect(failedBroadcast.counts.failed, JSON.stringify(failedBroadcast)).toBeGreaterThan(0);
    expect(failedBroadcast.counts.unknown).toBeGreaterThan(0);
    const top = (await t.call('GET', `/api/sms/broadcasts/${failedBroadcast.id}/orgs`, { cookie: hz })).json();
    expect(top.parent.id).toBe(f.hangzhou.id);
    expect(sum(top.items)).toEqual(failedBroadcast.counts);
    // The typed phone counts at Hangzhou itself (the sending organization); the county holds the rest.
    expect(top.items.find((i: { own: boolean }) => i.own)).toMatchObject({ orgId: f.hangzhou.id, counts: expect.objectContaining({ delivered: expect.any(Number) }) });
    const down = (await t.call('GET', `/api/sms/broadcasts/${failedBroadcast.id}/orgs?parentId=${county.id}`, { cookie: hz })).json();
    const countyLine = top.items.find((i: { orgId: string }) => i.orgId === county.id);
    expect(sum(down.items)).toEqual(countyLine.counts);
    expect((await t.call('GET', `/api/sms/broadcasts/${failedBroadcast.id}/orgs`, { cookie: nb })).statusCode).toBe(403);
  });
});

describe('failures export', () => {
  it('lists the failed and unknown recipients with the carrier reason, phones masked unless the account may reveal them', async () => {
    const want = failedBroadcast.counts.failed + failedBroadcast.counts.unknown;
    const masked = await sheet(await exportCall(t, 'sms-failures', `broadcastId=${failedBroadcast.id}`, hz));
    expect(masked.header).toEqual(['姓名', '所在组织', '手机号码', '状态', '失败原因', '尝试次数', '提交时间', '最后更新时间']);
    const rows = masked.rows.filter((r) => r['状态']);
    expect(rows).toHaveLength(want);
    expect(new Set(rows.map((r) => r['状态']))).toEqual(new Set(['发送失败', '状态未知']));
    for (const r of rows) expect(r['手机号码']).toMatch(/^1\d{2}\*{4}\d{4}$/);
    const failed = rows.find((r) => r['状态'] === '发送失败')!;
    expect(failed['失败原因']).toMatch(/UNDELIV|REJECTD|EXPIRED/);
    expect(failed['尝试次数']).toBe('1');
    expect(failed['提交时间']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(rows.find((r) => r['状态'] === '状态未知')!['失败原因']).toContain('超过回执时限');

    // demo-hangzhou holds member.reveal over Hangzhou: asked, every phone is in full.
    const full = await sheet(await exportCall(t, 'sms-failures', `broadcastId=${failedBroadcast.id}&reveal=true`, hz));
    const stored = await t.ctx.db.selectFrom('sms_messages').select(['phone_enc', 'name']).where('broadcast_id', '=', failedBroadcast.id).where('state', 'in', ['failed', 'unknown']).execute();
    const clear = new Set(stored.map((m) => t.ctx.crypto.decrypt(m.phone_enc)));
    expect(new Set(full.rows.filter((r) => r['状态']).map((r) => r['手机号码']))).toEqual(clear);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('action', 'in', ['sms.broadcast.export', 'sms.reveal']).orderBy('id', 'desc').limit(2).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['sms.broadcast.export', 'sms.reveal']);
    expect(JSON.stringify(audit)).not.toMatch(/1\d{10}/);

    // An org_viewer reads the list masked and may not reveal.
    const viewed = await sheet(await exportCall(t, 'sms-failures', `broadcastId=${failedBroadcast.id}`, viewer));
    expect(viewed.rows.filter((r) => r['状态'])).toHaveLength(want);
    for (const r of viewed.rows.filter((x) => x['状态'])) expect(r['手机号码']).toMatch(/\*{4}/);
    const refused = await exportCall(t, 'sms-failures', `broadcastId=${failedBroadcast.id}&reveal=true`, viewer);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().title).toMatch(/无权/);
    // Another city can export nothing of it; an unknown state is refused in Chinese.
    expect((await exportCall(t, 'sms-failures', `broadcastId=${failedBroadcast.id}`, nb)).statusCode).toBe(403);
    const bad = await t.call('POST', '/api/exports/sms-failures.xlsx', { cookie: hz, body: { broadcastId: failedBroadcast.id, states: ['lost'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().title).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('re-send', () => {
  it('sends the failed and unknown recipients again, once, as a new linked broadcast, leaving out who opted out since', async () => {
    const original = failedBroadcast;
    const again = await t.ctx.db.selectFrom('sms_messages').select(['phone_enc', 'phone_bidx', 'state']).where('broadcast_id', '=', original.id).where('state', 'in', ['failed', 'unknown']).orderBy('id').execute();
    // One of them replies TD before the re-send.
    const quitter = t.ctx.crypto.decrypt(again[0]!.phone_enc);
    await smsc.reply(quitter, '106900001', 'TD');
    await expect.poll(async () => !!(await t.ctx.db.selectFrom('contact_optouts').select('phone_bidx').where('phone_bidx', '=', again[0]!.phone_bidx).executeTakeFirst())).toBe(true);

    const preview = (await t.call('GET', `/api/sms/broadcasts/${original.id}/resend`, { cookie: hz })).json();
    expect(preview).toEqual({ states: ['failed', 'unknown'], recipients: again.length - 1, optedOut: 1, approvalRequired: again.length - 1 > 30 });
    const before = smsc.received(quitter);
    const r = await t.call('POST', `/api/sms/broadcasts/${original.id}/resend`, { cookie: hz, body: {} });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().recipients).toBe(again.length - 1);
    await sendAll();
    const made = await get(r.json().id, hz);
    expect(made).toMatchObject({ resendOf: original.id, text: (await get(original.id)).text, lane: 'bulk', recipients: again.length - 1, skippedOptOut: 1 });
    expect((await get(original.id, hz)).resentAs).toEqual([made.id]);
    if (made.approvalRequired) {
      expect(made.state).toBe('awaiting_approval');
      expect((await t.call('POST', `/api/sms/broadcasts/${made.id}/approve`, { cookie: province, body: {} })).statusCode).toBe(200);
      await sendAll();
    }
    const sent = await t.ctx.db.selectFrom('sms_messages').select(['phone_bidx', 'text']).where('broadcast_id', '=', made.id).execute();
    expect(new Set(sent.map((m) => m.phone_bidx))).toEqual(new Set(again.slice(1).map((m) => m.phone_bidx)));
    await expect.poll(async () => (await get(made.id, hz)).counts.delivered).toBe(again.length - 1);
    for (const m of again.slice(1)) expect(smsc.inbox(t.ctx.crypto.decrypt(m.phone_enc)).at(-1)!.text).toContain('主题党日');
    expect(smsc.received(quitter)).toBe(before);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_name', 'after']).where('entity_type', '=', 'sms_broadcast').where('entity_id', '=', made.id).execute();
    expect(audit[0]).toEqual(expect.objectContaining({ action: 'sms.broadcast.resend', actor_name: 'demo-hangzhou', after: expect.objectContaining({ resendOf: original.id, skippedOptOut: 1 }) }));

    // Asked again: everyone is already in a re-send — nothing is sent twice.
    const twice = await t.call('POST', `/api/sms/broadcasts/${original.id}/resend`, { cookie: hz, body: {} });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'sms.nothing_to_resend', title: expect.stringContaining('没有可以重发的短信') });
    // Another city may neither preview nor re-send it.
    expect((await t.call('POST', `/api/sms/broadcasts/${original.id}/resend`, { cookie: nb, body: {} })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/sms/broadcasts/${original.id}/resend`, { cookie: nb })).statusCode).toBe(403);
    // A viewer may not re-send.
    expect((await t.call('POST', `/api/sms/broadcasts/${original.id}/resend`, { cookie: viewer, body: {} })).statusCode).toBe(403);
  });

  it('refuses while the original is still sending, and refuses an unknown state without creating anything', async () => {
    const r = (await t.call('POST', '/api/sms/broadcasts', { cookie: hz, body: { text: '尚在发送', phones: phones(3, 13987650000) } })).json();
    await t.ctx.jobs.drain();
    const count = async () => Number((await t.ctx.db.selectFrom('sms_broadcasts').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const n = await count();
    const busy = await t.call('POST', `/api/sms/broadcasts/${r.id}/resend`, { cookie: hz, body: {} });
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ code: 'sms.broadcast_state', title: '该群发短信当前为“发送中”，发送结束后才能重发失败的短信' });
    const bad = await t.call('POST', `/api/sms/broadcasts/${failedBroadcast.id}/resend`, { cookie: hz, body: { states: ['delivered'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().title).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count()).toBe(n);
    await sendAll();
    await expect.poll(async () => (await get(r.id, hz)).counts.delivered).toBe(3);
    await rig.dispatcher.housekeep();
    // Finished with nothing failed: nothing to re-send.
    const none = await t.call('POST', `/api/sms/broadcasts/${r.id}/resend`, { cookie: hz, body: {} });
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('sms.nothing_to_resend');
    expect(await count()).toBe(n);
  });

  it('reaches who opted out since only when the original was an emergency notice sent to them on purpose', async () => {
    const list = phones(3, 13986540000);
    const urgent = await sendToEnd(hz, { text: '紧急通知：防汛Ⅱ级应急响应，请立即到岗。', phones: list, lane: 'emergency', ignoreOptOut: true }, { failureRate: 1 });
    expect(urgent.counts.failed).toBe(3);
    await smsc.reply(list[0]!, '106900001', '退订');
    await expect.poll(async () => (await t.ctx.db.selectFrom('contact_optouts').select('phone_bidx').where('phone_bidx', '=', t.ctx.crypto.blindIndex('mobile', list[0]!)).executeTakeFirst()) !== undefined).toBe(true);
    expect((await t.call('GET', `/api/sms/broadcasts/${urgent.id}/resend`, { cookie: hz })).json()).toMatchObject({ recipients: 3, optedOut: 0 });
    const r = await t.call('POST', `/api/sms/broadcasts/${urgent.id}/resend`, { cookie: hz, body: {} });
    expect(r.statusCode, r.body).toBe(201);
    await sendAll();
    expect(await get(r.json().id, hz)).toMatchObject({ lane: 'emergency', ignoreOptOut: true, recipients: 3, skippedOptOut: 0, resendOf: urgent.id });
    await expect.poll(async () => (await get(r.json().id, hz)).counts.delivered).toBe(3);
    expect(smsc.received(list[0]!)).toBe(2);
  });

  it('goes to approval above the threshold, like any broadcast', async () => {
    const list = phones(35, 13981230000);
    const r = (await t.call('POST', '/api/sms/broadcasts', { cookie: hz, body: { text: '全部失败的通知', phones: list } })).json();
    await t.ctx.jobs.drain();
    expect((await t.call('POST', `/api/sms/broadcasts/${r.id}/approve`, { cookie: province, body: {} })).statusCode).toBe(200);
    smsc.configure({ failureRate: 1 });
    try {
      await sendAll();
      await smsc.idle();
      await expect.poll(async () => (await get(r.id, hz)).counts.failed).toBe(35);
    } finally {
      smsc.configure({ failureRate: 0 });
    }
    await rig.dispatcher.housekeep();
    const made = await t.call('POST', `/api/sms/broadcasts/${r.id}/resend`, { cookie: hz, body: { states: ['failed'] } });
    expect(made.statusCode, made.body).toBe(201);
    await sendAll();
    const b = await get(made.json().id, hz);
    expect(b).toMatchObject({ state: 'awaiting_approval', approvalRequired: true, recipients: 35, counts: { queued: 35 } });
    const self = await t.call('POST', `/api/sms/broadcasts/${b.id}/approve`, { cookie: hz, body: {} });
    expect(self.json().code).toBe('sms.self_approval');
    expect((await t.call('POST', `/api/sms/broadcasts/${b.id}/approve`, { cookie: province, body: {} })).statusCode).toBe(200);
    await sendAll();
    await expect.poll(async () => (await get(b.id, hz)).counts.delivered).toBe(35);
    for (const p of list) expect(smsc.received(p)).toBe(2);
  });
});

describe('monthly usage', () => {
  it('counts the segments the carrier accepted per organization, in China months, within scope', async () => {
    // Half a minute before the next month begins in China (16:00 UTC the day before): the usage so far is this month's.
    const now = t.ctx.now();
    const thisMonth = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
    const [y, m] = thisMonth.split('-').map(Number);
    const nextMonth = `${m === 12 ? y! + 1 : y}-${String(m === 12 ? 1 : m! + 1).padStart(2, '0')}`;
    const boundary = new Date(`${nextMonth}-01T00:00:00+08:00`);
    t.clock.advance(boundary.getTime() - 30_000 - now.getTime());
    await signIn();
    const usageOf = async (month: string, parentId?: string, cookie = province) => {
      const r = await t.call('GET', `/api/sms/usage?month=${month}${parentId ? `&parentId=${parentId}` : ''}`, { cookie });
      expect(r.statusCode, r.body).toBe(200);
      return r.json();
    };
    const before = await usageOf(thisMonth);
    // A two-segment text (80 Chinese characters with the signature) to the county's members, just before midnight.
    const long = `请各支部于月底前完成党员信息核对工作，核对内容包括姓名、身份证号码、手机号码、所在支部和入党时间，如有变动请及时报告上级党委组织部门。`;
    const late = await sendToEnd(province, { text: long, audience: { orgIds: [county.id], who: ['members'] } });
    expect(late.segments).toBe(late.recipients * 2);
    const after = await usageOf(thisMonth);
    expect(after.total.messages - before.total.messages).toBe(late.recipients);
    expect(after.total.segments - before.total.segments).toBe(late.recipients * 2);
    expect(after.from).toBe(new Date(`${thisMonth}-01T00:00:00+08:00`).toISOString());
    // After midnight in China: the next month starts empty, and a message sent now counts there only.
    t.clock.advance(60_000);
    await signIn();
    const fresh = await usageOf(nextMonth);
    expect(fresh.total.messages).toBe(0);
    const first = await sendToEnd(hz, { text: '新月第一条', phones: ['13912340009'] });
    const next = await usageOf(nextMonth, undefined, hz);
    expect(next.parent.id).toBe(f.hangzhou.id);
    expect(next.total).toEqual({ messages: 1, segments: 1, delivered: 1, failed: 0, unknown: 0, awaiting: 0 });
    expect(next.items).toEqual([expect.objectContaining({ orgId: f.hangzhou.id, own: true, figures: next.total })]);
    expect(first.segments).toBe(1);
    expect((await usageOf(thisMonth)).total).toEqual(after.total);
    // Drill-down: the children add up to their parent's line.
    const hzLine = (await usageOf(thisMonth)).items.find((i: { orgId: string }) => i.orgId === f.hangzhou.id);
    const inHz = await usageOf(thisMonth, f.hangzhou.id);
    expect(inHz.total).toEqual(hzLine.figures);
    const countyLine = inHz.items.find((i: { orgId: string }) => i.orgId === county.id);
    expect(countyLine.figures.segments).toBeGreaterThanOrEqual(late.recipients * 2);
    // Scope: Hangzhou sees Hangzhou only, Ningbo's subtree is refused.
    const hzTop = await usageOf(thisMonth, undefined, hz);
    expect(hzTop.total).toEqual(hzLine.figures);
    expect((await t.call('GET', `/api/sms/usage?month=${thisMonth}&parentId=${f.ningbo.id}`, { cookie: hz })).statusCode).toBe(403);
    expect((await exportCall(t, 'sms-usage', `month=${thisMonth}&parentId=${f.ningbo.id}`, hz)).statusCode).toBe(403);
    // Bad months: a Chinese problem, nothing else.
    for (const bad of ['2026-13', '2026-1', 'abc', '1999-12']) {
      const r = await t.call('GET', `/api/sms/usage?month=${encodeURIComponent(bad)}`, { cookie: hz });
      expect(r.statusCode, bad).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(r.json()), bad).toMatch(/月份|年月|格式/);
    }
    // The spreadsheet: the same lines and a total.
    const x = await sheet(await exportCall(t, 'sms-usage', `month=${thisMonth}&parentId=${f.hangzhou.id}`, hz));
    expect(x.header).toEqual(['组织', '统计范围', '发送短信（条）', '计费条数', '已送达', '发送失败', '状态未知', '待回执']);
    const totalRow = x.rows.find((r) => r['组织'].startsWith('合计'))!;
    expect(Number(totalRow['计费条数'])).toBe(inHz.total.segments);
    expect(x.rows.find((r) => r['组织'] === county.name)!['计费条数']).toBe(String(countyLine.figures.segments));
  });
});
