import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { memberInput, uniqueMobile, validIdNumber } from '../../../test/factories.js';

let t: TestApp;
let f: DemoFixtures;
let hz: string;
beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  hz = await t.login('demo-hangzhou');
});
afterAll(async () => { await t?.close(); });

const countMembers = async () => Number((await sql<{ n: string }>`select count(*) n from members`.execute(t.ctx.db)).rows[0].n);

describe('creating a member', () => {
  it('stores ID number and phone encrypted, answers masked, and finds them by exact value', async () => {
    const input = memberInput(f.hzBranch);
    const res = await t.call('POST', '/api/members', { cookie: hz, body: input });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m.idNumber).toBe(`${input.idNumber.slice(0, 6)}********${input.idNumber.slice(-4)}`);
    expect(m.mobile).toBe(`${input.mobile.slice(0, 3)}****${input.mobile.slice(-4)}`);
    expect(res.body).not.toContain(input.idNumber);
    expect(res.body).not.toContain(input.mobile);

    const row = await t.ctx.db.selectFrom('members').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row.id_number_enc.toString('latin1')).not.toContain(input.idNumber);
    expect(t.ctx.crypto.decrypt(row.id_number_enc)).toBe(input.idNumber);
    expect(t.ctx.crypto.decrypt(row.mobile_enc!)).toBe(input.mobile);

    const byId = (await t.call('POST', '/api/members/search', { cookie: hz, body: { idNumber: input.idNumber.toLowerCase() } })).json();
    expect(byId.items.map((x: { id: string }) => x.id)).toEqual([m.id]);
    const byPhone = (await t.call('POST', '/api/members/search', { cookie: hz, body: { phone: `${input.mobile.slice(0, 3)} ${input.mobile.slice(3)}` } })).json();
    expect(byPhone.items.map((x: { id: string }) => x.id)).toEqual([m.id]);
    const history = (await t.call('GET', `/api/members/${m.id}/history`, { cookie: hz })).json();
    expect(history.items[0].action).toBe('member.create');
  });

  it.each([
    ['a wrong check digit', (i: ReturnType<typeof memberInput>) => ({ idNumber: i.idNumber.slice(0, 17) + (i.idNumber[17] === '0' ? '1' : '0') }), 'idNumber', '身份证号第18位校验码不正确，请核对'],
    ['an ID number whose birth date differs', () => ({ birthDate: '1989-09-21' }), 'idNumber', /出生日期.*不一致/],
    ['an ID number of the other gender', () => ({ gender: 'male' }), 'idNumber', /性别/],
    ['a bad mobile number', () => ({ mobile: '12345678901' }), 'mobile', /手机号码格式不正确/],
    ['a full member without a full-membership date', () => ({ fullOn: null }), 'fullOn', '正式党员须填写转正时间'],
    ['a probationary member with a full-membership date', () => ({ category: 'probationary' }), 'fullOn', /预备党员不应有转正时间/],
    ['joining before the age of 18', () => ({ joinedOn: '2004-01-01', fullOn: '2005-01-01' }), 'joinedOn', /年满18周岁/],
    ['a joining date in the future', () => ({ joinedOn: '2099-01-01', fullOn: null, category: 'probationary' }), 'joinedOn', /不能晚于今天/],
    ['a migrant without destination', () => ({ migrant: true }), 'migrantProvince', /流入地/],
  ])('rejects %s with a clear message and writes nothing', async (_label, change, field, message) => {
    const before = await countMembers();
    const base = memberInput(f.hzBranch);
    const res = await t.call('POST', '/api/members', { cookie: hz, body: { ...base, ...change(base) } });
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    const err = body.errors.find((e: { field: string }) => e.field === field);
    expect(err, JSON.stringify(body.errors)).toBeDefined();
    if (typeof message === 'string') expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
    expect(await countMembers()).toBe(before);
  });

  it('refuses a duplicate ID number and a non-branch organization', async () => {
    const input = memberInput(f.hzBranch);
    expect((await t.call('POST', '/api/members', { cookie: hz, body: input })).statusCode).toBe(201);
    const dup = await t.call('POST', '/api/members', { cookie: hz, body: { ...input, mobile: uniqueMobile() } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('member.duplicate_id_number');
    const notBranch = await t.call('POST', '/api/members', { cookie: hz, body: memberInput(f.hangzhou.id) });
    expect(notBranch.statusCode).toBe(400);
    expect(notBranch.json().errors[0]).toMatchObject({ field: 'orgId' });
  });
});

