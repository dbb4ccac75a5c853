/**
 * 短信模板 (issue 9, item 4): the library of saved texts — who sees which templates (their organization's and its
 * ancestors', never a sibling's), who may change them, what is refused and why, the audit trail and the paging.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';

let t: TestApp;
let f: DemoFixtures;
let province: string;
let hz: string;
let nb: string;
let root: { id: string; name: string };

beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  [province, hz, nb] = [await t.login('demo-province'), await t.login('demo-hangzhou'), await t.login('demo-ningbo')];
  root = await t.ctx.db.selectFrom('orgs').select(['id', 'name']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
});
afterAll(async () => { await t?.close(); });

type View = { id: string; orgId: string; orgName: string; name: string; text: string; editable: boolean; updatedAt: string; updatedByName: string | null };
const list = async (cookie: string, query = '') => {
  const r = await t.call('GET', `/api/sms/templates${query}`, { cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { items: View[]; nextCursor: string | null };
};
const create = (cookie: string, body: Record<string, unknown>) => t.call('POST', '/api/sms/templates', { cookie, body });
const auditOf = (id: string) => t.ctx.db.selectFrom('audit_log').select(['action', 'actor_name', 'entity_type', 'org_path', 'before', 'after'])
  .where('entity_type', '=', 'sms_template').where('entity_id', '=', id).orderBy('id').execute();

describe('短信模板', () => {
  it('creates, changes and deletes a template of the caller’s organization, each step audited', async () => {
    const r = await create(hz, { name: '党课通知', text: '{姓名}同志：本周四晚7点在{组织}活动室上党课，请准时参加。' });
    expect(r.statusCode, r.body).toBe(201);
    const created = r.json() as View;
    expect(created).toMatchObject({ orgId: f.hangzhou.id, orgName: '杭州市委', name: '党课通知', editable: true, updatedByName: '杭州市委组织部 演示用户' });

    const u = await t.call('PUT', `/api/sms/templates/${created.id}`, { cookie: hz, body: { name: '党课通知（周四）', text: '{姓名}同志：本周四晚7点上党课。', updatedAt: created.updatedAt } });
    expect(u.statusCode, u.body).toBe(200);
    expect(u.json()).toMatchObject({ name: '党课通知（周四）', text: '{姓名}同志：本周四晚7点上党课。' });
    // A change from the old version (someone else changed it in between) is refused and changes nothing.
    const stale = await t.call('PUT', `/api/sms/templates/${created.id}`, { cookie: hz, body: { name: '过期修改', text: '过期', updatedAt: created.updatedAt } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.version');

    const d = await t.call('DELETE', `/api/sms/templates/${created.id}`, { cookie: hz });
    expect(d.statusCode).toBe(204);
    expect((await list(hz)).items.map((x) => x.id)).not.toContain(created.id);
    expect((await t.call('DELETE', `/api/sms/templates/${created.id}`, { cookie: hz })).statusCode).toBe(404);

    const rows = await auditOf(created.id);
    expect(rows.map((a) => a.action)).toEqual(['sms.template.create', 'sms.template.update', 'sms.template.delete']);
    expect(rows.every((a) => a.actor_name === 'demo-hangzhou' && a.org_path === f.hangzhou.path)).toBe(true);
    expect(rows[1]!.before).toMatchObject({ name: '党课通知' });
    expect(rows[1]!.after).toMatchObject({ name: '党课通知（周四）' });
    expect(rows[2]!.before).toMatchObject({ name: '党课通知（周四）', text: '{姓名}同志：本周四晚7点上党课。' });
    // The audit screen names the actions and the entity in Chinese.
    const labels = (await t.call('GET', '/api/audit/labels', { cookie: await t.login('demo-auditor') })).json();
    expect(JSON.stringify(labels)).toContain('新建短信模板');
    expect(JSON.stringify(labels)).toContain('删除短信模板');
  });

  it('shows a city its own and the province’s templates (read-only), never another city’s', async () => {
    const mine = (await create(hz, { name: '杭州专用', text: '杭州市委组织部通知' })).json() as View;
    const theirs = (await create(nb, { name: '宁波专用', text: '宁波市委组织部通知' })).json() as View;
    const prov = (await create(province, { name: '全省通知', text: '全省组织工作通知' })).json() as View;

    const hzItems = (await list(hz, '?limit=100')).items;
    const ids = hzItems.map((x) => x.id);
    expect(ids).toContain(mine.id);
    expect(ids).toContain(prov.id);
    expect(ids).not.toContain(theirs.id);
    expect(hzItems.every((x) => x.orgId === f.hangzhou.id || x.orgId === root.id)).toBe(true);
    // The demo library: the province's common notices are there for the city, not editable by it.
    const provinceItems = hzItems.filter((x) => x.orgId === root.id);
    expect(provinceItems.map((x) => x.name)).toEqual(expect.arrayContaining(['主题党日提醒', '党费缴纳提醒', '会议通知', '防汛紧急通知']));
    expect(provinceItems.every((x) => !x.editable)).toBe(true);
    expect(hzItems.find((x) => x.id === mine.id)!.editable).toBe(true);

    // The province sees its own; with a city's id, that city's library (the city's and the province's).
    const provIds = (await list(province, '?limit=100')).items.map((x) => x.id);
    expect(provIds).toContain(prov.id);
    expect(provIds).not.toContain(mine.id);
    const asHz = (await list(province, `?orgId=${f.hangzhou.id}&limit=100`)).items;
    expect(asHz.map((x) => x.id)).toEqual(expect.arrayContaining([mine.id, prov.id]));
    expect(asHz.map((x) => x.id)).not.toContain(theirs.id);
    expect(asHz.every((x) => x.editable)).toBe(true);
    // A city cannot look at another city's library.
    expect((await t.call('GET', `/api/sms/templates?orgId=${f.ningbo.id}`, { cookie: hz })).statusCode).toBe(403);

    // Filter by name.
    expect((await list(hz, `?q=${encodeURIComponent('党费')}`)).items.map((x) => x.name)).toEqual(['党费缴纳提醒']);
    expect((await list(hz, `?q=${encodeURIComponent('宁波')}`)).items).toEqual([]);
  });

  it('refuses a city changing or deleting the province’s template (403), and another city’s, changing nothing', async () => {
    const prov = (await list(hz, `?q=${encodeURIComponent('防汛紧急通知')}`)).items[0]!;
    const put = await t.call('PUT', `/api/sms/templates/${prov.id}`, { cookie: hz, body: { name: '防汛紧急通知', text: '改掉省里的模板', updatedAt: prov.updatedAt } });
    expect(put.statusCode).toBe(403);
    expect(put.json().title).toContain('上级组织“浙江省委”');
    expect((await t.call('DELETE', `/api/sms/templates/${prov.id}`, { cookie: hz })).statusCode).toBe(403);
    const nbOwn = (await create(nb, { name: '宁波内部', text: '宁波通知' })).json() as View;
    expect((await t.call('PUT', `/api/sms/templates/${nbOwn.id}`, { cookie: hz, body: { name: 'x', text: 'y', updatedAt: nbOwn.updatedAt } })).statusCode).toBe(403);
    expect((await t.call('DELETE', `/api/sms/templates/${nbOwn.id}`, { cookie: hz })).statusCode).toBe(403);
    // Nor may a city create one for the province or another city.
    expect((await create(hz, { orgId: root.id, name: '越权', text: '越权' })).statusCode).toBe(403);
    expect((await create(hz, { orgId: f.ningbo.id, name: '越权', text: '越权' })).statusCode).toBe(403);
    const after = await t.ctx.db.selectFrom('sms_templates').select(['text']).where('id', '=', prov.id).executeTakeFirstOrThrow();
    expect(after.text).toBe(prov.text);
    expect(await auditOf(prov.id)).toEqual([]);
    // An account without sms.send cannot write at all, and without sms.read cannot read.
    const secretary = await t.login('demo-secretary');
    expect((await t.call('GET', '/api/sms/templates', { cookie: secretary })).statusCode).toBe(403);
    // The province may change a city's template (scope over its organization).
    const hzOwn = (await create(hz, { name: '省里可改', text: '杭州通知' })).json() as View;
    const byProvince = await t.call('PUT', `/api/sms/templates/${hzOwn.id}`, { cookie: province, body: { name: '省里可改', text: '省委组织部修改后的杭州通知', updatedAt: hzOwn.updatedAt } });
    expect(byProvince.statusCode, byProvince.body).toBe(200);
    expect(byProvince.json().updatedByName).toBe('省委组织部 演示用户');
  });

  it('says in Chinese what is wrong: empty, too long, an unknown variable at its position, a duplicate name', async () => {
    const empty = await create(hz, { name: '   ', text: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    expect(empty.json().errors).toEqual(expect.arrayContaining([{ field: 'name', message: '请填写模板名称' }, { field: 'text', message: '请填写短信内容' }]));

    const longName = await create(hz, { name: '名'.repeat(31), text: '通知' });
    expect(longName.statusCode).toBe(400);
    expect(longName.json().errors[0]).toMatchObject({ field: 'name', message: '长度不能超过30个字符' });

    // 10 segments of UCS-2 are 670 characters with the signature (6): 665 more make 11 segments.
    const tooLong = await create(hz, { name: '太长', text: '党'.repeat(665) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors).toEqual([{ field: 'text', message: '短信内容过长：最多10条（约670个汉字），请精简' }]);
    expect((await create(hz, { name: '正好', text: '党'.repeat(664) })).statusCode).toBe(201);

    const badVar = await create(hz, { name: '变量错误', text: '{姓名}同志：请{单位}的{名字}参加会议，{组织}' });
    expect(badVar.statusCode).toBe(400);
    expect(badVar.json().errors).toEqual([{ field: 'text', message: '第9个字处的“{单位}”、第14个字处的“{名字}”不是可用的变量：只能使用{姓名}和{组织}（半角花括号），请修改或删除' }]);
    const fullWidth = await create(hz, { name: '全角括号', text: '｛姓名｝同志：你好' });
    expect(fullWidth.json().errors[0].message).toContain('第1个字处的“｛姓名｝”');

    expect((await create(hz, { name: '重名模板', text: '第一个' })).statusCode).toBe(201);
    const dup = await create(hz, { name: '重名模板', text: '第二个' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'sms.template_duplicate_name', title: '“杭州市委”已有名为“重名模板”的短信模板，请换一个名称' });
    // The same name in another organization is another template; renaming onto a taken name is refused too.
    expect((await create(nb, { name: '重名模板', text: '宁波的' })).statusCode).toBe(201);
    const other = (await create(hz, { name: '另一个', text: '另一个' })).json() as View;
    const rename = await t.call('PUT', `/api/sms/templates/${other.id}`, { cookie: hz, body: { name: '重名模板', text: '另一个', updatedAt: other.updatedAt } });
    expect(rename.statusCode).toBe(409);
    // Nothing refused was stored or audited.
    const names = (await t.ctx.db.selectFrom('sms_templates').select('name').where('org_id', '=', f.hangzhou.id).execute()).map((r) => r.name);
    expect(names).not.toContain('变量错误');
    expect(names.filter((n) => n === '重名模板')).toHaveLength(1);
  });

  it('pages newest first without gaps or repeats', async () => {
    const made: string[] = [];
    for (let i = 1; i <= 7; i++) made.push(((await create(nb, { name: `分页模板${i}`, text: `第${i}条` })).json() as View).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(nb, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));
    expect(seen.slice(0, 7)).toEqual([...made].reverse());
    const all = await t.ctx.db.selectFrom('sms_templates').select('id').where('org_id', 'in', [f.ningbo.id, root.id]).execute();
    expect(seen.length).toBe(all.length);
    // A full last page says there is no more (no empty page to fetch).
    expect(pages).toBe(Math.ceil(all.length / 3));
  });
});
