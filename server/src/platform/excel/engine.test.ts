/**
 * The Excel engine on its own: a module's importer is its declaration (columns, a TypeBox cells schema, a writer), and
 * the engine does the rest for any kind, with no database constraint naming kinds; kinds nobody registered are refused.
 */
import ExcelJS from 'exceljs';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { loadGrants } from '../sessions.js';
import type { Actor } from '../actor.js';
import { defineRows, Words } from './rows.js';
import { defineImporter, getImport, importEngine, IMPORT_QUEUE, type ImportMode } from './importer.js';
import { XLSX_TYPE } from './schema.js';
import { MODULES } from '../../modules/index.js';
import { defineModule, installModules } from '../module.js';

// The pilot kind is a module of this file's own: its audit actions are declared like any module's.
installModules([...MODULES, defineModule({
  name: 'pilot',
  auditActions: { 'pilot.import.upload': { zh: '上传试点导入文件', en: 'Upload pilot import' }, 'pilot.import': { zh: '导入试点数据', en: 'Import pilot rows' } },
})]);

let t: TestApp;
let hz: string;

beforeAll(async () => {
  t = await createTestApp();
  hz = await t.login('demo-hangzhou');
});
afterAll(async () => { await t?.close(); });

const KIND_WORDS = { 甲: 'a', 乙: 'b' };
const pilotRows = defineRows({
  columns: [
    { key: 'title', header: '标题', note: '不超过10字' },
    { key: 'kind', header: '类别', words: KIND_WORDS, note: '甲 / 乙' },
    { key: 'code', header: '编码', note: '4位数字', invalid: '编码应为4位数字' },
  ],
  cells: Type.Object({
    title: Type.String({ maxLength: 10 }),
    kind: Type.Optional(Words(KIND_WORDS)),
    code: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
  }),
  example: { title: '示例：一行', kind: '甲', code: '0001' },
});

/** A kind no migration knows: what it writes is remembered here, through its own "command". */
const written: { title: string; kind?: string }[] = [];
const pilotImporter = defineImporter<{ title: string; kind?: string; code?: string }>({
  kind: 'pilot',
  label: { zh: '试点', en: 'Pilot' },
  permission: 'org.write',
  audit: 'pilot',
  template: { fileName: '试点导入模板.xlsx', sheetName: '试点', checks: '标题和类别。' },
  rows: pilotRows,
  commit: 'batches',
  async write(_ctx, _actor, rows) {
    written.push(...rows.map((r) => r.value));
    return rows.length;
  },
});

async function file(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('试点');
  ws.addRow(pilotRows.columns.map((c) => c.header));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function actorOf(username: string): Promise<Actor> {
  const a = await t.ctx.db.selectFrom('accounts').select(['id', 'username', 'display_name']).where('username', '=', username).executeTakeFirstOrThrow();
  return {
    accountId: a.id, username: a.username, displayName: a.display_name, kind: 'staff', demo: false, memberId: null,
    sessionId: 'test', mfaPassed: true, mustChangePassword: false, grants: await loadGrants(t.ctx.db, a.id), ip: '127.0.0.1',
  };
}

describe('an importer a module registers', () => {
  const engine = importEngine([pilotImporter]);
  const rows = [['第一行', '甲', '1234'], ['一个超过十个字的很长很长的标题', '乙', null], ['第三行', '丙', null], [null, '甲', null], ['第五行', null, '12a4'], ['第六行', '乙', null]];

  async function run(mode: ImportMode) {
    const actor = await actorOf('demo-hangzhou');
    const { id, jobId } = await engine.createImport(t.ctx, actor, 'pilot', mode, 'pilot.xlsx', await file(rows));
    await engine.runImport(t.ctx, { id: jobId, queue: IMPORT_QUEUE, payload: {}, attempts: 1, maxAttempts: 3 }, { progress: async () => {} });
    return getImport(t.ctx, actor, id, 0, 100);
  }

  it('is checked against its columns and cells schema, in Chinese, all-or-nothing: nothing written', async () => {
    written.length = 0;
    const status = await run('all_or_nothing');
    expect(status).toMatchObject({ kind: 'pilot', outcome: 'rejected', rowsTotal: 6, rowsValid: 2, rowsWritten: 0 });
    expect(status.errors.items).toEqual([
      { row: 3, column: '标题', message: '标题不能超过10个字' },
      { row: 4, column: '类别', message: '“丙”不是有效的类别，应填写：甲 / 乙' },
      { row: 5, column: '标题', message: '标题为必填项' },
      { row: 6, column: '编码', message: '编码应为4位数字' },
    ]);
    expect(written).toEqual([]);
  });

  it('writes the valid rows through its writer in valid-only mode, audited under its own prefix', async () => {
    written.length = 0;
    const status = await run('valid_only');
    expect(status).toMatchObject({ outcome: 'partial', rowsWritten: 2 });
    expect(written).toEqual([{ title: '第一行', kind: 'a', code: '1234' }, { title: '第六行', kind: 'b' }]);
    const actions = (await t.ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'import').where('action', 'like', 'pilot.%').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['pilot.import.upload', 'pilot.import']));
  });

  it('has a template with its headers, required ones marked, and a drop-down for its words', async () => {
    const { fileName, buffer } = await engine.template(await actorOf('demo-hangzhou'), 'pilot');
    expect(fileName).toBe('试点导入模板.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, '标题*', '类别', '编码']);
    expect(wb.worksheets[0].getRow(3).getCell(2).dataValidation?.formulae?.[0]).toContain('甲,乙');
  });

  it('is refused to an actor without its permission', async () => {
    await expect(engine.createImport(t.ctx, await actorOf('demo-auditor'), 'pilot', 'valid_only', null, await file(rows))).rejects.toMatchObject({ status: 403, code: 'forbidden.permission' });
  });
});

describe('the registry', () => {
  it('refuses, with problem+json, a kind no module registered', async () => {
    const up = await t.call('POST', '/api/imports?kind=pilot', { cookie: hz, body: await file([]), headers: { 'content-type': XLSX_TYPE } });
    expect(up.statusCode).toBe(400);
    expect(up.headers['content-type']).toContain('application/problem+json');
    const template = await t.call('GET', '/api/imports/templates/pilot.xlsx', { cookie: hz });
    expect(template.statusCode).toBe(400);
    expect(template.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses two importers of one kind, and columns that the cells schema does not describe', () => {
    expect(() => importEngine([pilotImporter, pilotImporter])).toThrow(/two importers of kind pilot/);
    expect(() => defineRows({ columns: [{ key: 'title', header: '标题', note: '' }], cells: Type.Object({ name: Type.String() }), example: {} }))
      .toThrow(/title, name/);
  });
});
