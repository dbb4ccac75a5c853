import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { addDays, chinaToday } from '../../platform/china-time.js';

let t: TestApp;
let f: DemoFixtures;
let hz: string;
let nb: string;
let secretary: string;
let today: string;
let hzVillage: { id: string; path: string; name: string };
let nbVillage: { id: string; path: string };
let hzBranch: string;
let nbBranch: string;
beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  [hz, nb, secretary] = [await t.login('demo-hangzhou'), await t.login('demo-ningbo'), await t.login('demo-secretary')];
  today = chinaToday(t.clock.now());
  const village = (path: string) => t.ctx.db.selectFrom('orgs').select(['id', 'path', 'name']).where('path', 'like', `${path}%`).where('sector', '=', 'rural')
    .where('level', '=', 'grassroots').where('status', '=', 'active').orderBy('id').limit(1).executeTakeFirstOrThrow();
  [hzVillage, nbVillage] = [await village(f.hangzhou.path), await village(f.ningbo.path)];
  // A branch of each city with at least two members who hold no post there.
  const roomy = async (path: string) => (await sql<{ id: string }>`select o.id from orgs o where o.path like ${`${path}%`} and o.type = 'branch'
    and (select count(*) from members m where m.org_id = o.id and m.departed_on is null
         and not exists (select 1 from party_positions p where p.member_id = m.id)) >= 2
    and exists (select 1 from party_positions p where p.org_id = o.id and p.position = 'secretary') order by o.id limit 1`.execute(t.ctx.db)).rows[0].id;
  [hzBranch, nbBranch] = [await roomy(f.hangzhou.path), await roomy(f.ningbo.path)];
});
afterAll(async () => { await t?.close(); });

const auditOf = (entityType: string, entityId: string) =>
  t.ctx.db.selectFrom('audit_log').select(['action', 'actor_name', 'before', 'after']).where('entity_type', '=', entityType).where('entity_id', '=', entityId).orderBy('id').execute();

/** A current member of the branch who holds no post there. */
async function memberWithoutPost(orgId: string) {
  return (await t.ctx.db.selectFrom('members as m').select(['m.id', 'm.name']).where('m.org_id', '=', orgId).where('m.departed_on', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('party_positions as p').select('p.id').whereRef('p.member_id', '=', 'm.id'))))
    .orderBy('m.id').executeTakeFirstOrThrow());
}

