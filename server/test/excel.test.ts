import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, exportCall, type TestApp } from './test-app.js';
import { demoFixtures, type DemoFixtures } from './fixtures.js';
import { idNumberCheckChar } from '../src/platform/identity/id-number.js';
import { memberRows } from '../src/modules/members/members.excel.js';
import { orgRows } from '../src/modules/orgs/orgs.excel.js';
import { stationRows } from '../src/modules/stations/stations.excel.js';

const MEMBER_COLUMNS = memberRows.columns;
const ORG_COLUMNS = orgRows.columns;
const STATION_COLUMNS = stationRows.columns;
import { XLSX_TYPE } from '../src/platform/excel/schema.js';
import { addDays, chinaToday } from '../src/platform/china-time.js';

let t: TestApp;
let f: DemoFixtures;
let hz: string;
/** The 10,000-row import goes into another Hangzhou branch, so the export tests on f.hzBranch stay small. */
let bigBranch: string;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
  hz = await t.login('demo-hangzhou');
  bigBranch = (await t.ctx.db.selectFrom('orgs').select('id').where('path', 'like', `${f.hangzhou.path}%`).where('type', '=', 'branch').where('status', '=', 'active')
    .where('id', '!=', f.hzBranch).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await t?.close(); });

type Cells = Record<string, string>;

/** A unique, valid member row (all columns as the template's Chinese words). */
function memberRow(i: number, org: string, region = '330183'): Cells {
  const birth = new Date(Date.UTC(1960, 0, 1) + (i % 9000) * 86_400_000).toISOString().slice(0, 10);
  const gender = i % 2 ? '男' : '女';
  const order = (Math.floor(i / 9000) * 2 + 900 + (i % 2)).toString().padStart(3, '0');
  const first17 = `${region}${birth.replaceAll('-', '')}${order}`;
  return {
    org, name: '王建华', gender, ethnicity: '汉族', birthDate: birth, idType: '居民身份证', idNumber: first17 + idNumberCheckChar(first17), education: '大学本科',
    category: '正式党员', joinedOn: '2010-07-01', fullOn: '2011-07-01', standing: '正常', job: '职员', mobile: `139${String(10_000_000 + i).slice(-8)}`,
    address: '杭州市', lostContact: '否', migrant: '否',
  };
}

async function workbook(columns: typeof MEMBER_COLUMNS, rows: Cells[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员信息');
  ws.addRow(columns.map((c) => c.header));
  for (const r of rows) ws.addRow(columns.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(cookie: string, file: Buffer, query: string) {
  return t.call('POST', `/api/imports?${query}`, { cookie, body: file, headers: { 'content-type': XLSX_TYPE } });
}

async function importAndRun(cookie: string, rows: Cells[], mode = 'all_or_nothing', kind = 'members') {
  const res = await upload(cookie, await workbook(kind === 'members' ? MEMBER_COLUMNS : ORG_COLUMNS, rows), `kind=${kind}&mode=${mode}`);
  expect(res.statusCode, res.body).toBe(202);
  const { id } = res.json();
  const queued = (await t.call('GET', `/api/imports/${id}`, { cookie })).json();
  expect(queued.state).toBe('queued');
  await t.ctx.jobs.drain();
  const status = (await t.call('GET', `/api/imports/${id}?errorsLimit=1000`, { cookie })).json();
  expect(status.state).toBe('succeeded');
  return { id, status };
}

const countByIdNumbers = async (rows: Cells[]) => {
  const bidx = rows.map((r) => t.ctx.crypto.blindIndex('id_number', r.idNumber));
  let n = 0;
  for (let i = 0; i < bidx.length; i += 1000) {
    const r = await t.ctx.db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where('id_number_bidx', 'in', bidx.slice(i, i + 1000)).executeTakeFirstOrThrow();
    n += Number(r.n);
  }
  return n;
};

describe('templates', () => {
  it('members.xlsx has Chinese headers, an example row, drop-down lists and 填写说明', async () => {
    const res = await t.call('GET', '/api/imports/templates/members.xlsx', { cookie: hz });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_TYPE);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as string[]).slice(1);
    expect(headers).toContain('身份证号*');
    expect(headers).toContain('党员类别*');
    expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^示例/);
    const genderCol = headers.indexOf('性别*') + 1;
    const dv = ws.getRow(3).getCell(genderCol).dataValidation;
    expect(dv?.type).toBe('list');
    expect(dv?.formulae?.[0]).toContain('男,女');
    expect(wb.getWorksheet('填写说明')).toBeTruthy();
  });

  it('organizations.xlsx too', async () => {
    const res = await t.call('GET', '/api/imports/templates/organizations.xlsx', { cookie: hz });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as string[])).toContain('上级党组织*');
  });
});

