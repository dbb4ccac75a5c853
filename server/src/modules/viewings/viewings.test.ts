/**
 * 集中收看 (F-72): scheduling rules, the check-in window and once-only rule, the station's subtree, roll call + QR +
 * confirmation crediting each present member exactly once through the ledger (daily cap respected, confirmation
 * idempotent), scope between cities, cancelled sessions, and the dashboard's figures against direct counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { awardCredit } from '../learning/learning.commands.js';

let t: TestApp;
let f: DemoFixtures;
let hz: string;
let nb: string;
let member: string;
let memberId: string;
/** A station whose organization's subtree holds demo-member's branch, and one in Hangzhou whose subtree does not. */
let home: { id: string; path: string };
let away: { id: string; path: string };
const MIN = 60_000;
const T0 = new Date('2026-12-01T23:00:00Z'); // 07:00 on 2 December in China

beforeAll(async () => {
  t = await createTestApp({ clockAt: T0 });
  f = await demoFixtures(t.ctx);
  [hz, nb, member] = await Promise.all([t.login('demo-hangzhou'), t.login('demo-ningbo'), t.login('demo-member')]);
  const acc = await t.ctx.db.selectFrom('accounts as a').innerJoin('members as m', 'm.id', 'a.member_id').select(['m.id', 'm.org_path'])
    .where('a.username', '=', 'demo-member').executeTakeFirstOrThrow();
  memberId = acc.id;
  const stations = await t.ctx.db.selectFrom('stations as s').innerJoin('orgs as o', 'o.id', 's.org_id').select(['s.id', 'o.path'])
    .where('s.status', '=', 'active').where('o.path', 'like', `${f.hangzhou.path}%`).orderBy('s.id').execute();
  home = stations.find((s) => acc.org_path.startsWith(s.path))!;
  away = stations.find((s) => !acc.org_path.startsWith(s.path) && !s.path.startsWith(acc.org_path))!;
  expect(home && away).toBeTruthy();
});
afterAll(async () => { await t?.close(); });

const at = (chinaTime: string) => new Date(`2026-12-02T${chinaTime}:00+08:00`);
/** Moves the clock and signs in again (hours pass between steps; an idle session would have timed out). */
async function setClock(d: Date) {
  t.clock.advance(d.getTime() - t.clock.now().getTime());
  [hz, nb, member] = await Promise.all([t.login('demo-hangzhou'), t.login('demo-ningbo'), t.login('demo-member')]);
}
const body = (over: Record<string, unknown> = {}) => ({ stationId: home.id, title: '学习贯彻党的二十届四中全会精神', startsAt: at('10:00').toISOString(), durationMinutes: 60, organizerName: '王建军', ...over });
async function schedule(over: Record<string, unknown> = {}) {
  const r = await t.call('POST', '/api/viewings', { cookie: hz, body: body(over) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: string; checkinCode: string; phase: string };
}
const count = async (table: 'viewing_sessions' | 'viewing_attendance' | 'learning_credits') =>
  Number((await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(t.ctx.db)).rows[0].n);
const ledger = (sessionId: string) => t.ctx.db.selectFrom('learning_credits').selectAll().where('source_type', '=', 'viewing.session').where('source_id', '=', sessionId).execute();
/** Other members on the station's roll (not demo-member), for roll-call ticks. */
async function rollMembers(sessionId: string, n: number, skip = 0): Promise<string[]> {
  const r = (await t.call('GET', `/api/viewings/${sessionId}/roll?limit=200`, { cookie: hz })).json();
  return r.items.map((i: { memberId: string }) => i.memberId).filter((id: string) => id !== memberId).slice(skip, skip + n);
}

describe('scheduling', () => {
  it('refuses a bad form with every problem in Chinese and stores nothing', async () => {
    await setClock(T0);
    const before = await count('viewing_sessions');
    const missing = await t.call('POST', '/api/viewings', { cookie: hz, body: body({ title: '  ', durationMinutes: 5 }) });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(expect.arrayContaining(['durationMinutes', 'title']));
    const past = await t.call('POST', '/api/viewings', { cookie: hz, body: body({ startsAt: '2026-12-01T09:00:00+08:00' }) });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors).toEqual([{ field: 'startsAt', message: '开始时间不能早于今天' }]);
    const far = await t.call('POST', '/api/viewings', { cookie: hz, body: body({ startsAt: '2028-01-01T09:00:00+08:00' }) });
    expect(far.json().errors[0].field).toBe('startsAt');
    const bad = await t.call('POST', '/api/viewings', { cookie: hz, body: body({ startsAt: 'tomorrow' }) });
    expect(bad.statusCode).toBe(400);
    const foreign = await t.call('POST', '/api/viewings', { cookie: nb, body: body() });
    expect(foreign.statusCode).toBe(403);
    expect(await count('viewing_sessions')).toBe(before);
  });

  it('refuses a second session at the same station overlapping in time', async () => {
    await setClock(T0);
    const first = await schedule({ startsAt: at('19:00').toISOString(), durationMinutes: 90 });
    const clash = await t.call('POST', '/api/viewings', { cookie: hz, body: body({ startsAt: at('20:00').toISOString(), title: '另一场' }) });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().errors[0].message).toContain('已安排集中收看');
    const cancel = await t.call('POST', `/api/viewings/${first.id}/cancel`, { cookie: hz, body: { reason: '停电' } });
    expect(cancel.json()).toMatchObject({ status: 'cancelled', phase: 'cancelled', cancelReason: '停电' });
    // Once the first is cancelled the time is free again.
    await schedule({ startsAt: at('20:00').toISOString(), title: '另一场' });
  });
});

