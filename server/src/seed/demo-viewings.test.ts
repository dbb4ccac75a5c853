/** The demo group viewings: two past sessions confirmed with credits in the ledger, one open now for demo-member. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { insertDemoViewings } from './demo-viewings.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

it('holds two confirmed sessions credited through the ledger and one open for check-in', async () => {
  expect(await insertDemoViewings(t.ctx)).toEqual({ sessions: 3, credited: 21 });
  const sessions = await t.ctx.db.selectFrom('viewing_sessions').select(['id', 'status', 'present_count', 'credited_count']).orderBy('id').execute();
  expect(sessions.map((s) => [s.status, s.present_count, s.credited_count])).toEqual([['closed', 12, 12], ['closed', 9, 9], ['scheduled', 0, 0]]);
  const credits = await t.ctx.db.selectFrom('learning_credits').select(['source_id', 'kind']).where('source_type', '=', 'viewing.session').execute();
  expect(credits).toHaveLength(21);
  expect(credits.every((c) => c.kind === 'group_viewing')).toBe(true);
  const open = (await t.call('GET', `/api/viewings/${sessions[2].id}`, { cookie: await t.login('demo-hangzhou') })).json();
  expect(open).toMatchObject({ phase: 'open', presentCount: 4 });
  const state = (await t.call('GET', `/api/viewing-checkin/${open.checkinCode}`, { cookie: await t.login('demo-member') })).json().state;
  expect(state).toBe('open');
});
