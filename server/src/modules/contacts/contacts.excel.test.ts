import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, exportCall, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import { officialRows, positionRows } from './contacts.excel.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let f: DemoFixtures;
let hz: string;
let secretary: string;
let villages: { id: string; name: string }[];
beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  [hz, secretary] = [await t.login('demo-hangzhou'), await t.login('demo-secretary')];
  villages = await t.ctx.db.selectFrom('orgs').select(['id', 'name']).where('path', 'like', `${f.hangzhou.path}%`).where('sector', '=', 'rural')
    .where('level', '=', 'grassroots').where('status', '=', 'active').orderBy('id').limit(3).execute();
});
afterAll(async () => { await t?.close(); });

type Cells = Record<string, string | null>;
async function workbook(columns: { key: string; header: string }[], rows: Cells[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  ws.addRow(columns.map((c) => c.header));
  for (const r of rows) ws.addRow(columns.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function importFile(kind: string, file: Buffer, mode = 'valid_only') {
  const res = await t.call('POST', `/api/imports?kind=${kind}&mode=${mode}`, { cookie: hz, body: file, headers: { 'content-type': XLSX_TYPE } });
  expect(res.statusCode, res.body).toBe(202);
  await t.ctx.jobs.drain();
  const status = (await t.call('GET', `/api/imports/${res.json().id}?errorsLimit=1000`, { cookie: hz })).json();
  expect(status.state).toBe('succeeded');
  return status as { rowsWritten: number; errors: { items: { row: number; column: string; message: string }[] } };
}
async function sheetRows(res: { statusCode: number; rawPayload: Buffer; body: string }) {
  expect(res.statusCode, res.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, string>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = (row.values as unknown[]).slice(1);
    out.push(Object.fromEntries(header.map((h, i) => [h, v[i] == null ? '' : String(v[i])])));
  });
  return { header, rows: out, wb };
}

describe('村干部名册 spreadsheets', () => {
  it('imports officials with per-row errors, exports them masked or revealed by the rule, and reads its own export back', async () => {
    const [v1, v2] = villages;
    const status = await importFile('village-officials', await workbook(officialRows.columns, [
      { org: v1.id, name: '许国强', role: '村两委成员', title: '村委会主任', gender: '男', phone: '13857100001', startedOn: '2021-01-05' },
      { org: v1.name === v2.name ? v1.id : v1.name, name: '沈丽萍', role: '大学生村官', gender: '女', phone: '138 5710 0002', startedOn: '2023-08-01', note: '选调' },
      { org: v1.id, name: '号码错', role: '村两委成员', phone: '12345', startedOn: '2021-01-05' },
      { org: f.hangzhou.id, name: '非村级', role: '村两委成员', startedOn: '2021-01-05' },
      { org: v1.id, name: '许国强', role: '村两委成员', startedOn: '2021-01-05' },
      { org: v1.id, name: '类别错', role: '村长', startedOn: '2021-01-05' },
    ]));
    expect(status.rowsWritten).toBe(2);
    const byRow = Object.fromEntries(status.errors.items.map((e) => [e.row, e]));
    expect(byRow[4]).toMatchObject({ column: '手机号码', message: expect.stringContaining('手机号码格式不正确') });
    expect(byRow[5]).toMatchObject({ column: '所在村党组织', message: expect.stringContaining('村级党组织') });
    expect(byRow[6]).toMatchObject({ column: '姓名', message: expect.stringContaining('与第2行重复') });
    expect(byRow[7]).toMatchObject({ column: '身份类别', message: expect.stringContaining('不是有效的身份类别') });
    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'contact.official.create').orderBy('id', 'desc').limit(2).execute();
    expect(JSON.stringify(audit)).not.toContain('13857100001');

    const masked = await sheetRows(await exportCall(t, 'village-officials', `orgId=${v1.id}&q=${encodeURIComponent('许国强')}`, hz));
    expect(masked.rows).toHaveLength(1);
    expect(masked.rows[0]).toMatchObject({ 姓名: '许国强', 身份类别: '村两委成员', 职务: '村委会主任', 手机号码: '138****0001', 任职时间: '2021-01-05' });
    const secretaryTry = await exportCall(t, 'village-officials', `reveal=true`, secretary);
    expect(secretaryTry.statusCode).toBe(403);

    // Round trip: the revealed export of v1, pointed at v2, imports into v2 as the same people.
    const revealed = await sheetRows(await exportCall(t, 'village-officials', `orgId=${v1.id}&reveal=true`, hz));
    expect(revealed.rows.find((r) => r['姓名'] === '沈丽萍')).toMatchObject({ 手机号码: '13857100002', 身份类别: '大学生村官', 备注: '选调' });
    expect((await t.ctx.db.selectFrom('audit_log').select('after').where('action', '=', 'contact.reveal').orderBy('id', 'desc').executeTakeFirstOrThrow()).after).toMatchObject({ via: 'export' });
    const ws = revealed.wb.worksheets[0];
    const orgCol = revealed.header.indexOf('所在村党组织') + 1;
    ws.eachRow((row, n) => { if (n > 1) row.getCell(orgCol).value = v2.id; });
    const again = await importFile('village-officials', Buffer.from(await revealed.wb.xlsx.writeBuffer()));
    expect(again.errors.items).toEqual([]);
    expect(again.rowsWritten).toBe(revealed.rows.length);
    const copied = await sheetRows(await exportCall(t, 'village-officials', `orgId=${v2.id}&reveal=true`, hz));
    const strip = (r: Record<string, string>) => [r['姓名'], r['身份类别'], r['职务'], r['性别'], r['手机号码'], r['任职时间'], r['离任时间'], r['备注']].join('|');
    for (const r of revealed.rows) expect(copied.rows.map(strip)).toContain(strip(r));
    // Re-importing the same file into v2 finds every current official already there.
    const twice = await importFile('village-officials', Buffer.from(await revealed.wb.xlsx.writeBuffer()));
    expect(twice.rowsWritten).toBe(revealed.rows.filter((r) => r['离任时间']).length);
  });

  it('gives a template with the columns and drop-down lists', async () => {
    for (const name of ['village-officials', 'party-positions']) {
      const res = await t.call('GET', `/api/imports/templates/${name}.xlsx`, { cookie: hz });
      expect(res.statusCode, res.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const header = (wb.worksheets[0].getRow(1).values as unknown[]).slice(1).map((h) => String(h).replace(/\*$/, ''));
      expect(header).toEqual((name === 'party-positions' ? positionRows : officialRows).columns.map((c) => c.header));
    }
  });
});

describe('党内职务 spreadsheets', () => {
  it('imports posts by member number or ID number with the one-secretary rule, and exports them', async () => {
    // A branch with a current secretary and two members without a post.
    const branch = (await sql<{ id: string; name: string }>`select o.id, o.name from orgs o where o.path like ${`${f.hangzhou.path}%`} and o.type = 'branch'
      and (select count(*) from members m where m.org_id = o.id and m.departed_on is null and not exists (select 1 from party_positions p where p.member_id = m.id)) >= 2
      and exists (select 1 from party_positions p where p.org_id = o.id and p.position = 'secretary' and p.ended_on is null) order by o.id limit 1`.execute(t.ctx.db)).rows[0];
    const free = await t.ctx.db.selectFrom('members as m').select(['m.id', 'm.name', 'm.id_number_enc']).where('m.org_id', '=', branch.id).where('m.departed_on', 'is', null)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('party_positions as p').select('p.id').whereRef('p.member_id', '=', 'm.id')))).orderBy('m.id').limit(2).execute();
    const idNumber = t.ctx.crypto.decrypt(free[1].id_number_enc);
    const status = await importFile('party-positions', await workbook(positionRows.columns, [
      { org: branch.id, memberNo: free[0].id, name: free[0].name, position: '组织委员', startedOn: '2021-10-15' },
      { org: branch.id, idNumber, name: free[1].name, position: '宣传委员', startedOn: '2021-10-15' },
      { org: branch.id, memberNo: free[0].id, name: free[0].name, position: '书记', startedOn: '2021-10-15' },
      { org: branch.id, memberNo: free[1].id, name: '张冒名', position: '委员', startedOn: '2021-10-15' },
      { org: branch.id, memberNo: free[1].id, name: free[1].name, position: '书记', startedOn: '2016-10-15', endedOn: '2021-10-14', note: '上届' },
      { org: branch.id, name: free[1].name, position: '委员', startedOn: '2021-10-15' },
      { org: branch.id, memberNo: f.nbMember, name: '宁波党员', position: '委员', startedOn: '2021-10-15' },
    ]));
    expect(status.rowsWritten).toBe(3);
    const byRow = Object.fromEntries(status.errors.items.map((e) => [e.row, e]));
    expect(byRow[4]).toMatchObject({ column: '职务', message: expect.stringContaining('已有现任书记') });
    expect(byRow[5]).toMatchObject({ column: '姓名', message: expect.stringContaining(`系统中为${free[1].name}`) });
    expect(byRow[7]).toMatchObject({ column: '党员编号', message: expect.stringContaining('请填写党员编号或身份证号') });
    expect(byRow[8].message).toMatch(/不是.*的党员|系统中为/);

    const sheet = await sheetRows(await exportCall(t, 'party-positions', `orgId=${branch.id}&status=all`, hz));
    const mine = sheet.rows.filter((r) => r['党员编号'] === free[1].id);
    expect(mine.map((r) => `${r['职务']}|${r['离任时间']}`).sort()).toEqual(['书记|2021-10-14', '宣传委员|']);
    expect(mine.every((r) => /^1\d{2}\*{4}\d{4}$/.test(r['手机号码']) || r['手机号码'] === '')).toBe(true);
    expect((await exportCall(t, 'party-positions', `orgId=${f.ningbo.id}`, hz)).statusCode).toBe(403);
  });
});
