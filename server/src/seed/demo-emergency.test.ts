/**
 * The demo's typhoon alert (demo-emergency.ts), played through the emergency and SMS modules' own commands on the
 * demo data: the board shows it at once to 杭州市委 and the province (not to Ningbo), with confirmations, replies,
 * two reminders and the escalation of the organizations still silent; not on Ningbo's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { DEMO_ALERT_TITLE, insertDemoEmergency, type DemoEmergencySummary } from './demo-emergency.js';

let t: TestApp;
let made: DemoEmergencySummary;

beforeAll(async () => {
  t = await createTestApp();
  made = (await insertDemoEmergency(t.ctx))!;
});
afterAll(async () => { await t?.close(); });

describe('the demo emergency alert', () => {
  it('is on Hangzhou’s and the province’s board with confirmations, replies, two reminders and the escalation', async () => {
    const hz = await t.login('demo-hangzhou');
    const list = (await t.call('GET', '/api/emergency/alerts', { cookie: hz })).json();
    expect(list.items.map((a: { title: string }) => a.title)).toEqual([DEMO_ALERT_TITLE]);
    const a = (await t.call('GET', `/api/emergency/alerts/${made.alertId}`, { cookie: await t.login('demo-province') })).json();
    expect(a).toMatchObject({ kind: 'typhoon', state: 'open', orgName: '杭州市委', remindersSent: 2, nextReminderAt: null, recipients: made.recipients, confirmed: made.confirmed });
    expect(a.recipients).toBeGreaterThan(10);
    expect(a.confirmed).toBeGreaterThan(a.recipients / 2);
    expect(a.confirmed).toBeLessThan(a.recipients);
    expect(a.replies).toBeGreaterThanOrEqual(3);
    expect(a.escalatedAt).not.toBeNull();
    expect(a.sends.map((s: { kind: string; seq: number }) => `${s.kind}${s.seq}`).slice(0, 3)).toEqual(['alert0', 'reminder1', 'reminder2']);
    expect(a.sends[1].recipients).toBeGreaterThan(a.sends[2].recipients); // more confirmed after the first reminder
    // The organizations still silent at the hour are recorded for the level above (with the test's 300 members the
    // townships have nobody but branch secretaries, so no township secretary; the 5,000 of the demo give them one).
    expect(a.escalations.length).toBeGreaterThan(0);
    expect(a.escalations.flatMap((e: { orgNames: string[] }) => e.orgNames).length).toBeGreaterThan(0);
    // Confirmations and replies came in through the SMS module's store and were handed to the alert.
    const inbound = await t.ctx.db.selectFrom('sms_inbound').select(['handled_by']).execute();
    expect(inbound.length).toBe(made.confirmed + a.replies);
    expect(inbound.every((m) => m.handled_by === 'emergency')).toBe(true);
    expect((await t.call('GET', `/api/emergency/alerts/${made.alertId}`, { cookie: await t.login('demo-ningbo') })).statusCode).toBe(403);
  });
});
