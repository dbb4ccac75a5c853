/**
 * Imports that cannot stall the server or leak (issue 7, items 6 and 7): limits on rows, columns, cells and unzipped
 * bytes; CSV in UTF-8 and GBK; the parse in a worker thread; uploads stored encrypted and removed at the end; error
 * reports expiring; the per-account upload limit; formula cells; ID numbers registered outside the importer's scope.
 * The app runs with small limits so that the files stay small.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { threadId } from 'node:worker_threads';
import { createTestApp, type TestApp } from './test-app.js';
import { demoFixtures, type DemoFixtures } from './fixtures.js';
import { idNumberCheckChar } from '../src/platform/identity/id-number.js';
import { FORMULA_WITHOUT_VALUE } from '../src/platform/excel/columns.js';
import { XLSX_TYPE } from '../src/platform/excel/schema.js';
import { purgeExpiredImports } from '../src/platform/excel/importer.js';
import { memberRows } from '../src/modules/members/members.excel.js';

const MEMBER_COLUMNS = memberRows.columns;

let t: TestApp;
let f: DemoFixtures;
let hz: string;

beforeAll(async () => {
  t = await createTestApp({ env: { IMPORT_MAX_ROWS: '50', IMPORT_MAX_UNZIPPED_MB: '1', IMPORT_MAX_COLUMNS: '40', IMPORT_MAX_CELL_CHARS: '200', IMPORT_UPLOADS_PER_HOUR: '1000' } });
  f = await demoFixtures(t.ctx);
  hz = await t.login('demo-hangzhou');
});
afterAll(async () => { await t?.close(); });

type Cells = Record<string, string>;

/** A unique, valid member row (region 330522 and order codes 9xx: no demo member has them). */
function memberRow(i: number, org: string): Cells {
  const birth = new Date(Date.UTC(1962, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const first17 = `330522${birth.replaceAll('-', '')}${String(900 + (i % 2)).padStart(3, '0')}`;
  return {
    org, name: '陈立新', gender: i % 2 ? '男' : '女', ethnicity: '汉族', birthDate: birth, idType: '居民身份证', idNumber: first17 + idNumberCheckChar(first17),
    education: '大学本科', category: '正式党员', joinedOn: '2010-07-01', fullOn: '2011-07-01', standing: '正常', job: '职员',
    mobile: `137${String(20_000_000 + i).slice(-8)}`, address: '杭州市', lostContact: '否', migrant: '否',
  };
}

async function workbook(rows: (Cells | Record<string, ExcelJS.CellValue>)[], columns = MEMBER_COLUMNS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员信息');
  ws.addRow(columns.map((c) => c.header));
  for (const r of rows) ws.addRow(columns.map((c) => (r as Record<string, ExcelJS.CellValue>)[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function csv(rows: Cells[], sep = '\r\n'): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return [MEMBER_COLUMNS.map((c) => c.header), ...rows.map((r) => MEMBER_COLUMNS.map((c) => r[c.key] ?? ''))].map((l) => l.map(quote).join(',')).join(sep) + sep;
}

/** GBK bytes of a text, from the decoder's own table (Node has a GB18030 decoder but no encoder). */
let gbkTable: Map<string, number[]> | null = null;
function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(Uint8Array.of(a, b));
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...gbkTable.get(ch)!);
  }
  return Buffer.from(out);
}

const upload = (cookie: string, body: Buffer, query = 'kind=members&mode=valid_only', type = XLSX_TYPE) =>
  t.call('POST', `/api/imports?${query}`, { cookie, body, headers: { 'content-type': type } });

async function run(body: Buffer, query?: string, type?: string) {
  const res = await upload(hz, body, query, type);
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json().id as string;
  await t.ctx.jobs.drain();
  const status = (await t.call('GET', `/api/imports/${id}?errorsLimit=1000`, { cookie: hz })).json();
  expect(status.state).toBe('succeeded');
  return { id, status };
}

const written = async (rows: Cells[]) => {
  const bidx = rows.map((r) => t.ctx.crypto.blindIndex('id_number', r.idNumber));
  return (await t.ctx.db.selectFrom('members').select('id').where('id_number_bidx', 'in', bidx).execute()).length;
};

let serial = 0;
const fresh = (n: number, org = f.hzBranch) => Array.from({ length: n }, () => memberRow(serial++, org));

describe('limits', () => {
  it('refuses a workbook over the row limit, with the limit in Chinese, and writes nothing', async () => {
    const rows = fresh(51);
    const { status } = await run(await workbook(rows));
    expect(status).toMatchObject({ outcome: 'rejected', rowsWritten: 0 });
    expect(status.errors.items).toEqual([{ row: 1, column: '文件', message: '文件超过 50 行的上限（不含表头），请拆分为多个文件后分别导入' }]);
    expect(await written(rows)).toBe(0);
    // Fifty rows are within it.
    const ok = fresh(50);
    expect((await run(await workbook(ok))).status).toMatchObject({ outcome: 'imported', rowsWritten: 50 });
  });

  it('refuses a zip bomb-like workbook at upload when its entries declare too much, and in the job when they lie', async () => {
    // 2,000 rows of 22 identical cells: a sheet of about 1.5 MB that compresses to a few kilobytes.
    const big = await workbook(Array.from({ length: 2000 }, () => Object.fromEntries(MEMBER_COLUMNS.map((c) => [c.key, '同']))));
    expect(big.length).toBeLessThan(200_000);
    const res = await upload(hz, big);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'import.file_refused', title: expect.stringContaining('解压后超过 1 MB 的上限') });

    // The same archive declaring 100 bytes for every entry: only counting while inflating finds it.
    const lying = Buffer.from(big);
    const end = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let p = lying.readUInt32LE(end + 16);
    for (let i = 0; i < lying.readUInt16LE(end + 10); i++) {
      lying.writeUInt32LE(100, p + 24);
      p += 46 + lying.readUInt16LE(p + 28) + lying.readUInt16LE(p + 30) + lying.readUInt16LE(p + 32);
    }
    const { status } = await run(lying);
    expect(status).toMatchObject({ outcome: 'rejected', rowsWritten: 0 });
    expect(status.errors.items).toEqual([{ row: 1, column: '文件', message: expect.stringContaining('解压后超过 1 MB 的上限') }]);
  });

  it('refuses a file wider than the column limit, and makes an over-long cell a row error', async () => {
    const wide = Buffer.from(`${[...MEMBER_COLUMNS.map((c) => c.header), ...Array.from({ length: 30 }, (_, i) => `备用${i}`)].join(',')}\n`);
    const { status } = await run(wide, 'kind=members', 'text/csv');
    expect(status.errors.items).toEqual([{ row: 1, column: '文件', message: '文件超过 40 列的上限，请使用导入模板，删除多余的列后重新上传' }]);

    const [ok, long] = fresh(2);
    long.address = '浙'.repeat(201);
    const r = await run(await workbook([ok, long]));
    expect(r.status).toMatchObject({ outcome: 'partial', rowsWritten: 1 });
    expect(r.status.errors.items).toEqual([{ row: 3, column: '家庭住址', message: '家庭住址内容超过 200 个字的上限' }]);
  });
});

