/**
 * The follow-up engine's state machine (issue 10, item 3): an item opened for a city with a deadline in working days
 * across 春节, passed down to a county and back up with reasons, closed as resolved or explained with a note — and
 * everything refused once closed, out of scope, or without a reason or note; each step audited; the overdue query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import type { Actor } from '../../platform/actor.js';
import type { Role } from '../../platform/roles.js';
import { closeItem, getItem, openItem, overdueItems, passItem } from './followups.commands.js';
import { itemDetail } from './followups.service.js';

let t: TestApp;
let f: DemoFixtures;
let province: Actor;
let hangzhou: Actor;
let ningbo: Actor;
let county: { id: string; name: string };
let source = 0;

async function actorOf(username: string): Promise<Actor> {
  const a = await t.ctx.db.selectFrom('accounts').select(['id', 'username', 'display_name']).where('username', '=', username).executeTakeFirstOrThrow();
  const grants = await t.ctx.db.selectFrom('role_grants as g').innerJoin('orgs as o', 'o.id', 'g.org_id')
    .select(['g.id', 'g.role', 'g.org_id', 'o.path', 'o.name']).where('g.account_id', '=', a.id).execute();
  return {
    accountId: a.id, username: a.username, displayName: a.display_name, kind: 'staff', demo: true, memberId: null, sessionId: '1', mfaPassed: true,
    mustChangePassword: false, ip: '127.0.0.1', grants: grants.map((g) => ({ grantId: g.id, role: g.role as Role, orgId: g.org_id, orgPath: g.path, orgName: g.name })),
  };
}
const err = async (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal'); }, (e: { status: number; code: string; errors?: { field: string; message: string }[] }) => e);
const auditOf = (id: string) => t.ctx.db.selectFrom('audit_log').select(['action', 'actor_name', 'org_path', 'after']).where('entity_type', '=', 'followup_item').where('entity_id', '=', id).orderBy('id').execute();
const open = (by: Actor, ownerOrgId: string, days = 5) => openItem(t.ctx, by, { source: 'test.reply', sourceId: String(++source), title: '村级组织建设：希望加强村干部培训', ownerOrgId, dueInWorkingDays: days });

beforeAll(async () => {
  // Friday 2026-02-13, 18:00 in China: the evening before the Spring Festival holiday (demo calendar: 2026 as published).
  t = await createTestApp({ clockAt: new Date('2026-02-13T10:00:00Z') });
  f = await demoFixtures(t.ctx);
  [province, hangzhou, ningbo] = await Promise.all(['demo-province', 'demo-hangzhou', 'demo-ningbo'].map(actorOf));
  county = await t.ctx.db.selectFrom('orgs').select(['id', 'name']).where('parent_id', '=', f.hangzhou.id).where('status', '=', 'active').orderBy('id').limit(1).executeTakeFirstOrThrow();
});
afterAll(async () => { await t?.close(); });

describe('跟踪督办: the state machine', () => {
  it('opens an item for a city due in working days across 春节, passes it down and back up, and resolves it; each step audited', async () => {
    const item = await open(province, f.hangzhou.id, 5);
    // 2-14 (Saturday, worked) is day 1; 2-15…2-23 is the holiday; then 2-24, 25, 26, 27.
    expect(item).toMatchObject({ state: 'open', ownerOrgId: f.hangzhou.id, dueOn: '2026-02-27', hops: [] });

    const down = await passItem(t.ctx, hangzhou, item.id, { toOrgId: county.id, reason: '属地办理' });
    expect(down).toMatchObject({ ownerOrgId: county.id, dueOn: '2026-02-27', hops: [{ direction: 'down', fromOrgId: f.hangzhou.id, toOrgId: county.id, reason: '属地办理' }] });
    const up = await passItem(t.ctx, hangzhou, item.id, { toOrgId: f.hangzhou.id, reason: '涉及全市政策，需市里统筹' });
    expect(up.hops.map((h) => h.direction)).toEqual(['down', 'up']);
    expect(up.ownerOrgId).toBe(f.hangzhou.id);

    const closed = await closeItem(t.ctx, hangzhou, item.id, { outcome: 'resolved', note: '已举办村干部培训班2期' });
    expect(closed).toMatchObject({ state: 'resolved', closingNote: '已举办村干部培训班2期' });
    expect((await auditOf(item.id)).map((a) => [a.action, a.actor_name])).toEqual([
      ['followup.open', 'demo-province'], ['followup.pass', 'demo-hangzhou'], ['followup.pass', 'demo-hangzhou'], ['followup.close', 'demo-hangzhou'],
    ]);
  });

  it('gives each level down its own deadline, not later than its own, and gives it back when the item returns up', async () => {
    const item = await open(province, f.hangzhou.id, 5); // due 2026-02-27, across 春节
    const township = await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', '=', county.id).where('status', '=', 'active').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const late = await err(passItem(t.ctx, hangzhou, item.id, { toOrgId: county.id, reason: '属地办理', dueInWorkingDays: 8 }));
    expect(late.errors).toEqual([{ field: 'dueInWorkingDays', message: '下级办理期限（2026年3月3日）不能晚于本级办理期限（2026年2月27日）' }]);
    expect((await getItem(t.ctx, hangzhou, item.id)).ownerOrgId).toBe(f.hangzhou.id);
    // 2-14 (a Saturday worked) is day 1, then 2-24 and 2-25 after the holiday.
    const toCounty = await passItem(t.ctx, hangzhou, item.id, { toOrgId: county.id, reason: '属地办理', dueInWorkingDays: 3 });
    expect(toCounty).toMatchObject({ ownerOrgId: county.id, dueOn: '2026-02-25' });
    const toTownship = await passItem(t.ctx, hangzhou, item.id, { toOrgId: township.id, reason: '请乡镇核实', dueInWorkingDays: 2 });
    expect(toTownship).toMatchObject({ ownerOrgId: township.id, dueOn: '2026-02-24' });
    expect(toTownship.hops.map((h) => h.dueOn)).toEqual(['2026-02-25', '2026-02-24']);
    const page = await itemDetail(t.ctx, hangzhou, item.id, 'zh');
    expect(page.timeline.filter((e) => e.kind === 'down').map((e) => e.dueOn)).toEqual(['2026-02-25', '2026-02-24']);
    // No deadline of its own going up: the level above resumes the one it had.
    const refused = await err(passItem(t.ctx, hangzhou, item.id, { toOrgId: county.id, reason: '已核实', dueInWorkingDays: 1 }));
    expect(refused.errors).toEqual([{ field: 'dueInWorkingDays', message: '退回上级时不能另定期限：上级仍按其原定期限办理' }]);
    expect(await passItem(t.ctx, hangzhou, item.id, { toOrgId: county.id, reason: '已核实，情况属实' })).toMatchObject({ ownerOrgId: county.id, dueOn: '2026-02-25' });
    const back = await passItem(t.ctx, hangzhou, item.id, { toOrgId: f.hangzhou.id, reason: '需市里统筹' });
    expect(back).toMatchObject({ ownerOrgId: f.hangzhou.id, dueOn: '2026-02-27' });
    expect(back.hops.map((h) => h.dueOn)).toEqual(['2026-02-25', '2026-02-24', '2026-02-25', '2026-02-27']);
    // Without a deadline a hop keeps the due date; a bad number is refused with the range.
    expect(await passItem(t.ctx, hangzhou, item.id, { toOrgId: county.id, reason: '属地办理' })).toMatchObject({ dueOn: '2026-02-27' });
    const zero = await err(passItem(t.ctx, hangzhou, item.id, { toOrgId: township.id, reason: '转乡镇', dueInWorkingDays: 0 }));
    expect(zero.errors).toEqual([{ field: 'dueInWorkingDays', message: '办理期限须为1至250个工作日' }]);
    const audit = await auditOf(item.id);
    expect(audit.filter((a) => a.action === 'followup.pass').map((a) => (a.after as { dueOn: string }).dueOn)).toEqual(['2026-02-25', '2026-02-24', '2026-02-25', '2026-02-27', '2026-02-27']);
  });

  it('ends an item as explained, and refuses every later pass or close (409), changing nothing', async () => {
    const item = await open(province, f.hangzhou.id);
    await closeItem(t.ctx, hangzhou, item.id, { outcome: 'explained', note: '该村已于去年完成换届，情况已向群众说明' });
    for (const attempt of [
      () => closeItem(t.ctx, hangzhou, item.id, { outcome: 'resolved', note: '再次办结' }),
      () => passItem(t.ctx, hangzhou, item.id, { toOrgId: county.id, reason: '再转' }),
    ]) expect(await err(attempt())).toMatchObject({ status: 409, code: 'followup.closed' });
    expect(await getItem(t.ctx, province, item.id)).toMatchObject({ state: 'explained', ownerOrgId: f.hangzhou.id, hops: [] });
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual(['followup.open', 'followup.close']);
  });

  it('requires a reason to pass and a note to close, and passes only one level down or up', async () => {
    const item = await open(province, f.hangzhou.id);
    expect((await err(passItem(t.ctx, hangzhou, item.id, { toOrgId: county.id, reason: '  ' }))).errors).toEqual([{ field: 'reason', message: '请填写转办理由' }]);
    expect((await err(closeItem(t.ctx, hangzhou, item.id, { outcome: 'explained', note: '' }))).errors).toEqual([{ field: 'note', message: '请填写说明情况' }]);
    // Not a child of Hangzhou, nor its parent: a sibling city, and a grandchild.
    const grandchild = await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', '=', county.id).orderBy('id').limit(1).executeTakeFirstOrThrow();
    for (const toOrgId of [f.ningbo.id, grandchild.id]) {
      const e = await err(passItem(t.ctx, province, item.id, { toOrgId, reason: '转办' }));
      expect(e.status).toBe(400);
      expect(e.errors![0]!.message).toContain('只能转给“杭州市委”的直属下级组织，或退回其上级组织');
    }
    expect(await getItem(t.ctx, province, item.id)).toMatchObject({ state: 'open', ownerOrgId: f.hangzhou.id, hops: [] });
    expect((await err(openItem(t.ctx, province, { source: 'test.reply', sourceId: 'x', title: '标题', ownerOrgId: f.hangzhou.id, dueInWorkingDays: 0 }))).errors)
      .toEqual([{ field: 'dueInWorkingDays', message: '办理期限须为1至250个工作日' }]);
  });

  it('lets only staff over the owner act: Ningbo is refused a Hangzhou item, Hangzhou a province item; one item per record', async () => {
    const item = await open(province, f.hangzhou.id);
    expect(await err(closeItem(t.ctx, ningbo, item.id, { outcome: 'resolved', note: '越权' }))).toMatchObject({ status: 403 });
    expect(await err(getItem(t.ctx, ningbo, item.id))).toMatchObject({ status: 403 });
    expect(await err(open(hangzhou, f.ningbo.id))).toMatchObject({ status: 403 });
    // Passed back up to the province, it leaves Hangzhou's reach.
    const root = await t.ctx.db.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    expect((await passItem(t.ctx, hangzhou, item.id, { toOrgId: root.id, reason: '需省里协调' })).ownerOrgId).toBe(root.id);
    expect(await err(closeItem(t.ctx, hangzhou, item.id, { outcome: 'resolved', note: '已办' }))).toMatchObject({ status: 403 });
    const again = openItem(t.ctx, province, { source: 'test.reply', sourceId: item.sourceId, title: '重复', ownerOrgId: f.hangzhou.id, dueInWorkingDays: 5 });
    expect(await err(again)).toMatchObject({ status: 409, code: 'followup.duplicate' });
  });

  it('lists the open items past their due date in the caller’s scope, with working days overdue', async () => {
    const late = await open(province, f.hangzhou.id, 1); // due 2-14, the worked Saturday
    const done = await open(province, f.hangzhou.id, 1);
    await closeItem(t.ctx, hangzhou, done.id, { outcome: 'resolved', note: '已办' });
    const nb = await open(province, f.ningbo.id, 1);
    expect((await overdueItems(t.ctx, province)).items).toEqual([]); // nothing is late on the 13th
    t.clock.advance(Date.parse('2026-02-25T02:00:00Z') - t.clock.now().getTime()); // Wednesday 2-25, 10:00 in China: 2-24 and 2-25 are working days since
    const hz = await overdueItems(t.ctx, hangzhou);
    expect(hz.items.map((i) => i.id)).toContain(late.id);
    expect(hz.items.map((i) => i.id)).not.toContain(done.id);
    expect(hz.items.map((i) => i.id)).not.toContain(nb.id);
    expect(hz.items.find((i) => i.id === late.id)).toMatchObject({ dueOn: '2026-02-14', workingDaysOverdue: 2 });
    const all = await overdueItems(t.ctx, province, { limit: 1 });
    expect(all.items).toHaveLength(1);
    expect(all.nextCursor).not.toBeNull();
    const ids: string[] = [];
    for (let page: { items: { id: string }[]; nextCursor: string | null } | null = all; page; page = page.nextCursor ? await overdueItems(t.ctx, province, { limit: 1, cursor: page.nextCursor }) : null) {
      ids.push(...page.items.map((i) => i.id));
    }
    expect(ids).toEqual(expect.arrayContaining([late.id, nb.id]));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
