/**
 * The demo's questions under Hangzhou's disclosures (demo-disclosure-questions.ts), played through the modules' own
 * commands: the public sees the approved ones with their answers (one corrected, its earlier answer kept), staff see
 * the one waiting for moderation and the one waiting for an answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { insertDemoDisclosureQuestions } from './demo-disclosure-questions.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  expect(await insertDemoDisclosureQuestions(t.ctx)).toEqual({ questions: 4, answered: 2, corrected: 1, unanswered: 1, held: 1 });
});
afterAll(async () => { await t?.close(); });

describe('the demo questions on disclosures', () => {
  it('shows the public the approved questions and their answers, a corrected one with its earlier answer', async () => {
    const qs = await t.ctx.db.selectFrom('disclosure_questions').select(['item_id', 'state']).execute();
    const items = [...new Set(qs.map((q) => q.item_id))];
    const all = [];
    for (const id of items) {
      const res = await t.app.inject({ method: 'GET', url: `/api/public/disclosures/${id}/questions` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).not.toMatch(/139\d{8}|139\*{4}\d{4}/);
      all.push(...res.json().items);
    }
    expect(all).toHaveLength(3);
    const corrected = all.find((q) => q.answer?.version === 2);
    expect(corrected.answer.previous).toHaveLength(1);
    expect(corrected.answer.text).toContain('更正');
    expect(all.filter((q) => q.answer === null)).toHaveLength(1);
    expect(all.find((q) => q.body.startsWith('道路硬化')).name).toBe('陈**');
  });

  it('leaves one question for moderation and one for an answer in the console', async () => {
    const hz = await t.login('demo-hangzhou');
    const held = (await t.call('GET', '/api/moderation?state=held&kind=disclosures.question', { cookie: hz })).json().items;
    expect(held.map((m: { excerpt: string }) => m.excerpt)).toEqual(['主题党日活动群众可以旁听吗？']);
    const list = (await t.call('GET', '/api/disclosures?state=published', { cookie: hz })).json().items as { unansweredQuestions: number }[];
    expect(list.reduce((s, i) => s + i.unansweredQuestions, 0)).toBe(1);
  });
});