describe('CSV', () => {
  it('imports UTF-8 with and without a BOM, quoted fields and LF line ends', async () => {
    const a = fresh(2);
    a[1].address = '杭州市西湖区"文三路", 1号';
    const withBom = await run(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(a))]), 'kind=members', 'text/csv');
    expect(withBom.status).toMatchObject({ outcome: 'imported', rowsWritten: 2 });
    const stored = await t.ctx.db.selectFrom('members').select('address').where('id_number_bidx', '=', t.ctx.crypto.blindIndex('id_number', a[1].idNumber)).executeTakeFirstOrThrow();
    expect(stored.address).toBe('杭州市西湖区"文三路", 1号');
    const b = fresh(2);
    expect((await run(Buffer.from(csv(b, '\n')), 'kind=members', 'text/csv')).status).toMatchObject({ outcome: 'imported', rowsWritten: 2 });
  });

  it('detects GBK (as Excel saves CSV on Chinese Windows) and reads the Chinese right', async () => {
    const rows = fresh(2);
    rows[0].name = '欧阳晓燕';
    const body = gbk(csv(rows));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(body)).toThrow();
    const { status } = await run(body, 'kind=members', 'text/csv');
    expect(status).toMatchObject({ outcome: 'imported', rowsWritten: 2 });
    const m = await t.ctx.db.selectFrom('members').select(['name', 'ethnicity', 'category']).where('id_number_bidx', '=', t.ctx.crypto.blindIndex('id_number', rows[0].idNumber)).executeTakeFirstOrThrow();
    expect(m).toEqual({ name: '欧阳晓燕', ethnicity: '汉族', category: 'full' });
  });

  it('names a CSV ID number that Excel turned into a number', async () => {
    const [r] = fresh(1);
    const { status } = await run(Buffer.from(csv([{ ...r, idNumber: '3.30522E+17' }])), 'kind=members', 'text/csv');
    expect(status.errors.items).toEqual([{ row: 2, column: '身份证号', message: expect.stringContaining('被Excel存成了数字') }]);
  });
});

