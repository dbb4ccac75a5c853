/**
 * The demo's cadre work (demo-cadres.ts), played through the cadres module's own commands: Hangzhou's open batch with
 * its recommendations counted for staff and hidden from the public, and a notice in its objection period whose one
 * objection waits for an answer, so the appointment cannot be confirmed yet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { DEMO_BATCH_TITLE, DEMO_NOTICE_TITLE, insertDemoCadres } from './demo-cadres.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  expect(await insertDemoCadres(t.ctx)).toEqual({ recommendations: 4, objections: 1 });
});
afterAll(async () => { await t?.close(); });

describe('the demo cadre work', () => {
  it('shows an open batch to the public without recommendations, and counts them for Hangzhou', async () => {
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/cadres/batches' });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.body).toContain(DEMO_BATCH_TITLE);
    expect(pub.body).not.toMatch(/周建华|孙丽|吴敏/);
    const hz = await t.login('demo-hangzhou');
    const batches = (await t.call('GET', '/api/cadres/batches', { cookie: hz })).json().items as { id: string; title: string }[];
    const batch = (await t.call('GET', `/api/cadres/batches/${batches.find((b) => b.title === DEMO_BATCH_TITLE)!.id}`, { cookie: hz })).json();
    expect(JSON.stringify(batch)).toContain('周建华');
  });

  it('publishes a notice whose objection waits for an answer, so it cannot be confirmed', async () => {
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/cadres/notices' });
    expect(pub.body).toContain(DEMO_NOTICE_TITLE);
    const hz = await t.login('demo-hangzhou');
    const notices = (await t.call('GET', '/api/cadres/notices', { cookie: hz })).json().items as { id: string; title: string }[];
    const id = notices.find((n) => n.title === DEMO_NOTICE_TITLE)!.id;
    const confirm = await t.call('POST', `/api/cadres/notices/${id}/confirm`, { cookie: hz, body: {} });
    expect(confirm.statusCode).toBe(409);
  });
});