describe('QR check-in', () => {
  it('opens 30 minutes before the start, admits once, and closes at the end', async () => {
    await setClock(T0);
    const s = await schedule({ startsAt: at('14:00').toISOString(), durationMinutes: 45 });
    expect(s.checkinCode).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const url = `/api/viewing-checkin/${s.checkinCode}`;
    expect((await t.call('GET', url, { cookie: member })).json()).toMatchObject({ state: 'not_yet', durationMinutes: 45 });
    await setClock(new Date(at('13:30').getTime() - MIN));
    const early = await t.call('POST', url, { cookie: member });
    expect(early.statusCode).toBe(400);
    expect(early.json().title).toContain('未到签到时间');
    await setClock(at('13:30'));
    const ok = await t.call('POST', url, { cookie: member });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'checked_in' });
    const again = await t.call('POST', url, { cookie: member });
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toContain('已签到');
    expect((await t.call('GET', url, { cookie: member })).json().state).toBe('checked_in');
    const rows = await t.ctx.db.selectFrom('viewing_attendance').selectAll().where('session_id', '=', s.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ member_id: memberId, present: true, method: 'qr' });
    expect((await t.call('GET', `/api/viewings/${s.id}`, { cookie: hz })).json()).toMatchObject({ phase: 'open', presentCount: 1 });
    await setClock(new Date(at('14:45').getTime() + MIN));
    const s2 = await schedule({ startsAt: at('16:00').toISOString() });
    await setClock(new Date(at('17:00').getTime() + MIN));
    const late = await t.call('POST', `/api/viewing-checkin/${s2.checkinCode}`, { cookie: member });
    expect(late.statusCode).toBe(409);
    expect(late.json().title).toContain('已结束');
  });

  it('refuses a member outside the station’s subtree until the organizer adds them', async () => {
    await setClock(at('08:00'));
    const s = await schedule({ stationId: away.id, startsAt: at('08:20').toISOString() });
    const url = `/api/viewing-checkin/${s.checkinCode}`;
    expect((await t.call('GET', url, { cookie: member })).json().state).toBe('out_of_scope');
    const refused = await t.call('POST', url, { cookie: member });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().title).toContain('不在本站点范围');
    expect(await t.ctx.db.selectFrom('viewing_attendance').select('member_id').where('session_id', '=', s.id).execute()).toEqual([]);
    // A staff account has no member record: it cannot check in either.
    expect((await t.call('POST', url, { cookie: hz })).statusCode).toBe(403);
    const found = (await t.call('GET', `/api/viewings/${s.id}/guest-candidates?q=${encodeURIComponent((await t.ctx.db.selectFrom('members').select('name').where('id', '=', memberId).executeTakeFirstOrThrow()).name)}`, { cookie: hz })).json();
    expect(found.items.map((i: { memberId: string }) => i.memberId)).toContain(memberId);
    expect((await t.call('POST', `/api/viewings/${s.id}/guests`, { cookie: hz, body: { memberId } })).statusCode).toBe(204);
    expect((await t.call('POST', url, { cookie: member })).statusCode).toBe(200);
    const roll = (await t.call('GET', `/api/viewings/${s.id}/roll?present=true`, { cookie: hz })).json();
    expect(roll.items).toEqual([expect.objectContaining({ memberId, guest: true, present: true, method: 'qr' })]);
    // Ningbo cannot add its own members to a Hangzhou session, nor Hangzhou add Ningbo's.
    expect((await t.call('POST', `/api/viewings/${s.id}/guests`, { cookie: hz, body: { memberId: f.nbMember } })).statusCode).toBe(403);
  });

  it('is refused for a cancelled session, and an unknown code is not found', async () => {
    await setClock(at('08:00'));
    const s = await schedule({ startsAt: at('08:30').toISOString(), title: '取消测试' , stationId: home.id, durationMinutes: 10 });
    await t.call('POST', `/api/viewings/${s.id}/cancel`, { cookie: hz, body: { reason: '设备故障' } });
    const url = `/api/viewing-checkin/${s.checkinCode}`;
    expect((await t.call('GET', url, { cookie: member })).json().state).toBe('cancelled');
    const r = await t.call('POST', url, { cookie: member });
    expect(r.statusCode).toBe(409);
    expect(r.json().title).toContain('已取消');
    expect((await t.call('POST', `/api/viewings/${s.id}/confirm`, { cookie: hz })).statusCode).toBe(409);
    expect((await t.call('GET', '/api/viewing-checkin/AAAAAAAAAAAAAAAAAAAAAAAA', { cookie: member })).statusCode).toBe(404);
    expect((await t.call('POST', '/api/viewing-checkin/bad%20code', { cookie: member })).statusCode).toBe(400);
    expect(await t.ctx.db.selectFrom('viewing_attendance').select('member_id').where('session_id', '=', s.id).execute()).toEqual([]);
  });
});

