/** Problem titles follow Accept-Language: the English console shows English errors, everyone else Chinese. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preferredLanguage } from '../src/platform/language.js';
import { createTestApp, type TestApp } from './test-app.js';

describe('preferredLanguage', () => {
  it.each([
    [undefined, 'zh'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en;q=0.5,zh-CN;q=0.9', 'zh'],
    ['fr-FR,en;q=0.7', 'en'],
    ['fr-FR', 'zh'],
    ['en;q=0', 'zh'],
    ['*', 'zh'],
  ] as const)('%s → %s', (header, lang) => {
    expect(preferredLanguage(header)).toBe(lang);
  });
});

describe('problem titles', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('are Chinese by default and English when English is preferred, with the same code', async () => {
    const zh = await t.call('GET', '/api/me');
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toMatchObject({ code: 'auth.required', title: '登录已失效或尚未登录，请重新登录' });
    expect(zh.headers.vary).toMatch(/Accept-Language/i);
    const en = await t.call('GET', '/api/me', { headers: { 'accept-language': 'en' } });
    expect(en.json()).toMatchObject({ code: 'auth.required', title: 'You are not signed in or your session has ended; please sign in again' });
  });

  it('translate module problems and validation messages', async () => {
    const cookie = await t.login('demo-hangzhou');
    const en = await t.call('POST', '/api/stations', { cookie, body: { name: '' }, headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.statusCode).toBe(400);
    const body = en.json() as { title: string; errors: { field: string; message: string }[] };
    expect(body.title).toBe('Some of the information is not valid; please correct it as shown');
    expect(body.errors.length).toBeGreaterThan(0);
    for (const e of body.errors) expect(e.message).not.toMatch(/\p{Script=Han}/u);
    const zh = await t.call('POST', '/api/stations', { cookie, body: { name: '' } });
    expect((zh.json() as { errors: { message: string }[] }).errors.some((e) => /\p{Script=Han}/u.test(e.message))).toBe(true);
  });

  it('answer an unknown route in the preferred language', async () => {
    const en = await t.call('GET', '/api/no-such-thing', { headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(404);
    expect(en.json()).toMatchObject({ code: 'not_found', title: 'No such API route' });
  });
});