describe('member import', () => {
  // 10,000 rows on PostgreSQL; 1,000 on PGlite, where the 10,000-row file takes 25–80 s on two shared cores
  // (most of it exceljs reading and writing the workbook). IMPORT_TEST_ROWS overrides either.
  const N = Number(process.env.IMPORT_TEST_ROWS ?? (onPostgres ? 10_000 : 1_000));
  let rows: Cells[];

  it(`rejects a ${N}-row file with three bad rows, naming row and column in Chinese, and writes nothing`, async () => {
    rows = Array.from({ length: N }, (_, i) => memberRow(i, bigBranch));
    const bad = rows.map((r) => ({ ...r }));
    bad[99].idNumber = bad[99].idNumber.slice(0, 17) + (bad[99].idNumber[17] === '0' ? '1' : '0'); // wrong check digit → Excel row 101
    bad[N / 2 - 1].birthDate = '1950-01-01'; // disagrees with the ID number → row N/2 + 1
    bad[N - 100 - 1].category = '党员'; // not an allowed word → row N - 99
    const { id, status } = await importAndRun(hz, bad);
    expect(status.outcome).toBe('rejected');
    expect(status.rowsWritten).toBe(0);
    expect(status.progress).toMatchObject({ processed: N, total: N, errors: 3 });
    const byRow = Object.fromEntries(status.errors.items.map((e: { row: number }) => [e.row, e]));
    expect(Object.keys(byRow).map(Number)).toEqual([101, N / 2 + 1, N - 99].sort((a, b) => a - b));
    expect(byRow[101]).toMatchObject({ column: '身份证号', message: expect.stringMatching(/校验/) });
    expect(byRow[N / 2 + 1]).toMatchObject({ column: '身份证号', message: expect.stringMatching(/出生日期/) });
    expect(byRow[N - 99]).toMatchObject({ column: '党员类别', message: expect.stringContaining('正式党员 / 预备党员') });
    expect(await countByIdNumbers(rows)).toBe(0);

    const report = await t.call('GET', `/api/imports/${id}/errors.xlsx`, { cookie: hz });
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(2).values).toEqual([undefined, 101, '身份证号', byRow[101].message]);
  }, 120_000);

  it(`imports the fixed file: all ${N} rows, encrypted, masked, audited`, async () => {
    // How long it takes is measured by `npm run bench -- members` (docs/benchmarks.md), not here.
    const { id, status } = await importAndRun(hz, rows);
    expect(status).toMatchObject({ outcome: 'imported', rowsTotal: N, rowsValid: N, rowsWritten: N, phase: 'done' });
    expect(await countByIdNumbers(rows)).toBe(N);
    const one = await t.ctx.db.selectFrom('members').selectAll().where('id_number_bidx', '=', t.ctx.crypto.blindIndex('id_number', rows[7].idNumber)).executeTakeFirstOrThrow();
    expect(t.ctx.crypto.decrypt(one.id_number_enc)).toBe(rows[7].idNumber);
    expect(one.id_number_masked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    expect(one).toMatchObject({ org_id: bigBranch, category: 'full', gender: 'male' });
    const audits = await t.ctx.db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'import').where('entity_id', '=', id).execute();
    expect(audits.filter((a) => a.action === 'member.import.batch')).toHaveLength(Math.ceil(N / 500));
    expect(audits.filter((a) => a.action === 'member.import')).toHaveLength(1);
    const history = await t.ctx.db.selectFrom('member_changes').select('action').where('member_id', '=', one.id).execute();
    expect(history).toEqual([{ action: 'member.import' }]);
  }, 120_000);

  it('valid_only imports the valid rows and reports the rest', async () => {
    const rs = [memberRow(20_001, f.hzBranch, '330184'), memberRow(20_002, f.hzBranch, '330184'), { ...memberRow(20_003, f.hzBranch, '330184'), joinedOn: '2099-01-01' }];
    const { status } = await importAndRun(hz, rs, 'valid_only');
    expect(status).toMatchObject({ outcome: 'partial', rowsTotal: 3, rowsValid: 2, rowsWritten: 2 });
    expect(status.errors.items).toEqual([{ row: 4, column: '入党时间', message: '入党时间不能晚于今天' }]);
    expect(await countByIdNumbers(rs.slice(0, 2))).toBe(2);
  });

  it('finds duplicates within the file and against the database', async () => {
    const existing = await t.ctx.db.selectFrom('members').select(['id_number_enc', 'gender', 'birth_date']).where('id', '=', f.hzMember).executeTakeFirstOrThrow();
    const a = memberRow(30_001, f.hzBranch, '330185');
    const again = { ...a, name: '李四' };
    const inDb = { ...memberRow(30_002, f.hzBranch, '330185'), idNumber: t.ctx.crypto.decrypt(existing.id_number_enc), birthDate: existing.birth_date, gender: existing.gender === 'male' ? '男' : '女' };
    const { status } = await importAndRun(hz, [a, again, inDb]);
    expect(status.outcome).toBe('rejected');
    expect(status.errors.items).toEqual([
      { row: 3, column: '身份证号', message: '与第2行的身份证号重复' },
      // A record the importer can read anyway is named by its number (issue 7, item 7).
      { row: 4, column: '身份证号', message: expect.stringContaining(`您管辖范围内的党员名下（党员编号 ${f.hzMember}）`) },
    ]);
  });

  it('refuses a branch outside the importer’s subtree, and unknown branches, per row', async () => {
    const nbName = (await t.ctx.db.selectFrom('orgs').select('name').where('id', '=', f.nbBranch).executeTakeFirstOrThrow()).name;
    const rs = [memberRow(40_001, f.nbBranch, '330186'), memberRow(40_002, '不存在的党支部', '330186'), memberRow(40_003, f.hangzhou.id, '330186')];
    const { status } = await importAndRun(hz, rs);
    expect(status.errors.items).toEqual([
      { row: 2, column: '所属党组织', message: '该党组织不在您的管辖范围内' },
      { row: 3, column: '所属党组织', message: expect.stringContaining('系统中没有该党组织') },
      { row: 4, column: '所属党组织', message: expect.stringContaining('不是基层党支部') },
    ]);
    expect(nbName).toBeTruthy();
    expect(await countByIdNumbers(rs)).toBe(0);
  });

  it('accepts the branch by name, reads Excel date cells, and reports a missing column', async () => {
    const branch = await t.ctx.db.selectFrom('orgs').select(['name']).where('id', '=', f.hzBranch).executeTakeFirstOrThrow();
    const sameName = await t.ctx.db.selectFrom('orgs').select('id').where('name', '=', branch.name).execute();
    const r = memberRow(50_001, sameName.length === 1 ? branch.name : f.hzBranch, '330187');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(MEMBER_COLUMNS.map((c) => c.header));
    ws.addRow(MEMBER_COLUMNS.map((c) => (c.date && r[c.key] ? new Date(`${r[c.key]}T00:00:00Z`) : r[c.key] ?? null)));
    const res = await upload(hz, Buffer.from(await wb.xlsx.writeBuffer()), 'kind=members');
    await t.ctx.jobs.drain();
    const status = (await t.call('GET', `/api/imports/${res.json().id}`, { cookie: hz })).json();
    expect(status).toMatchObject({ outcome: 'imported', rowsWritten: 1 });

    const missing = await workbook(MEMBER_COLUMNS.filter((c) => c.key !== 'idNumber'), [memberRow(50_002, f.hzBranch)]);
    const res2 = await upload(hz, missing, 'kind=members');
    await t.ctx.jobs.drain();
    const s2 = (await t.call('GET', `/api/imports/${res2.json().id}`, { cookie: hz })).json();
    expect(s2.errors.items).toEqual([{ row: 1, column: '身份证号', message: '缺少必填列“身份证号”，请使用导入模板' }]);
  });

  it('refuses a body that is neither an .xlsx nor a text (CSV) file, and other users’ imports', async () => {
    const res = await upload(hz, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'kind=members'); // an old binary .xls
    expect(res.statusCode).toBe(400);
    expect(res.json().title).toContain('.xlsx');
    const ok = await upload(hz, await workbook(MEMBER_COLUMNS, []), 'kind=members');
    const ningbo = await t.login('demo-ningbo');
    const other = await t.call('GET', `/api/imports/${ok.json().id}`, { cookie: ningbo });
    expect(other.statusCode).toBe(403);
    const mine = (await t.call('GET', '/api/imports?limit=5', { cookie: hz })).json();
    expect(mine.items[0]).toMatchObject({ id: ok.json().id, kind: 'members', state: 'queued' });
    expect((await t.call('GET', '/api/imports', { cookie: ningbo })).json().items).toEqual([]);
  });
});

