import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestApp, exportCall, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { ACTIONS, STATES, type TransferAction, type TransferState } from './transfers.schema.js';
import { findTransition } from './transfers.rules.js';
import { chinaToday, chinaYear } from '../../platform/china-time.js';

let t: TestApp;
let f: DemoFixtures;
let hz: string;
let nb: string;
let prov: string;
let hzMembers: string[];
let nbBranch2: string;
beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  [hz, nb, prov] = [await t.login('demo-hangzhou'), await t.login('demo-ningbo'), await t.login('demo-province')];
  const secretaryBranch = (await t.ctx.db.selectFrom('accounts as a').innerJoin('role_grants as g', 'g.account_id', 'a.id').select('g.org_id').where('a.username', '=', 'demo-secretary').executeTakeFirstOrThrow()).org_id;
  hzMembers = (await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${f.hangzhou.path}%`).where('org_id', '!=', secretaryBranch).orderBy('id').limit(30).execute()).map((m) => m.id);
  nbBranch2 = (await sql<{ id: string }>`select o.id from orgs o where o.path like ${`${f.ningbo.path}%`} and o.type = 'branch' and o.status = 'active' and o.id <> ${f.nbBranch} order by o.id limit 1`.execute(t.ctx.db)).rows[0].id;
});
afterAll(async () => { await t?.close(); });

let next = 0;
const freshHzMember = () => hzMembers[next++];
const post = (cookie: string, url: string, body: unknown = {}) => t.call('POST', url, { cookie, body });
const get = (cookie: string, url: string) => t.call('GET', url, { cookie });
const apply = (overrides: Record<string, unknown> = {}) => ({ duesPaidTo: '2026-10', reason: '工作调动，调入宁波市工作', note: '已谈话', ...overrides });

async function create(cookie: string, body: Record<string, unknown>) {
  const res = await post(cookie, '/api/transfers', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; state: string; letterNo: string; actions: string[] };
}
async function step(cookie: string, id: string, action: string, body: unknown = {}, status = 200) {
  const res = await post(cookie, `/api/transfers/${id}/${action}`, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(status);
  return res.json();
}
/** A Hangzhou member on the way to a Ningbo branch, brought to `state`. */
async function hzToNb(state: 'applied' | 'out_review' | 'in_review', memberId = freshHzMember()) {
  const tr = await create(hz, { memberId, toOrgId: f.nbBranch, ...apply() });
  if (state !== 'applied') await step(hz, tr.id, 'submit');
  if (state === 'in_review') await step(hz, tr.id, 'approve');
  return { id: tr.id, memberId };
}
const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);

describe('the transition table', () => {
  const allowed: Record<string, TransferState> = {
    'submit applied': 'out_review', 'submit returned': 'out_review',
    'approve out_review platform': 'in_review', 'approve out_review outside': 'completed', 'approve in_review': 'completed',
    'return out_review': 'returned', 'return in_review': 'returned',
  };
  it.each(STATES.flatMap((s) => ACTIONS.flatMap((a) => [false, true].map((outside) => [s, a, outside] as const))))('%s × %s (outside %s)', (state, action, outside) => {
    const open = ['applied', 'out_review', 'in_review', 'returned'].includes(state);
    const expected = action === 'withdraw' ? (open ? 'withdrawn' : undefined)
      : action === 'cancel' ? (open ? 'cancelled' : undefined)
      : allowed[`${action} ${state} ${outside ? 'outside' : 'platform'}`] ?? allowed[`${action} ${state}`];
    if (outside && action === 'approve' && state === 'in_review') return; // an outside transfer never reaches in_review
    expect(findTransition(action as TransferAction, state, outside)?.to).toBe(expected);
  });
});

describe('a transfer from Hangzhou to Ningbo', () => {
  it('goes applied → out_review → in_review → completed, moving the member with history and audit', async () => {
    const memberId = freshHzMember();
    const before = await t.ctx.db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow();
    const tr = await create(hz, { memberId, toOrgId: f.nbBranch, ...apply() });
    expect(tr.state).toBe('applied');
    expect(tr.letterNo).toMatch(/^浙组转〔\d{4}〕\d{6}$/);
    expect(tr.actions).toEqual(['submit', 'withdraw', 'cancel']);

    // The receiving side does not see the sending side's steps.
    expect((await get(nb, `/api/transfers/${tr.id}`)).statusCode).toBe(403);
    expect(ids(await get(nb, '/api/transfers'))).not.toContain(tr.id);
    expect((await post(nb, `/api/transfers/${tr.id}/approve`)).statusCode).toBe(403);

    expect((await step(hz, tr.id, 'submit')).state).toBe('out_review');
    expect((await get(nb, `/api/transfers/${tr.id}`)).statusCode).toBe(403);
    expect((await get(hz, `/api/transfers/${tr.id}/letter`)).statusCode).toBe(409);

    const sent = await step(hz, tr.id, 'approve', { comment: '同意转出' });
    expect(sent).toMatchObject({ state: 'in_review', stateName: '转入方审核', actions: ['withdraw', 'cancel'] });
    expect(sent.issuedOn).toBe(chinaToday(t.clock.now()));
    expect(sent.expiresOn).not.toBeNull();
    // Now the receiving side sees it, incoming only, and may approve or return it, not cancel it.
    expect(ids(await get(nb, '/api/transfers?direction=incoming'))).toContain(tr.id);
    expect(ids(await get(nb, '/api/transfers?direction=outgoing'))).not.toContain(tr.id);
    expect(ids(await get(hz, '/api/transfers?direction=outgoing'))).toContain(tr.id);
    expect(ids(await get(hz, '/api/transfers?direction=incoming'))).not.toContain(tr.id);
    expect((await get(nb, `/api/transfers/${tr.id}`)).json().actions).toEqual(['approve', 'return']);
    // The sending side cannot do the receiving side's step.
    const wrong = await post(hz, `/api/transfers/${tr.id}/approve`);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'transfer.wrong_side', title: expect.stringContaining('转入方') });
    expect((await post(nb, `/api/transfers/${tr.id}/cancel`)).statusCode).toBe(403);

    const done = await step(nb, tr.id, 'approve', { comment: '同意接收' });
    expect(done.state).toBe('completed');
    expect(done.steps.map((s: { action: string }) => s.action)).toEqual(['create', 'submit', 'approve', 'approve']);
    expect(done.steps.map((s: { toState: string }) => s.toState)).toEqual(['applied', 'out_review', 'in_review', 'completed']);
    expect(done.steps[3]).toMatchObject({ fromState: 'in_review', comment: '同意接收' });

    const after = await t.ctx.db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow();
    const nbOrg = await t.ctx.db.selectFrom('orgs').select(['path']).where('id', '=', f.nbBranch).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ org_id: f.nbBranch, org_path: nbOrg.path, version: before.version + 1 });
    // Ningbo now lists the member, Hangzhou no longer does.
    expect((await get(nb, `/api/members/${memberId}`)).statusCode).toBe(200);
    expect((await get(hz, `/api/members/${memberId}`)).statusCode).toBe(403);
    const nbName = encodeURIComponent(before.name);
    expect(ids(await get(nb, `/api/members?q=${nbName}&limit=200`))).toContain(memberId);
    expect(ids(await get(hz, `/api/members?q=${nbName}&limit=200`))).not.toContain(memberId);
    // History and audit rows exist.
    const history = (await get(nb, `/api/members/${memberId}/history`)).json().items;
    expect(history[0]).toMatchObject({ action: 'member.transfer', changes: expect.arrayContaining([{ field: 'orgId', from: before.org_id, to: f.nbBranch }]) });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'org_path']).where((eb) => eb.or([eb.and([eb('entity_type', '=', 'transfer'), eb('entity_id', '=', tr.id)]), eb.and([eb('entity_type', '=', 'member'), eb('entity_id', '=', memberId)])])).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['transfer.create', 'transfer.submit', 'transfer.approve', 'transfer.approve', 'member.transfer']);
    expect(audit[4].org_path).toBe(nbOrg.path);
    // Both sides still find the finished transfer in their lists; the letter prints.
    expect(ids(await get(hz, '/api/transfers?state=completed'))).toContain(tr.id);
    expect(ids(await get(nb, '/api/transfers?state=completed'))).toContain(tr.id);
    expect((await get(nb, `/api/transfers/${tr.id}/letter`)).statusCode).toBe(200);
    // A completed transfer takes no further action.
    for (const a of ACTIONS) {
      const res = await post(prov, `/api/transfers/${tr.id}/${a}`, a === 'return' ? { reason: '再退回' } : {});
      expect(res.statusCode, a).toBe(409);
      expect(res.json()).toMatchObject({ code: 'transfer.invalid_state', title: expect.stringContaining('「完成」') });
    }
  });

  it('refuses steps out of order with 409 naming the current state', async () => {
    const { id } = await hzToNb('applied');
    for (const a of ['approve', 'return'] as const) {
      const res = await post(prov, `/api/transfers/${id}/${a}`, a === 'return' ? { reason: '材料不全' } : {});
      expect(res.statusCode).toBe(409);
      expect(res.json().title).toBe(`该转接当前状态为「申请」，不能${a === 'approve' ? '审核通过' : '退回修改'}`);
    }
    await step(hz, id, 'submit');
    expect((await post(hz, `/api/transfers/${id}/submit`)).json().title).toContain('「转出方审核」');
    await step(hz, id, 'approve');
    const res = await post(hz, `/api/transfers/${id}/submit`);
    expect(res.statusCode).toBe(409);
    expect(res.json().title).toContain('「转入方审核」');
  });

  it('is returned by either side with a reason, edited and resubmitted', async () => {
    const { id } = await hzToNb('out_review');
    expect((await post(hz, `/api/transfers/${id}/return`, {})).statusCode).toBe(400);
    const back = await step(hz, id, 'return', { reason: '党费交纳月份有误' });
    expect(back).toMatchObject({ state: 'returned', stateName: '退回修改', returnReason: '党费交纳月份有误', actions: ['submit', 'withdraw', 'cancel'] });
    const refused = await post(hz, `/api/transfers/${id}/approve`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().title).toContain('「退回修改」');

    const again = await step(hz, id, 'submit', { duesPaidTo: '2026-11', validityDays: 60 });
    expect(again).toMatchObject({ state: 'out_review', duesPaidTo: '2026-11', validityDays: 60, returnReason: null });
    await step(hz, id, 'approve');
    const nbBack = await step(nb, id, 'return', { reason: '接收支部有误，请改转至其他支部' });
    expect(nbBack).toMatchObject({ state: 'returned', issuedOn: null, expiresOn: null });
    // The receiving side keeps seeing what was forwarded to it, but cannot resubmit.
    expect((await post(nb, `/api/transfers/${id}/submit`)).statusCode).toBe(403);
    const moved = await step(hz, id, 'submit', { toOrgId: nbBranch2 });
    expect(moved).toMatchObject({ state: 'out_review', toOrgId: nbBranch2 });
    await step(hz, id, 'approve');
    expect((await step(nb, id, 'approve')).state).toBe('completed');
    const m = await t.ctx.db.selectFrom('members').select('org_id').where('id', '=', (moved as { memberId: string }).memberId).executeTakeFirstOrThrow();
    expect(m.org_id).toBe(nbBranch2);
    const detail = (await get(hz, `/api/transfers/${id}`)).json();
    expect(detail.steps.map((s: { action: string }) => s.action)).toEqual(['create', 'submit', 'return', 'submit', 'approve', 'return', 'submit', 'approve', 'approve']);
  });

  it('is withdrawn by the applicant only, and is then closed to every action', async () => {
    const { id, memberId } = await hzToNb('in_review');
    const other = await post(prov, `/api/transfers/${id}/withdraw`);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('transfer.wrong_side');
    expect((await step(hz, id, 'withdraw', { comment: '本人申请撤回' })).state).toBe('withdrawn');
    for (const a of ACTIONS) {
      const res = await post(prov, `/api/transfers/${id}/${a}`, a === 'return' ? { reason: '再退回' } : {});
      expect(res.statusCode, a).toBe(409);
      expect(res.json().title).toContain('「本人撤回」');
    }
    const m = await t.ctx.db.selectFrom('members').select('org_path').where('id', '=', memberId).executeTakeFirstOrThrow();
    expect(m.org_path.startsWith(f.hangzhou.path)).toBe(true);
  });

  it('lets a member withdraw their own transfer', async () => {
    const sec = await t.login('demo-secretary');
    const me = await t.login('demo-member');
    const own = (await get(me, '/api/me/member')).json();
    const tr = await create(sec, { memberId: own.id, toOrgId: f.nbBranch, ...apply() });
    expect((await get(me, `/api/transfers/${tr.id}`)).json().actions).toEqual(['withdraw']);
    expect((await get(me, '/api/transfers')).statusCode).toBe(403);
    expect((await post(me, `/api/transfers/${tr.id}/approve`)).statusCode).toBe(403);
    expect((await step(me, tr.id, 'withdraw')).state).toBe('withdrawn');
  });

  it('is cancelled by the sending side only', async () => {
    const { id } = await hzToNb('in_review');
    expect((await post(nb, `/api/transfers/${id}/cancel`)).statusCode).toBe(403);
    expect((await step(hz, id, 'cancel', { comment: '不再调动' })).state).toBe('cancelled');
    for (const a of ACTIONS) expect((await post(prov, `/api/transfers/${id}/${a}`, a === 'return' ? { reason: '再退回' } : {})).json().title, a).toContain('「撤销」');
  });

  it('allows one open transfer per member', async () => {
    const { id, memberId } = await hzToNb('out_review');
    const dup = await post(hz, '/api/transfers', { memberId, toOrgId: nbBranch2, ...apply() });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'transfer.open_exists', title: expect.stringContaining('正在办理') });
    await step(hz, id, 'cancel');
    await create(hz, { memberId, toOrgId: nbBranch2, ...apply() });
  });

  it('refuses the receiving approval once the letter has expired', async () => {
    const { id } = await hzToNb('in_review');
    t.clock.advance(31 * 86_400_000);
    // Sessions time out too: log in again on the later day.
    [hz, nb, prov] = [await t.login('demo-hangzhou'), await t.login('demo-ningbo'), await t.login('demo-province')];
    const res = await post(nb, `/api/transfers/${id}/approve`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'transfer.expired', title: expect.stringMatching(/已于\d{4}-\d{2}-\d{2}过期/) });
    expect((await get(nb, `/api/transfers/${id}`)).json().state).toBe('in_review');
    await step(nb, id, 'return', { reason: '介绍信已过期，请重新开具' });
  });

  it('numbers letters in one sequence per year', async () => {
    const a = await create(hz, { memberId: freshHzMember(), toOrgId: f.nbBranch, ...apply() });
    const b = await create(hz, { memberId: freshHzMember(), toOrgId: f.nbBranch, ...apply() });
    const n = (s: string) => Number(s.slice(-6));
    expect(n(b.letterNo)).toBe(n(a.letterNo) + 1);
    expect(b.letterNo.slice(0, 9)).toBe(`浙组转〔${chinaYear(t.clock.now())}〕`);
  });

  it.each([
    ['no destination', {}, 'toOrgId'],
    ['both destinations', { toOrgId: 'NB', outsideOrgName: '中共上海市某支部', outsideProvince: '上海市', outsideCity: '上海市' }, 'toOrgId'],
    ['a committee as destination', { toOrgId: 'NBCITY' }, 'toOrgId'],
    ['the same branch', { toOrgId: 'SAME' }, 'toOrgId'],
    ['an outside destination without city', { outsideOrgName: '中共上海市某支部', outsideProvince: '上海市' }, 'outsideCity'],
    ['a validity of 91 days', { toOrgId: 'NB', validityDays: 91 }, 'validityDays'],
    ['a bad dues month', { toOrgId: 'NB', duesPaidTo: '2026-13' }, 'duesPaidTo'],
  ])('refuses %s', async (_l, dest, field) => {
    const memberId = hzMembers[29];
    const same = (await t.ctx.db.selectFrom('members').select('org_id').where('id', '=', memberId).executeTakeFirstOrThrow()).org_id;
    const map: Record<string, string> = { NB: f.nbBranch, NBCITY: f.ningbo.id, SAME: same };
    const d = Object.fromEntries(Object.entries(dest).map(([k, v]) => [k, k === 'toOrgId' ? map[v as string] : v]));
    const res = await post(hz, '/api/transfers', { memberId, ...apply(), ...d });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses a member of another subtree', async () => {
    const res = await post(nb, '/api/transfers', { memberId: freshHzMember(), toOrgId: f.nbBranch, ...apply() });
    expect(res.statusCode).toBe(403);
  });
});

describe('scope', () => {
  it('keeps Ningbo → Ningbo transfers from Hangzhou', async () => {
    const tr = await create(nb, { memberId: f.nbMember, toOrgId: nbBranch2, ...apply() });
    await step(nb, tr.id, 'submit');
    await step(nb, tr.id, 'approve');
    expect(ids(await get(hz, '/api/transfers?limit=200'))).not.toContain(tr.id);
    expect(ids(await get(hz, '/api/transfers?direction=incoming&limit=200'))).not.toContain(tr.id);
    expect((await get(hz, `/api/transfers/${tr.id}`)).statusCode).toBe(403);
    expect((await get(hz, `/api/transfers/${tr.id}/letter`)).statusCode).toBe(403);
    expect((await post(hz, `/api/transfers/${tr.id}/cancel`)).statusCode).toBe(403);
    expect(ids(await get(prov, '/api/transfers?limit=200'))).toContain(tr.id);
    expect(ids(await get(nb, `/api/transfers?q=${encodeURIComponent(tr.id ? (await get(nb, `/api/transfers/${tr.id}`)).json().memberName : '')}`))).toContain(tr.id);
  });

  it('pages with a keyset cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await get(prov, `/api/transfers?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = await t.ctx.db.selectFrom('transfers').select('id').orderBy('id', 'desc').execute();
    expect(seen).toEqual(all.map((r) => r.id));
  });
});