describe('roll call and confirmation', () => {
  it('credits every present member exactly once, stores each outcome, and a second confirmation changes nothing', async () => {
    await setClock(at('08:40'));
    const s = await schedule({ startsAt: at('09:20').toISOString(), durationMinutes: 60, title: '党课：牢记初心使命' });
    const [a, b] = await rollMembers(s.id, 2);
    // Ticking before the window opens is refused.
    expect((await t.call('PUT', `/api/viewings/${s.id}/attendance/${a}`, { cookie: hz, body: { present: true } })).statusCode).toBe(400);
    // Confirming before the start is refused.
    expect((await t.call('POST', `/api/viewings/${s.id}/confirm`, { cookie: hz })).statusCode).toBe(400);
    await setClock(at('09:25'));
    for (const m of [a, b]) expect((await t.call('PUT', `/api/viewings/${s.id}/attendance/${m}`, { cookie: hz, body: { present: true } })).statusCode).toBe(204);
    expect((await t.call('POST', `/api/viewing-checkin/${s.checkinCode}`, { cookie: member })).statusCode).toBe(200);
    // A member not on the roll cannot be ticked; Ningbo cannot tick at all.
    expect((await t.call('PUT', `/api/viewings/${s.id}/attendance/${f.nbMember}`, { cookie: hz, body: { present: true } })).statusCode).toBe(404);
    expect((await t.call('PUT', `/api/viewings/${s.id}/attendance/${a}`, { cookie: nb, body: { present: false } })).statusCode).toBe(403);
    expect(await ledger(s.id)).toEqual([]);

    await setClock(at('10:25'));
    const first = await t.call('POST', `/api/viewings/${s.id}/confirm`, { cookie: hz });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ changed: true, credited: 3, capped: 0, session: { status: 'closed', phase: 'closed', presentCount: 3, creditedCount: 3 } });
    const rows = await ledger(s.id);
    expect(rows.map((r) => r.member_id).sort()).toEqual([a, b, memberId].sort());
    expect(rows.every((r) => r.kind === 'group_viewing' && r.minutes === 60 && r.day === '2026-12-02' && r.title.includes('牢记初心使命'))).toBe(true);

    const credits = await count('learning_credits');
    const audits = await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'viewing.confirm').execute();
    const again = await t.call('POST', `/api/viewings/${s.id}/confirm`, { cookie: hz });
    expect(again.json()).toMatchObject({ changed: false, credited: 3 });
    expect(await count('learning_credits')).toBe(credits);
    expect(await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'viewing.confirm').execute()).toHaveLength(audits.length);
    // After confirmation nothing about attendance changes.
    expect((await t.call('PUT', `/api/viewings/${s.id}/attendance/${a}`, { cookie: hz, body: { present: false } })).statusCode).toBe(409);

    const roll = (await t.call('GET', `/api/viewings/${s.id}/roll?present=true`, { cookie: hz })).json();
    expect(roll.items.map((i: { creditOutcome: string; creditMinutes: number }) => [i.creditOutcome, i.creditMinutes])).toEqual([['awarded', 60], ['awarded', 60], ['awarded', 60]]);
    expect(JSON.stringify(roll)).not.toMatch(/idNumber|mobile|\*{4}/);

    // The member sees the credit in 我的学习.
    const mine = (await t.call('GET', '/api/me/learning', { cookie: member })).json();
    expect(mine.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'group_viewing', sourceType: 'viewing.session', sourceId: s.id, minutes: 60 })]));
  });

  it('respects the daily cap of group viewing and says why a member got less or nothing', async () => {
    await setClock(at('11:00'));
    const s = await schedule({ startsAt: at('11:10').toISOString(), durationMinutes: 60 });
    const [a, b] = await rollMembers(s.id, 2, 10); // members no other test credits
    // Earlier today a has used 450 of the 480 minutes, b all of them (other sources of the same kind).
    await t.ctx.db.transaction().execute(async (trx) => {
      await awardCredit(trx, { memberId: a, kind: 'group_viewing', sourceType: 'viewing.session', sourceId: '990001', minutes: 450, title: '别处' }, at('06:00'));
      await awardCredit(trx, { memberId: b, kind: 'group_viewing', sourceType: 'viewing.session', sourceId: '990002', minutes: 480, title: '别处' }, at('06:00'));
    });
    await setClock(at('11:15'));
    for (const m of [a, b]) await t.call('PUT', `/api/viewings/${s.id}/attendance/${m}`, { cookie: hz, body: { present: true } });
    await setClock(at('12:15'));
    const r = (await t.call('POST', `/api/viewings/${s.id}/confirm`, { cookie: hz })).json();
    expect(r).toMatchObject({ changed: true, credited: 0, capped: 1, dailyCap: 1 });
    const rows = await ledger(s.id);
    expect(rows.map((x) => [x.member_id, x.minutes, x.asked_minutes])).toEqual([[a, 30, 60]]);
    const outcomes = await t.ctx.db.selectFrom('viewing_attendance').select(['member_id', 'credit_outcome', 'credit_minutes']).where('session_id', '=', s.id).orderBy('member_id').execute();
    expect(new Map(outcomes.map((o) => [o.member_id, [o.credit_outcome, o.credit_minutes]]))).toEqual(new Map([[a, ['capped', 30]], [b, ['daily_cap', null]]]));
  });
});