describe('editing a member', () => {
  it('keeps history and audit with masked values only, and refuses a stale version', async () => {
    const created = (await t.call('POST', '/api/members', { cookie: hz, body: memberInput(f.hzBranch) })).json();
    const newMobile = uniqueMobile();
    const res = await t.call('PATCH', `/api/members/${created.id}`, { cookie: hz, body: { version: created.version, mobile: newMobile, job: '村委会主任' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: created.version + 1, job: '村委会主任', mobile: `${newMobile.slice(0, 3)}****${newMobile.slice(-4)}` });

    const history = (await t.call('GET', `/api/members/${created.id}/history`, { cookie: hz })).json().items;
    expect(history[0].action).toBe('member.update');
    expect(history[0].changes).toEqual(expect.arrayContaining([
      { field: 'job', from: '社区网格员', to: '村委会主任' },
      { field: 'mobile', from: created.mobile, to: res.json().mobile },
    ]));
    const audit = await t.ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'member').where('entity_id', '=', created.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['member.create', 'member.update']);
    expect(JSON.stringify(audit)).not.toContain(newMobile);

    const stale = await t.call('PATCH', `/api/members/${created.id}`, { cookie: hz, body: { version: created.version, job: '旧版本' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().title).toBe('该记录已被他人修改，请刷新后重试');
  });

  it('re-checks the stored ID number when the birth date changes', async () => {
    const created = (await t.call('POST', '/api/members', { cookie: hz, body: memberInput(f.hzBranch) })).json();
    const res = await t.call('PATCH', `/api/members/${created.id}`, { cookie: hz, body: { version: created.version, birthDate: '1970-01-01' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('idNumber');
  });
});

describe('revealing personal data', () => {
  it('returns the full value to an actor with the reveal permission and audits it', async () => {
    const input = memberInput(f.hzBranch);
    const created = (await t.call('POST', '/api/members', { cookie: hz, body: input })).json();
    expect(created.canReveal).toBe(true);
    const res = await t.call('POST', `/api/members/${created.id}/reveal`, { cookie: hz, body: { field: 'idNumber' } });
    expect(res.json()).toEqual({ field: 'idNumber', value: input.idNumber });
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.reveal').where('entity_id', '=', created.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].actor_name).toBe('demo-hangzhou');
    expect(rows[0].after).toMatchObject({ field: 'idNumber' });
    expect(JSON.stringify(rows[0])).not.toContain(input.idNumber);
  });

  it('refuses a branch secretary, who may read but not reveal', async () => {
    const sec = await t.login('demo-secretary');
    const me = (await t.call('GET', '/api/me', { cookie: sec })).json();
    const branchId = me.roles[0].orgId;
    const list = (await t.call('GET', `/api/members?orgId=${branchId}`, { cookie: sec })).json();
    expect(list.items.length).toBeGreaterThan(0);
    const detail = (await t.call('GET', `/api/members/${list.items[0].id}`, { cookie: sec })).json();
    expect(detail.canReveal).toBe(false);
    expect((await t.call('POST', `/api/members/${list.items[0].id}/reveal`, { cookie: sec, body: { field: 'mobile' } })).statusCode).toBe(403);
  });
});

describe('listing members', () => {
  it('pages with a keyset cursor without gaps or repeats, and filters', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let total = 0;
    do {
      const page: { items: { id: string }[]; total?: number; nextCursor: string | null } = (await t.call('GET', `/api/members?orgId=${f.hangzhou.id}&limit=7${cursor ? `&cursor=${cursor}` : ''}`, { cookie: hz })).json();
      // The total comes with the first page only.
      if (cursor) expect(page.total).toBeUndefined();
      else total = page.total!;
      for (const m of page.items) {
        expect(seen.has(m.id)).toBe(false);
        seen.add(m.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(total);

    const probationary = (await t.call('GET', `/api/members?category=probationary&limit=200`, { cookie: hz })).json();
    expect(probationary.items.every((m: { category: string }) => m.category === 'probationary')).toBe(true);
    const migrants = (await t.call('GET', `/api/members?migrant=true&limit=200`, { cookie: hz })).json();
    expect(migrants.items.every((m: { migrant: boolean }) => m.migrant)).toBe(true);
    const bad = await t.call('GET', '/api/members?category=unknown', { cookie: hz });
    expect(bad.statusCode).toBe(400);
  });

  it('finds names by one or two characters anywhere in the name, only inside the subtree and the actor\'s scope', async () => {
    // Rare characters, so the demo data holds none of them: 鞠芃 (2), 鞠芃芃 (3), 司鞠芃 (inside the name), 芃 alone.
    const prov = await t.login('demo-province');
    const make = async (org: string, name: string) => (await t.call('POST', '/api/members', { cookie: prov, body: memberInput(org, { name }) })).json().id as string;
    const a = await make(f.hzBranch, '鞠芃');
    const b = await make(f.hzBranch, '鞠芃芃');
    const c = await make(f.hzBranch, '司鞠芃');
    const nb = await make(f.nbBranch, '鞠芃');
    const ids = async (cookie: string, query: string) => {
      const r = await t.call('GET', `/api/members?${query}&limit=200`, { cookie });
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json() as { items: { id: string; name: string }[]; total: number };
      expect(body.total).toBe(body.items.length);
      return body.items.map((m) => m.id).sort();
    };
    const sorted = (...x: string[]) => x.sort();
    const q = (s: string) => `q=${encodeURIComponent(s)}`;
    // Hangzhou's actor: two characters, one character, a prefix and a substring; never the Ningbo member.
    expect(await ids(hz, q('鞠芃'))).toEqual(sorted(a, b, c));
    expect(await ids(hz, q('芃'))).toEqual(sorted(a, b, c));
    expect(await ids(hz, q('司'))).toEqual([c]);
    expect(await ids(hz, q('芃芃'))).toEqual([b]);
    expect(await ids(hz, q('鞠芃芃'))).toEqual([b]);
    expect(await ids(hz, `${q('鞠芃')}&orgId=${f.hzBranch}`)).toEqual(sorted(a, b, c));
    // The province sees both cities; restricted to Ningbo, only Ningbo.
    expect(await ids(prov, q('鞠芃'))).toEqual(sorted(a, b, c, nb));
    expect(await ids(prov, `${q('芃')}&orgId=${f.ningbo.id}`)).toEqual([nb]);
    expect(await ids(prov, `${q('芃')}&orgId=${f.hangzhou.id}`)).toEqual(sorted(a, b, c));
    // Ningbo's actor never sees the Hangzhou ones.
    expect(await ids(await t.login('demo-ningbo'), q('芃'))).toEqual([nb]);
    // Paged: the first page carries the count of every match, later pages none; each match once.
    const pageOf = async (cursor?: string | null) => {
      const r = await t.call('POST', '/api/members/search', { cookie: prov, body: { q: '芃', limit: 3, ...(cursor ? { cursor } : {}) } });
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { items: { id: string }[]; total?: number; nextCursor: string | null };
    };
    const p1 = await pageOf();
    expect(p1).toMatchObject({ total: 4 });
    expect(p1.items).toHaveLength(3);
    const p2 = await pageOf(p1.nextCursor);
    expect(p2.total).toBeUndefined();
    expect([...p1.items, ...p2.items].map((m) => m.id).sort()).toEqual(sorted(a, b, c, nb));

    // A member shown through an online branch in Hangzhou (home in Ningbo) is found by name in Hangzhou too.
    await sql`insert into member_online_branches (member_id, org_id) values (${nb}, ${f.hzBranch})`.execute(t.ctx.db);
    try {
      expect(await ids(hz, q('芃'))).toEqual(sorted(a, b, c, nb));
      expect(await ids(hz, `${q('鞠芃')}&orgId=${f.hangzhou.id}`)).toEqual(sorted(a, b, c, nb));
    } finally {
      await sql`delete from member_online_branches where member_id = ${nb}`.execute(t.ctx.db);
    }
    // The index is on (name, org_path): a row whose org_path changes (a transfer, a subtree move) is found under its new place only.
    await sql`update members set org_id = ${f.hzBranch}, org_path = (select path from orgs where id = ${f.hzBranch}) where id = ${nb}`.execute(t.ctx.db);
    expect(await ids(hz, q('鞠芃'))).toEqual(sorted(a, b, c, nb));
    expect(await ids(await t.login('demo-ningbo'), q('芃'))).toEqual([]);
    // A member who has left the rolls (已转出) is no longer found.
    await sql`update members set departed_on = '2026-11-01', departure = 'transferred_out' where id = ${b}`.execute(t.ctx.db);
    expect(await ids(hz, q('芃'))).toEqual(sorted(a, c, nb));
    expect(await ids(hz, q('芃芃'))).toEqual([]);
  });

  it('pages in (branch, id) order, each member once, with the exact total on the first page, online-branch members included', async () => {
    const prov = await t.login('demo-province');
    const nbOnline = (await t.call('POST', '/api/members', { cookie: prov, body: memberInput(f.nbBranch, { name: '网支测' }) })).json().id as string;
    await sql`insert into member_online_branches (member_id, org_id) values (${nbOnline}, ${f.hzBranch})`.execute(t.ctx.db);
    try {
      const direct = Number((await sql<{ n: string }>`select count(*) n from members m where m.departed_on is null and (m.org_path like ${`${f.hangzhou.path}%`}
        or m.id in (select ob.member_id from member_online_branches ob join orgs o on o.id = ob.org_id where o.path like ${`${f.hangzhou.path}%`}))`.execute(t.ctx.db)).rows[0].n);
      for (const query of [`orgId=${f.hangzhou.id}`, '']) {
        const seen: string[] = [];
        const paths: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const res = await t.call('GET', `/api/members?${query}&limit=9${cursor ? `&cursor=${cursor}` : ''}`, { cookie: hz });
          expect(res.statusCode, res.body).toBe(200);
          const page: { items: { id: string; orgId: string }[]; total?: number; nextCursor: string | null } = res.json();
          expect(page.total).toBe(cursor ? undefined : direct);
          for (const m of page.items) seen.push(m.id);
          cursor = page.nextCursor;
          pages++;
        } while (cursor);
        expect(pages).toBeGreaterThan(2);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBe(direct);
        expect(seen).toContain(nbOnline);
        // The order is the index's: org_path (byte order), then id.
        const rows = await t.ctx.db.selectFrom('members').select(['id', 'org_path']).where('id', 'in', seen).execute();
        const pathOf = new Map(rows.map((r) => [r.id, r.org_path]));
        for (const id of seen) paths.push(`${pathOf.get(id)}\u0000${id.padStart(19, '0')}`);
        expect(paths).toEqual([...paths].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
      }
      // With a filter the total is counted; it matches the rows too.
      const probationary = (await t.call('GET', `/api/members?orgId=${f.hangzhou.id}&category=probationary&limit=200`, { cookie: hz })).json();
      expect(probationary.total).toBe(probationary.items.length);
    } finally {
      await sql`delete from member_online_branches where member_id = ${nbOnline}`.execute(t.ctx.db);
    }
  });

  it('keeps members who left the rolls (已转出) out of the list, shows them in the departed view, and refuses edits', async () => {
    const created = (await t.call('POST', '/api/members', { cookie: hz, body: memberInput(f.hzBranch) })).json();
    await t.ctx.db.updateTable('members').set({ departed_on: '2026-11-20', departure: 'transferred_out' }).where('id', '=', created.id).execute();
    const ids = async (query: string) => (await t.call('GET', `/api/members?orgId=${f.hzBranch}&limit=200${query}`, { cookie: hz })).json().items.map((m: { id: string }) => m.id);
    expect(await ids('')).not.toContain(created.id);
    const departed = (await t.call('GET', `/api/members?orgId=${f.hzBranch}&departed=true`, { cookie: hz })).json();
    expect(departed.items.every((m: { departedOn: string | null }) => m.departedOn !== null)).toBe(true);
    expect(departed.items.find((m: { id: string }) => m.id === created.id)).toMatchObject({ departedOn: '2026-11-20', departure: 'transferred_out' });
    expect((await t.call('GET', `/api/members/${created.id}`, { cookie: hz })).json()).toMatchObject({ departedOn: '2026-11-20' });
    const edit = await t.call('PATCH', `/api/members/${created.id}`, { cookie: hz, body: { version: created.version, job: '调出后修改' } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'member.departed', title: '该党员已于2026-11-20转出本省，档案不能再修改' });
  });

  it('shows a member account its own record, masked', async () => {
    const mem = await t.login('demo-member');
    const res = await t.call('GET', '/api/me/member', { cookie: mem });
    expect(res.statusCode).toBe(200);
    expect(res.json().idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect((await t.call('GET', '/api/members', { cookie: mem })).statusCode).toBe(403);
    expect(validIdNumber()).toHaveLength(18);
  });
});

describe('an ID number registered elsewhere is no oracle (issue 7, item 7)', () => {
  const refusals = () => t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.id_number_refused').orderBy('id').execute();
  /** A registration input carrying the ID number (and the birth date and gender it encodes) of an existing member. */
  async function inputWithIdOf(memberId: string, orgId: string) {
    const m = await t.ctx.db.selectFrom('members').select(['id_number_enc', 'birth_date', 'gender']).where('id', '=', memberId).executeTakeFirstOrThrow();
    return { ...memberInput(orgId), idNumber: t.ctx.crypto.decrypt(m.id_number_enc), birthDate: m.birth_date, gender: m.gender as 'male' | 'female' };
  }

  it('refuses a number registered outside the caller’s scope without saying where, the same way for create and edit, and audits it masked', async () => {
    const before = await countMembers();
    const input = await inputWithIdOf(f.nbMember, f.hzBranch);
    const res = await t.call('POST', '/api/members', { cookie: hz, body: input });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'member.id_number_unavailable', title: '该身份证号码无法在本组织登记，请联系上级党组织核实' });
    // Nothing about the existing record: not that it is a member's, nor its city, branch or name.
    const nb = await t.ctx.db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id').select(['m.name', 'o.name as org']).where('m.id', '=', f.nbMember).executeTakeFirstOrThrow();
    for (const word of ['宁波', '其他党员', '已登记', nb.name, nb.org]) expect(res.body).not.toContain(word);
    expect(await countMembers()).toBe(before);

    const audit = (await refusals()).at(-1)!;
    expect(audit).toMatchObject({ actor_name: 'demo-hangzhou', entity_type: 'member', entity_id: null });
    expect(audit.after).toEqual({ via: 'create', idNumber: `${input.idNumber.slice(0, 6)}********${input.idNumber.slice(-4)}`, orgId: f.hzBranch });
    expect(JSON.stringify(audit)).not.toContain(input.idNumber);

    // Changing one's own member's number to it: the same refusal.
    const own = (await t.call('POST', '/api/members', { cookie: hz, body: memberInput(f.hzBranch) })).json();
    const edit = await t.call('PATCH', `/api/members/${own.id}`, { cookie: hz, body: { version: own.version, idNumber: input.idNumber, birthDate: input.birthDate, gender: input.gender } });
    expect(edit.statusCode).toBe(409);
    expect(edit.json()).toMatchObject({ code: 'member.id_number_unavailable', title: res.json().title });
    expect((await refusals()).at(-1)).toMatchObject({ entity_id: own.id, after: { via: 'update' } });
  });

  it('names a duplicate the caller can read anyway (its member number), without an audit of a refusal', async () => {
    const input = await inputWithIdOf(f.hzMember, f.hzBranch);
    const n = (await refusals()).length;
    const res = await t.call('POST', '/api/members', { cookie: hz, body: input });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'member.duplicate_id_number', title: expect.stringContaining(`党员编号 ${f.hzMember}`) });
    expect((await refusals()).length).toBe(n);
  });

  it('gives a Ningbo member’s number to Ningbo’s staff named, and to Hangzhou’s neutral', async () => {
    const nb = await t.login('demo-ningbo');
    const asNingbo = await t.call('POST', '/api/members', { cookie: nb, body: await inputWithIdOf(f.nbMember, f.nbBranch) });
    expect(asNingbo.json().code).toBe('member.duplicate_id_number');
    const asHangzhou = await t.call('POST', '/api/members', { cookie: hz, body: await inputWithIdOf(f.nbMember, f.hzBranch) });
    expect(asHangzhou.json().code).toBe('member.id_number_unavailable');
  });
});
