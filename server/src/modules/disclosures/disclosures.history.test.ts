/**
 * What the published history keeps when the working copy changes, and the module's spreadsheets: a file deleted from
 * an item being edited stays with the versions that carried it (no gap), a file never published is deleted outright,
 * a file uploaded since the last publication is not public until the next; the items of a level and a plan's board
 * exported in scope and audited.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, exportCall, type TestApp } from '../../../test/test-app.js';

let t: TestApp;
let hz: string;
let nb: string;
let town: { id: string; path: string };
let villages: { id: string; name: string }[];
const pdf = (n: number) => Buffer.from(`%PDF-1.4\n% file ${n}\n%%EOF\n`);

beforeAll(async () => {
  // 10:00 on 20 January 2027, China time.
  t = await createTestApp({ clockAt: new Date('2027-01-20T02:00:00Z') });
  [hz, nb] = [await t.login('demo-hangzhou'), await t.login('demo-ningbo')];
  const { rows } = await sql<{ id: string; path: string }>`
    select p.id, p.path from orgs p join orgs o on o.parent_id = p.id and o.level = 'grassroots' and o.sector in ('rural', 'community') and o.status = 'active'
    where p.level = 'township' and p.path like (select path from orgs where name = '杭州市委') || '%'
    group by p.id, p.path having count(*) >= 3 order by p.id limit 1`.execute(t.ctx.db);
  town = rows[0]!;
  villages = await t.ctx.db.selectFrom('orgs').select(['id', 'name']).where('parent_id', '=', town.id).where('level', '=', 'grassroots').where('sector', 'in', ['rural', 'community'])
    .where('status', '=', 'active').orderBy('id').execute();
});
afterAll(async () => { await t?.close(); });

const upload = async (id: string, n: number) => {
  const res = await t.call('POST', `/api/disclosures/${id}/attachments?fileName=${encodeURIComponent(`附件${n}.pdf`)}`, { cookie: hz, body: pdf(n), headers: { 'content-type': 'application/pdf' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const names = (list: { fileName: string }[]) => list.map((a) => a.fileName);
const publicVersion = async (id: string, v?: number) => (await t.call('GET', v ? `/api/public/disclosures/${id}/versions/${v}` : `/api/public/disclosures/${id}`)).json();
const publicFile = (id: string, a: string) => t.call('GET', `/api/public/disclosures/${id}/attachments/${a}`);

describe('attachments and the published history', () => {
  it('a file deleted from a draft is gone; one deleted after publication stays with the versions that carried it', async () => {
    const id = (await t.call('POST', '/api/disclosures', { cookie: hz, body: { orgId: villages[0]!.id, kind: 'village', period: '2026-Q4', title: '村级工程公示', bodyHtml: '<p>工程概况见附件。</p>' } })).json().id;
    const [a1, a2, draftOnly] = [await upload(id, 1), await upload(id, 2), await upload(id, 3)];
    // A draft's file: deleted outright.
    const del = await t.call('DELETE', `/api/disclosures/${id}/attachments/${draftOnly}`, { cookie: hz });
    expect(del.statusCode, del.body).toBe(200);
    expect(del.json()).toEqual({ kept: false });
    expect(await t.ctx.db.selectFrom('disclosure_attachments').select('id').where('id', '=', draftOnly).execute()).toEqual([]);
    expect((await t.call('GET', `/api/disclosures/${id}/attachments/${draftOnly}`, { cookie: hz })).statusCode).toBe(404);

    expect((await t.call('POST', `/api/disclosures/${id}/publish`, { cookie: hz })).json().version).toBe(1);
    expect(names((await publicVersion(id)).attachments)).toEqual(['附件1.pdf', '附件2.pdf']);

    // Editing the published item: a new file is not public before the edit is saved; a deleted one stays in version 1.
    const a4 = await upload(id, 4);
    const staff = (await t.call('GET', `/api/disclosures/${id}`, { cookie: hz })).json();
    expect(staff.attachments.map((a: { fileName: string; firstVersion: number | null }) => [a.fileName, a.firstVersion])).toEqual([['附件1.pdf', 1], ['附件2.pdf', 1], ['附件4.pdf', null]]);
    expect((await publicFile(id, a4)).statusCode).toBe(404);
    expect(names((await publicVersion(id)).attachments)).toEqual(['附件1.pdf', '附件2.pdf']);
    const kept = await t.call('DELETE', `/api/disclosures/${id}/attachments/${a2}`, { cookie: hz });
    expect(kept.json()).toEqual({ kept: true });
    // Until the edit is published, version 1 is still what the public reads, with its files.
    expect(names((await publicVersion(id)).attachments)).toEqual(['附件1.pdf', '附件2.pdf']);
    expect(names((await t.call('GET', `/api/disclosures/${id}`, { cookie: hz })).json().attachments)).toEqual(['附件1.pdf', '附件4.pdf']);
    // Deleting it again: it is no longer in the working copy.
    expect((await t.call('DELETE', `/api/disclosures/${id}/attachments/${a2}`, { cookie: hz })).statusCode).toBe(404);

    t.clock.advance(60_000);
    const v2 = await t.call('PUT', `/api/disclosures/${id}`, { cookie: hz, body: { version: 1, title: '村级工程公示（补充）', bodyHtml: '<p>工程概况见附件，补充验收报告。</p>' } });
    expect(v2.json().version).toBe(2);
    expect(names((await publicVersion(id)).attachments)).toEqual(['附件1.pdf', '附件4.pdf']);
    expect(names((await publicVersion(id, 1)).attachments)).toEqual(['附件1.pdf', '附件2.pdf']);
    // The file of version 1 is still served to the public, with its bytes.
    const old = await publicFile(id, a2);
    expect(old.statusCode).toBe(200);
    expect(old.rawPayload.equals(pdf(2))).toBe(true);
    expect((await publicFile(id, a4)).statusCode).toBe(200);

    // Version 3 without file 1: versions 1 and 2 keep it.
    await t.call('DELETE', `/api/disclosures/${id}/attachments/${a1}`, { cookie: hz });
    await t.call('PUT', `/api/disclosures/${id}`, { cookie: hz, body: { version: 2, title: '村级工程公示（再次补充）', bodyHtml: '<p>以验收报告为准。</p>' } });
    expect(names((await publicVersion(id, 3)).attachments)).toEqual(['附件4.pdf']);
    expect(names((await publicVersion(id, 2)).attachments)).toEqual(['附件1.pdf', '附件4.pdf']);
    expect(names((await publicVersion(id, 1)).attachments)).toEqual(['附件1.pdf', '附件2.pdf']);

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('action', '=', 'disclosure.detach').where('entity_id', '=', id).orderBy('id').execute();
    expect(audit).toHaveLength(3);
    expect(audit[0]).toMatchObject({ before: { attachmentId: draftOnly, fileName: '附件3.pdf', firstVersion: null }, after: { deleted: true } });
    expect(audit[1]).toMatchObject({ before: { attachmentId: a2, firstVersion: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }, after: { keptForVersions: [1, 1] } });
    expect(audit[2]).toMatchObject({ before: { attachmentId: a1 }, after: { keptForVersions: [1, 2] } });
    // Ningbo may not delete Hangzhou's files.
    expect((await t.call('DELETE', `/api/disclosures/${id}/attachments/${a4}`, { cookie: nb })).statusCode).toBe(403);
  });

  it('counts only the working copy’s files against the limit', async () => {
    const id = (await t.call('POST', '/api/disclosures', { cookie: hz, body: { orgId: villages[1]!.id, kind: 'party', period: '2026-Q4', title: '党务公开', bodyHtml: '<p>见附件。</p>' } })).json().id;
    await t.call('POST', `/api/disclosures/${id}/publish`, { cookie: hz });
    for (let n = 0; n < 20; n++) await upload(id, 100 + n);
    expect((await t.call('POST', `/api/disclosures/${id}/attachments?fileName=x.pdf`, { cookie: hz, body: pdf(0), headers: { 'content-type': 'application/pdf' } })).statusCode).toBe(409);
    const first = (await t.call('GET', `/api/disclosures/${id}`, { cookie: hz })).json().attachments[0].id;
    await t.call('DELETE', `/api/disclosures/${id}/attachments/${first}`, { cookie: hz });
    await upload(id, 200);
  });
});

async function sheet(res: { statusCode: number; rawPayload: Buffer; body: string }) {
  expect(res.statusCode, res.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = (row.values as unknown[]).slice(1);
    if (v.filter((x) => x != null && x !== '').length < 2) return; // the footer
    rows.push(Object.fromEntries(header.map((h, i) => [h, v[i] == null ? '' : String(v[i])])));
  });
  return { header, rows };
}

describe('spreadsheets', () => {
  it('exports the items of a level with their state, times and fingerprint, in scope and audited', async () => {
    const res = await exportCall(t, 'disclosures', `orgId=${town.id}`, hz);
    const { header, rows } = await sheet(res);
    expect(header).toEqual(['事项编号', '基层党组织', '类型', '公开期间', '标题', '状态', '版本', '首次公开时间', '最近公开时间', '当前版本指纹（SHA-256）']);
    const item = rows.find((r) => r['标题'] === '村级工程公示（再次补充）')!;
    expect(item).toMatchObject({ 基层党组织: villages[0]!.name, 类型: '村务公开', 公开期间: '2026年第四季度', 状态: '已公开', 版本: '3', 首次公开时间: '2027-01-20 10:00' });
    const current = await t.ctx.db.selectFrom('disclosure_items').select('fingerprint').where('id', '=', item['事项编号']!).executeTakeFirstOrThrow();
    expect(item['当前版本指纹（SHA-256）']).toBe(current.fingerprint);
    expect(res.headers['x-row-count']).toBe(String(rows.length));
    const drafts = await sheet(await exportCall(t, 'disclosures', `orgId=${town.id}&state=draft`, hz));
    expect(drafts.rows.every((r) => r['状态'] === '草稿' && r['当前版本指纹（SHA-256）'] === '')).toBe(true);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['org_path', 'after']).where('action', '=', 'disclosure.export').orderBy('id').execute();
    expect(audit[0]).toMatchObject({ org_path: town.path, after: { filter: { orgId: town.id }, count: rows.length } });
    expect((await exportCall(t, 'disclosures', `orgId=${town.id}`, nb)).statusCode).toBe(403);
    // Ningbo's export of all it sees holds none of Hangzhou's items.
    const nbAll = await sheet(await exportCall(t, 'disclosures', '', nb));
    expect(nbAll.rows.map((r) => r['标题'])).not.toContain('村级工程公示（再次补充）');
  });

  it('exports a plan’s board: who is missing and who is late first, with the days past the due date', async () => {
    const plan = (await t.call('POST', '/api/disclosures/plans', { cookie: hz, body: { orgId: town.id, kind: 'village', period: '2026-Q4', dueOn: '2027-01-15' } })).json().id;
    // villages[0] published on the 20th: late by five days; villages[1] has only party affairs: missing.
    const res = await exportCall(t, 'disclosure-board', `planId=${plan}`, hz);
    const { header, rows } = await sheet(res);
    expect(header).toEqual(['状态', '基层党组织', '所属组织', '首次公开时间', '逾期天数', '公开事项编号']);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const late = rows.find((r) => r['基层党组织'] === villages[0]!.name)!;
    expect(late).toMatchObject({ 状态: '逾期公开', 首次公开时间: '2027-01-20 10:00', 逾期天数: '5' });
    const missing = rows.find((r) => r['基层党组织'] === villages[1]!.name)!;
    expect(missing).toMatchObject({ 状态: '未公开', 逾期天数: '5', 公开事项编号: '' });
    // Missing first, then late.
    const order = rows.map((r) => r['状态']);
    expect(order.indexOf('逾期公开')).toBeGreaterThan(order.lastIndexOf('未公开'));
    const overdue = await sheet(await t.call('POST', '/api/exports/disclosure-board.xlsx', { cookie: hz, body: { planId: plan, overdue: true } }));
    expect(new Set(overdue.rows.map((r) => r['状态']))).toEqual(new Set(['未公开', '逾期公开']));
    expect(overdue.rows.length).toBe(rows.filter((r) => r['状态'] === '未公开' || r['状态'] === '逾期公开').length);
    const audit = await t.ctx.db.selectFrom('audit_log').select(['org_path', 'after']).where('action', '=', 'disclosure.plan.export').orderBy('id').execute();
    expect(audit[0]).toMatchObject({ org_path: town.path, after: { planId: plan, counts: { late: 1 }, today: '2027-01-20' } });
    expect((await t.call('POST', '/api/exports/disclosure-board.xlsx', { cookie: nb, body: { planId: plan } })).statusCode).toBe(403);
  });
});
