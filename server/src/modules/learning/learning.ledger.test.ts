/**
 * The credit ledger (F-71): a source counts once a day, each kind has a daily cap (what is left is credited, then
 * nothing), concurrent awards cannot overrun a cap, the year total always equals the ledger, the member sees progress
 * against the duty (32 hours, 56 for committee members), and only the province changes the rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { awardCredit, type CreditAward } from './learning.commands.js';

let t: TestApp;
let memberId: string;
let otherMember: string;
let memberCookie: string;
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp({ clockAt: new Date('2026-11-30T02:00:00Z') }); // 10:00 in China
  const account = await t.ctx.db.selectFrom('accounts').select('member_id').where('username', '=', 'demo-member').executeTakeFirstOrThrow();
  memberId = account.member_id!;
  const other = await t.ctx.db.selectFrom('members').select('members.id').where('members.id', '!=', memberId).where('members.departed_on', 'is', null)
    .leftJoin('party_positions as p', (j) => j.onRef('p.member_id', '=', 'members.id').on('p.ended_on', 'is', null))
    .where('p.id', 'is', null).orderBy('members.id').executeTakeFirstOrThrow();
  otherMember = other.id;
  memberCookie = await t.login('demo-member');
});
afterAll(async () => { await t?.close(); });

const lesson = (member: string, sourceId: string, minutes: number): CreditAward =>
  ({ memberId: member, kind: 'lesson', sourceType: 'learning.lesson', sourceId, minutes, title: `第${sourceId}课` });
const award = (a: CreditAward, at = t.clock.now()) => t.ctx.db.transaction().execute((trx) => awardCredit(trx, a, at));
const ledgerOf = (member: string) => t.ctx.db.selectFrom('learning_credits').selectAll().where('member_id', '=', member).orderBy('id').execute();
const yearOf = (member: string, year = 2026) => t.ctx.db.selectFrom('learning_member_years').selectAll()
  .where('member_id', '=', member).where('year', '=', year).executeTakeFirst();

describe('credit ledger', () => {
  it('counts the same source once a China day, and again the next day', async () => {
    const at = new Date('2026-03-10T02:00:00Z');
    expect(await award(lesson(otherMember, '101', 30), at)).toMatchObject({ awarded: true, minutes: 30, capped: false });
    expect(await award(lesson(otherMember, '101', 30), new Date(at.getTime() + 3 * 3600_000))).toEqual({ awarded: false, reason: 'already_today' });
    // 23:59 UTC is 07:59 the next morning in China: a new day.
    expect(await award(lesson(otherMember, '101', 30), new Date('2026-03-10T23:59:00Z'))).toMatchObject({ awarded: true, minutes: 30 });
    const rows = await ledgerOf(otherMember);
    expect(rows.map((r) => [r.day, r.source_id, r.minutes])).toEqual([['2026-03-10', '101', 30], ['2026-03-11', '101', 30]]);
    expect(await yearOf(otherMember)).toMatchObject({ minutes: 60, credits: 2 });
  });

  it('credits what the daily cap leaves, then nothing; other kinds and other days are not affected', async () => {
    const at = new Date('2026-04-01T01:00:00Z');
    expect(await award(lesson(otherMember, '201', 200), at)).toMatchObject({ awarded: true, minutes: 200, capped: false });
    expect(await award(lesson(otherMember, '202', 100), at)).toMatchObject({ awarded: true, minutes: 40, capped: true });
    expect(await award(lesson(otherMember, '203', 10), at)).toEqual({ awarded: false, reason: 'daily_cap' });
    const article: CreditAward = { memberId: otherMember, kind: 'article', sourceType: 'news.article', sourceId: '7', minutes: 5, title: '文章' };
    expect(await award(article, at)).toMatchObject({ awarded: true, minutes: 5 });
    expect(await award(lesson(otherMember, '203', 10), new Date(at.getTime() + DAY))).toMatchObject({ awarded: true, minutes: 10 });
    const capped = (await ledgerOf(otherMember)).find((r) => r.source_id === '202')!;
    expect({ minutes: capped.minutes, asked: capped.asked_minutes }).toEqual({ minutes: 40, asked: 100 });
  });

  it('holds the cap when awards for one member arrive at once', async () => {
    const at = new Date('2026-05-06T03:00:00Z');
    const outcomes = await Promise.all(['301', '302', '303', '304', '305'].map((id) => award(lesson(otherMember, id, 100), at)));
    const given = outcomes.reduce((s, o) => s + (o.awarded ? o.minutes : 0), 0);
    expect(given).toBe(240);
    const day = (await ledgerOf(otherMember)).filter((r) => r.day === '2026-05-06');
    expect(day.reduce((s, r) => s + r.minutes, 0)).toBe(240);
  });

  it('keeps the year total equal to the ledger', async () => {
    const rows = await ledgerOf(otherMember);
    const y = await yearOf(otherMember);
    expect(y).toMatchObject({ minutes: rows.reduce((s, r) => s + r.minutes, 0), credits: rows.length });
  });

  it('refuses a source type without a module, and a non-positive worth, changing nothing', async () => {
    const before = (await ledgerOf(otherMember)).length;
    await expect(award({ ...lesson(otherMember, '401', 10), sourceType: 'lesson' })).rejects.toThrow(/source type/);
    await expect(award(lesson(otherMember, '402', 0))).rejects.toThrow(/positive/);
    expect((await ledgerOf(otherMember)).length).toBe(before);
  });
});

describe('我的学习', () => {
  it('shows the member this year’s minutes against the duty, today’s caps and the ledger page by page', async () => {
    for (const id of ['1', '2', '3']) await award(lesson(memberId, id, 30));
    const first = await t.call('GET', '/api/me/learning?limit=2', { cookie: memberCookie });
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    const cadre = (await t.ctx.db.selectFrom('party_positions').select('id').where('member_id', '=', memberId).where('ended_on', 'is', null).execute()).length > 0;
    expect(body).toMatchObject({ year: 2026, minutes: 90, cadre, dutyMinutes: (cadre ? 56 : 32) * 60 });
    expect(body.percent).toBe(Math.floor(9000 / body.dutyMinutes));
    expect(body.today.find((k: { kind: string }) => k.kind === 'lesson')).toEqual({ kind: 'lesson', minutes: 90, cap: 240 });
    expect(body.items.map((i: { sourceId: string }) => i.sourceId)).toEqual(['3', '2']);
    const second = (await t.call('GET', `/api/me/learning?limit=2&cursor=${body.nextCursor}`, { cookie: memberCookie })).json();
    expect(second.items.map((i: { sourceId: string }) => i.sourceId)).toEqual(['1']);
    expect(second.nextCursor).toBeNull();
    expect((await t.call('GET', '/api/me/learning?year=2025', { cookie: memberCookie })).json()).toMatchObject({ minutes: 0, items: [] });
  });

  it('has no ledger for a staff account without a member record', async () => {
    const r = await t.call('GET', '/api/me/learning', { cookie: await t.login('demo-hangzhou') });
    expect(r.statusCode).toBe(403);
    expect(r.json().title).toContain('党员档案');
  });
});

describe('credit rules', () => {
  const rulesBody = (version: number, over: Record<string, unknown> = {}) => ({
    completionPercent: 85, articleMinSeconds: 90, articleMinutes: 5, quizMinutes: 10,
    dailyCaps: { lesson: 180, article: 30, quiz: 30, group_viewing: 480, live: 240 },
    dutyHoursMember: 32, dutyHoursCadre: 56, version, ...over,
  });

  it('is changed by the province only, audited, and applies to the next award', async () => {
    const province = await t.login('demo-province');
    const current = (await t.call('GET', '/api/learning/rules', { cookie: memberCookie })).json();
    expect(current).toMatchObject({ completionPercent: 90, dailyCaps: { lesson: 240 }, dutyHoursMember: 32, dutyHoursCadre: 56 });

    const city = await t.call('PUT', '/api/learning/rules', { cookie: await t.login('demo-hangzhou'), body: rulesBody(current.version) });
    expect(city.statusCode).toBe(403);
    const bad = await t.call('PUT', '/api/learning/rules', { cookie: province, body: rulesBody(current.version, { completionPercent: 40 }) });
    expect(bad.statusCode).toBe(400);
    expect((await t.call('GET', '/api/learning/rules', { cookie: province })).json().completionPercent).toBe(90);

    const ok = await t.call('PUT', '/api/learning/rules', { cookie: province, body: rulesBody(current.version) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ completionPercent: 85, dailyCaps: { lesson: 180 }, version: current.version + 1 });
    const stale = await t.call('PUT', '/api/learning/rules', { cookie: province, body: rulesBody(current.version) });
    expect(stale.statusCode).toBe(409);

    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_name', 'before', 'after']).where('action', '=', 'learning.rules.update').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_name: 'demo-province', before: { completion_percent: 90 }, after: { completion_percent: 85, cap_lesson_minutes: 180 } });

    const at = new Date('2026-06-01T02:00:00Z');
    expect(await award(lesson(otherMember, '501', 200), at)).toMatchObject({ minutes: 180, capped: true });
  });
});
