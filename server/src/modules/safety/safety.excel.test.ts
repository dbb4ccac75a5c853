/**
 * 敏感词库 in Excel: the template, an upload checked row by row with Chinese errors (empty, too long, only
 * punctuation, a repeat within the file, a word already listed), the valid rows applied (audited, effective at once),
 * the export read back, and who may import.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, exportCall, type TestApp } from '../../../test/test-app.js';
import { screenText } from './safety.words.js';
import { wordRows } from './safety.excel.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let sec: string;
beforeAll(async () => {
  t = await createTestApp();
  sec = await t.login('demo-secadmin');
});
afterAll(async () => { await t?.close(); });

async function workbook(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('敏感词库');
  ws.addRow(wordRows.columns.map((c) => c.header));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function upload(cookie: string, file: Buffer, mode = 'valid_only') {
  return t.call('POST', `/api/imports?kind=sensitive-words&mode=${mode}`, { cookie, body: file, headers: { 'content-type': XLSX_TYPE } });
}
async function finished(id: string) {
  await t.ctx.jobs.drain();
  const status = (await t.call('GET', `/api/imports/${id}?errorsLimit=1000`, { cookie: sec })).json();
  expect(status.state).toBe('succeeded');
  return status as { outcome: string; rowsWritten: number; errors: { items: { row: number; column: string; message: string }[] } };
}

describe('the sensitive-word list in Excel', () => {
  it('gives a template to the security administrator only', async () => {
    const res = await t.call('GET', '/api/imports/templates/sensitive-words.xlsx', { cookie: sec });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(['敏感词*', '备注']);
    expect(wb.getWorksheet('填写说明')).toBeTruthy();
    expect((await t.call('GET', '/api/imports/templates/sensitive-words.xlsx', { cookie: await t.login('demo-hangzhou') })).statusCode).toBe(403);
    expect((await upload(await t.login('demo-auditor'), await workbook([['某词', null]]))).statusCode).toBe(403);
  });

  it('checks every row, says what is wrong in Chinese, applies the valid ones and audits', async () => {
    await t.call('POST', '/api/safety/words', { cookie: sec, body: { words: ['已有词条'] } });
    expect((await screenText(t.ctx, '这里有虚开增值税发票')).held).toBe(false);
    const res = await upload(sec, await workbook([
      ['示例：代开发票', '示例行不会导入'],
      ['虚开增值税发票', '财税类'],
      [null, '没有词'],
      ['长'.repeat(51), null],
      ['，，。', null],
      ['虚开 增值税发票', '重复'],
      ['已有 词条', null],
      ['网络赌博', null],
      ['备注太长', '注'.repeat(101)],
    ]));
    expect(res.statusCode, res.body).toBe(202);
    const status = await finished(res.json().id);
    expect(status.rowsWritten).toBe(2);
    expect(status.outcome).toBe('partial');
    const byRow = Object.fromEntries(status.errors.items.map((e) => [e.row, e]));
    expect(byRow[4]).toMatchObject({ column: '敏感词', message: expect.stringMatching(/必填|请填写/) });
    expect(byRow[5]).toMatchObject({ column: '敏感词', message: expect.stringContaining('50') });
    expect(byRow[6]).toMatchObject({ column: '敏感词', message: expect.stringContaining('只含空格或标点') });
    expect(byRow[7]).toMatchObject({ column: '敏感词', message: '与第3行的「虚开增值税发票」重复（匹配时不区分全角半角和大小写，忽略空格和标点）' });
    expect(byRow[8]).toMatchObject({ column: '敏感词', message: '词库中已有「已有词条」（匹配时视为同一个词）' });
    expect(byRow[10]).toMatchObject({ column: '备注', message: expect.stringContaining('100') });
    expect(Object.keys(byRow).sort()).toEqual(['10', '4', '5', '6', '7', '8']);
    expect((await screenText(t.ctx, '这里有虚开增值税发票')).held).toBe(true);

    const audit = await t.ctx.db.selectFrom('audit_log').select(['action', 'after']).where('action', 'in', ['safety.word_add', 'safety_word.import.upload', 'safety_word.import'])
      .orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['safety.word_add', 'safety_word.import.upload', 'safety.word_add', 'safety_word.import']);
    expect(audit[2].after).toMatchObject({ count: 2, words: ['虚开增值税发票', '网络赌博'], importId: res.json().id });
    const note = await t.ctx.db.selectFrom('safety_words').select('note').where('word', '=', '虚开增值税发票').executeTakeFirstOrThrow();
    expect(note.note).toBe('财税类');
  });

  it('refuses the whole file when asked to import all or nothing', async () => {
    const res = await upload(sec, await workbook([['全有全无词', null], ['虚开增值税发票', null]]), 'all_or_nothing');
    const status = await finished(res.json().id);
    expect(status.outcome).toBe('rejected');
    expect(status.rowsWritten).toBe(0);
    expect(status.errors.items).toEqual([{ row: 3, column: '敏感词', message: '词库中已有该词' }]);
    expect((await screenText(t.ctx, '全有全无词')).held).toBe(false);
  });

  it('exports the list in columns the import reads back', async () => {
    const res = await exportCall(t, 'sensitive-words', '', sec);
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['敏感词', '备注']);
    const words: string[] = [];
    ws.eachRow((row, n) => { if (n > 1 && row.getCell(3).value) words.push(String(row.getCell(1).value)); });
    expect(words).toEqual(expect.arrayContaining(['虚开增值税发票', '网络赌博', '已有词条']));
    // Imported again: every word is already listed.
    const again = await upload(sec, Buffer.from(await wb.xlsx.writeBuffer()));
    const status = await finished(again.json().id);
    expect(status.rowsWritten).toBe(0);
    expect(status.errors.items.filter((e) => e.message !== '词库中已有该词')).toEqual([]);
  });
});