describe('党内职务 (party posts)', () => {
  it('allows one current 书记 per organization, with a clear 409, until the current one is given an end date', async () => {
    const current = (await t.call('GET', `/api/contacts/positions?orgId=${hzBranch}&position=secretary`, { cookie: hz })).json();
    expect(current.total).toBe(1);
    const holder = current.items[0];
    expect(holder).toMatchObject({ orgId: hzBranch, position: 'secretary', current: true, endedOn: null });
    const m = await memberWithoutPost(hzBranch);
    const body = { memberId: m.id, orgId: hzBranch, position: 'secretary', startedOn: today };
    const refused = await t.call('POST', '/api/contacts/positions', { cookie: hz, body });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'contact.secretary_taken', title: expect.stringContaining(`已有现任书记${holder.memberName}`) });
    // A 副书记 is fine, and recording it twice is not.
    const deputy = await t.call('POST', '/api/contacts/positions', { cookie: hz, body: { ...body, position: 'deputy_secretary' } });
    expect(deputy.statusCode, deputy.body).toBe(201);
    expect((await t.call('POST', '/api/contacts/positions', { cookie: hz, body: { ...body, position: 'deputy_secretary' } })).json().code).toBe('contact.position_duplicate');

    const ended = await t.call('PATCH', `/api/contacts/positions/${holder.id}`, { cookie: hz, body: { updatedAt: holder.updatedAt, endedOn: today } });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ endedOn: today, current: false });
    const stale = await t.call('PATCH', `/api/contacts/positions/${holder.id}`, { cookie: hz, body: { updatedAt: holder.updatedAt, note: '过期' } });
    expect(stale.statusCode).toBe(409);
    const next = await t.call('POST', '/api/contacts/positions', { cookie: hz, body: { ...body, note: '换届选举产生' } });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json()).toMatchObject({ memberId: m.id, memberName: m.name, position: 'secretary', current: true, startedOn: today, optedOut: false });
    // Reopening the old post would make two current secretaries.
    const reopen = await t.call('PATCH', `/api/contacts/positions/${holder.id}`, { cookie: hz, body: { updatedAt: ended.json().updatedAt, endedOn: null } });
    expect(reopen.json().code).toBe('contact.secretary_taken');

    expect((await auditOf('party_position', holder.id)).map((a) => a.action)).toEqual(['contact.position.update']);
    expect((await auditOf('party_position', next.json().id))[0]).toMatchObject({ action: 'contact.position.create', actor_name: 'demo-hangzhou', after: expect.objectContaining({ position: 'secretary', memberName: m.name }) });
    const deleted = await t.call('DELETE', `/api/contacts/positions/${deputy.json().id}`, { cookie: hz });
    expect(deleted.statusCode).toBe(204);
    expect((await auditOf('party_position', deputy.json().id)).map((a) => a.action)).toEqual(['contact.position.create', 'contact.position.delete']);
    const history = (await t.call('GET', `/api/contacts/positions?orgId=${hzBranch}&position=secretary&status=ended`, { cookie: hz })).json();
    expect(history.items.map((p: { id: string }) => p.id)).toContain(holder.id);
  });

  it('keeps one current 书记 when two are recorded at the same moment', async () => {
    const holder = (await t.call('GET', `/api/contacts/positions?orgId=${nbBranch}&position=secretary`, { cookie: nb })).json().items[0];
    expect((await t.call('PATCH', `/api/contacts/positions/${holder.id}`, { cookie: nb, body: { updatedAt: holder.updatedAt, endedOn: today } })).statusCode).toBe(200);
    const free = await t.ctx.db.selectFrom('members as m').select('m.id').where('m.org_id', '=', nbBranch).where('m.departed_on', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('party_positions as p').select('p.id').whereRef('p.member_id', '=', 'm.id')))).orderBy('m.id').limit(2).execute();
    expect(free).toHaveLength(2);
    const results = await Promise.all(free.map((m) => t.call('POST', '/api/contacts/positions', { cookie: nb, body: { memberId: m.id, orgId: nbBranch, position: 'secretary', startedOn: today } })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const current = (await t.call('GET', `/api/contacts/positions?orgId=${nbBranch}&position=secretary`, { cookie: nb })).json();
    expect(current.total).toBe(1);
  });

  it('refuses bad input in Chinese: member of another organization, dates after today or out of order', async () => {
    const m = await memberWithoutPost(hzBranch);
    const otherBranch = (await t.ctx.db.selectFrom('orgs').select('id').where('path', 'like', `${f.hangzhou.path}%`).where('type', '=', 'branch')
      .where('id', '!=', hzBranch).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
    const elsewhere = await t.call('POST', '/api/contacts/positions', { cookie: hz, body: { memberId: m.id, orgId: otherBranch, position: 'committee_member', startedOn: today } });
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().errors).toEqual([{ field: 'memberId', message: expect.stringContaining('不能在此任职') }]);
    const future = await t.call('POST', '/api/contacts/positions', { cookie: hz, body: { memberId: m.id, orgId: hzBranch, position: 'committee_member', startedOn: addDays(today, 1) } });
    expect(future.json().errors).toEqual([{ field: 'startedOn', message: '任职时间不能晚于今天' }]);
    const order = await t.call('POST', '/api/contacts/positions', { cookie: hz, body: { memberId: m.id, orgId: hzBranch, position: 'committee_member', startedOn: '2024-01-01', endedOn: '2023-12-31' } });
    expect(order.json().errors).toEqual([{ field: 'endedOn', message: '离任时间不能早于任职时间' }]);
    const bad = await t.call('POST', '/api/contacts/positions', { cookie: hz, body: { memberId: m.id, orgId: hzBranch, position: 'chairman', startedOn: '2024-02-30' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['position', 'startedOn']);
  });

  it('is scoped: Hangzhou neither sees nor writes Ningbo’s posts; a branch secretary reads but does not write', async () => {
    const nbPost = (await t.call('GET', '/api/contacts/positions?limit=1', { cookie: nb })).json().items[0];
    expect((await t.call('GET', `/api/contacts/positions?orgId=${f.ningbo.id}`, { cookie: hz })).statusCode).toBe(403);
    expect((await t.call('PATCH', `/api/contacts/positions/${nbPost.id}`, { cookie: hz, body: { updatedAt: nbPost.updatedAt, note: '越权' } })).statusCode).toBe(403);
    expect((await t.call('DELETE', `/api/contacts/positions/${nbPost.id}`, { cookie: hz })).statusCode).toBe(403);
    const nbMember = await memberWithoutPost(nbBranch);
    expect((await t.call('POST', '/api/contacts/positions', { cookie: hz, body: { memberId: nbMember.id, orgId: nbBranch, position: 'committee_member', startedOn: today } })).statusCode).toBe(403);
    const all: { orgId: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { orgId: string }[]; nextCursor: string | null } = (await t.call('GET', `/api/contacts/positions?status=all&limit=200${cursor ? `&cursor=${cursor}` : ''}`, { cookie: hz })).json();
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const orgs = await t.ctx.db.selectFrom('orgs').select('path').where('id', 'in', [...new Set(all.map((p) => p.orgId))]).execute();
    expect(orgs.every((o) => o.path.startsWith(f.hangzhou.path))).toBe(true);
    expect((await t.call('GET', '/api/contacts/positions', { cookie: secretary })).statusCode).toBe(200);
    expect((await t.call('POST', '/api/contacts/positions', { cookie: secretary, body: { memberId: nbMember.id, orgId: hzBranch, position: 'committee_member', startedOn: today } })).statusCode).toBe(403);
  });
});

