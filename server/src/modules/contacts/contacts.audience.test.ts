import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { chinaToday } from '../../platform/china-time.js';
import { audienceQuery, type AudienceSpec } from './contacts.audience.js';
import { isOptedOut, setOptOut } from './contacts.commands.js';

let t: TestApp;
let f: DemoFixtures;
let province: string;
let today: string;
beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  province = (await t.ctx.db.selectFrom('orgs').select('path').where('parent_id', 'is', null).executeTakeFirstOrThrow()).path;
  today = chinaToday(t.clock.now());
});
afterAll(async () => { await t?.close(); });

const spec = (who: AudienceSpec['who'], orgIds: string[], groupIds: string[] = []): AudienceSpec => ({ who, orgIds, groupIds });
const run = (s: AudienceSpec, scope: string[]) => audienceQuery(t.ctx.db, s, scope, { today }).execute();
const ids = (rows: { person_kind: string; person_id: string }[]) => rows.map((r) => `${r.person_kind}:${r.person_id}`).sort();

describe('audienceQuery', () => {
  it('members: every current member of the subtree, with their phone columns, and no departed member', async () => {
    const rows = await run(spec(['members'], [f.hangzhou.id]), [province]);
    const expected = await t.ctx.db.selectFrom('members').select(['id', 'mobile_bidx', 'mobile_masked', 'org_id']).where('org_path', 'like', `${f.hangzhou.path}%`).where('departed_on', 'is', null).execute();
    expect(rows.length).toBe(expected.length);
    expect(ids(rows)).toEqual(expected.map((m) => `member:${m.id}`).sort());
    const one = rows.find((r) => r.person_id === expected[0].id)!;
    const leaving = expected.find((m) => m.org_id !== f.hzBranch && m.mobile_bidx)!;
    expect(one).toMatchObject({ person_kind: 'member', phone_bidx: expected[0].mobile_bidx, phone_masked: expected[0].mobile_masked, org_id: expected[0].org_id });
    if (one.phone_enc) expect(t.ctx.crypto.blindIndex('mobile', t.ctx.crypto.decrypt(one.phone_enc))).toBe(one.phone_bidx);

    // A member who leaves the rolls is no longer in it.
    await t.ctx.db.updateTable('members').set({ departed_on: today, departure: 'transferred_out' }).where('id', '=', leaving.id).execute();
    const after = await run(spec(['members'], [f.hangzhou.id]), [province]);
    expect(after.length).toBe(expected.length - 1);
    expect(after.some((r) => r.person_id === leaving.id)).toBe(false);
  });

  it('respects the caller’s scope: a Hangzhou caller asking for the province gets Hangzhou only, for Ningbo nothing', async () => {
    const all = await run(spec(['members', 'village_officials', 'committee'], [(await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()).id]), [f.hangzhou.path]);
    expect(all.length).toBeGreaterThan(0);
    const homes = await t.ctx.db.selectFrom('orgs').select(['id', 'path']).where('id', 'in', [...new Set(all.map((r) => r.org_id))]).execute();
    expect(homes.every((o) => o.path.startsWith(f.hangzhou.path))).toBe(true);
    expect(await run(spec(['members', 'village_officials', 'secretaries', 'migrants'], [f.ningbo.id]), [f.hangzhou.path])).toEqual([]);
    // No scope, no organizations, or nothing asked: empty, and still a valid query.
    expect(await run(spec(['members'], [f.hangzhou.id]), [])).toEqual([]);
    expect(await run(spec([], [f.hangzhou.id]), [province])).toEqual([]);
    expect(await run(spec(['members'], []), [province])).toEqual([]);
  });

  it('nested organizations do not repeat people; several subtrees add up', async () => {
    const city = await run(spec(['members'], [f.hangzhou.id]), [province]);
    const twice = await run(spec(['members'], [f.hangzhou.id, f.hzBranch]), [province]);
    expect(twice.length).toBe(city.length);
    const both = await run(spec(['members'], [f.hangzhou.id, f.ningbo.id]), [province]);
    const nb = await run(spec(['members'], [f.ningbo.id]), [province]);
    expect(both.length).toBe(city.length + nb.length);
  });

  it('secretaries, committee, migrants and village officials are who the rolls say', async () => {
    const secretaries = await run(spec(['secretaries'], [f.hangzhou.id]), [province]);
    const expectedSecretaries = await sql<{ member_id: string }>`select pp.member_id from party_positions pp join orgs o on o.id = pp.org_id join members m on m.id = pp.member_id
      where pp.position = 'secretary' and pp.started_on <= ${today} and (pp.ended_on is null or pp.ended_on > ${today})
      and o.path like ${`${f.hangzhou.path}%`} and m.departed_on is null`.execute(t.ctx.db);
    expect(secretaries.length).toBeGreaterThan(5);
    expect(ids(secretaries)).toEqual(expectedSecretaries.rows.map((r) => `member:${r.member_id}`).sort());
    const committee = await run(spec(['committee'], [f.hangzhou.id]), [province]);
    expect(committee.length).toBeGreaterThan(secretaries.length);
    expect(new Set(committee.map((r) => r.person_id))).toEqual(expect.objectContaining({}));
    for (const s of secretaries) expect(committee.some((c) => c.person_id === s.person_id)).toBe(true);

    const migrants = await run(spec(['migrants'], [f.ningbo.id]), [province]);
    const expectedMigrants = await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${f.ningbo.path}%`).where('migrant', '=', true).where('departed_on', 'is', null).execute();
    expect(migrants.length).toBeGreaterThan(0);
    expect(ids(migrants)).toEqual(expectedMigrants.map((m) => `member:${m.id}`).sort());

    const officials = await run(spec(['village_officials'], [f.hangzhou.id]), [province]);
    const expectedOfficials = await sql<{ id: string }>`select v.id from village_officials v join orgs o on o.id = v.org_id
      where o.path like ${`${f.hangzhou.path}%`} and v.started_on <= ${today} and (v.ended_on is null or v.ended_on > ${today})`.execute(t.ctx.db);
    expect(officials.length).toBeGreaterThan(10);
    expect(ids(officials)).toEqual(expectedOfficials.rows.map((r) => `official:${r.id}`).sort());
    // A post that ended is no longer current.
    const ended = await t.ctx.db.selectFrom('party_positions').select('member_id').where('ended_on', '<=', today).where('position', '=', 'secretary').executeTakeFirst();
    if (ended) {
      const stillSecretary = await t.ctx.db.selectFrom('party_positions').select('id').where('member_id', '=', ended.member_id).where('position', '=', 'secretary').where('ended_on', 'is', null).executeTakeFirst();
      if (!stillSecretary) expect((await run(spec(['secretaries'], [(await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()).id]), [province])).some((r) => r.person_id === ended.member_id)).toBe(false);
    }
  });

  it('groups: the entries of visible groups only, outside people with the group’s organization as home', async () => {
    const groups = await t.ctx.db.selectFrom('contact_groups as g').innerJoin('orgs as o', 'o.id', 'g.org_id').select(['g.id', 'g.org_id', 'o.path']).orderBy('g.id').execute();
    const xihu = groups.find((g) => g.path.startsWith(f.hangzhou.path))!;
    const rows = await run(spec(['group'], [f.hangzhou.id], [xihu.id]), [f.hangzhou.path]);
    // Every entry but members who have left the rolls (another test may have moved one out).
    const entries = await t.ctx.db.selectFrom('contact_group_entries as e').leftJoin('members as m', 'm.id', 'e.member_id').select('e.id')
      .where('e.group_id', '=', xihu.id).where('m.departed_on', 'is', null).execute();
    expect(entries.length).toBeGreaterThan(3);
    expect(rows.length).toBe(entries.length);
    expect(rows.filter((r) => r.person_kind === 'contact').every((r) => r.org_id === xihu.org_id && r.phone_enc !== null)).toBe(true);
    // A Ningbo caller does not reach a Hangzhou group, even when asking for the province.
    const nbGroupAsked = await run(spec(['group'], [f.ningbo.id, f.hangzhou.id], [xihu.id]), [f.ningbo.path]);
    expect(nbGroupAsked).toEqual([]);
  });

  it('reports opt-outs (and can be counted and used in INSERT … SELECT)', async () => {
    const before = await run(spec(['members'], [f.hangzhou.id]), [province]);
    const target = before.find((r) => r.phone_bidx && !r.opted_out)!;
    expect(await isOptedOut(t.ctx.db, target.phone_bidx!)).toBe(false);
    expect(await setOptOut(t.ctx, { phoneBidx: target.phone_bidx!, optedOut: true, via: 'sms_keyword', actor: null, note: 'TD' })).toEqual({ changed: true });
    expect(await setOptOut(t.ctx, { phoneBidx: target.phone_bidx!, optedOut: true, via: 'sms_keyword', actor: null })).toEqual({ changed: false });
    expect(await isOptedOut(t.ctx.db, target.phone_bidx!)).toBe(true);
    const after = await run(spec(['members'], [f.hangzhou.id]), [province]);
    expect(after.find((r) => r.person_id === target.person_id)!.opted_out).toBe(true);
    expect(after.filter((r) => r.opted_out).length).toBe(before.filter((r) => r.opted_out).length + 1);
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'contact.optout').where('entity_id', '=', target.phone_bidx!).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_id: null, actor_name: '短信退订' });

    const q = audienceQuery(t.ctx.db, spec(['members', 'secretaries'], [f.hangzhou.id]), [province], { today });
    const counted = await t.ctx.db.selectFrom(q.as('a')).select((eb) => [eb.fn.countAll<string>().as('n'), sql<string>`count(distinct a.phone_bidx)`.as('phones')]).executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe((await q.execute()).length);
    const inserted = await t.ctx.db.transaction().execute(async (trx) => {
      await sql`create temp table recipients (person_kind text, person_id text, name text, org_id text, phone_enc bytea, phone_bidx text, phone_masked text, opted_out boolean) on commit drop`.execute(trx);
      const into = trx as unknown as import('kysely').Kysely<{ recipients: Record<string, unknown> }>;
      await into.insertInto('recipients')
        .columns(['person_kind', 'person_id', 'name', 'org_id', 'phone_enc', 'phone_bidx', 'phone_masked', 'opted_out'] as never)
        .expression(audienceQuery(trx, spec(['members', 'secretaries'], [f.hangzhou.id]), [province], { today }) as never).execute();
      return (await sql<{ n: string }>`select count(*)::text as n from recipients`.execute(trx)).rows[0].n;
    });
    expect(Number(inserted)).toBe(Number(counted.n));

    expect(await setOptOut(t.ctx, { phoneBidx: target.phone_bidx!, optedOut: false, via: 'sms_keyword', actor: null })).toEqual({ changed: true });
    expect(await isOptedOut(t.ctx.db, target.phone_bidx!)).toBe(false);
  });

  it('can serve the subtree range from the members path index (PostgreSQL)', async () => {
    if (!process.env.TEST_DATABASE_URL) return;
    const county = await t.ctx.db.selectFrom('orgs').select('id').where('path', 'like', `${f.hangzhou.path}%`).where('level', '=', 'county').orderBy('id').executeTakeFirstOrThrow();
    const q = audienceQuery(t.ctx.db, spec(['members'], [county.id]), [province], { today }).compile();
    // With sequential scans priced out, the range on org_path must be served by an index (it could not if it were a `like` on a joined column).
    const plan = await t.ctx.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return trx.executeQuery<{ 'QUERY PLAN': string }>({ ...q, sql: `explain ${q.sql}` });
    });
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index.*members/);
  });
});
