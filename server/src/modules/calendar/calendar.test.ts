/**
 * 工作日历 over the API: every staff member reads a year's holidays and adjusted working days; only the province's
 * system administrator changes them, each change audited; bad dates and pointless entries are refused in Chinese and
 * change nothing; due dates follow a change at once (the cache is dropped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { dueDate } from './calendar.service.js';

let t: TestApp;
let sys: string;
let hz: string;

beforeAll(async () => {
  t = await createTestApp();
  [sys, hz] = [await t.login('demo-sysadmin'), await t.login('demo-hangzhou')];
});
afterAll(async () => { await t?.close(); });

type Day = { date: string; kind: 'holiday' | 'workday'; name: string; weekday: number; updatedByName: string | null };
const year = async (cookie: string, y: number) => {
  const r = await t.call('GET', `/api/calendar/days?year=${y}`, { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { year: number; items: Day[]; holidays: number; workdays: number; workingDays: number };
};
const put = (cookie: string, date: string, body: unknown) => t.call('PUT', `/api/calendar/days/${date}`, { cookie, body });
const auditOf = (date: string) => t.ctx.db.selectFrom('audit_log').select(['action', 'actor_name', 'org_path', 'before', 'after'])
  .where('entity_type', '=', 'calendar_day').where('entity_id', '=', date).orderBy('id').execute();

describe('工作日历', () => {
  it('shows any staff member the year as the State Council published it (the demo’s 2026)', async () => {
    const y = await year(hz, 2026);
    expect(y.items).toHaveLength(39);
    expect(y.items.find((d) => d.date === '2026-02-14')).toMatchObject({ kind: 'workday', name: '春节调休', weekday: 6 });
    expect(y.items.filter((d) => d.name === '春节' && d.kind === 'holiday').map((d) => d.date)).toEqual(
      ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']);
    expect({ holidays: y.holidays, workdays: y.workdays, workingDays: y.workingDays }).toEqual({ holidays: 19, workdays: 6, workingDays: 248 });
    // A year nobody has entered: ordinary weeks.
    expect(await year(hz, 2030)).toMatchObject({ items: [], holidays: 0, workdays: 0, workingDays: 261 });
  });

  it('exports the year as a spreadsheet, read back cell by cell, the export audited', async () => {
    const r = await t.call('POST', '/api/exports/calendar-days.xlsx', { cookie: hz, body: { year: 2026 } });
    expect(r.statusCode, r.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((row) => (row as unknown[]).slice(1).map(String));
    expect(rows[0]).toEqual(['日期', '星期', '类型', '名称']);
    expect(rows).toContainEqual(['2026-02-14', '星期六', '调休上班', '春节调休']);
    expect(rows).toContainEqual(['2026-10-07', '星期三', '休息', '国庆节']);
    expect(rows.filter((row) => /^2026-/.test(row[0]!))).toHaveLength(39);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['actor_name', 'after']).where('action', '=', 'calendar.export').execute();
    expect(audit).toEqual([{ actor_name: 'demo-hangzhou', after: { year: 2026, count: 39 } }]);
    expect((await t.call('POST', '/api/exports/calendar-days.xlsx', { cookie: hz, body: { year: 1999 } })).statusCode).toBe(400);
  });

  it('is not shown to a party member’s account, nor without a session', async () => {
    expect((await t.call('GET', '/api/calendar/days?year=2026', { cookie: await t.login('demo-member') })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/calendar/days?year=2026')).statusCode).toBe(401);
  });

  it('lets the system administrator add, rename and remove a holiday, each change audited; due dates follow at once', async () => {
    // Before 2027 is entered, a request of 2026-12-31 with 2 working days is due on Monday 2027-01-04 — and the
    // answer says 2027 is not kept.
    expect(await dueDate(t.ctx, '2026-12-31', 2)).toEqual({ due: '2027-01-04', unkeptYears: [2027] });

    const r = await put(sys, '2027-01-01', { kind: 'holiday', name: '元旦' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ date: '2027-01-01', kind: 'holiday', name: '元旦', weekday: 5 });
    expect(await dueDate(t.ctx, '2026-12-31', 2)).toEqual({ due: '2027-01-05', unkeptYears: [] });
    const due = await t.call('GET', '/api/calendar/due?from=2026-12-31&workingDays=2', { cookie: hz });
    expect(due.json()).toEqual({ from: '2026-12-31', workingDays: 2, due: '2027-01-05', unkeptYears: [] });

    // The same again changes nothing and writes no audit row; a new name is one change with before and after.
    expect((await put(sys, '2027-01-01', { kind: 'holiday', name: '元旦' })).statusCode).toBe(200);
    expect((await put(sys, '2027-01-01', { kind: 'holiday', name: ' 元旦节 ' })).json()).toMatchObject({ name: '元旦节' });
    expect((await year(hz, 2027)).items.map((d) => [d.date, d.name])).toEqual([['2027-01-01', '元旦节']]);

    const d = await t.call('DELETE', '/api/calendar/days/2027-01-01', { cookie: sys });
    expect(d.statusCode).toBe(204);
    expect((await year(hz, 2027)).items).toEqual([]);
    expect(await dueDate(t.ctx, '2026-12-31', 2)).toEqual({ due: '2027-01-04', unkeptYears: [2027] });
    const again = await t.call('DELETE', '/api/calendar/days/2027-01-01', { cookie: sys });
    expect(again.statusCode).toBe(404);
    expect(again.json().title).toContain('2027-01-01');

    const audit = await auditOf('2027-01-01');
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      ['calendar.day.set', null, { kind: 'holiday', name: '元旦' }],
      ['calendar.day.set', { kind: 'holiday', name: '元旦' }, { kind: 'holiday', name: '元旦节' }],
      ['calendar.day.delete', { kind: 'holiday', name: '元旦节' }, null],
    ]);
    expect(audit.every((a) => a.actor_name === 'demo-sysadmin' && a.org_path === '/1/')).toBe(true);
  });

  it('records a worked Saturday, and a holiday on a weekend (it names the day, as the notice’s ranges do)', async () => {
    expect((await put(sys, '2027-02-06', { kind: 'workday', name: '春节调休' })).json()).toMatchObject({ kind: 'workday', weekday: 6 });
    expect(await dueDate(t.ctx, '2027-02-05', 1)).toMatchObject({ due: '2027-02-06' });
    expect((await put(sys, '2027-02-07', { kind: 'holiday', name: '春节' })).statusCode).toBe(200);
    for (const date of ['2027-02-06', '2027-02-07']) expect((await t.call('DELETE', `/api/calendar/days/${date}`, { cookie: sys })).statusCode).toBe(204);
  });

  it('refuses, in Chinese and changing nothing: a worked Monday, an empty name, a date that is not a date, a year out of range', async () => {
    const monday = await put(sys, '2027-03-01', { kind: 'workday', name: '调休' });
    expect(monday.statusCode).toBe(400);
    expect(monday.json().errors).toEqual([{ field: 'kind', message: expect.stringMatching(/2027-03-01是周一，本来就是工作日.*周六或周日/) }]);
    const empty = await put(sys, '2027-03-06', { kind: 'holiday', name: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([{ field: 'name', message: expect.stringContaining('请填写名称') }]);
    for (const bad of ['2027-02-30', '2027-13-01', 'tomorrow', '1999-12-31']) {
      const r = await put(sys, bad, { kind: 'holiday', name: '假日' });
      expect(r.statusCode, bad).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(r.json()), bad).toMatch(/\p{Script=Han}/u);
    }
    expect((await put(sys, '2027-03-06', { kind: 'rest', name: '假日' })).statusCode).toBe(400);
    expect((await t.call('GET', '/api/calendar/days?year=1999', { cookie: hz })).statusCode).toBe(400);
    expect((await t.call('GET', '/api/calendar/days', { cookie: hz })).statusCode).toBe(400);
    expect((await t.call('GET', '/api/calendar/due?from=2026-02-30&workingDays=5', { cookie: hz })).statusCode).toBe(400);
    expect((await t.call('GET', '/api/calendar/due?from=2026-02-13&workingDays=-1', { cookie: hz })).statusCode).toBe(400);
    expect((await year(hz, 2027)).items).toEqual([]);
    expect(await t.ctx.db.selectFrom('audit_log').select('id').where('entity_type', '=', 'calendar_day').where('entity_id', 'like', '2027-03%').execute()).toEqual([]);
  });

  it('is changed by nobody but the system administrator (org administrators, the security administrator are refused)', async () => {
    for (const user of ['demo-province', 'demo-hangzhou', 'demo-secadmin']) {
      const cookie = await t.login(user);
      const r = await put(cookie, '2027-05-01', { kind: 'holiday', name: '劳动节' });
      expect(r.statusCode, user).toBe(403);
      expect((await t.call('DELETE', '/api/calendar/days/2026-02-16', { cookie })).statusCode, user).toBe(403);
    }
    expect((await year(hz, 2026)).items).toHaveLength(39);
  });
});