describe('organization import', () => {
  it('creates organizations under a parent in scope, parents from the same file first', async () => {
    const parentName = (await t.ctx.db.selectFrom('orgs').select('name').where('id', '=', f.hangzhou.id).executeTakeFirstOrThrow()).name;
    const rows: Cells[] = [
      { parent: f.hangzhou.id, name: '导入测试党委', fullName: '中共导入测试委员会', type: '党委', level: '县级', sector: '企业' },
      { parent: '导入测试党委', name: '导入测试第一党支部', fullName: '中共导入测试第一支部委员会', type: '党支部', level: '基层', sector: '企业', foundedOn: '2021-07-01' },
      { parent: f.ningbo.id, name: '越权党支部', fullName: '中共越权支部委员会', type: '党支部', level: '基层', sector: '企业' },
    ];
    const { status } = await importAndRun(hz, rows, 'valid_only', 'organizations');
    expect(parentName).toBe('杭州市委');
    expect(status).toMatchObject({ outcome: 'partial', rowsWritten: 2 });
    expect(status.errors.items).toEqual([{ row: 4, column: '上级党组织', message: '该党组织不在您的管辖范围内' }]);
    const child = await t.ctx.db.selectFrom('orgs').selectAll().where('name', '=', '导入测试第一党支部').executeTakeFirstOrThrow();
    const parent = await t.ctx.db.selectFrom('orgs').selectAll().where('name', '=', '导入测试党委').executeTakeFirstOrThrow();
    expect(child.path.startsWith(parent.path)).toBe(true);
    expect(parent.path.startsWith(f.hangzhou.path)).toBe(true);
  });
  it('applies the tree rules of the API: nothing under a 党支部, only 党支部 under a 党总支, for parents in the file and in the system', async () => {
    const rows: Cells[] = [
      { parent: f.hangzhou.id, name: '规则导入党支部', fullName: '中共规则导入支部委员会', type: '党支部', level: '基层', sector: '企业' },
      { parent: '规则导入党支部', name: '规则导入党委', fullName: '中共规则导入委员会', type: '党委', level: '基层', sector: '企业' },
      { parent: f.hzBranch, name: '规则导入第二党支部', fullName: '中共规则导入第二支部委员会', type: '党支部', level: '基层', sector: '企业' },
      { parent: f.hangzhou.id, name: '规则导入党总支', fullName: '中共规则导入总支部委员会', type: '党总支', level: '基层', sector: '企业' },
      { parent: '规则导入党总支', name: '规则导入党工委', fullName: '中共规则导入工作委员会', type: '党工委', level: '基层', sector: '企业' },
    ];
    const { status } = await importAndRun(hz, rows, 'valid_only', 'organizations');
    expect(status).toMatchObject({ outcome: 'partial', rowsWritten: 2 });
    expect(status.errors.items).toEqual([
      { row: 3, column: '上级党组织', message: '党支部下不能再设党组织' },
      { row: 4, column: '上级党组织', message: '党支部下不能再设党组织' },
      { row: 6, column: '上级党组织', message: '党总支下只能设立党支部，不能设立党工委' },
    ]);
  });
});

