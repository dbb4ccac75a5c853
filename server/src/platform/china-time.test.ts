import { afterAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, chinaDateTime, chinaToday, chinaYear, isRealDate, monthsBetween } from './china-time.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { demoFixtures } from '../../test/fixtures.js';

describe('the China calendar', () => {
  it('is a day ahead of UTC from 16:00 UTC on (07:00 China time is 23:00 UTC the day before)', () => {
    const at = new Date('2026-11-29T23:00:00Z');
    expect(chinaToday(at)).toBe('2026-11-30');
    expect(chinaDateTime(at)).toBe('2026-11-30 07:00');
    expect(chinaToday(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(chinaToday(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });

  it('turns the year at 16:00 UTC on 31 December', () => {
    expect(chinaYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(chinaYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
  });

  it('knows impossible days', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '0000-01-01', '2026-00-10', '2026-04-31', '2025-02-29', '2100-02-29', '2026-1-01', '20260101']) expect(isRealDate(bad), bad).toBe(false);
    for (const good of ['2024-02-29', '2000-02-29', '1921-07-01', '2026-12-31', '0001-01-01']) expect(isRealDate(good), good).toBe(true);
  });

  it('adds days, months and years on the calendar', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addYears('2028-02-29', -31)).toBe('1997-02-28');
    expect(monthsBetween('2026-05-28', '2026-11-27')).toBe(5);
  });
});

/** 07:00 China time on the China day after the real one (the demo data is dated up to the real day). */
function sevenInTheMorningTomorrow(): { at: Date; today: string } {
  const today = addDays(chinaToday(new Date()), 1);
  return { at: new Date(`${today}T07:00:00+08:00`), today };
}

describe('at 07:00 China time (still yesterday in UTC)', () => {
  let t: TestApp | undefined;
  afterAll(async () => { await t?.close(); });

  it('accepts an out-flow, a return and an activity dated today, and refuses tomorrow', async () => {
    const { at, today } = sevenInTheMorningTomorrow();
    t = await createTestApp({ clockAt: at });
    expect(t.clock.now().toISOString().slice(0, 10)).not.toBe(today); // the UTC date is yesterday
    const f = await demoFixtures(t.ctx);
    const nb = await t.login('demo-ningbo');
    const m = await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${f.ningbo.path}%`).where('migrant', '=', false).where('departed_on', 'is', null).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const flow = { flowType: 'within_city', reason: 'work_business', destProvince: '浙江省', destCity: '宁波市' };

    const tomorrow = await t.call('POST', `/api/members/${m.id}/flows`, { cookie: nb, body: { ...flow, leftOn: addDays(today, 1) } });
    expect(tomorrow.statusCode).toBe(400);
    const res = await t.call('POST', `/api/members/${m.id}/flows`, { cookie: nb, body: { ...flow, leftOn: today } });
    expect(res.statusCode, res.body).toBe(201);
    const back = await t.call('POST', `/api/flows/${res.json().id}/return`, { cookie: nb, body: { returnedOn: today } });
    expect(back.statusCode, back.body).toBe(200);
    const life = await t.call('POST', `/api/members/${m.id}/activities`, { cookie: nb, body: { kind: 'life', onDate: today } });
    expect(life.statusCode, life.body).toBe(201);
  });
});

describe('at 2026-12-31T16:30Z (already 1 January 2027 in China)', () => {
  let t: TestApp | undefined;
  afterAll(async () => { await t?.close(); });

  it('numbers the introduction letter in 2027 and issues it on 2027-01-01', async () => {
    t = await createTestApp({ clockAt: new Date('2026-12-31T16:30:00Z') });
    const f = await demoFixtures(t.ctx);
    const hz = await t.login('demo-hangzhou');
    const m = await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${f.hangzhou.path}%`).where('departed_on', 'is', null).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const created = await t.call('POST', '/api/transfers', { cookie: hz, body: { memberId: m.id, outsideOrgName: '中共上海市某街道第一党支部', outsideProvince: '上海市', outsideCity: '黄浦区', duesPaidTo: '2026-12', reason: '工作调动' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await t.call('POST', `/api/transfers/${id}/submit`, { cookie: hz, body: {} })).statusCode).toBe(200);
    const approved = await t.call('POST', `/api/transfers/${id}/approve`, { cookie: hz, body: {} });
    expect(approved.statusCode, approved.body).toBe(200);
    const detail = (await t.call('GET', `/api/transfers/${id}`, { cookie: hz })).json();
    expect(detail.letterNo).toMatch(/^浙组转〔2027〕\d{6}$/);
    expect(detail.issuedOn).toBe('2027-01-01');
  }, 120_000); // the app is made inside the test (its clock is the test's point): on a loaded machine that alone took 30 s
});
