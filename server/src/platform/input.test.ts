import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../test/fixtures.js';
import { addDays, chinaToday } from './china-time.js';
import { textProblem } from './schemas.js';

let t: TestApp;
let f: DemoFixtures;
let province: string;
let hz: string;

beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  province = await t.login('demo-province');
  hz = await t.login('demo-hangzhou');
});
afterAll(async () => { await t?.close(); });

let n = 0;
const branch = (overrides: Record<string, unknown> = {}) => ({ parentId: f.hangzhou.id, name: `输入测试党支部${++n}`, fullName: `中共输入测试第${n}支部委员会`, type: 'branch', level: 'grassroots', sector: 'other', ...overrides });
const fieldErrors = (body: string) => (JSON.parse(body) as { errors?: { field: string; message: string }[] }).errors ?? [];

describe('text fields', () => {
  it('refuses NUL, control and bidirectional-override characters in a search with a field error, not a 500', async () => {
    for (const q of ['a\u0000b', 'a\u0007b', '\u202e西湖', '西\u2066湖']) {
      const res = await t.call('GET', `/api/orgs?q=${encodeURIComponent(q)}`, { cookie: hz });
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'q', message: '不能包含换行、制表符等控制字符或文字方向控制符' }] });
    }
  });

  it('refuses them in every text field of a body, naming each field', async () => {
    const res = await t.call('POST', '/api/orgs', { cookie: hz, body: branch({ name: 'a\u0000b', fullName: '中共\u202e测试', secretaryName: '张\n三' }) });
    expect(res.statusCode).toBe(400);
    expect(fieldErrors(res.body).map((e) => e.field).sort()).toEqual(['fullName', 'name', 'secretaryName']);
  });

  it('trims before checking length: a name of spaces is refused, a padded name is stored trimmed', async () => {
    const blank = await t.call('POST', '/api/orgs', { cookie: hz, body: branch({ name: '   ', fullName: '\u3000\u3000' }) });
    expect(blank.statusCode).toBe(400);
    expect(fieldErrors(blank.body)).toEqual(expect.arrayContaining([{ field: 'name', message: '此项不能为空' }, { field: 'fullName', message: '此项不能为空' }]));

    const padded = branch();
    const res = await t.call('POST', '/api/orgs', { cookie: hz, body: { ...padded, name: `  ${padded.name}  `, secretaryName: ' 张卫国 ' } });
    expect(res.statusCode, res.body).toBe(201);
    const row = await t.ctx.db.selectFrom('orgs').select(['name', 'secretary_name']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: padded.name, secretary_name: '张卫国' });
  });

  it('keeps line breaks in multi-line text (a transfer note) and never trims a password', async () => {
    expect(textProblem('第一行\n第二行', 'multiline')).toBeNull();
    expect(textProblem('第一行\u0000', 'multiline')).not.toBeNull();
    // The console's text areas (an activity note here) may hold line breaks; a single-line field may not.
    const note = await t.call('POST', `/api/members/${f.hzMember}/activities`, { cookie: hz, body: { kind: 'life', onDate: chinaToday(t.clock.now()), note: '  学习党章\n讨论发言  ' } });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json().note).toBe('学习党章\n讨论发言');
    const bidi = await t.call('POST', `/api/members/${f.hzMember}/activities`, { cookie: hz, body: { kind: 'life', onDate: chinaToday(t.clock.now()), note: '学习\u202e党章' } });
    expect(bidi.statusCode).toBe(400);
    // ' Demo#2026' is not the password: it is not trimmed into it.
    const res = await t.call('POST', '/api/auth/login', { body: { username: 'demo-ningbo', password: ' Demo#2026' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('dates', () => {
  it('refuses impossible days that match YYYY-MM-DD with a field error', async () => {
    for (const foundedOn of ['2026-02-30', '2026-13-01', '0000-01-01', '2025-02-29']) {
      const res = await t.call('POST', '/api/orgs', { cookie: hz, body: branch({ foundedOn }) });
      expect(res.statusCode, foundedOn).toBe(400);
      expect(fieldErrors(res.body)).toContainEqual({ field: 'foundedOn', message: '不是有效日期' });
    }
    const member = await t.call('POST', `/api/members/${f.hzMember}/activities`, { cookie: hz, body: { kind: 'life', onDate: '2026-02-30' } });
    expect(member.statusCode).toBe(400);
  });

  it('refuses a founding date in the future (China time) and party dates before 1921', async () => {
    const tomorrow = addDays(chinaToday(t.clock.now()), 1);
    const future = await t.call('POST', '/api/orgs', { cookie: hz, body: branch({ foundedOn: tomorrow }) });
    expect(future.statusCode).toBe(400);
    expect(fieldErrors(future.body)).toEqual([{ field: 'foundedOn', message: '成立日期不能晚于今天' }]);
    const today = await t.call('POST', '/api/orgs', { cookie: hz, body: branch({ foundedOn: chinaToday(t.clock.now()) }) });
    expect(today.statusCode, today.body).toBe(201);

    const early = await t.call('POST', `/api/members/${f.hzMember}/activities`, { cookie: hz, body: { kind: 'life', onDate: '1920-12-31' } });
    expect(early.statusCode).toBe(400);
    expect(fieldErrors(early.body)).toEqual([{ field: 'onDate', message: '不能早于1921年7月1日' }]);
    const patch = await t.call('PATCH', `/api/orgs/${f.hzBranch}`, { cookie: province, body: { version: 1, foundedOn: '1899-01-01' } });
    expect(patch.statusCode).toBe(400);
  });
});

describe('numbers', () => {
  it('refuses a number too large for the database instead of failing in SQL', async () => {
    const res = await t.call('PATCH', `/api/orgs/${f.hzBranch}`, { cookie: province, body: { version: 1e308, secretaryName: '张卫国' } });
    expect(res.statusCode).toBe(400);
    expect(fieldErrors(res.body)).toContainEqual({ field: 'version', message: '不能大于2147483647' });
  });
});