describe('exports', () => {
  async function sheetOf(res: { rawPayload: Buffer }) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const headers = (ws.getRow(1).values as string[]);
    const col = (h: string) => headers.indexOf(h);
    const rows: unknown[][] = [];
    ws.eachRow((r, n) => { if (n > 1) rows.push(r.values as unknown[]); });
    return { rows, col };
  }
  const lastAudit = (action: string) => t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();

  it('exports members with the list filters, masked, and audits it', async () => {
    const list = (await t.call('GET', `/api/members?orgId=${f.hzBranch}&category=full&limit=200`, { cookie: hz })).json();
    const res = await exportCall(t, 'members', `orgId=${f.hzBranch}&category=full`, hz);
    expect(res.statusCode).toBe(200);
    const { rows, col } = await sheetOf(res);
    expect(rows.length).toBe(list.total);
    expect(rows.every((r) => String(r[col('身份证号')]).includes('*'))).toBe(true);
    expect(rows.every((r) => r[col('党员类别')] === '正式党员')).toBe(true);
    const audit = await lastAudit('member.export');
    expect(audit.after).toMatchObject({ count: list.total, revealed: false, filter: { orgId: f.hzBranch, category: 'full' } });
  });

  it('reveals full numbers only with member.reveal and reveal=true, audited as a reveal of N records', async () => {
    const res = await exportCall(t, 'members', `orgId=${f.hzBranch}&reveal=true`, hz);
    expect(res.statusCode).toBe(200);
    const { rows, col } = await sheetOf(res);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^\d{17}[\dX]$/.test(String(r[col('身份证号')])))).toBe(true);
    expect((await lastAudit('member.reveal')).after).toMatchObject({ via: 'export', count: rows.length });

    const secretary = await t.login('demo-secretary');
    const denied = await exportCall(t, 'members', `reveal=true`, secretary);
    expect(denied.statusCode).toBe(403);
    const masked = await exportCall(t, 'members', ``, secretary);
    expect(masked.statusCode).toBe(200);
  });

  it('streams a member export over several pages of 1,000, with x-row-count and every row once', async () => {
    const list = (await t.call('GET', `/api/members?orgId=${bigBranch}&limit=1`, { cookie: hz })).json();
    expect(list.total).toBeGreaterThanOrEqual(1000); // 1,000 rows or more: the first page is full, so a second page is read
    const res = await exportCall(t, 'members', `orgId=${bigBranch}&reveal=true`, hz);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-row-count']).toBe(String(list.total));
    const { rows, col } = await sheetOf(res);
    expect(rows.length).toBe(list.total);
    expect(new Set(rows.map((r) => String(r[col('身份证号')]))).size).toBe(list.total);
    expect(rows.every((r) => String(r[col('组织编号')]) === bigBranch)).toBe(true);
  }, 60_000);

  it('exports organizations in scope only', async () => {
    const res = await exportCall(t, 'organizations', ``, hz);
    expect(res.statusCode).toBe(200);
    const { rows, col } = await sheetOf(res);
    const ids = rows.map((r) => String(r[col('组织编号')]));
    expect(ids).toContain(f.hangzhou.id);
    expect(ids).not.toContain(f.ningbo.id);
    expect((await lastAudit('org.export')).after).toMatchObject({ count: rows.length });
  });
});

