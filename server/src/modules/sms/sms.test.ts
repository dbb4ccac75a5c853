/**
 * The SMS store end to end through real SMPP: the platform's channel bound to the simulator, the dispatcher
 * driven by the test (pump), receipts and replies arriving over the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import type { Smsc } from '../../smsc/smsc.js';
import type { SmsChannel } from '../../platform/sms/channel.js';
import { phones, smsRig, type SmsRig } from '../../../test/sms-rig.js';
import { createDispatcher, type Dispatcher } from './sms.dispatcher.js';
import { claim, markSubmitting, recordOutcomes, recoverAbandoned, heartbeat } from './sms.store.js';

let t: TestApp;
let f: DemoFixtures;
let rig: SmsRig;
let smsc: Smsc;
let channel: SmsChannel;
let d: Dispatcher;
let province: string;
let hz: string;
let nb: string;

beforeAll(async () => {
  t = await createTestApp({ env: { SMS_QUIET_HOURS: 'off', SMS_APPROVAL_THRESHOLD: '30', SMS_RECEIPT_TIMEOUT_MINUTES: '60' } });
  f = await demoFixtures(t.ctx);
  rig = await smsRig(t, { seed: 9, instance: 'test-a' });
  ({ smsc, channel, dispatcher: d } = rig);
  [province, hz, nb] = [await t.login('demo-province'), await t.login('demo-hangzhou'), await t.login('demo-ningbo')];
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

const sendAll = (dispatcher?: Dispatcher) => rig.sendAll(dispatcher);

async function counts(id: string, cookie = province) {
  const r = await t.call('GET', `/api/sms/broadcasts/${id}`, { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

describe('the integration contract', () => {
  it('sends a broadcast to explicit phones: stored, submitted, delivered, each phone exactly once', async () => {
    const list = phones(12, 13911110000);
    const r = await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text: '请各位书记于周五前报送本支部主题党日活动情况。', phones: [...list, list[0]] } });
    expect(r.statusCode, r.body).toBe(201);
    const { id } = r.json();
    await sendAll();
    await expect.poll(async () => (await counts(id)).counts.delivered).toBe(12);
    await d.housekeep();
    const b = await counts(id);
    expect(b).toMatchObject({ state: 'completed', recipients: 12, counts: { queued: 0, submitted: 0, failed: 0, unknown: 0 } });
    for (const p of list) expect(smsc.received(p)).toBe(1);
    // The signature is added; Chinese goes as UCS-2 and arrives intact.
    expect(smsc.inbox(list[3]!).at(-1)!.text).toBe('【浙江组工】请各位书记于周五前报送本支部主题党日活动情况。');
  });

  it('refuses bad phones with the position of each, and stores nothing', async () => {
    const before = await t.ctx.db.selectFrom('sms_broadcasts').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
    const r = await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text: '通知', phones: ['13900000001', '12345', '0571-8888888'] } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { field: string }) => e.field)).toEqual(['phones/1', 'phones/2']);
    const after = await t.ctx.db.selectFrom('sms_broadcasts').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('lists incoming replies newest first, matched to the member by phone, within scope', async () => {
    const m = await t.ctx.db.selectFrom('members').select(['id', 'name', 'mobile_enc']).where('id', '=', f.hzMember).executeTakeFirstOrThrow();
    const phone = t.ctx.crypto.decrypt(m.mobile_enc!);
    await smsc.reply(phone, '106900001', '收到，周五前报送。');
    await smsc.reply('13700001111', '106900001', '请问这是哪个单位？');
    const list = (await t.call('GET', '/api/sms/inbound', { cookie: province })).json().items;
    expect(list[0]).toMatchObject({ text: '请问这是哪个单位？', personId: null, orgId: null });
    expect(list[1]).toMatchObject({ text: '收到，周五前报送。', personKind: 'member', personId: f.hzMember, personName: m.name });
    expect(list[1].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    // Hangzhou sees its member's reply, not the unmatched one; Ningbo sees neither.
    const hzList = (await t.call('GET', '/api/sms/inbound', { cookie: hz })).json().items;
    expect(hzList.map((i: { text: string }) => i.text)).toContain('收到，周五前报送。');
    expect(hzList.map((i: { text: string }) => i.text)).not.toContain('请问这是哪个单位？');
    const nbList = (await t.call('GET', '/api/sms/inbound', { cookie: nb })).json().items;
    expect(nbList.map((i: { text: string }) => i.text)).not.toContain('收到，周五前报送。');
    expect((await t.call('GET', '/api/sms/inbound?unmatched=true', { cookie: hz })).statusCode).toBe(403);
  });
});

describe('opt-out', () => {
  it('honours TD in every broadcast except an official emergency notice, which records the decision; DY opts back in', async () => {
    const m = await t.ctx.db.selectFrom('members').select(['id', 'org_id', 'mobile_enc', 'mobile_bidx']).where('id', '=', f.hzMember).executeTakeFirstOrThrow();
    const phone = t.ctx.crypto.decrypt(m.mobile_enc!);
    await smsc.reply(phone, '106900001', ' td ');
    const optout = await t.ctx.db.selectFrom('contact_optouts').selectAll().where('phone_bidx', '=', m.mobile_bidx!).executeTakeFirst();
    expect(optout).toMatchObject({ via: 'sms_keyword' });
    const audience = { orgIds: [m.org_id], who: ['members'] };
    const pr = await t.call('POST', '/api/sms/audience/preview', { cookie: hz, body: { audience, text: '通知' } });
    expect(pr.statusCode, pr.body).toBe(200);
    const preview = pr.json();
    expect(preview.optedOut).toBe(1);
    const bulk = (await t.call('POST', '/api/sms/broadcasts', { cookie: hz, body: { text: '普通通知', audience } })).json();
    const refused = await t.call('POST', '/api/sms/broadcasts', { cookie: hz, body: { text: '普通通知', audience, ignoreOptOut: true } });
    expect(refused.statusCode).toBe(400);
    const urgent = (await t.call('POST', '/api/sms/broadcasts', { cookie: hz, body: { text: '紧急通知：台风预警，请立即组织转移。', audience, lane: 'emergency', ignoreOptOut: true } })).json();
    await sendAll();
    const [b, e] = [await counts(bulk.id, hz), await counts(urgent.id, hz)];
    expect(b.skippedOptOut).toBe(1);
    expect(e).toMatchObject({ ignoreOptOut: true, lane: 'emergency', skippedOptOut: 0, recipients: b.recipients + 1 });
    const got = smsc.inbox(phone).map((x) => x.text);
    expect(got).toContain('【浙江组工】紧急通知：台风预警，请立即组织转移。');
    expect(got).not.toContain('【浙江组工】普通通知');
    const audit = await t.ctx.db.selectFrom('audit_log').select(['after']).where('action', '=', 'sms.broadcast.create').where('entity_id', '=', urgent.id).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ ignoreOptOut: true });
    await smsc.reply(phone, '106900001', 'DY');
    expect(await t.ctx.db.selectFrom('contact_optouts').selectAll().where('phone_bidx', '=', m.mobile_bidx!).executeTakeFirst()).toBeUndefined();
  });

  it('honours TD for typed phone lists too: skipped and counted in a bulk broadcast, reached by an emergency notice sent on purpose', async () => {
    const list = phones(3, 13612340000);
    const [quit, stays] = [list[1]!, list[0]!];
    await smsc.reply(quit, '106900001', 'TD');
    expect(await t.ctx.db.selectFrom('contact_optouts').select('via').where('phone_bidx', '=', t.ctx.crypto.blindIndex('mobile', quit)).executeTakeFirst()).toMatchObject({ via: 'sms_keyword' });
    // The preview says so before sending, for a typed list alone and beside an audience (counted once).
    const pr = (await t.call('POST', '/api/sms/audience/preview', { cookie: province, body: { phones: [...list, quit], text: '通知' } })).json();
    expect(pr).toMatchObject({ recipients: 2, optedOut: 1, invalidPhones: [] });
    const withAudience = (await t.call('POST', '/api/sms/audience/preview', { cookie: hz, body: { phones: list, audience: { orgIds: [f.hzBranch], who: ['members'] }, text: '通知' } })).json();
    const audienceOnly = (await t.call('POST', '/api/sms/audience/preview', { cookie: hz, body: { audience: { orgIds: [f.hzBranch], who: ['members'] }, text: '通知' } })).json();
    expect(withAudience.optedOut).toBe(audienceOnly.optedOut + 1);
    expect(withAudience.recipients).toBe(audienceOnly.recipients + 2);
    const urgentPreview = (await t.call('POST', '/api/sms/audience/preview', { cookie: province, body: { phones: list, text: '通知', ignoreOptOut: true } })).json();
    expect(urgentPreview).toMatchObject({ recipients: 3, optedOut: 1 });

    const bulk = (await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text: '普通通知：名单群发', phones: list } })).json();
    const urgent = (await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text: '紧急通知：名单群发，请立即转移。', phones: list, lane: 'emergency', ignoreOptOut: true } })).json();
    await sendAll();
    const [b, e] = [await counts(bulk.id), await counts(urgent.id)];
    expect(b).toMatchObject({ recipients: 2, skippedOptOut: 1, ignoreOptOut: false });
    expect(e).toMatchObject({ recipients: 3, skippedOptOut: 0, ignoreOptOut: true, lane: 'emergency' });
    const got = smsc.inbox(quit).map((x) => x.text);
    expect(got).not.toContain('【浙江组工】普通通知：名单群发');
    expect(got).toContain('【浙江组工】紧急通知：名单群发，请立即转移。');
    expect(smsc.inbox(stays).map((x) => x.text)).toContain('【浙江组工】普通通知：名单群发');
    const listed = (await t.call('GET', `/api/sms/broadcasts/${bulk.id}/messages`, { cookie: province })).json().items;
    expect(listed.map((r: { phone: string }) => r.phone)).not.toContain(`${quit.slice(0, 3)}****${quit.slice(-4)}`);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['after']).where('action', '=', 'sms.broadcast.create').where('entity_id', '=', urgent.id).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ ignoreOptOut: true, lane: 'emergency' });
  });

  it('reaches the branch secretaries of a county, one message each', async () => {
    const county = await t.ctx.db.selectFrom('orgs').select(['id', 'path']).where('level', '=', 'county').where('path', 'like', `${f.hangzhou.path}%`).orderBy('id').executeTakeFirstOrThrow();
    const expected = await sql<{ n: string }>`
      select count(distinct m.mobile_bidx) as n from party_positions p join members m on m.id = p.member_id join orgs o on o.id = p.org_id
      where o.path like ${county.path + '%'} and p.position = 'secretary' and (p.ended_on is null or p.ended_on > ${'2000-01-01'}::date) and m.mobile_bidx is not null and m.departed_on is null`.execute(t.ctx.db);
    const r = (await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text: '请各支部书记本周内报送党员学习情况。', audience: { orgIds: [county.id], who: ['secretaries'] } } })).json();
    await sendAll();
    const b = await counts(r.id);
    expect(b.recipients).toBeGreaterThan(0);
    expect(b.recipients).toBeLessThanOrEqual(Number(expected.rows[0]!.n));
    await expect.poll(async () => (await counts(r.id)).counts.delivered).toBe(b.recipients);
  });
});

describe('conversations', () => {
  it('shows what a phone wrote and what it was sent, and sends a staff reply ahead of bulk, within scope', async () => {
    const m = await t.ctx.db.selectFrom('members').select(['id', 'name', 'mobile_enc']).where('id', '=', f.hzMember).executeTakeFirstOrThrow();
    const phone = t.ctx.crypto.decrypt(m.mobile_enc!);
    await smsc.reply(phone, '106900001', '请问下周的党课在哪里上？');
    const inbound = (await t.call('GET', '/api/sms/inbound', { cookie: hz })).json().items.find((i: { text: string }) => i.text === '请问下周的党课在哪里上？');
    // A bulk broadcast queued first still waits behind the reply.
    const bulk = (await t.call('POST', '/api/sms/broadcasts', { cookie: hz, body: { text: '批量通知', phones: phones(5, 13977770000) } })).json();
    await t.ctx.jobs.drain();
    const r = await t.call('POST', '/api/sms/replies', { cookie: hz, body: { inboundId: inbound.id, text: '在区委党校三楼报告厅。' } });
    expect(r.statusCode, r.body).toBe(201);
    const first = await claimOrder();
    expect(first[0]).toBe(r.json().id);
    while ((await d.pump()) > 0);
    await expect.poll(() => smsc.inbox(phone).some((x) => x.text === '【浙江组工】在区委党校三楼报告厅。')).toBe(true);
    await expect.poll(async () => (await counts(bulk.id, hz)).counts.delivered).toBe(5);
    const conv = (await t.call('GET', `/api/sms/conversation?inboundId=${inbound.id}`, { cookie: hz })).json();
    expect(conv.personName).toBe(m.name);
    const texts = conv.entries.map((e: { direction: string; text: string }) => `${e.direction}:${e.text}`);
    expect(texts, JSON.stringify(texts)).toContain('out:【浙江组工】在区委党校三楼报告厅。');
    expect(texts.indexOf('in:请问下周的党课在哪里上？')).toBeLessThan(texts.indexOf('out:【浙江组工】在区委党校三楼报告厅。'));
    expect(conv.entries.find((e: { text: string }) => e.text === '【浙江组工】在区委党校三楼报告厅。').sentByName).toBe('杭州市委组织部 演示用户');
    // Ningbo can neither read nor answer it.
    expect((await t.call('GET', `/api/sms/conversation?inboundId=${inbound.id}`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/sms/replies', { cookie: nb, body: { inboundId: inbound.id, text: '越权' } })).statusCode).toBe(403);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'sms.reply').execute();
    expect(audit.map((a) => a.entity_id)).toContain(r.json().id);
  });
});

/** The ids the next claim would take, in order (read only). */
async function claimOrder(): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from sms_messages where state = 'queued' order by lane, not_before, id limit 3`.execute(t.ctx.db);
  return rows.map((r) => r.id);
}

describe('approval and scope', () => {
  it('holds a broadcast over the threshold until another staff member approves it', async () => {
    const r = await t.call('POST', '/api/sms/broadcasts', { cookie: hz, body: { text: '全市党员：本周六上午九点集中学习。', phones: phones(31, 13922220000) } });
    expect(r.statusCode, r.body).toBe(201);
    const { id } = r.json();
    await sendAll();
    expect(await counts(id, hz)).toMatchObject({ state: 'awaiting_approval', approvalRequired: true, counts: { queued: 31 } });
    expect(smsc.received('13922220000')).toBe(0);
    const self = await t.call('POST', `/api/sms/broadcasts/${id}/approve`, { cookie: hz, body: {} });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('sms.self_approval');
    expect((await t.call('POST', `/api/sms/broadcasts/${id}/approve`, { cookie: nb, body: {} })).statusCode).toBe(403);
    const ok = await t.call('POST', `/api/sms/broadcasts/${id}/approve`, { cookie: province, body: { note: '同意发送' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'sending', approvedByName: '省委组织部 演示用户' });
    await sendAll();
    await expect.poll(async () => (await counts(id, hz)).counts.delivered).toBe(31);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity_type', '=', 'sms_broadcast').where('entity_id', '=', id).orderBy('id').execute();
    expect(audit).toEqual([{ action: 'sms.broadcast.create', actor_name: 'demo-hangzhou' }, { action: 'sms.broadcast.approve', actor_name: 'demo-province' }]);
  });

  it('does not let a city target, read or list another city', async () => {
    const target = await t.call('POST', '/api/sms/broadcasts', { cookie: hz, body: { text: '通知', audience: { orgIds: [f.ningbo.id], who: ['members'] } } });
    expect(target.statusCode).toBe(403);
    const mine = (await t.call('POST', '/api/sms/broadcasts', { cookie: nb, body: { text: '宁波通知', phones: ['13933330000'] } })).json();
    expect((await t.call('GET', `/api/sms/broadcasts/${mine.id}`, { cookie: hz })).statusCode).toBe(403);
    const listed = (await t.call('GET', '/api/sms/broadcasts?limit=100', { cookie: hz })).json().items.map((b: { id: string }) => b.id);
    expect(listed).not.toContain(mine.id);
    expect((await t.call('POST', `/api/sms/broadcasts/${mine.id}/cancel`, { cookie: hz, body: {} })).statusCode).toBe(403);
  });

  it('counts a broadcast per organization, a level at a time, within scope', async () => {
    const county = await t.ctx.db.selectFrom('orgs').select(['id', 'path']).where('level', '=', 'county').where('path', 'like', `${f.hangzhou.path}%`).orderBy('id').executeTakeFirstOrThrow();
    const r = (await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text: '按组织统计', audience: { orgIds: [county.id], who: ['members'] } } })).json();
    await sendAll();
    await expect.poll(async () => (await counts(r.id)).counts.delivered).toBe((await counts(r.id)).recipients);
    const total = (await counts(r.id)).recipients;
    // From the province: one line for Hangzhou with everyone; no other city.
    const top = (await t.call('GET', `/api/sms/broadcasts/${r.id}/orgs`, { cookie: province })).json();
    expect(top.items).toEqual([expect.objectContaining({ orgId: f.hangzhou.id, own: false, hasChildren: true, counts: expect.objectContaining({ delivered: total }) })]);
    // Down to the county: its children add up to the whole.
    const down = (await t.call('GET', `/api/sms/broadcasts/${r.id}/orgs?parentId=${county.id}`, { cookie: province })).json();
    expect(down.parent.id).toBe(county.id);
    expect(down.items.reduce((n: number, i: { counts: { delivered: number } }) => n + i.counts.delivered, 0)).toBe(total);
    expect((await t.call('GET', `/api/sms/broadcasts/${r.id}/orgs?parentId=${f.ningbo.id}`, { cookie: hz })).statusCode).toBe(403);
  });

  it('sends to an audience once per phone, with the name and organization filled in', async () => {
    const r = await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text: '{姓名}同志：请关注{组织}本月组织生活安排。', audience: { orgIds: [f.hzBranch], who: ['members'] } } });
    expect(r.statusCode, r.body).toBe(201);
    await sendAll();
    const b = await counts(r.json().id);
    const expected = await t.ctx.db.selectFrom('members').select(sql<string>`count(distinct mobile_bidx)`.as('n')).where('org_id', '=', f.hzBranch).where('departed_on', 'is', null).executeTakeFirstOrThrow();
    expect(b.recipients).toBe(Number(expected.n));
    const one = await t.ctx.db.selectFrom('sms_messages as m').innerJoin('orgs as o', 'o.id', 'm.org_id').select(['m.text', 'm.name', 'o.name as org']).where('m.broadcast_id', '=', r.json().id).executeTakeFirstOrThrow();
    expect(one.text).toBe(`【浙江组工】${one.name}同志：请关注${one.org}本月组织生活安排。`);
  });
});

describe('statuses', () => {
  it('keeps the carrier reason of failures, and turns missing receipts into unknown — never delivered', async () => {
    smsc.configure({ failureRate: 0.5, silentRate: 0.3 });
    try {
      const { id } = (await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text: 'status ladder', phones: phones(20, 13944440000) } })).json();
      await sendAll();
      await smsc.idle();
      await expect.poll(async () => { const c = (await counts(id)).counts; return c.delivered + c.failed; }).toBeGreaterThan(0);
      t.clock.advance(61 * 60_000);
      // Sessions idle out over an hour: sign in again.
      [province, hz, nb] = [await t.login('demo-province'), await t.login('demo-hangzhou'), await t.login('demo-ningbo')];
      await d.housekeep();
      const c = (await counts(id)).counts;
      expect(c.queued + c.submitted).toBe(0);
      expect(c.delivered + c.failed + c.unknown).toBe(20);
      expect(c.unknown).toBeGreaterThan(0);
      expect(c.failed).toBeGreaterThan(0);
      const failed = (await t.call('GET', `/api/sms/broadcasts/${id}/messages?state=failed`, { cookie: province })).json().items;
      expect(failed[0].errorReason).toMatch(/UNDELIV|REJECTD|EXPIRED/);
      const unknown = (await t.call('GET', `/api/sms/broadcasts/${id}/messages?state=unknown`, { cookie: province })).json().items;
      expect(unknown[0]).toMatchObject({ errorCode: 'no_receipt' });
    } finally {
      smsc.configure({ failureRate: 0, silentRate: 0 });
    }
  });

  it('gives back what a dead dispatcher claimed, and never resends what it may have put on the wire', async () => {
    const { id } = (await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text: 'recovery', phones: phones(10, 13955550000) } })).json();
    await t.ctx.jobs.drain();
    const now = t.ctx.now();
    await heartbeat(t.ctx.db, 'dead-one', now);
    const claimed = await claim(t.ctx.db, 'dead-one', now, 10, [0, 1, 2], []);
    expect(claimed).toHaveLength(10);
    await markSubmitting(t.ctx.db, 'dead-one', claimed.slice(0, 3).map((m) => m.id));
    // Still alive: nothing is touched.
    expect(await recoverAbandoned(t.ctx.db, now, 30_000)).toEqual({ requeued: 0, inDoubt: 0 });
    t.clock.advance(31_000);
    await heartbeat(t.ctx.db, d.instance, t.ctx.now());
    expect(await recoverAbandoned(t.ctx.db, t.ctx.now(), 30_000)).toEqual({ requeued: 7, inDoubt: 3 });
    await sendAll();
    await expect.poll(async () => (await counts(id)).counts.delivered).toBe(7);
    expect((await counts(id)).counts.unknown).toBe(3);
    const sent = phones(10, 13955550000).filter((p) => smsc.received(p) > 0);
    expect(sent).toHaveLength(7);
  });

  it('takes the late word of a dispatcher that stalled past its lease: what the carrier accepted is not left in doubt', async () => {
    const { id } = (await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text: 'stalled', phones: phones(3, 13955560000) } })).json();
    await t.ctx.jobs.drain();
    const now = t.ctx.now();
    await heartbeat(t.ctx.db, 'stalled-one', now);
    const claimed = await claim(t.ctx.db, 'stalled-one', now, 10, [0, 1, 2], [], 'submitting');
    expect(claimed).toHaveLength(3);
    // It stops renewing its lease; another instance puts what it had on the wire in doubt, and sends none of it again.
    t.clock.advance(31_000);
    await heartbeat(t.ctx.db, d.instance, t.ctx.now());
    expect(await recoverAbandoned(t.ctx.db, t.ctx.now(), 30_000)).toEqual({ requeued: 0, inDoubt: 3 });
    // Then it wakes up with the carrier's answers: two accepted, one refused for good.
    const [a, b, c] = claimed;
    await recordOutcomes(t.ctx.db, 'stalled-one', t.ctx.now(), 60_000, [
      { kind: 'submitted', id: a!.id, link: 'late', segmentIds: ['lat1'] },
      { kind: 'submitted', id: b!.id, link: 'late', segmentIds: ['lat2'] },
      { kind: 'failed', id: c!.id, code: 'RINVDSTADR', reason: '号码无效', link: null, segmentIds: [] },
    ]);
    const rows = await t.ctx.db.selectFrom('sms_messages').select(['id', 'state', 'error_code', 'finished_at']).where('broadcast_id', '=', id).orderBy('id').execute();
    expect(rows.map((r) => [r.state, r.error_code])).toEqual([['submitted', null], ['submitted', null], ['unknown', 'in_doubt']]);
    expect(rows[0]!.finished_at).toBeNull();
  });

  it('shares one broadcast between two dispatchers without sending anything twice', async () => {
    const second = createDispatcher(t.ctx, channel, { instance: 'test-b', batch: 50 });
    const first = createDispatcher(t.ctx, channel, { instance: 'test-c', batch: 50 });
    const list = phones(400, 13966660000);
    const { id } = (await t.call('POST', '/api/sms/broadcasts', { cookie: hz, body: { text: '两个实例共同发送', phones: list } })).json();
    // Over the threshold (30): approved first.
    await t.ctx.jobs.drain();
    expect((await t.call('POST', `/api/sms/broadcasts/${id}/approve`, { cookie: province, body: {} })).statusCode).toBe(200);
    await t.ctx.jobs.drain();
    const pumpAll = async (x: Dispatcher) => { let n = 0; while ((await x.pump()) > 0) n++; return n; };
    const [a, b] = await Promise.all([pumpAll(first), pumpAll(second)]);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    await expect.poll(async () => (await counts(id)).counts.delivered).toBe(400);
    for (const p of list) expect(smsc.received(p)).toBe(1);
    const by = await t.ctx.db.selectFrom('sms_messages').select(['link']).where('broadcast_id', '=', id).execute();
    expect(by).toHaveLength(400);
  });
});

describe('long messages', () => {
  it('tracks a receipt for every segment: delivered only when all are, failed with the carrier reason when any fails', async () => {
    const text = '各基层党组织：'.padEnd(150, '请认真组织学习并按时报送学习情况。');
    const list = phones(3, 13988880000);
    const ok = (await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text, phones: list } })).json();
    await sendAll();
    await expect.poll(async () => (await counts(ok.id)).counts.delivered).toBe(3);
    const segs = await t.ctx.db.selectFrom('sms_segments as s').innerJoin('sms_messages as m', 'm.id', 's.message_id')
      .select(['m.segments', 's.state']).where('m.broadcast_id', '=', ok.id).execute();
    expect(segs.length).toBe(3 * segs[0]!.segments!);
    expect(segs[0]!.segments).toBeGreaterThanOrEqual(3);
    expect(new Set(segs.map((x) => x.state))).toEqual(new Set(['delivered']));
    // Every segment reached the phone and was put back together there.
    expect(smsc.inbox(list[1]!).at(-1)!.text).toBe(`【浙江组工】${text}`);

    smsc.configure({ failureRate: 1 });
    try {
      const bad = (await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text, phones: phones(2, 13988890000) } })).json();
      await sendAll();
      await expect.poll(async () => (await counts(bad.id)).counts.failed).toBe(2);
      const failed = (await t.call('GET', `/api/sms/broadcasts/${bad.id}/messages?state=failed`, { cookie: province })).json().items;
      expect(failed[0].errorReason).toMatch(/^(UNDELIV|REJECTD)/);
    } finally {
      smsc.configure({ failureRate: 0 });
    }
  });
});

describe('claiming', () => {
  it('takes emergency notices before bulk in one claim, leaves bulk alone in quiet hours, and skips a stopped broadcast', async () => {
    const bulk = (await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text: '普通通知', phones: phones(5, 13977770000) } })).json();
    const urgent = (await t.call('POST', '/api/sms/broadcasts', { cookie: province, body: { text: '紧急通知', phones: phones(2, 13977780000), lane: 'emergency' } })).json();
    await t.ctx.jobs.drain();
    const now = t.ctx.now();
    const lanesOf = async (ids: string[]) => (await t.ctx.db.selectFrom('sms_messages').select(['id', 'broadcast_id']).where('id', 'in', ids).execute());
    try {
      // Quiet hours: only the emergency and reply lanes are served.
      const quiet = await claim(t.ctx.db, 'lane-test', now, 10, [0, 1], []);
      expect((await lanesOf(quiet.map((m) => m.id))).map((r) => r.broadcast_id)).toEqual([urgent.id, urgent.id]);
      await recoverAbandoned(t.ctx.db, now, 0);
      // One claim of three: both emergency messages first, then one bulk.
      const three = await claim(t.ctx.db, 'lane-test', now, 3, [0, 1, 2], []);
      expect(three.map((m) => m.lane)).toEqual([0, 0, 2]);
      await recoverAbandoned(t.ctx.db, now, 0);
      // A broadcast being paused or cancelled is skipped while its rows are moved out.
      const rest = await claim(t.ctx.db, 'lane-test', now, 10, [0, 1, 2], [urgent.id]);
      expect(new Set((await lanesOf(rest.map((m) => m.id))).map((r) => r.broadcast_id))).toEqual(new Set([bulk.id]));
      expect(rest).toHaveLength(5);
    } finally {
      await recoverAbandoned(t.ctx.db, now, 0);
      await sendAll();
    }
  });
});