describe('村干部名册 (village officials)', () => {
  const official = (o: Record<string, unknown> = {}) => ({ orgId: hzVillage.id, name: '周美华', role: 'two_committees', title: '村委会副主任', phone: '139 5710 8866', gender: 'female', startedOn: '2024-01-05', ...o });

  it('registers an official with the phone encrypted, indexed and masked; reveals it only under the reveal rule, audited', async () => {
    const created = await t.call('POST', '/api/contacts/officials', { cookie: hz, body: official() });
    expect(created.statusCode, created.body).toBe(201);
    const v = created.json();
    expect(v).toMatchObject({ orgId: hzVillage.id, name: '周美华', role: 'two_committees', phone: '139****8866', current: true, optedOut: false, canReveal: true });
    const row = await t.ctx.db.selectFrom('village_officials').selectAll().where('id', '=', v.id).executeTakeFirstOrThrow();
    expect(t.ctx.crypto.decrypt(row.phone_enc!)).toBe('13957108866');
    expect(row.phone_bidx).toBe(t.ctx.crypto.blindIndex('mobile', '13957108866'));
    expect(JSON.stringify(await auditOf('village_official', v.id))).not.toContain('13957108866');

    const revealed = await t.call('POST', `/api/contacts/officials/${v.id}/reveal`, { cookie: hz });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ phone: '13957108866' });
    expect((await auditOf('village_official', v.id)).map((a) => a.action)).toEqual(['contact.official.create', 'contact.reveal']);
    // Ningbo is outside the scope; the branch secretary holds no reveal permission.
    expect((await t.call('POST', `/api/contacts/officials/${v.id}/reveal`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/contacts/officials/${v.id}/reveal`, { cookie: secretary })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/contacts/officials/${v.id}`, { cookie: nb })).statusCode).toBe(403);
    const asSecretary = await t.call('GET', `/api/contacts/officials?orgId=${hzVillage.id}`, { cookie: await t.login('demo-province') });
    expect(asSecretary.statusCode).toBe(200);

    const edited = await t.call('PATCH', `/api/contacts/officials/${v.id}`, { cookie: hz, body: { updatedAt: v.updatedAt, endedOn: today, phone: null } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ phone: null, current: false, endedOn: today });
    expect((await t.call('POST', `/api/contacts/officials/${v.id}/reveal`, { cookie: hz })).json().code).toBe('contact.no_phone');
    const currentOnly = (await t.call('GET', `/api/contacts/officials?orgId=${hzVillage.id}&limit=200`, { cookie: hz })).json();
    expect(currentOnly.items.some((x: { id: string }) => x.id === v.id)).toBe(false);
    expect((await t.call('DELETE', `/api/contacts/officials/${v.id}`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('DELETE', `/api/contacts/officials/${v.id}`, { cookie: hz })).statusCode).toBe(204);
  });

  it('refuses a wrong phone, a non-village organization, a Ningbo village and bad dates', async () => {
    const phone = await t.call('POST', '/api/contacts/officials', { cookie: hz, body: official({ phone: '0571-87654321' }) });
    expect(phone.json().errors).toEqual([{ field: 'phone', message: expect.stringContaining('手机号码格式不正确') }]);
    const city = await t.call('POST', '/api/contacts/officials', { cookie: hz, body: official({ orgId: f.hangzhou.id }) });
    expect(city.json().errors).toEqual([{ field: 'orgId', message: expect.stringContaining('村级党组织') }]);
    expect((await t.call('POST', '/api/contacts/officials', { cookie: hz, body: official({ orgId: nbVillage.id }) })).statusCode).toBe(403);
    const dates = await t.call('POST', '/api/contacts/officials', { cookie: hz, body: official({ startedOn: '2025-01-01', endedOn: '2024-01-01' }) });
    expect(dates.json().errors).toEqual([{ field: 'endedOn', message: '离任时间不能早于任职时间' }]);
    const empty = await t.call('POST', '/api/contacts/officials', { cookie: hz, body: official({ name: '', role: 'mayor' }) });
    expect(empty.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['name', 'role']);
  });
});