describe('待本方办理 (pending=true)', () => {
  it('lists what waits for the caller’s side: the sending side until it approves, then the receiving side', async () => {
    const { id } = await hzToNb('applied');
    const pending = async (cookie: string, extra = '') => ids(await get(cookie, `/api/transfers?pending=true&limit=200${extra}`));
    expect(await pending(hz)).toContain(id);
    expect(await pending(nb)).not.toContain(id);
    await step(hz, id, 'submit');
    expect(await pending(hz)).toContain(id);
    await step(hz, id, 'approve');
    expect(await pending(hz)).not.toContain(id);
    expect(await pending(nb)).toContain(id);
    expect(await pending(nb, '&direction=incoming')).toContain(id);
    expect(await pending(nb, '&direction=outgoing')).not.toContain(id);
    const row = (await get(nb, '/api/transfers?pending=true&limit=200')).json().items.find((i: { id: string }) => i.id === id);
    expect(row).toMatchObject({ state: 'in_review', issuedOn: expect.any(String), expiresOn: expect.any(String) });
    await step(nb, id, 'return', { reason: '介绍信信息有误' });
    expect(await pending(nb)).not.toContain(id);
    expect(await pending(hz)).toContain(id);
  });
});

describe('GET /api/transfers/destinations', () => {
  const search = (cookie: string, q: string, extra = '') => get(cookie, `/api/transfers/destinations?q=${encodeURIComponent(q)}${extra}`);

  it('finds active branches anywhere in the province by name, names only', async () => {
    const nbOrg = await t.ctx.db.selectFrom('orgs').select(['id', 'name', 'full_name', 'path']).where('id', '=', f.nbBranch).executeTakeFirstOrThrow();
    const res = await search(hz, nbOrg.name, '&limit=50');
    expect(res.statusCode, res.body).toBe(200);
    const items: { id: string; name: string; fullName: string; ancestors: string[] }[] = res.json().items;
    const hit = items.find((i) => i.id === f.nbBranch);
    expect(hit).toMatchObject({ name: nbOrg.name, fullName: nbOrg.full_name || nbOrg.name });
    expect(hit!.ancestors[0]).toBe('宁波市委');
    // Only the four keys: no paths, counts, secretaries, phones or members.
    for (const i of items) expect(Object.keys(i).sort()).toEqual(['ancestors', 'fullName', 'id', 'name']);
    expect(res.body).not.toContain(nbOrg.path);
  });

  it('returns branch types only, never committees or deactivated branches', async () => {
    const items: { id: string }[] = (await search(hz, '市委', '&limit=50')).json().items;
    const rows = items.length ? await t.ctx.db.selectFrom('orgs').select(['type', 'status']).where('id', 'in', items.map((i) => i.id)).execute() : [];
    for (const r of rows) {
      expect(['branch', 'joint_branch', 'temporary_branch', 'general_branch']).toContain(r.type);
      expect(r.status).toBe('active');
    }
    expect((await search(hz, '宁波市委')).json().items.map((i: { id: string }) => i.id)).not.toContain(f.ningbo.id);
  });

  it('needs two characters and transfer.write', async () => {
    expect((await search(hz, '村')).statusCode).toBe(400);
    const member = await t.login('demo-member');
    expect((await search(member, '党支部')).statusCode).toBe(403);
  });
});

