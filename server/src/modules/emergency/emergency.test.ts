/**
 * Emergency mobilization end to end through real SMPP: the SMSC simulator plays the secretaries' phones, the test
 * drives the jobs (drain) and the dispatcher (pump), moves the clock for reminders and escalation, and checks the
 * board against counts it makes itself from the contacts' tables and the simulator's inboxes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, sevenInTheMorningInChina, type TestApp } from '../../../test/test-app.js';
import { smsRig, type SmsRig } from '../../../test/sms-rig.js';
import { isQuietTime } from '../sms/sms.quiet-hours.js';
import { chinaToday } from '../../platform/china-time.js';
import { isConfirmation, smsTextOf } from './emergency.service.js';

let t: TestApp;
let rig: SmsRig;
let hz: string;
let nb: string;
let province: string;

const SERVICE = '106900001';
const MIN = 60_000;

interface Secretary { phone: string; orgId: string; orgName: string; orgPath: string }
let county: { id: string; path: string; name: string };
let secretaries: Secretary[];
/** A branch directly under a township, left silent; the township gets a secretary (`townSecretary`) for the escalation. */
let silentBranch: { id: string; name: string };
let township: { id: string; name: string };
let townSecretary: string;

beforeAll(async () => {
  // Default quiet hours (22:00–08:00); the clock starts at 23:00 China time, so the alert, both reminders and the
  // escalation (61 minutes later) all fall inside them.
  t = await createTestApp({ clockAt: new Date(sevenInTheMorningInChina().getTime() + 16 * 3600_000) });
  rig = await smsRig(t, { seed: 12, instance: 'emergency-a' });
  [hz, nb, province] = [await t.login('demo-hangzhou'), await t.login('demo-ningbo'), await t.login('demo-province')];
  const today = chinaToday(t.clock.now());
  // The Hangzhou county with the most branch secretaries that have a mobile, computed here from the contacts' tables.
  const { rows } = await sql<{ id: string; path: string; name: string; n: string }>`
    select c.id, c.path, c.name, count(distinct m.mobile_bidx) as n from orgs c
    join orgs o on o.path like c.path || '%' join party_positions pp on pp.org_id = o.id and pp.position = 'secretary'
      and pp.started_on <= ${today} and (pp.ended_on is null or pp.ended_on > ${today})
    join members m on m.id = pp.member_id and m.departed_on is null and m.mobile_bidx is not null and m.org_path like c.path || '%'
    where c.level = 'county' and c.path like (select path from orgs where name = '杭州市委') || '%'
    group by c.id order by count(distinct m.mobile_bidx) desc, c.id limit 1`.execute(t.ctx.db);
  county = rows[0]!;
  const sec = await sql<{ mobile_enc: Buffer; org_id: string; name: string; path: string }>`
    select distinct on (m.mobile_bidx) m.mobile_enc, m.org_id, o.name, o.path from party_positions pp
    join orgs po on po.id = pp.org_id and po.path like ${county.path + '%'}
    join members m on m.id = pp.member_id and m.departed_on is null and m.mobile_bidx is not null and m.org_path like ${county.path + '%'}
    join orgs o on o.id = m.org_id
    where pp.position = 'secretary' and pp.started_on <= ${today} and (pp.ended_on is null or pp.ended_on > ${today})
      and not exists (select 1 from contact_optouts x where x.phone_bidx = m.mobile_bidx)
    order by m.mobile_bidx, m.id`.execute(t.ctx.db);
  secretaries = sec.rows.map((r) => ({ phone: t.ctx.crypto.decrypt(r.mobile_enc), orgId: String(r.org_id), orgName: r.name, orgPath: r.path }));
  // A branch whose parent is a township committee, with a secretary among the recipients.
  const b = await sql<{ id: string; name: string; tid: string; tname: string }>`
    select o.id, o.name, p.id as tid, p.name as tname from orgs o join orgs p on p.id = o.parent_id and p.level = 'township'
    where o.id = any(${[...new Set(secretaries.map((s) => s.orgId))]}::bigint[]) order by o.id limit 1`.execute(t.ctx.db);
  silentBranch = { id: String(b.rows[0]!.id), name: b.rows[0]!.name };
  township = { id: String(b.rows[0]!.tid), name: b.rows[0]!.tname };
  // The township's secretary: a Hangzhou member outside the county (so not asked: an audience takes holders whose
  // home branch lies in the subtree), with a mobile of their own.
  const x = await sql<{ id: string; mobile_enc: Buffer }>`
    select m.id, m.mobile_enc from members m where m.org_path like (select path from orgs where name = '杭州市委') || '%'
      and m.org_path not like ${county.path + '%'} and m.departed_on is null and m.mobile_bidx is not null
      and not exists (select 1 from members m2 where m2.mobile_bidx = m.mobile_bidx and m2.id <> m.id)
    order by m.id limit 1`.execute(t.ctx.db);
  await t.ctx.db.insertInto('party_positions').values({ member_id: x.rows[0]!.id, org_id: township.id, position: 'secretary', started_on: '2024-01-01' }).execute();
  townSecretary = t.ctx.crypto.decrypt(x.rows[0]!.mobile_enc);
});
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

