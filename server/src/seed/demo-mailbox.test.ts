/**
 * The demo's letters (demo-mailbox.ts), played through the mailbox and follow-up modules' own commands: the province
 * sees all six in their states, Hangzhou its three (one forwarded to 西湖区 with a deadline of its own, one answered
 * and found by its 查询码), Ningbo only its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { DEMO_LETTER_TITLES, insertDemoMailbox } from './demo-mailbox.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  expect(await insertDemoMailbox(t.ctx)).toEqual({ letters: 6 });
});
afterAll(async () => { await t?.close(); });

describe('the demo letters', () => {
  it('are in the console in their states, in scope, and the answered one is found by its 查询码', async () => {
    const list = async (user: string) => (await t.call('GET', '/api/mailbox/letters', { cookie: await t.login(user) })).json().items as
      { id: string; title: string; state: string; handlingOrgName: string | null; dueOn: string | null; trackingCode: string }[];
    const all = await list('demo-province');
    expect(all.map((l) => [l.title, l.state])).toEqual([
      [DEMO_LETTER_TITLES.waiting, 'received'], [DEMO_LETTER_TITLES.province, 'received'], [DEMO_LETTER_TITLES.ningbo, 'received'],
      [DEMO_LETTER_TITLES.forwarded, 'handling'], [DEMO_LETTER_TITLES.declined, 'declined'], [DEMO_LETTER_TITLES.answered, 'answered'],
    ]);
    const hz = await list('demo-hangzhou');
    expect(hz.map((l) => l.title)).toEqual([DEMO_LETTER_TITLES.waiting, DEMO_LETTER_TITLES.forwarded, DEMO_LETTER_TITLES.answered]);
    expect(hz[1]!.handlingOrgName).toBe('西湖区委');
    expect(hz[1]!.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await list('demo-ningbo')).map((l) => l.title)).toEqual([DEMO_LETTER_TITLES.ningbo]);

    const answered = all.find((l) => l.state === 'answered')!;
    const looked = (await t.app.inject({ method: 'POST', url: '/api/public/letters/lookup', payload: { trackingCode: answered.trackingCode } })).json();
    expect(looked).toMatchObject({ state: 'answered', title: DEMO_LETTER_TITLES.answered });
    expect(looked.answer).toContain('流动党员活动证');
    const detail = (await t.call('GET', `/api/mailbox/letters/${answered.id}`, { cookie: await t.login('demo-province') })).json();
    expect(detail).toMatchObject({ draftedByName: '杭州市委组织部 演示用户', approvedByName: '省委组织部 演示用户', name: '陈**', phone: '139****0101' });
  });
});