describe('a transfer out of the platform', () => {
  it('completes on the sending side approval and prints a letter', async () => {
    const memberId = freshHzMember();
    const m = await t.ctx.db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow();
    const tr = await create(hz, { memberId, outsideOrgName: '中共上海市浦东新区张江镇第一党支部', outsideProvince: '上海市', outsideCity: '浦东新区', ...apply({ validityDays: 45, reason: '工作调动至上海' }) });
    expect(tr).toMatchObject({ destination: 'outside', toOrgId: null, toOrgName: '中共上海市浦东新区张江镇第一党支部' });
    expect((await get(hz, `/api/transfers/${tr.id}/letter`)).json().code).toBe('transfer.letter_not_issued');
    await step(hz, tr.id, 'submit');
    const done = await step(hz, tr.id, 'approve');
    expect(done).toMatchObject({ state: 'completed', actions: [] });

    const res = await get(hz, `/api/transfers/${tr.id}/letter`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const s of ['中国共产党党员组织关系介绍信', tr.letterNo, m.name, m.id_number_masked, '上海市浦东新区中共上海市浦东新区张江镇第一党支部', '有效期<u>45</u>天', '党费已交到<u>2026年10月</u>', '回　执']) expect(html).toContain(s);
    expect(html).toContain(done.fromOrgName);
    expect(html).not.toContain(t.ctx.crypto.decrypt(m.id_number_enc));

    // The record stays with the sending branch and its history, marked 已转出: off the rolls and the counts.
    const after = await t.ctx.db.selectFrom('members').select(['org_id', 'departed_on', 'departure']).where('id', '=', memberId).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ org_id: m.org_id, departure: 'transferred_out' });
    expect(after.departed_on).not.toBeNull();
    const history = (await get(hz, `/api/members/${memberId}/history`)).json().items;
    expect(history[0].action).toBe('member.transfer_out');
  });

  it('takes the departed member off the counters and refuses a second transfer', async () => {
    const memberId = freshHzMember();
    const m = await t.ctx.db.selectFrom('members').selectAll().where('id', '=', memberId).executeTakeFirstOrThrow();
    const counts = async () => {
      const city = (await get(hz, `/api/dashboard?orgId=${f.hangzhou.id}`)).json();
      const branch = await t.ctx.db.selectFrom('org_member_counts').select('members').where('org_id', '=', m.org_id).executeTakeFirstOrThrow();
      return { city: city.totals.members, branch: branch.members };
    };
    const before = await counts();
    // With no meetings or dues on record the member is on the six-month alert, until they leave the rolls.
    await t.ctx.db.deleteFrom('member_activities').where('member_id', '=', memberId).execute();
    const onAlert = async () => (await get(hz, `/api/alerts/inactive-members?orgId=${m.org_id}`)).json().items.some((x: { memberId: string }) => x.memberId === memberId);
    expect(await onAlert()).toBe(true);
    const tr = await create(hz, { memberId, outsideOrgName: '中共江苏省苏州市工业园区某公司党支部', outsideProvince: '江苏省', outsideCity: '苏州市', ...apply() });
    await step(hz, tr.id, 'submit');
    expect((await step(hz, tr.id, 'approve')).state).toBe('completed');
    expect(await counts()).toEqual({ city: before.city - 1, branch: before.branch - 1 });
    expect(await onAlert()).toBe(false);
    const again = await t.call('POST', '/api/transfers', { cookie: hz, body: { memberId, outsideOrgName: '某党支部', outsideProvince: '上海市', outsideCity: '上海市', ...apply() } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'member.departed' });
  });

  it('escapes what users typed into the letter', async () => {
    const tr = await create(hz, { memberId: freshHzMember(), outsideOrgName: '<script>alert(1)</script>', outsideProvince: '上海市', outsideCity: '浦东新区', ...apply() });
    await step(hz, tr.id, 'submit');
    await step(hz, tr.id, 'approve');
    const html = (await get(hz, `/api/transfers/${tr.id}/letter`)).body;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('exporting the list', () => {
  /** The rows of an exported workbook as objects keyed by the Chinese headers. */
  async function sheet(cookie: string, query: string) {
    const res = await exportCall(t, 'transfers', `${query}`, cookie);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [header, ...rows] = wb.worksheets[0].getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    return { count: Number(res.headers['x-row-count']), rows: rows.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i]]))) };
  }

  it('exports what each side may see, masked, and audits it', async () => {
    const memberId = freshHzMember();
    const name = (await t.ctx.db.selectFrom('members').select('name').where('id', '=', memberId).executeTakeFirstOrThrow()).name;
    const tr = await create(hz, { memberId, toOrgId: f.nbBranch, ...apply() });
    const out = await sheet(hz, 'direction=outgoing');
    const mine = out.rows.find((r) => r['介绍信编号'] === tr.letterNo)!;
    expect(mine).toMatchObject({ 状态: '申请', 党员姓名: name, 转接类型: '本平台内', 党费交至: '2026-10' });
    expect(String(mine['身份证号'])).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(out.count).toBe(out.rows.length);
    // The receiving side sees nothing of it before the sending side approves.
    expect((await sheet(nb, '')).rows.some((r) => r['介绍信编号'] === tr.letterNo)).toBe(false);
    await step(hz, tr.id, 'submit');
    await step(hz, tr.id, 'approve');
    expect((await sheet(nb, 'direction=incoming')).rows.find((r) => r['介绍信编号'] === tr.letterNo)).toMatchObject({ 状态: '转入方审核' });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'transfer.export').orderBy('id').execute();
    expect(audit.map((a) => a.actor_name)).toEqual(['demo-hangzhou', 'demo-ningbo', 'demo-ningbo']);
    expect(audit[0].after).toMatchObject({ filter: { direction: 'outgoing' }, count: out.count });
  });
});

describe('the API document', () => {
  it('declares every transfer route, the letter as text/html', async () => {
    const doc = (await t.call('GET', '/api/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/transfers', '/api/transfers/destinations', '/api/transfers/{id}', '/api/transfers/{id}/submit', '/api/transfers/{id}/approve', '/api/transfers/{id}/return', '/api/transfers/{id}/withdraw', '/api/transfers/{id}/cancel', '/api/transfers/{id}/letter']));
    expect(Object.keys(doc.paths['/api/transfers/{id}/letter'].get.responses['200'].content)).toEqual(['text/html']);
  });
});