describe('联系人分组 and 退订', () => {
  it('groups people of the owner’s subtree, marks opt-outs, and stays within the scope', async () => {
    const g = await t.call('POST', '/api/contacts/groups', { cookie: hz, body: { orgId: f.hangzhou.id, name: '村党组织书记', description: '工作通知' } });
    expect(g.statusCode, g.body).toBe(201);
    const group = g.json();
    expect((await t.call('POST', '/api/contacts/groups', { cookie: hz, body: { orgId: f.hangzhou.id, name: '村党组织书记' } })).json().code).toBe('contact.group_duplicate_name');

    const member = await t.ctx.db.selectFrom('members').select(['id', 'name', 'mobile_bidx']).where('org_path', 'like', `${f.hangzhou.path}%`).where('mobile_bidx', 'is not', null)
      .where('departed_on', 'is', null).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const off = await t.ctx.db.selectFrom('village_officials').select(['id', 'name']).where('org_id', '=', hzVillage.id).orderBy('id').executeTakeFirstOrThrow();
    const add = (body: unknown) => t.call('POST', `/api/contacts/groups/${group.id}/entries`, { cookie: hz, body });
    expect((await add({ memberId: member.id })).statusCode).toBe(201);
    expect((await add({ officialId: off.id })).statusCode).toBe(201);
    const outsider = await add({ name: '陈立新', phone: '+86 138 0571 2345', note: '联络员' });
    expect(outsider.statusCode, outsider.body).toBe(201);
    expect((await add({ memberId: member.id })).json().code).toBe('contact.entry_duplicate');
    expect((await add({ memberId: member.id, name: '两者都填' })).statusCode).toBe(400);
    expect((await add({ name: '无号码' })).json().errors).toEqual([{ field: 'phone', message: '请填写手机号码' }]);
    expect((await add({ memberId: f.nbMember })).json().errors[0].message).toContain('不能加入该分组');

    // Opt the member out (staff, with a reason): the entry list, the people picker and the audience say so.
    const optout = await t.call('POST', '/api/contacts/optouts', { cookie: hz, body: { kind: 'member', id: member.id, optedOut: true, reason: '本人来电要求不再接收短信' } });
    expect(optout.statusCode, optout.body).toBe(200);
    expect(optout.json()).toEqual({ optedOut: true, changed: true });
    expect((await t.call('POST', '/api/contacts/optouts', { cookie: hz, body: { kind: 'member', id: member.id, optedOut: true, reason: '再次' } })).json()).toEqual({ optedOut: true, changed: false });
    const entries = (await t.call('GET', `/api/contacts/groups/${group.id}/entries`, { cookie: hz })).json();
    expect(entries.total).toBe(3);
    expect(entries.items.map((e: { kind: string; optedOut: boolean; phone: string | null }) => [e.kind, e.optedOut])).toEqual([['member', true], ['official', false], ['contact', false]]);
    expect(entries.items[2]).toMatchObject({ name: '陈立新', phone: '138****2345', orgId: f.hangzhou.id });
    const people = (await t.call('GET', `/api/contacts/people?q=${encodeURIComponent(member.name)}&kind=member`, { cookie: hz })).json();
    expect(people.items.find((p: { id: string }) => p.id === member.id)).toMatchObject({ kind: 'member', optedOut: true });
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'contact.optout').where('entity_id', '=', member.mobile_bidx!).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_name: 'demo-hangzhou', after: expect.objectContaining({ via: 'staff', note: '本人来电要求不再接收短信' }) });
    expect((await t.call('POST', '/api/contacts/optouts', { cookie: hz, body: { kind: 'member', id: member.id, optedOut: false, reason: '' } })).statusCode).toBe(400);
    expect((await t.call('POST', '/api/contacts/optouts', { cookie: nb, body: { kind: 'member', id: member.id, optedOut: false, reason: '越权' } })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/contacts/optouts', { cookie: secretary, body: { kind: 'member', id: member.id, optedOut: false, reason: '无权' } })).statusCode).toBe(403);
    expect((await t.call('POST', '/api/contacts/optouts', { cookie: hz, body: { kind: 'member', id: member.id, optedOut: false, reason: '本人要求恢复' } })).json()).toEqual({ optedOut: false, changed: true });

    // The outside person's phone is revealed by the group's organization; Ningbo sees nothing of the group.
    const entryId = entries.items[2].id;
    expect((await t.call('POST', `/api/contacts/groups/${group.id}/entries/${entryId}/reveal`, { cookie: hz })).json()).toEqual({ phone: '13805712345' });
    expect((await t.call('POST', `/api/contacts/groups/${group.id}/entries/${entryId}/reveal`, { cookie: secretary })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/contacts/groups/${group.id}`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/contacts/groups/${group.id}/entries`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/contacts/groups?orgId=${f.hangzhou.id}`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/contacts/groups', { cookie: nb })).json().items.some((x: { id: string }) => x.id === group.id)).toBe(false);
    expect((await t.call('DELETE', `/api/contacts/groups/${group.id}/entries/${entryId}`, { cookie: nb })).statusCode).toBe(403);

    const renamed = await t.call('PATCH', `/api/contacts/groups/${group.id}`, { cookie: hz, body: { updatedAt: (await t.call('GET', `/api/contacts/groups/${group.id}`, { cookie: hz })).json().updatedAt, name: '村（社区）书记' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '村（社区）书记', entries: 3 });
    expect((await t.call('DELETE', `/api/contacts/groups/${group.id}/entries/${entryId}`, { cookie: hz })).statusCode).toBe(204);
    expect((await t.call('DELETE', `/api/contacts/groups/${group.id}`, { cookie: hz })).statusCode).toBe(204);
    expect((await auditOf('contact_group', group.id)).map((a) => a.action)).toEqual([
      'contact.group.create', 'contact.group.entry_add', 'contact.group.entry_add', 'contact.group.entry_add', 'contact.reveal', 'contact.group.update', 'contact.group.entry_remove', 'contact.group.delete',
    ]);
  });
});