describe('scope', () => {
  it('keeps Ningbo from seeing or managing Hangzhou’s sessions', async () => {
    await setClock(at('12:30'));
    const s = await schedule({ startsAt: at('21:00').toISOString(), durationMinutes: 30 });
    for (const [method, url, bodyOf] of [
      ['GET', `/api/viewings/${s.id}`], ['GET', `/api/viewings/${s.id}/roll`], ['POST', `/api/viewings/${s.id}/confirm`],
      ['POST', `/api/viewings/${s.id}/cancel`, { reason: '越权' }], ['GET', `/api/viewings?orgId=${f.hangzhou.id}`], ['GET', `/api/viewings?stationId=${home.id}&orgId=${f.hangzhou.id}`],
    ] as const) {
      const r = await t.call(method, url, { cookie: nb, body: bodyOf });
      expect(r.statusCode, `${method} ${url}`).toBe(403);
    }
    const list = (await t.call('GET', `/api/viewings?stationId=${home.id}`, { cookie: nb })).json();
    expect(list).toMatchObject({ items: [], total: 0 });
    const mine = (await t.call('GET', `/api/viewings?stationId=${home.id}`, { cookie: hz })).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(s.id);
    expect((await t.call('GET', `/api/viewings/${s.id}`, { cookie: hz })).json().status).toBe('scheduled');
  });

  it('pages the list newest first with filters', async () => {
    await setClock(at('07:30'));
    const day = '2026-12-05';
    for (const h of ['09', '14', '19']) await schedule({ stationId: away.id, startsAt: new Date(`${day}T${h}:00:00+08:00`).toISOString(), title: `翻页测试${h}` });
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; startsAt: string }[]; nextCursor: string | null; total: number } = (await t.call('GET', `/api/viewings?stationId=${away.id}&from=${day}&to=${day}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { cookie: hz })).json();
      expect(page.total).toBe(3);
      all.push(...page.items.map((i) => i.startsAt));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual(['19', '14', '09'].map((h) => new Date(`${day}T${h}:00:00+08:00`).toISOString()));
    const byTitle = (await t.call('GET', `/api/viewings?q=${encodeURIComponent('翻页测试14')}`, { cookie: hz })).json();
    expect(byTitle.items.map((i: { title: string }) => i.title)).toEqual(['翻页测试14']);
    expect((await t.call('GET', `/api/viewings?stationId=${away.id}&from=${day}&to=${day}&status=closed`, { cookie: hz })).json().total).toBe(0);
  });
});

describe('dashboard', () => {
  it('shows this year’s sessions held and attendances equal to direct counts, per subtree', async () => {
    const direct = async (path: string) => {
      const r = await sql<{ sessions: number; attendances: number }>`
        select count(distinct v.id)::int as sessions, count(a.member_id)::int as attendances
        from viewing_sessions v join stations s on s.id = v.station_id join orgs o on o.id = s.org_id
        left join viewing_attendance a on a.session_id = v.id and a.present
        where v.status = 'closed' and o.path like ${`${path}%`} and extract(year from v.starts_at at time zone 'Asia/Shanghai') = 2026`.execute(t.ctx.db);
      return r.rows[0];
    };
    // One more session held at the away station: two present.
    await setClock(at('22:00'));
    const s = await schedule({ stationId: away.id, startsAt: at('22:00').toISOString(), durationMinutes: 30, title: '看板测试' });
    for (const m of await rollMembers(s.id, 2)) await t.call('PUT', `/api/viewings/${s.id}/attendance/${m}`, { cookie: hz, body: { present: true } });
    const before = (await t.call('GET', '/api/dashboard/viewings', { cookie: hz })).json();
    expect((await t.call('POST', `/api/viewings/${s.id}/confirm`, { cookie: hz })).statusCode).toBe(200);
    const got = (await t.call('GET', '/api/dashboard/viewings', { cookie: hz })).json();
    expect(got).toEqual({ year: 2026, ...(await direct(f.hangzhou.path)) });
    expect(got).toEqual({ year: 2026, sessions: before.sessions + 1, attendances: before.attendances + 2 });
    const province = (await t.call('GET', '/api/dashboard/viewings', { cookie: await t.login('demo-province') })).json();
    expect(province).toEqual({ year: 2026, ...(await direct('/')) });
    expect((await t.call('GET', `/api/dashboard/viewings?orgId=${f.ningbo.id}`, { cookie: nb })).json()).toEqual({ year: 2026, sessions: 0, attendances: 0 });
    expect((await t.call('GET', `/api/dashboard/viewings?orgId=${f.hangzhou.id}`, { cookie: nb })).statusCode).toBe(403);
  });
});
