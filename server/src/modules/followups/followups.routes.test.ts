/**
 * 跟踪督办 through the API (issue 10, item 3): the list and its filters in scope (Ningbo never sees Hangzhou's items),
 * the item page, pass / close / notes / assign / watch with bad input refused in Chinese and nothing changed,
 * attachments checked by content, escalation across 春节 (idempotent, up to the province), the progress table whose
 * lines add up, the close hook of a registered source, and the export.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import type { Actor } from '../../platform/actor.js';
import type { Role } from '../../platform/roles.js';
import { closeItem, openItem } from './followups.commands.js';
import { escalateOverdue } from './followups.escalation.js';
import { registerFollowupSource, unregisterFollowupSource, type ClosedFollowup } from './followups.sources.js';

let t: TestApp;
let f: DemoFixtures;
let province: Actor;
const cookies: Record<string, string> = {};
const as = async (user: string) => (cookies[user] ??= await t.login(user));
let districts: { id: string; name: string }[];
let root: { id: string; name: string };
let seq = 0;

async function actorOf(username: string): Promise<Actor> {
  const a = await t.ctx.db.selectFrom('accounts').select(['id', 'username', 'display_name']).where('username', '=', username).executeTakeFirstOrThrow();
  const grants = await t.ctx.db.selectFrom('role_grants as g').innerJoin('orgs as o', 'o.id', 'g.org_id')
    .select(['g.id', 'g.role', 'g.org_id', 'o.path', 'o.name']).where('g.account_id', '=', a.id).execute();
  return {
    accountId: a.id, username: a.username, displayName: a.display_name, kind: 'staff', demo: true, memberId: null, sessionId: '1', mfaPassed: true,
    mustChangePassword: false, ip: '127.0.0.1', grants: grants.map((g) => ({ grantId: g.id, role: g.role as Role, orgId: g.org_id, orgPath: g.path, orgName: g.name })),
  };
}
const open = (ownerOrgId: string, o: { days?: number; title?: string; source?: string } = {}) =>
  openItem(t.ctx, province, { source: o.source ?? 'test.reply', sourceId: String(++seq), title: o.title ?? `村级组织建设意见第${seq}条`, ownerOrgId, dueInWorkingDays: o.days ?? 5 });
const get = async (user: string, url: string) => t.call('GET', url, { cookie: await as(user) });
const post = async (user: string, url: string, body?: unknown, headers?: Record<string, string>) => t.call('POST', url, { cookie: await as(user), body, headers });
const auditCount = async () => Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const itemRow = (id: string) => t.ctx.db.selectFrom('followup_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const setClock = (iso: string) => t.clock.advance(Date.parse(iso) - t.clock.now().getTime());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....word/document.xml....')]);
const upload = async (user: string, id: string, name: string, body: Buffer) =>
  t.call('POST', `/api/followups/${id}/attachments?fileName=${encodeURIComponent(name)}`, { cookie: await as(user), body, headers: { 'content-type': 'application/octet-stream' } });

beforeAll(async () => {
  // Friday 2026-02-13, 18:00 in China: the evening before the Spring Festival holiday (2-14 worked, 2-15…2-23 off).
  t = await createTestApp({ clockAt: new Date('2026-02-13T10:00:00Z') });
  f = await demoFixtures(t.ctx);
  province = await actorOf('demo-province');
  districts = await t.ctx.db.selectFrom('orgs').select(['id', 'name']).where('parent_id', '=', f.hangzhou.id).where('status', '=', 'active').orderBy('id').limit(2).execute();
  root = await t.ctx.db.selectFrom('orgs').select(['id', 'name']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
});
afterAll(async () => { await t?.close(); });

describe('the list, the item page and scope', () => {
  it('lists Hangzhou’s items to Hangzhou and the province, never to Ningbo; filters by state, source, words and organization', async () => {
    const hz = await open(f.hangzhou.id, { title: '希望加强村干部培训' });
    const nb = await open(f.ningbo.id, { title: '港区党员活动阵地不足' });
    const ids = async (user: string, q = '') => ((await get(user, `/api/followups?source=test.reply&limit=100${q}`)).json().items as { id: string }[]).map((i) => i.id);
    expect(await ids('demo-hangzhou')).toContain(hz.id);
    expect(await ids('demo-hangzhou')).not.toContain(nb.id);
    expect(await ids('demo-ningbo')).toEqual([nb.id]);
    expect(await ids('demo-province')).toEqual(expect.arrayContaining([hz.id, nb.id]));
    expect(await ids('demo-province', `&orgId=${f.ningbo.id}`)).toEqual([nb.id]);
    expect(await ids('demo-province', `&q=${encodeURIComponent('村干部')}`)).toEqual([hz.id]);
    expect((await get('demo-ningbo', `/api/followups?orgId=${f.hangzhou.id}`)).statusCode).toBe(403);
    expect((await get('demo-ningbo', `/api/followups/${hz.id}`)).statusCode).toBe(403);
    const row = (await get('demo-hangzhou', `/api/followups?q=${encodeURIComponent('村干部培训')}&state=open`)).json().items[0];
    // Opened the 13th, due 5 working days later: 2-14 (worked Saturday), then 2-24…2-27 after 春节.
    expect(row).toMatchObject({ id: hz.id, sourceLabel: 'test.reply', ownerOrgName: '杭州市委', dueOn: '2026-02-27', workingDaysLeft: 5, overdue: false, state: 'open', escalatedLevel: 0 });
    const bad = await get('demo-hangzhou', '/api/followups?state=done&limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('pages by keyset without repeats', async () => {
    for (let i = 0; i < 5; i++) await open(f.hangzhou.id, { source: 'test.paging' });
    const seen: string[] = [];
    for (let cursor = ''; ;) {
      const page = (await get('demo-hangzhou', `/api/followups?source=test.paging&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('passes down and back up, notes, assigns and closes through the routes; bad input is refused in Chinese and changes nothing', async () => {
    const item = await open(f.hangzhou.id);
    const before = await auditCount();
    for (const [url, body, field, message] of [
      [`/api/followups/${item.id}/pass`, { toOrgId: districts[0]!.id, reason: '  ' }, 'reason', '请填写转办理由'],
      [`/api/followups/${item.id}/pass`, { toOrgId: f.ningbo.id, reason: '转办' }, 'toOrgId', '只能转给“杭州市委”的直属下级组织，或退回其上级组织'],
      [`/api/followups/${item.id}/notes`, { text: '' }, 'text', '请填写备注内容'],
      [`/api/followups/${item.id}/close`, { outcome: 'resolved', note: '' }, 'note', '请填写解决情况'],
      [`/api/followups/${item.id}/assign`, { accountId: (await actorOf('demo-ningbo')).accountId }, 'accountId', '只能指派给对“杭州市委”有督办办理权限的工作人员'],
    ] as const) {
      const res = await post('demo-hangzhou', url, body);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors, url).toEqual([{ field, message }]);
    }
    const schemaRefusal = await post('demo-hangzhou', `/api/followups/${item.id}/close`, { outcome: 'done', note: 'x'.repeat(2001) });
    expect(schemaRefusal.statusCode).toBe(400);
    expect(schemaRefusal.json().errors.map((e: { message: string }) => e.message).join()).toMatch(/[\u4e00-\u9fa5]/);
    expect(await auditCount()).toBe(before);
    expect(await itemRow(item.id)).toMatchObject({ owner_org_id: f.hangzhou.id, state: 'open', assignee_id: null });

    const hz = await actorOf('demo-hangzhou');
    const options = (await get('demo-hangzhou', `/api/followups/${item.id}/assignees`)).json().items;
    expect(options.map((o: { accountId: string }) => o.accountId)).toEqual(expect.arrayContaining([hz.accountId, province.accountId]));
    expect((await post('demo-hangzhou', `/api/followups/${item.id}/assign`, { accountId: hz.accountId })).statusCode).toBe(204);
    expect((await get('demo-hangzhou', '/api/followups?assignee=me&limit=100')).json().items.map((i: { id: string }) => i.id)).toContain(item.id);
    t.clock.advance(60_000);
    expect((await post('demo-hangzhou', `/api/followups/${item.id}/notes`, { text: '已电话联系来信人，了解具体诉求。' })).statusCode).toBe(204);
    t.clock.advance(60_000);
    expect((await post('demo-hangzhou', `/api/followups/${item.id}/pass`, { toOrgId: districts[0]!.id, reason: '属地办理' })).statusCode).toBe(204);
    t.clock.advance(60_000);
    expect((await itemRow(item.id)).assignee_id).toBeNull(); // a pass clears the assignee
    expect((await post('demo-hangzhou', `/api/followups/${item.id}/pass`, { toOrgId: f.hangzhou.id, reason: '涉及全市政策，需市里统筹' })).statusCode).toBe(204);
    t.clock.advance(60_000);
    expect((await post('demo-hangzhou', `/api/followups/${item.id}/close`, { outcome: 'explained', note: '已向来信人说明政策依据' })).statusCode).toBe(204);
    expect((await post('demo-hangzhou', `/api/followups/${item.id}/notes`, { text: '补充' })).statusCode).toBe(409);

    const d = (await get('demo-province', `/api/followups/${item.id}`)).json();
    expect(d).toMatchObject({ state: 'explained', closingNote: '已向来信人说明政策依据', closedByName: hz.displayName, canWrite: false, workingDaysLeft: null });
    expect(d.hops.map((h: { direction: string; toOrgName: string }) => [h.direction, h.toOrgName])).toEqual([['down', districts[0]!.name], ['up', '杭州市委']]);
    expect(d.notes).toEqual([expect.objectContaining({ text: '已电话联系来信人，了解具体诉求。', byName: hz.displayName })]);
    expect(d.timeline.map((e: { kind: string }) => e.kind)).toEqual(['open', 'note', 'down', 'up', 'close']);
    const actions = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'followup_item').where('entity_id', '=', item.id).orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['followup.open', 'followup.assign', 'followup.note', 'followup.pass', 'followup.pass', 'followup.close']);
    // Ningbo may not act on it either way.
    expect((await post('demo-ningbo', `/api/followups/${item.id}/notes`, { text: '越权' })).statusCode).toBe(403);
  });

  it('lets a reader watch and unwatch, and lists what one watches', async () => {
    const item = await open(districts[1]!.id);
    const watching = async (user: string) => ((await get(user, '/api/followups?watching=me&limit=100')).json().items as { id: string }[]).map((i) => i.id);
    expect((await post('demo-province', `/api/followups/${item.id}/watch`)).statusCode).toBe(204);
    expect((await post('demo-province', `/api/followups/${item.id}/watch`)).statusCode).toBe(204); // twice: still one
    expect(await watching('demo-province')).toContain(item.id);
    expect(await watching('demo-hangzhou')).not.toContain(item.id);
    expect((await get('demo-province', `/api/followups/${item.id}`)).json()).toMatchObject({ watching: true, watchers: [expect.objectContaining({ name: province.displayName })] });
    expect((await post('demo-ningbo', `/api/followups/${item.id}/watch`)).statusCode).toBe(403);
    expect((await t.call('DELETE', `/api/followups/${item.id}/watch`, { cookie: await as('demo-province') })).statusCode).toBe(204);
    expect(await watching('demo-province')).not.toContain(item.id);
    const rows = await t.ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', item.id).where('action', 'like', 'followup.%watch').orderBy('id').execute();
    expect(rows.map((r) => r.action)).toEqual(['followup.watch', 'followup.unwatch']);
  });
});

describe('attachments', () => {
  it('takes PDF, PNG and Word files by their content, refuses others and oversized files, and serves them without writing anything', async () => {
    const item = await open(f.hangzhou.id);
    const pdf = await upload('demo-hangzhou', item.id, '整改报告.pdf', PDF);
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({ fileName: '整改报告.pdf', kind: 'pdf', sizeBytes: PDF.length });
    // The content decides the type (platform/upload-check.ts), and a name that says another type is refused.
    expect((await upload('demo-hangzhou', item.id, '现场照片.png', PNG)).json().kind).toBe('png');
    expect((await upload('demo-hangzhou', item.id, '情况说明.docx', DOCX)).json().kind).toBe('docx');
    const before = await auditCount();
    const ONLY = '只能上传PDF 文件、JPG 图片、PNG 图片、Word 文档（.docx）、Excel 表格（.xlsx）；所选文件的内容不是这些格式';
    for (const [name, body, message] of [
      ['现场照片.docx', PNG, '文件扩展名为 .docx（Word 文档（.docx）），但文件内容是PNG 图片，请确认文件后重新上传'],
      ['情况说明.pdf', DOCX, '文件扩展名为 .pdf（PDF 文件），但文件内容是Word 文档（.docx），请确认文件后重新上传'],
      ['说明.pdf', Buffer.from('这不是PDF文件'), ONLY],
      ['病毒.exe', Buffer.from('MZ\x90\x00'), ONLY],
      ['压缩包.zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('readme.txt')]), ONLY],
      ['大文件.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), '文件不能超过10 MB（所选文件为10.1 MB）'],
    ] as const) {
      const res = await upload('demo-hangzhou', item.id, name, body as Buffer);
      expect(res.statusCode, name).toBe(400);
      expect(res.json().errors, name).toEqual([{ field: 'file', message }]);
    }
    expect(await auditCount()).toBe(before);
    expect((await upload('demo-ningbo', item.id, '越权.pdf', PDF)).statusCode).toBe(403);

    const d = (await get('demo-province', `/api/followups/${item.id}`)).json();
    expect(d.attachments.map((a: { fileName: string; kind: string }) => [a.fileName, a.kind])).toEqual([['整改报告.pdf', 'pdf'], ['现场照片.png', 'png'], ['情况说明.docx', 'docx']]);
    expect(d.attachments[0].deletable).toBe(false); // the province did not upload it
    const down = await get('demo-province', `/api/followups/${item.id}/attachments/${pdf.json().id}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(String(down.headers['content-disposition'])).toContain('attachment');
    expect(down.rawPayload.equals(PDF)).toBe(true);
    expect(await auditCount()).toBe(before); // a download writes nothing
    expect((await get('demo-ningbo', `/api/followups/${item.id}/attachments/${pdf.json().id}`)).statusCode).toBe(403);

    expect((await t.call('DELETE', `/api/followups/${item.id}/attachments/${pdf.json().id}`, { cookie: await as('demo-province') })).statusCode).toBe(409);
    expect((await t.call('DELETE', `/api/followups/${item.id}/attachments/${pdf.json().id}`, { cookie: await as('demo-hangzhou') })).statusCode).toBe(204);
    expect((await get('demo-province', `/api/followups/${item.id}/attachments/${pdf.json().id}`)).statusCode).toBe(404);
  });

  it('keeps at most ten files an item, and none once the item is closed', async () => {
    const item = await open(f.hangzhou.id);
    for (let i = 0; i < 10; i++) expect((await upload('demo-hangzhou', item.id, `照片${i}.png`, PNG)).statusCode).toBe(201);
    const eleventh = await upload('demo-hangzhou', item.id, '照片10.png', PNG);
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json().code).toBe('followup.attachments_full');
    await closeItem(t.ctx, province, item.id, { outcome: 'resolved', note: '已办结' });
    const first = (await t.ctx.db.selectFrom('followup_attachments').select('id').where('item_id', '=', item.id).orderBy('id').executeTakeFirstOrThrow()).id;
    expect((await t.call('DELETE', `/api/followups/${item.id}/attachments/${first}`, { cookie: await as('demo-hangzhou') })).statusCode).toBe(409);
  });
});

describe('close hook of a registered source', () => {
  it('calls the source’s hook in the closing transaction, shows its label and link, and rolls the close back when the hook fails', async () => {
    const calls: ClosedFollowup[] = [];
    registerFollowupSource('test.hooked', {
      label: { zh: '测试来源', en: 'Test source' },
      onClosed: async (_ctx, trx, item) => {
        // Inside the transaction the item is already closed.
        const row = await trx.selectFrom('followup_items').select('state').where('id', '=', item.id).executeTakeFirstOrThrow();
        expect(row.state).toBe(item.state);
        calls.push(item);
      },
      sourceLink: (item) => `/admin/test/${item.sourceId}`,
    });
    registerFollowupSource('test.failing', { label: { zh: '会失败的来源', en: 'Failing source' }, onClosed: async () => { throw new Error('短信发送排队失败'); } });
    try {
      const item = await open(f.hangzhou.id, { source: 'test.hooked' });
      expect((await get('demo-hangzhou', `/api/followups/${item.id}`)).json()).toMatchObject({ sourceLabel: '测试来源', sourceLink: `/admin/test/${item.sourceId}` });
      expect((await get('demo-hangzhou', '/api/followups/sources')).json().items).toEqual(expect.arrayContaining([{ source: 'test.hooked', label: '测试来源' }]));
      expect((await post('demo-hangzhou', `/api/followups/${item.id}/close`, { outcome: 'resolved', note: '已解决' })).statusCode).toBe(204);
      expect(calls).toEqual([expect.objectContaining({ id: item.id, source: 'test.hooked', sourceId: item.sourceId, state: 'resolved', closingNote: '已解决' })]);

      const failing = await open(f.hangzhou.id, { source: 'test.failing' });
      await expect(closeItem(t.ctx, province, failing.id, { outcome: 'resolved', note: '已解决' })).rejects.toThrow('短信发送排队失败');
      expect(await itemRow(failing.id)).toMatchObject({ state: 'open', closing_note: null });
      expect((await t.ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'followup_item').where('entity_id', '=', failing.id).execute()).map((a) => a.action)).toEqual(['followup.open']);
    } finally {
      unregisterFollowupSource('test.hooked');
      unregisterFollowupSource('test.failing');
    }
  });
});

describe('progress and export', () => {
  it('counts per child organization with the level’s own line; the lines add up to the totals, at every level', async () => {
    await open(f.hangzhou.id, { days: 1 }); // due 2-14: overdue from 2-24 on
    const closed = await open(districts[0]!.id);
    await closeItem(t.ctx, province, closed.id, { outcome: 'resolved', note: '已解决' });
    const top = (await get('demo-province', '/api/followups/progress')).json();
    expect(top.parent).toMatchObject({ id: root.id, parentId: null });
    const sum = (items: { counts: Record<string, number> }[], k: string) => items.reduce((s, i) => s + i.counts[k]!, 0);
    for (const p of [top, (await get('demo-province', `/api/followups/progress?parentId=${f.hangzhou.id}`)).json()]) {
      for (const k of ['total', 'open', 'resolved', 'explained', 'overdue', 'escalated']) expect(sum(p.items, k), k).toBe(p.totals[k]);
      expect(p.totals.total).toBe(p.totals.open + p.totals.resolved + p.totals.explained);
      expect(p.items[0].own).toBe(true);
    }
    const hzLine = top.items.find((i: { orgId: string }) => i.orgId === f.hangzhou.id);
    const hz = (await get('demo-province', `/api/followups/progress?parentId=${f.hangzhou.id}`)).json();
    expect(hz.totals).toEqual(hzLine.counts);
    expect(hz.trail.map((o: { id: string }) => o.id)).toEqual([root.id, f.hangzhou.id]);
    expect(hz.items.find((i: { orgId: string }) => i.orgId === districts[0]!.id).counts.resolved).toBeGreaterThanOrEqual(1);
    // Hangzhou's own view starts at Hangzhou and cannot go up; Ningbo may not look into Hangzhou.
    expect((await get('demo-hangzhou', '/api/followups/progress')).json()).toMatchObject({ parent: { id: f.hangzhou.id, parentId: null }, totals: hzLine.counts });
    expect((await get('demo-ningbo', `/api/followups/progress?parentId=${f.hangzhou.id}`)).statusCode).toBe(403);
    expect((await get('demo-hangzhou', `/api/followups/progress?parentId=${root.id}`)).statusCode).toBe(403);
  });

  it('exports the filtered list to Excel, audited', async () => {
    const item = await open(f.hangzhou.id, { title: '导出测试事项', source: 'test.export' });
    const res = await post('demo-hangzhou', '/api/exports/followups.xlsx', { source: 'test.export' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['x-row-count']).toBe('1');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => Array.from((r as unknown[]).slice(1), (c) => (c === undefined ? '' : String(c))));
    expect(rows[0]).toEqual(['编号', '事项', '来源', '承办组织', '承办人', '办理期限', '剩余/逾期', '状态', '升级督办', '登记时间', '办结时间']);
    expect(rows[1]!.slice(0, 8)).toEqual([item.id, '导出测试事项', 'test.export', '杭州市委', '', '2026-02-27', '剩余5个工作日', '办理中']);
    expect((await post('demo-ningbo', '/api/exports/followups.xlsx', { orgId: f.hangzhou.id })).statusCode).toBe(403);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_name']).where('action', '=', 'followup.export').execute();
    expect(audit).toEqual([{ action: 'followup.export', actor_name: 'demo-hangzhou' }]);
  });
});

describe('escalation of overdue items (督办升级)', () => {
  it('escalates an overdue item to the level above on the first working day after 春节, again 3 working days later up to the province, never twice a day', async () => {
    const county = districts[1]!;
    const item = await open(county.id, { days: 1, source: 'test.escalate' }); // opened 2-13, due 2-14 (the worked Saturday)
    await t.ctx.jobs.drain(); // the runner reads its schedules: the daily escalation's next slot is 2-14, 08:30
    setClock('2026-02-14T01:00:00Z'); // 2-14, 09:00: due today, not late
    expect((await escalateOverdue(t.ctx)).escalated).toBe(0);
    setClock('2026-02-16T01:00:00Z'); // in the holiday: the job does nothing
    expect(await escalateOverdue(t.ctx)).toEqual({ escalated: 0, workingDay: false });
    expect((await itemRow(item.id)).escalated_level).toBe(0);

    setClock('2026-02-24T00:30:00Z'); // Tuesday 2-24, 08:30: the first working day after the holiday
    await t.ctx.jobs.drain(); // the daily schedule's job
    expect(await itemRow(item.id)).toMatchObject({ escalated_level: 1, escalated_org_id: f.hangzhou.id, escalated_on: '2026-02-24' });
    expect((await escalateOverdue(t.ctx)).escalated).toBe(0); // twice the same day: nothing more
    for (const day of ['2026-02-25', '2026-02-26']) {
      setClock(`${day}T01:00:00Z`);
      await escalateOverdue(t.ctx);
      expect((await itemRow(item.id)).escalated_level, day).toBe(1);
    }
    setClock('2026-02-27T01:00:00Z'); // three working days after 2-24
    await escalateOverdue(t.ctx);
    expect(await itemRow(item.id)).toMatchObject({ escalated_level: 2, escalated_org_id: root.id, escalated_on: '2026-02-27', owner_org_id: county.id });
    setClock('2026-03-06T01:00:00Z'); // later still: the province is the top
    await escalateOverdue(t.ctx);
    expect((await itemRow(item.id)).escalated_level).toBe(2);

    const escalations = await t.ctx.db.selectFrom('followup_escalations').select(['level', 'to_org_id', 'on_date', 'working_days_overdue']).where('item_id', '=', item.id).orderBy('level').execute();
    expect(escalations).toEqual([
      { level: 1, to_org_id: f.hangzhou.id, on_date: '2026-02-24', working_days_overdue: 1 },
      { level: 2, to_org_id: root.id, on_date: '2026-02-27', working_days_overdue: 4 },
    ]);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'actor_name', 'actor_id']).where('entity_id', '=', item.id).where('action', '=', 'followup.escalate').execute();
    expect(audit).toEqual([{ action: 'followup.escalate', actor_name: 'system', actor_id: null }, { action: 'followup.escalate', actor_name: 'system', actor_id: null }]);

    // Hangzhou sees it flagged, with the escalations on the item page; the lists filter on it (signed in afresh: weeks have passed).
    for (const k of Object.keys(cookies)) delete cookies[k];
    const listed = (await get('demo-hangzhou', '/api/followups?escalated=true&source=test.escalate')).json().items;
    expect(listed).toEqual([expect.objectContaining({ id: item.id, escalatedLevel: 2, escalatedOrgName: root.name, overdue: true })]);
    const d = (await get('demo-hangzhou', `/api/followups/${item.id}`)).json();
    expect(d.escalations.map((x: { toOrgName: string }) => x.toOrgName)).toEqual(['杭州市委', root.name]);
    expect(d.timeline.filter((e: { kind: string }) => e.kind === 'escalate')).toHaveLength(2);
    expect((await get('demo-hangzhou', '/api/followups?overdue=true&source=test.escalate')).json().items.map((i: { id: string }) => i.id)).toEqual([item.id]);
  });
});