describe('formula cells', () => {
  it('take a formula’s saved result, and make a formula without one a row error in Chinese', async () => {
    const [a, b] = fresh(2);
    const withResult = { ...a, ethnicity: { formula: '"汉"&"族"', result: '汉族' } };
    const without = { ...b, name: { formula: 'CONCATENATE("王","芳")' } };
    const { status } = await run(await workbook([withResult, without] as Record<string, ExcelJS.CellValue>[]));
    expect(status).toMatchObject({ outcome: 'partial', rowsWritten: 1 });
    expect(status.errors.items).toEqual([{ row: 3, column: '姓名', message: FORMULA_WITHOUT_VALUE }]);
    expect(JSON.stringify(status.errors.items)).not.toContain('[object Object]');
    expect(await written([a])).toBe(1);
  });
});

describe('the stored upload and the worker', () => {
  it('is stored encrypted (no ID number in the imports table), read in a worker thread, and gone when the job ends', async () => {
    const rows = fresh(3);
    const body = Buffer.from(csv(rows));
    const res = await upload(hz, body, 'kind=members', 'text/csv');
    expect(res.statusCode).toBe(202);
    const id = res.json().id as string;
    const stored = await t.ctx.db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.format).toBe('csv');
    const raw = stored.file!.toString('latin1');
    for (const r of rows) {
      expect(raw).not.toContain(r.idNumber);
      expect(raw).not.toContain(r.mobile);
    }
    expect(t.ctx.crypto.decryptBytes(stored.file!).equals(body)).toBe(true);

    await t.ctx.jobs.drain();
    const after = await t.ctx.db.selectFrom('imports').select(['file', 'outcome']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(after).toEqual({ file: null, outcome: 'imported' });
    const job = await t.ctx.db.selectFrom('jobs as j').innerJoin('imports as i', 'i.job_id', 'j.id').select('j.result').where('i.id', '=', id).executeTakeFirstOrThrow();
    const worker = (job.result as { worker: { threadId: number; mainThreadId: number } }).worker;
    expect(worker.mainThreadId).toBe(threadId);
    expect(worker.threadId).toBeGreaterThan(0);
    expect(worker.threadId).not.toBe(threadId);
  });

  it('is gone after a rejected import too', async () => {
    const { id, status } = await run(Buffer.from('姓名\n张三\n'), 'kind=members', 'text/csv');
    expect(status.outcome).toBe('rejected');
    expect((await t.ctx.db.selectFrom('imports').select('file').where('id', '=', id).executeTakeFirstOrThrow()).file).toBeNull();
  });
});

describe('an import that fails', () => {
  it('removes the upload after its last attempt and ends as failed', async () => {
    const res = await upload(hz, Buffer.from(csv(fresh(1))), 'kind=members', 'text/csv');
    const id = res.json().id as string;
    // A stored upload that no longer decrypts: every attempt throws.
    const stored = await t.ctx.db.selectFrom('imports').select(['file', 'job_id']).where('id', '=', id).executeTakeFirstOrThrow();
    const broken = Buffer.from(stored.file!);
    broken[broken.length - 1] ^= 1;
    await t.ctx.db.updateTable('imports').set({ file: broken }).where('id', '=', id).execute();
    await t.ctx.db.updateTable('jobs').set({ max_attempts: 1 }).where('id', '=', stored.job_id).execute();
    await t.ctx.jobs.drain();
    const status = (await t.call('GET', `/api/imports/${id}`, { cookie: hz })).json();
    expect(status).toMatchObject({ state: 'failed', outcome: 'failed', rowsWritten: 0 });
    expect((await t.ctx.db.selectFrom('imports').select('file').where('id', '=', id).executeTakeFirstOrThrow()).file).toBeNull();
  });
});