describe('station import', () => {
  type Row = Record<string, string>;
  const row = (name: string, org: string, o: Row = {}): Row => ({ name, type: '村', org, address: '杭州市余杭区', equipment: '液晶电视、机顶盒', status: '正常', managerName: '王建军', contactPhone: '13957100001', ...o });
  const stationsFile = async (rows: Row[]) => workbook(STATION_COLUMNS, rows);
  const run = async (rows: Row[], mode = 'all_or_nothing') => {
    const res = await upload(hz, await stationsFile(rows), `kind=stations&mode=${mode}&fileName=${encodeURIComponent('站点.xlsx')}`);
    expect(res.statusCode, res.body).toBe(202);
    await t.ctx.jobs.drain();
    const status = (await t.call('GET', `/api/imports/${res.json().id}?errorsLimit=1000`, { cookie: hz })).json();
    expect(status.state).toBe('succeeded');
    return { id: res.json().id as string, status };
  };
  const stationsNamed = (names: string[]) => t.ctx.db.selectFrom('stations').selectAll().where('name', 'in', names).orderBy('id').execute();

  it('template stations.xlsx has the station columns, drop-down lists and 填写说明', async () => {
    const res = await t.call('GET', '/api/imports/templates/stations.xlsx', { cookie: hz });
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('远程教育站点导入模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0].getRow(1).values as string[]).slice(1);
    expect(headers).toEqual(['站点名称*', '类型*', '所属党组织*', '地址', '设备', '状态', '管理员', '联系电话']);
    expect(String(wb.worksheets[0].getRow(2).getCell(1).value)).toMatch(/^示例/);
    expect(wb.worksheets[0].getRow(3).getCell(2).dataValidation?.formulae?.[0]).toContain('乡镇,村,企业,社区,家庭');
    const help = wb.getWorksheet('填写说明')!;
    const text: string[] = [];
    help.eachRow((r) => text.push(String(r.getCell(1).value ?? '')));
    expect(text.join('\n')).toContain('同一党组织下站点名称相同视为重复');
  });

  it('rejects a file with bad rows, naming row and column in Chinese, and writes nothing', async () => {
    const existing = await t.ctx.db.selectFrom('stations').select(['name', 'org_id']).where('org_path', 'like', `${f.hangzhou.path}%`).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const rows = [
      row('导入站点甲', f.hzBranch),
      row('导入站点乙', f.hzBranch, { type: '卫星站' }),
      row('导入站点丙', f.hzBranch, { contactPhone: '1234' }),
      row('导入站点丁', f.nbBranch),
      row('导入站点甲', f.hzBranch, { managerName: '李四' }),
      row(existing.name, existing.org_id),
      row('', f.hzBranch),
      row('导入站点戊', '不存在的党组织'),
    ];
    const { id, status } = await run(rows);
    expect(status).toMatchObject({ outcome: 'rejected', rowsTotal: 8, rowsValid: 1, rowsWritten: 0 });
    expect(status.errors.items).toEqual([
      { row: 3, column: '类型', message: '“卫星站”不是有效的类型，应填写：乡镇 / 村 / 企业 / 社区 / 家庭' },
      { row: 4, column: '联系电话', message: expect.stringContaining('手机号码格式不正确') },
      { row: 5, column: '所属党组织', message: '该党组织不在您的管辖范围内' },
      { row: 6, column: '站点名称', message: '与第2行的站点重复（同一党组织下站点名称相同）' },
      { row: 7, column: '站点名称', message: expect.stringContaining('已登记同名站点') },
      { row: 8, column: '站点名称', message: '站点名称为必填项' },
      { row: 9, column: '所属党组织', message: expect.stringContaining('系统中没有该党组织') },
    ]);
    expect(await stationsNamed(['导入站点甲', '导入站点乙', '导入站点丙'])).toEqual([]);
    const upload = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('entity_type', '=', 'import').where('entity_id', '=', id).orderBy('id').execute();
    expect(upload.map((a) => a.action)).toEqual(['station.import.upload', 'station.import']);
    expect(upload[1].after).toMatchObject({ outcome: 'rejected', rowsWritten: 0, errorCount: 7 });
  });

  it('valid_only writes the valid rows (organization by name, 家庭/停用 words), audited per station', async () => {
    const branch = await t.ctx.db.selectFrom('orgs').select(['name']).where('id', '=', f.hzBranch).executeTakeFirstOrThrow();
    const unique = (await t.ctx.db.selectFrom('orgs').select('id').where('name', '=', branch.name).execute()).length === 1;
    const rows = [
      row('导入站点一', unique ? branch.name : f.hzBranch, { type: '家庭', status: '停用', contactPhone: '0571 8765 4321' }),
      row('导入站点二', f.hzBranch, { address: '', equipment: '' }),
      row('导入站点三', f.hzBranch, { status: '报废' }),
    ];
    const { id, status } = await run(rows, 'valid_only');
    expect(status).toMatchObject({ outcome: 'partial', rowsTotal: 3, rowsValid: 2, rowsWritten: 2 });
    expect(status.errors.items).toEqual([{ row: 4, column: '状态', message: '“报废”不是有效的状态，应填写：正常 / 停用 / 故障' }]);
    const written = await stationsNamed(['导入站点一', '导入站点二', '导入站点三']);
    expect(written.map((s) => [s.name, s.org_id, s.type, s.status, s.address, s.contact_phone])).toEqual([
      ['导入站点一', f.hzBranch, 'household', 'suspended', '杭州市余杭区', '0571-87654321'],
      ['导入站点二', f.hzBranch, 'village', 'active', null, '13957100001'],
    ]);
    const creates = await t.ctx.db.selectFrom('audit_log').select(['entity_id', 'after']).where('action', '=', 'station.create').where('entity_id', 'in', written.map((s) => s.id)).execute();
    expect(creates).toHaveLength(2);
    expect(creates[0].after).toMatchObject({ importId: id });
    const summary = await t.ctx.db.selectFrom('audit_log').select('after').where('action', '=', 'station.import').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(summary.after).toMatchObject({ outcome: 'partial', rowsWritten: 2 });
    // The same file again: every row is now a duplicate of a registered station.
    const again = await run(rows.slice(0, 2), 'valid_only');
    expect(again.status).toMatchObject({ outcome: 'partial', rowsWritten: 0 });
    expect(again.status.errors.items.map((e: { column: string }) => e.column)).toEqual(['站点名称', '站点名称']);
  });

  it('needs org.write: a branch secretary may not import stations', async () => {
    const secretary = await t.login('demo-secretary');
    const res = await upload(secretary, await stationsFile([row('越权站点', f.hzBranch)]), 'kind=stations');
    expect(res.statusCode).toBe(403);
  });
});

describe('exports of stations, flows and the six-month alert list', () => {
  async function sheet(res: { rawPayload: Buffer }) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const headers = ws.getRow(1).values as string[];
    const rows: Record<string, unknown>[] = [];
    ws.eachRow((r, n) => {
      if (n === 1) return;
      const o: Record<string, unknown> = {};
      (r.values as unknown[]).forEach((v, i) => { if (headers[i]) o[headers[i]] = v; });
      rows.push(o);
    });
    return rows;
  }
  const lastAudit = (action: string) => t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();

  it('stations.xlsx: the list filters, only the actor’s subtree, audited', async () => {
    const list = (await t.call('GET', '/api/stations?type=village&limit=200', { cookie: hz })).json();
    const res = await exportCall(t, 'stations', `type=village`, hz);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-row-count']).toBe(String(list.total));
    const rows = await sheet(res);
    expect(rows.length).toBe(list.total);
    expect(rows.every((r) => r['类型'] === '村')).toBe(true);
    const all = await sheet(await exportCall(t, 'stations', ``, hz));
    const inside = await t.ctx.db.selectFrom('stations').select('id').where('org_path', 'like', `${f.hangzhou.path}%`).execute();
    expect(all.map((r) => String(r['站点编号'])).sort()).toEqual(inside.map((s) => s.id).sort());
    expect((await lastAudit('station.export')).after).toMatchObject({ count: inside.length });
    expect((await exportCall(t, 'stations', `orgId=${f.ningbo.id}`, hz)).statusCode).toBe(403);
  });

  it('flows.xlsx: the destination contact phone masked; full only with reveal=true and member.reveal, audited', async () => {
    const grant = await t.ctx.db.selectFrom('role_grants as g').innerJoin('accounts as a', 'a.id', 'g.account_id').innerJoin('orgs as o', 'o.id', 'g.org_id')
      .select('o.path').where('a.username', '=', 'demo-secretary').executeTakeFirstOrThrow();
    const member = await t.ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${grant.path}%`).where('migrant', '=', false).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    const leftOn = addDays(chinaToday(t.ctx.now()), -30);
    const created = await t.call('POST', `/api/members/${member.id}/flows`, { cookie: hz, body: {
      flowType: 'out_of_province', reason: 'work_business', destProvince: '广东省', destCity: '深圳市', contactName: '李建华', contactPhone: '13800138000', leftOn,
    } });
    expect(created.statusCode, created.body).toBe(201);
    const list = (await t.call('GET', '/api/flows?open=true&limit=200', { cookie: hz })).json();
    const masked = await exportCall(t, 'flows', `open=true`, hz);
    expect(masked.statusCode).toBe(200);
    const rows = await sheet(masked);
    expect(rows.length).toBe(list.total);
    const mine = rows.find((r) => String(r['登记编号']) === created.json().id)!;
    expect(mine).toMatchObject({ 联系电话: '138****8000', 流动类型: '跨省流动', 外出原因: '务工经商', 状态: '外出中' });
    expect((await lastAudit('flow.export')).after).toMatchObject({ count: rows.length, revealed: false, filter: { open: true } });

    const secretary = await t.login('demo-secretary');
    const forSecretary = await exportCall(t, 'flows', ``, secretary);
    expect((await sheet(forSecretary)).find((r) => String(r['登记编号']) === created.json().id)).toMatchObject({ 联系电话: '138****8000' });
    expect((await exportCall(t, 'flows', `reveal=true`, secretary)).statusCode).toBe(403);

    const revealed = await sheet(await exportCall(t, 'flows', `open=true&reveal=true`, hz));
    expect(revealed.find((r) => String(r['登记编号']) === created.json().id)).toMatchObject({ 联系电话: '13800138000' });
    expect((await lastAudit('member.reveal')).after).toMatchObject({ via: 'export', fields: ['contactPhone'], count: revealed.length });

    const hzOrgs = new Set((await t.ctx.db.selectFrom('orgs').select('id').where('path', 'like', `${f.hangzhou.path}%`).execute()).map((o) => o.id));
    expect(rows.every((r) => hzOrgs.has(String(r['组织编号'])))).toBe(true);
    expect((await exportCall(t, 'flows', `orgId=${f.ningbo.id}`, hz)).statusCode).toBe(403);
  });

  it('inactive-members.xlsx: the six-month alert list of the actor’s subtree, audited', async () => {
    const ids = async (res: { rawPayload: Buffer }) => (await sheet(res)).filter((r) => /^\d+$/.test(String(r['党员编号'] ?? '')));
    const whole = (await t.call('GET', '/api/alerts/inactive-members', { cookie: hz })).json().items as { memberId: string; orgId: string }[];
    expect(whole.length).toBeGreaterThan(0);
    const wholeRows = await ids(await exportCall(t, 'inactive-members', ``, hz));
    expect(wholeRows.map((r) => String(r['党员编号']))).toEqual(whole.map((m) => m.memberId));
    const hzOrgs = new Set((await t.ctx.db.selectFrom('orgs').select('id').where('path', 'like', `${f.hangzhou.path}%`).execute()).map((o) => o.id));
    expect(wholeRows.every((r) => hzOrgs.has(String(r['组织编号'])))).toBe(true);
    const orgId = whole[0].orgId;
    const one = (await t.call('GET', `/api/alerts/inactive-members?orgId=${orgId}`, { cookie: hz })).json().items as { memberId: string }[];
    const res = await exportCall(t, 'inactive-members', `orgId=${orgId}`, hz);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-row-count']).toBe(String(one.length));
    expect((await ids(res)).map((r) => String(r['党员编号']))).toEqual(one.map((m) => m.memberId));
    expect((await lastAudit('alert.export')).after).toMatchObject({ orgId, count: one.length });
    expect((await exportCall(t, 'inactive-members', `orgId=${f.ningbo.id}`, hz)).statusCode).toBe(403);
  });
});