const get = async (url: string, cookie = hz) => {
  const r = await t.call('GET', url, { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
/** Moves the clock (sessions idle out meanwhile: sign in again). */
async function advance(ms: number) {
  t.clock.advance(ms);
  [hz, nb, province] = [await t.login('demo-hangzhou'), await t.login('demo-ningbo'), await t.login('demo-province')];
}
const countRows = async (table: 'emergency_alerts' | 'emergency_recipients') =>
  Number((await t.ctx.db.selectFrom(table).select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);

describe('words', () => {
  it('appends 回复1确认收到 unless the text asks for 1 already, and knows a confirmation', () => {
    expect(smsTextOf('台风今夜登陆，请立即转移')).toBe('台风今夜登陆，请立即转移。回复1确认收到。');
    expect(smsTextOf('台风今夜登陆，收到请回复1。')).toBe('台风今夜登陆，收到请回复1。');
    for (const w of ['1', '１', ' 1 ', '收到', '确认', '1。']) expect(isConfirmation(w), w).toBe(true);
    for (const w of ['11', '村里两户需要转移', '2', '']) expect(isConfirmation(w), w).toBe(false);
  });
});

describe('an alert to one county’s secretaries', () => {
  let id: string;
  let ext: string;
  let confirmers: Secretary[];

  it('is sent at once in the emergency lane, during quiet hours, each secretary once, with its own extension', async () => {
    expect(isQuietTime(t.clock.now(), t.ctx.config.sms.quietHours)).toBe(true);
    const r = await t.call('POST', '/api/emergency/alerts', {
      cookie: hz,
      body: {
        kind: 'typhoon', title: '第12号台风“梅花”防御', text: '台风预计今夜登陆，请立即组织危险区域人员转移', audience: { orgIds: [county.id], who: ['secretaries'] },
        remindAfterMinutes: 30, maxReminders: 2, escalateAfterMinutes: 60,
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    id = r.json().id;
    await rig.sendAll();
    const a = await get(`/api/emergency/alerts/${id}`);
    ext = a.replyExt;
    expect(a).toMatchObject({ state: 'open', recipients: secretaries.length, confirmed: 0, smsText: '台风预计今夜登陆，请立即组织危险区域人员转移。回复1确认收到。' });
    expect(a.sends).toMatchObject([{ kind: 'alert', seq: 0, recipients: secretaries.length }]);
    expect(secretaries.length).toBeGreaterThanOrEqual(6);
    for (const s of secretaries) {
      const inbox = rig.smsc.inbox(s.phone);
      expect(inbox).toHaveLength(1);
      expect(inbox[0]).toMatchObject({ from: SERVICE + ext, text: '【浙江组工】台风预计今夜登陆，请立即组织危险区域人员转移。回复1确认收到。' });
    }
    const b = await t.ctx.db.selectFrom('sms_broadcasts').selectAll().where('id', '=', a.sends[0].broadcastId).executeTakeFirstOrThrow();
    expect(b).toMatchObject({ lane: 'emergency', reply_ext: ext, source: 'emergency.recipients' });
  });

  it('records confirmations with and without the extension, keeps other replies, and the board adds up', async () => {
    const others = secretaries.filter((s) => s.orgId !== silentBranch.id);
    confirmers = others.slice(0, 4);
    const [c0, c1, c2, c3] = confirmers as [Secretary, Secretary, Secretary, Secretary];
    const writer = others[4]!;
    await rig.smsc.reply(c0.phone, SERVICE + ext, '1');
    await rig.smsc.reply(c1.phone, SERVICE + ext, '收到');
    await rig.smsc.reply(c2.phone, SERVICE + ext, '１ ');
    await rig.smsc.reply(c3.phone, SERVICE, '1'); // the carrier dropped the extension
    await rig.smsc.reply(writer.phone, SERVICE + ext, '村里两户需要转移，请求支援');
    await rig.smsc.reply(c0.phone, SERVICE + ext, '1'); // again: taken, not counted twice
    const inbound = await t.ctx.db.selectFrom('sms_inbound').select(['text', 'handled_by', 'handled_note']).where('handled_by', '=', 'emergency').orderBy('id').execute();
    expect(inbound).toHaveLength(6);
    expect(inbound.map((i) => i.handled_note)).toEqual([
      expect.stringContaining('确认收到'), expect.stringContaining('确认收到'), expect.stringContaining('确认收到'), expect.stringContaining('确认收到'),
      expect.stringContaining('回复留言'), expect.stringContaining('已确认过'),
    ]);

    const a = await get(`/api/emergency/alerts/${id}`);
    expect(a).toMatchObject({ confirmed: 4, replies: 1 });
    // The board, level by level, against the test's own count by the secretaries' home organizations.
    // It opens on the one subtree chosen (the county), under the sending organization (Hangzhou), which is a level up.
    const hzId = String((await t.ctx.db.selectFrom('orgs').select('id').where('name', '=', '杭州市委').executeTakeFirstOrThrow()).id);
    const countyBoard = await get(`/api/emergency/alerts/${id}/orgs`);
    expect(countyBoard.parent.id).toBe(county.id);
    expect(countyBoard.trail.map((o: { id: string }) => o.id)).toEqual([hzId, county.id]);
    const top = await get(`/api/emergency/alerts/${id}/orgs?parentId=${hzId}`);
    expect(top.items.map((i: { orgId: string }) => i.orgId)).toEqual([county.id]);
    expect(top.total).toMatchObject({ asked: secretaries.length, confirmed: 4, unconfirmed: secretaries.length - 4 });
    expect(countyBoard.total).toEqual(top.total);
    // Outside the alert's tree: 404.
    expect((await t.call('GET', `/api/emergency/alerts/${id}/orgs?parentId=${(await t.ctx.db.selectFrom('orgs').select('id').where('name', '=', '宁波市委').executeTakeFirstOrThrow()).id}`, { cookie: province })).statusCode).toBe(404);
    const sum = (k: 'asked' | 'confirmed' | 'unconfirmed' | 'silentOrgs') => countyBoard.items.reduce((n: number, i: Record<string, number>) => n + i[k], 0);
    expect(sum('asked')).toBe(secretaries.length);
    expect(sum('confirmed')).toBe(4);
    const confirmedPhones = new Set(confirmers.map((c) => c.phone));
    for (const line of countyBoard.items as { orgId: string; asked: number; confirmed: number; silentOrgs: number }[]) {
      const path = (await t.ctx.db.selectFrom('orgs').select('path').where('id', '=', line.orgId).executeTakeFirstOrThrow()).path;
      const mine = secretaries.filter((s) => s.orgPath.startsWith(path));
      expect(line.asked).toBe(mine.length);
      expect(line.confirmed).toBe(mine.filter((s) => confirmedPhones.has(s.phone)).length);
      const homes = new Set(mine.map((s) => s.orgId));
      const silent = [...homes].filter((o) => !mine.some((s) => s.orgId === o && confirmedPhones.has(s.phone)));
      expect(line.silentOrgs).toBe(silent.length);
    }
    // Those who have not confirmed, paged, masked.
    const page1 = await get(`/api/emergency/alerts/${id}/unconfirmed?limit=3`);
    const rest = await get(`/api/emergency/alerts/${id}/unconfirmed?limit=200&cursor=${page1.nextCursor}`);
    expect(page1.items.length + rest.items.length).toBe(secretaries.length - 4);
    expect(page1.items[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    const rep = await get(`/api/emergency/alerts/${id}/replies`);
    expect(rep.items).toMatchObject([{ text: '村里两户需要转移，请求支援', orgName: writer.orgName }]);
  });

  it('reminds only the unconfirmed after the set time, once per slot, at most the set number of times', async () => {
    await rig.sendAll();
    const before = new Map(secretaries.map((s) => [s.phone, rig.smsc.received(s.phone)]));
    await advance(31 * MIN);
    await rig.sendAll();
    await rig.sendAll(); // a second run finds nothing due
    const confirmedPhones = new Set(confirmers.map((c) => c.phone));
    for (const s of secretaries) {
      expect(rig.smsc.received(s.phone), s.phone).toBe(before.get(s.phone)! + (confirmedPhones.has(s.phone) ? 0 : 1));
      if (!confirmedPhones.has(s.phone)) expect(rig.smsc.inbox(s.phone).at(-1)).toMatchObject({ from: SERVICE + ext, text: expect.stringMatching(/^【浙江组工】【第1次提醒】台风/) });
    }
    const a = await get(`/api/emergency/alerts/${id}`);
    expect(a.remindersSent).toBe(1);
    expect(a.sends[1]).toMatchObject({ kind: 'reminder', seq: 1, recipients: secretaries.length - 4 });
    // A confirmation after the reminder still counts.
    const late = secretaries.find((s) => !confirmedPhones.has(s.phone) && s.orgId !== silentBranch.id)!;
    await rig.smsc.reply(late.phone, SERVICE + ext, '1');
    confirmers.push(late);
  });

  it('escalates silent organizations to the secretary of the township above, once, and reminds a second and last time', async () => {
    const received = rig.smsc.received(townSecretary);
    await advance(30 * MIN); // 61 minutes after sending: second reminder and escalation
    expect(isQuietTime(t.clock.now(), t.ctx.config.sms.quietHours)).toBe(true);
    await rig.sendAll();
    const a = await get(`/api/emergency/alerts/${id}`);
    expect(a.remindersSent).toBe(2);
    expect(a.escalatedAt).not.toBeNull();
    expect(rig.smsc.received(townSecretary)).toBe(received + 1);
    const msg = rig.smsc.inbox(townSecretary).at(-1)!;
    expect(msg.text).toContain('以下组织尚未确认收到台风预警“第12号台风“梅花”防御”');
    expect(msg.text).toContain(silentBranch.name);
    expect(msg.text).toContain('请督促落实');
    for (const c of confirmers) if (c.orgId !== silentBranch.id) {
      const everyoneThereConfirmed = secretaries.filter((s) => s.orgId === c.orgId).every((s) => confirmers.some((x) => x.phone === s.phone));
      if (everyoneThereConfirmed) expect(msg.text).not.toContain(`${c.orgName}、`);
    }
    const esc = a.escalations.find((e: { parentOrgId: string | null }) => e.parentOrgId === township.id);
    expect(esc).toMatchObject({ parentOrgName: township.name, recipients: 1 });
    expect(esc.orgNames).toContain(silentBranch.name);
    // The board marks it 已上报上级.
    const board = await get(`/api/emergency/alerts/${id}/orgs?parentId=${county.id}`);
    expect(board.silent.find((s: { orgId: string }) => s.orgId === silentBranch.id)).toMatchObject({ escalated: true });
    // Later: no third reminder, no second escalation.
    const counts = new Map([...secretaries.map((s) => s.phone), townSecretary].map((p) => [p, rig.smsc.received(p)]));
    await advance(120 * MIN);
    await rig.sendAll();
    for (const [p, n] of counts) expect(rig.smsc.received(p), p).toBe(n);
    const audit = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'emergency_alert').where('entity_id', '=', id).execute();
    const actions = audit.map((x) => x.action);
    expect(actions.filter((x) => x === 'emergency.alert.escalate')).toHaveLength(1);
    expect(actions.filter((x) => x === 'emergency.alert.remind')).toHaveLength(2);
    expect(actions).toContain('emergency.alert.confirm');
  });

  it('takes replies arriving all at once in batches: every confirmation counted once, a few audit rows for them all', async () => {
    const auditBefore = await t.ctx.db.selectFrom('audit_log').select(sql<string>`count(*)`.as('n')).where('action', '=', 'emergency.alert.confirm').where('entity_id', '=', id).executeTakeFirstOrThrow();
    // Everyone at once (those who confirmed before too): the SMS module stores them in group commits.
    await Promise.all(secretaries.map((s) => rig.smsc.reply(s.phone, SERVICE + ext, '1')));
    const a = await get(`/api/emergency/alerts/${id}`);
    expect(a.confirmed).toBe(secretaries.length);
    const board = await get(`/api/emergency/alerts/${id}/orgs`);
    expect(board.total).toMatchObject({ asked: secretaries.length, confirmed: secretaries.length, unconfirmed: 0, silentOrgs: 0 });
    expect(board.silent).toEqual([]);
    const fresh = secretaries.length - confirmers.length;
    const auditAfter = await t.ctx.db.selectFrom('audit_log').select(sql<string>`count(*)`.as('n')).where('action', '=', 'emergency.alert.confirm').where('entity_id', '=', id).executeTakeFirstOrThrow();
    const rows = Number(auditAfter.n) - Number(auditBefore.n);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(fresh);
    expect((await get(`/api/emergency/alerts/${id}/unconfirmed`)).items).toEqual([]);
  });

  it('is closed once; a closed alert sends nothing more', async () => {
    const r = await t.call('POST', '/api/emergency/alerts', {
      cookie: hz, body: { kind: 'flood', title: '防汛紧急通知', text: '上游水库泄洪，请沿河村庄做好转移准备', audience: { orgIds: [county.id], who: ['secretaries'] } },
    });
    expect(r.statusCode, r.body).toBe(201);
    const second = r.json().id;
    await rig.sendAll();
    // A bare “1” from a phone two open alerts asked is not guessed at: it is left for the inbox.
    const s = secretaries.find((x) => x.orgId === silentBranch.id)!;
    await rig.smsc.reply(s.phone, SERVICE, '1');
    const last = await t.ctx.db.selectFrom('sms_inbound').select('handled_by').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last.handled_by).toBeNull();
    expect((await t.call('POST', `/api/emergency/alerts/${second}/close`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/emergency/alerts/${second}/close`, { cookie: hz })).statusCode).toBe(204);
    expect((await t.call('POST', `/api/emergency/alerts/${second}/close`, { cookie: hz })).statusCode).toBe(409);
    const counts = new Map(secretaries.map((x) => [x.phone, rig.smsc.received(x.phone)]));
    await advance(90 * MIN);
    await rig.sendAll();
    for (const [p, n] of counts) expect(rig.smsc.received(p)).toBe(n);
    expect(await get(`/api/emergency/alerts/${second}`)).toMatchObject({ state: 'closed', remindersSent: 0, escalatedAt: null, closedByName: expect.any(String) });
  });
});

describe('scope and bad input', () => {
  it('keeps a Hangzhou alert from Ningbo', async () => {
    const list = await get('/api/emergency/alerts', hz);
    const id = list.items[0].id;
    expect((await t.call('GET', `/api/emergency/alerts/${id}`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/emergency/alerts/${id}/orgs`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/emergency/alerts/${id}/unconfirmed`, { cookie: nb })).statusCode).toBe(403);
    expect((await get('/api/emergency/alerts', nb)).items).toHaveLength(0);
    expect((await get('/api/emergency/alerts', province)).items.map((i: { id: string }) => i.id)).toContain(id);
    const before = await countRows('emergency_alerts');
    const r = await t.call('POST', '/api/emergency/alerts', { cookie: nb, body: { kind: 'other', title: '测试', text: '测试', audience: { orgIds: [county.id], who: ['members'] } } });
    expect(r.statusCode).toBe(403);
    expect(await countRows('emergency_alerts')).toBe(before);
  });

  it('refuses bad input with Chinese field errors and stores nothing', async () => {
    const before = [await countRows('emergency_alerts'), await countRows('emergency_recipients')];
    const bad = [
      { kind: 'storm', title: '预警', text: '请转移', audience: { orgIds: [county.id], who: ['secretaries'] } },
      { kind: 'typhoon', title: '', text: '请转移', audience: { orgIds: [county.id], who: ['secretaries'] } },
      { kind: 'typhoon', title: '预警', text: '   ', audience: { orgIds: [county.id], who: ['secretaries'] } },
      { kind: 'typhoon', title: '预警', text: '请转移', audience: { orgIds: [county.id], who: ['secretaries'] }, remindAfterMinutes: 5 },
      { kind: 'typhoon', title: '预警', text: '请转移', audience: { orgIds: [], who: ['secretaries'] } },
      { kind: 'typhoon', title: '预警', text: '请转移', audience: { orgIds: ['999999999'], who: ['secretaries'] } },
      { kind: 'typhoon', title: '预警', text: '台'.repeat(601), audience: { orgIds: [county.id], who: ['secretaries'] } },
    ];
    for (const body of bad) {
      const r = await t.call('POST', '/api/emergency/alerts', { cookie: hz, body });
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      const p = r.json();
      expect(p.errors.length).toBeGreaterThan(0);
      for (const e of p.errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect([await countRows('emergency_alerts'), await countRows('emergency_recipients')]).toEqual(before);
  });
});