describe('ID numbers registered outside the importer’s scope (item 7)', () => {
  async function ningboRows(n: number) {
    const ms = await t.ctx.db.selectFrom('members').select(['id_number_enc', 'birth_date', 'gender']).where('org_path', 'like', `${f.ningbo.path}%`)
      .where('id_type', '=', 'resident_id').orderBy('id').limit(n).execute();
    return ms.map((m, i) => ({ ...memberRow(10_000 + i, f.hzBranch), idNumber: t.ctx.crypto.decrypt(m.id_number_enc), birthDate: m.birth_date, gender: m.gender === 'male' ? '男' : '女' }));
  }
  const refusalsOf = (importId: string) => t.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'member.id_number_refused').where('entity_id', '=', importId).execute();

  it('refuses such a row with the neutral message, writes the others, and audits the masked numbers', async () => {
    const nb = await ningboRows(2);
    const ok = fresh(1);
    const { id, status } = await run(await workbook([nb[0], ...ok, nb[1]]));
    expect(status).toMatchObject({ outcome: 'partial', rowsWritten: 1 });
    expect(status.errors.items).toEqual([
      { row: 2, column: '身份证号', message: '该身份证号码无法在本组织登记，请联系上级党组织核实' },
      { row: 4, column: '身份证号', message: '该身份证号码无法在本组织登记，请联系上级党组织核实' },
    ]);
    const [audit] = await refusalsOf(id);
    expect(audit.after).toEqual({
      via: 'import', count: 2,
      items: [nb[0], nb[1]].map((r, i) => ({ row: [2, 4][i], idNumber: `${r.idNumber.slice(0, 6)}********${r.idNumber.slice(-4)}`, orgId: f.hzBranch })),
    });
    expect(JSON.stringify(audit)).not.toContain(nb[0].idNumber);
  });

  it('refuses a whole file with more than five such rows, naming none of them, even when the others are valid', async () => {
    const nb = await ningboRows(6);
    const ok = fresh(2);
    const { id, status } = await run(await workbook([...ok, ...nb]));
    expect(status).toMatchObject({ outcome: 'rejected', rowsWritten: 0, rowsValid: 0 });
    expect(status.errors.items).toEqual([{ row: 1, column: '身份证号', message: expect.stringContaining('不逐行列出') }]);
    expect(await written(ok)).toBe(0);
    expect((await refusalsOf(id))[0].after).toMatchObject({ count: 6 });
  });
});

describe('the per-account upload limit', () => {
  it('answers 429 problem+json in Chinese past the hourly number of uploads, counted per account', async () => {
    const limits = t.ctx.config.imports;
    const nb = await t.login('demo-ningbo');
    const body = Buffer.from(csv(fresh(1, f.nbBranch)));
    const before = limits.uploadsPerHour;
    limits.uploadsPerHour = 2;
    try {
      expect((await upload(nb, body)).statusCode).toBe(202);
      expect((await upload(nb, body)).statusCode).toBe(202);
      const third = await upload(nb, body);
      expect(third.statusCode).toBe(429);
      expect(third.headers['content-type']).toContain('application/problem+json');
      expect(third.json()).toMatchObject({ code: 'import.rate_limited', title: expect.stringContaining('每个账号每小时最多上传 2 个导入文件') });
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      // Another account is not affected by Ningbo's uploads (Hangzhou's own count is checked the same way).
      const hzCount = (await t.ctx.db.selectFrom('imports').select('id').where('actor_name', '=', 'demo-hangzhou').where('created_at', '>', new Date(t.ctx.now().getTime() - 3_600_000)).execute()).length;
      limits.uploadsPerHour = hzCount + 1;
      expect((await upload(hz, body)).statusCode).toBe(202);
    } finally {
      limits.uploadsPerHour = before;
    }
    await t.ctx.jobs.drain();
  });
});

describe('error reports', () => {
  it('are kept 7 days after the import ends, then removed by the cleanup', async () => {
    const [r] = fresh(1);
    const { id } = await run(await workbook([{ ...r, category: '党员' }]));
    const report = () => t.call('GET', `/api/imports/${id}/errors.xlsx`, { cookie: hz });
    const count = async () => (await t.ctx.db.selectFrom('import_errors').select('id').where('import_id', '=', id).execute()).length;
    expect((await report()).statusCode).toBe(200);
    t.clock.advance(6 * 86_400_000 + 23 * 3_600_000);
    await purgeExpiredImports(t.ctx);
    expect(await count()).toBe(1);
    t.clock.advance(3_600_000);
    await purgeExpiredImports(t.ctx);
    expect(await count()).toBe(0);
    hz = await t.login('demo-hangzhou'); // the session has long timed out
    const gone = await report();
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'import.errors_expired', title: expect.stringContaining('只保存 7 天') });
  });
});
