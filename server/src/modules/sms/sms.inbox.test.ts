/**
 * The inbox as conversations (one row per phone, per organization subtree) and the assignment of unknown senders
 * (指派), with messages coming in over real SMPP from the simulator, as the carrier would send them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import type { Smsc } from '../../smsc/smsc.js';
import { smsRig, type SmsRig } from '../../../test/sms-rig.js';

let t: TestApp;
let f: DemoFixtures;
let rig: SmsRig;
let smsc: Smsc;
let province: string;
let hz: string;
let nb: string;

interface Person { id: string; name: string; orgId: string; orgPath: string; phone: string }
let member: Person;
let other: Person;
let official: Person;
let nbMember: Person;
const stranger = '19288880001';
const stranger2 = '19288880002';

beforeAll(async () => {
  t = await createTestApp({ env: { SMS_QUIET_HOURS: 'off' } });
  f = await demoFixtures(t.ctx);
  rig = await smsRig(t, { seed: 11, instance: 'inbox-test' });
  smsc = rig.smsc;
  [province, hz, nb] = [await t.login('demo-province'), await t.login('demo-hangzhou'), await t.login('demo-ningbo')];
  const members = (prefix: string) => t.ctx.db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.org_id', 'o.path', 'm.mobile_enc']).where('o.path', 'like', `${prefix}%`).where('m.mobile_enc', 'is not', null)
    .where('m.departed_on', 'is', null).orderBy('m.id').limit(2).execute();
  const asPerson = (r: { id: string; name: string; org_id: string; path: string; mobile_enc: Buffer | null }): Person =>
    ({ id: r.id, name: r.name, orgId: r.org_id, orgPath: r.path, phone: t.ctx.crypto.decrypt(r.mobile_enc!) });
  [member, other] = (await members(f.hangzhou.path)).map(asPerson) as [Person, Person];
  nbMember = asPerson((await members(f.ningbo.path))[0]!);
  const v = await t.ctx.db.selectFrom('village_officials as v').innerJoin('orgs as o', 'o.id', 'v.org_id')
    .select(['v.id', 'v.name', 'v.org_id', 'o.path', 'v.phone_enc as mobile_enc']).where('o.path', 'like', `${f.hangzhou.path}%`)
    .where('v.phone_enc', 'is not', null).where('v.ended_on', 'is', null).orderBy('v.id').executeTakeFirstOrThrow();
  official = asPerson(v);
  // The strangers' numbers are on nobody's record.
  for (const p of [stranger, stranger2]) {
    const bidx = t.ctx.crypto.blindIndex('mobile', p);
    expect(await t.ctx.db.selectFrom('members').select('id').where('mobile_bidx', '=', bidx).executeTakeFirst()).toBeUndefined();
  }
  // Oldest first: the member twice, the official, Ningbo's member, the stranger twice, the second stranger.
  await smsc.reply(member.phone, '106900001', '收到通知。');
  await smsc.reply(official.phone, '106900001', '村里已安排好会场。');
  await smsc.reply(nbMember.phone, '106900001', '宁波收到。');
  await smsc.reply(stranger, '106900001', '你好，请问是组织部吗？');
  await smsc.reply(member.phone, '106900001', '请问材料交给谁？');
  await smsc.reply(stranger, '106900001', '我是新任村支书，号码刚换。');
  await smsc.reply(stranger2, '106900001', '我是驻村第一书记。');
}, 120_000);
afterAll(async () => {
  await rig?.close();
  await t?.close();
});

interface Row { inboundId: string; phone: string; personName: string | null; personKind: string | null; orgId: string | null; orgName: string | null; lastText: string; incoming: number }
async function conversations(cookie: string, query = ''): Promise<Row[]> {
  const r = await t.call('GET', `/api/sms/conversations?limit=100${query}`, { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items;
}
const mask = (p: string) => `${p.slice(0, 3)}****${p.slice(7)}`;

describe('conversations per person and per organization', () => {
  it('lists one row per phone, newest first, with its last message, its count and the person', async () => {
    const rows = await conversations(province);
    const mine = rows.filter((r) => [member, official, nbMember].some((p) => r.phone === mask(p.phone)) || [stranger, stranger2].map(mask).includes(r.phone));
    expect(mine.map((r) => r.lastText)).toEqual(['我是驻村第一书记。', '我是新任村支书，号码刚换。', '请问材料交给谁？', '宁波收到。', '村里已安排好会场。']);
    expect(mine[2]).toMatchObject({ personKind: 'member', personName: member.name, orgId: member.orgId, incoming: 2, phone: mask(member.phone) });
    expect(mine[4]).toMatchObject({ personKind: 'official', personName: official.name, orgId: official.orgId, incoming: 1 });
    expect(mine[1]).toMatchObject({ personName: null, orgId: null, orgName: null, incoming: 2 });
    // The flat list names the official too.
    const flat = (await t.call('GET', '/api/sms/inbound?limit=100', { cookie: province })).json().items;
    expect(flat.find((i: { text: string }) => i.text === '村里已安排好会场。')).toMatchObject({ personKind: 'official', personName: official.name });
  });

  it('pages by keyset without repeating or losing a conversation', async () => {
    const all = (await conversations(province)).map((r) => r.inboundId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r = await t.call('GET', `/api/sms/conversations?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { cookie: province });
      expect(r.statusCode, r.body).toBe(200);
      const page = r.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i: Row) => i.inboundId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it('keeps each city to its own subtree; unmatched numbers are the province\'s', async () => {
    const hzRows = await conversations(hz);
    expect(hzRows.map((r) => r.phone)).toEqual(expect.arrayContaining([mask(member.phone), mask(official.phone)]));
    expect(hzRows.every((r) => r.orgId !== null)).toBe(true);
    expect(hzRows.map((r) => r.phone)).not.toContain(mask(nbMember.phone));
    expect((await conversations(nb)).map((r) => r.phone)).not.toContain(mask(member.phone));
    expect((await t.call('GET', '/api/sms/conversations?unmatched=true', { cookie: hz })).statusCode).toBe(403);
    const unmatched = await conversations(province, '&unmatched=true');
    expect(unmatched.map((r) => r.phone).sort()).toEqual(expect.arrayContaining([mask(stranger), mask(stranger2)]));
    expect(unmatched.every((r) => r.orgId === null)).toBe(true);
  });

  it('filters both views by an organization subtree, read off the current organization paths, within scope only', async () => {
    // The city: both Hangzhou people, nobody else, no unmatched number.
    const city = await conversations(province, `&orgId=${f.hangzhou.id}`);
    expect(city.map((r) => r.phone).sort()).toEqual(expect.arrayContaining([mask(member.phone), mask(official.phone)]));
    expect(city.every((r) => r.orgId !== null)).toBe(true);
    expect(city.map((r) => r.phone)).not.toContain(mask(nbMember.phone));
    // The member's own organization: the member, and the official only if the official belongs under it.
    const branch = await conversations(hz, `&orgId=${member.orgId}`);
    expect(branch.map((r) => r.phone)).toContain(mask(member.phone));
    expect(branch.map((r) => r.phone).includes(mask(official.phone))).toBe(official.orgPath.startsWith(member.orgPath));
    const flat = (await t.call('GET', `/api/sms/inbound?limit=100&orgId=${member.orgId}`, { cookie: hz })).json().items;
    expect(flat.map((i: { text: string }) => i.text)).toEqual(expect.arrayContaining(['请问材料交给谁？', '收到通知。']));
    expect(flat.map((i: { text: string }) => i.text)).not.toContain('宁波收到。');
    // A city's staff may not filter by another city.
    expect((await t.call('GET', `/api/sms/conversations?orgId=${f.ningbo.id}`, { cookie: hz })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/sms/inbound?orgId=${f.ningbo.id}`, { cookie: hz })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/sms/conversations?orgId=999999999', { cookie: province })).statusCode).toBe(404);
  });
});

describe('assigning an unknown sender (指派)', () => {
  const strangerRows = () => t.ctx.db.selectFrom('sms_inbound').select(['id', 'person_kind', 'person_id', 'org_id', 'assigned_by'])
    .where('phone_bidx', '=', t.ctx.crypto.blindIndex('mobile', stranger)).orderBy('id').execute();
  const assignAudits = () => t.ctx.db.selectFrom('audit_log').select(['actor_name', 'entity_id', 'org_path', 'after']).where('action', '=', 'sms.inbound.assign').execute();
  let latest: string;

  it('refuses a bad body, an unknown person, a matched message and staff below the province, changing nothing', async () => {
    latest = (await conversations(province, '&unmatched=true')).find((r) => r.phone === mask(stranger))!.inboundId;
    const url = `/api/sms/inbound/${latest}/assign`;
    for (const body of [{}, { memberId: other.id, officialId: official.id }, { memberId: 'abc' }, { memberId: other.id, extra: 1 }]) {
      const r = await t.call('POST', url, { cookie: province, body });
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await t.call('POST', url, { cookie: province, body: {} })).json().errors[0].message).toBe('请选择一名党员或一名村干部（只能选择一人）');
    const unknown = await t.call('POST', url, { cookie: province, body: { memberId: '999999999' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().title).toBe('党员不存在或已被删除');
    expect((await t.call('POST', url, { cookie: province, body: { officialId: '999999999' } })).statusCode).toBe(404);
    expect((await t.call('POST', '/api/sms/inbound/999999999/assign', { cookie: province, body: { memberId: other.id } })).statusCode).toBe(404);
    // Hangzhou holds sms.send, but not over the whole province: the unmatched inbox is not theirs, even for a Hangzhou member.
    const city = await t.call('POST', url, { cookie: hz, body: { memberId: other.id } });
    expect(city.statusCode).toBe(403);
    expect(city.json().title).toBe('您无权指派：未匹配到人员的来信仅由省级工作人员指派');
    // A message already matched to its person.
    const matched = (await conversations(province)).find((r) => r.phone === mask(member.phone))!.inboundId;
    const again = await t.call('POST', `/api/sms/inbound/${matched}/assign`, { cookie: province, body: { memberId: other.id } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'sms.inbound_matched', title: '该来信已匹配到人员，不能再指派' });
    expect((await strangerRows()).every((r) => r.org_id === null && r.person_id === null && r.assigned_by === null)).toBe(true);
    expect(await assignAudits()).toEqual([]);
  });

  it('sets the person on every unmatched message from the phone, audited; the city then sees it and the other city does not', async () => {
    const r = await t.call('POST', `/api/sms/inbound/${latest}/assign`, { cookie: province, body: { memberId: other.id } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ personKind: 'member', personId: other.id, personName: other.name, orgId: other.orgId, assigned: 2 });
    const rows = await strangerRows();
    expect(rows).toHaveLength(2);
    expect(rows.every((x) => x.person_kind === 'member' && x.person_id === other.id && x.org_id === other.orgId && x.assigned_by !== null)).toBe(true);
    const audits = await assignAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor_name: 'demo-province', entity_id: latest, org_path: other.orgPath });
    expect(audits[0]!.after).toMatchObject({ personId: other.id, personName: other.name, phone: mask(stranger), messages: rows.map((x) => x.id) });
    // Assigned once: a second assignment is refused.
    expect((await t.call('POST', `/api/sms/inbound/${latest}/assign`, { cookie: province, body: { officialId: official.id } })).statusCode).toBe(409);
    // Now a Hangzhou conversation: Hangzhou reads and answers it; Ningbo can do neither.
    const hzRow = (await conversations(hz)).find((x) => x.phone === mask(stranger));
    expect(hzRow).toMatchObject({ personName: other.name, incoming: 2 });
    expect((await conversations(province, '&unmatched=true')).map((x) => x.phone)).not.toContain(mask(stranger));
    const conv = (await t.call('GET', `/api/sms/conversation?inboundId=${latest}`, { cookie: hz })).json();
    expect(conv).toMatchObject({ personKind: 'member', personName: other.name, orgId: other.orgId, phone: mask(stranger) });
    expect((await t.call('POST', '/api/sms/replies', { cookie: hz, body: { inboundId: latest, text: '好的，已更新您的联系方式。' } })).statusCode).toBe(201);
    expect((await t.call('GET', `/api/sms/conversation?inboundId=${latest}`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/sms/replies', { cookie: nb, body: { inboundId: latest, text: '越权' } })).statusCode).toBe(403);
    expect((await conversations(nb)).map((x) => x.phone)).not.toContain(mask(stranger));
  });

  it('matches later messages from an assigned number to the same person, a member or a village official', async () => {
    await smsc.reply(stranger, '106900001', '材料已经交了。');
    const later = await t.ctx.db.selectFrom('sms_inbound').select(['person_kind', 'person_id', 'org_id', 'assigned_by']).where('text', '=', '材料已经交了。').executeTakeFirstOrThrow();
    expect(later).toEqual({ person_kind: 'member', person_id: other.id, org_id: other.orgId, assigned_by: null });

    const second = (await conversations(province, '&unmatched=true')).find((r) => r.phone === mask(stranger2))!.inboundId;
    const r = await t.call('POST', `/api/sms/inbound/${second}/assign`, { cookie: province, body: { officialId: official.id } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ personKind: 'official', personName: official.name, assigned: 1 });
    await smsc.reply(stranger2, '106900001', '明天到岗。');
    const flat = (await t.call('GET', `/api/sms/inbound?orgId=${official.orgId}`, { cookie: hz })).json().items;
    expect(flat.find((i: { text: string }) => i.text === '明天到岗。')).toMatchObject({ personKind: 'official', personId: official.id, personName: official.name });
    // The conversation marks a keyword reply.
    await smsc.reply(stranger2, '106900001', 'TD');
    const conv = (await t.call('GET', `/api/sms/conversation?inboundId=${second}`, { cookie: hz })).json();
    expect(conv.entries.filter((e: { direction: string }) => e.direction === 'in').map((e: { text: string; keyword: string | null }) => [e.text, e.keyword]))
      .toEqual([['我是驻村第一书记。', null], ['明天到岗。', null], ['TD', 'opt_out']]);
    // A number still on nobody's record and never assigned stays unmatched.
    await smsc.reply('19288880003', '106900001', '你好');
    const { rows } = await sql<{ org_id: string | null }>`select org_id from sms_inbound where text = '你好'`.execute(t.ctx.db);
    expect(rows).toEqual([{ org_id: null }]);
  });
});
