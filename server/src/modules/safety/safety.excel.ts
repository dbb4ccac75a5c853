/**
 * 敏感词库's spreadsheets on the platform's Excel engine (platform/excel): the import (template, upload, per-row
 * Chinese errors, a background job with progress; kind `sensitive-words`, security.write) and the export of the whole
 * list or the words a search finds (POST /api/exports/sensitive-words.xlsx, security.read). The check of a row beyond
 * its cells is in safety.excel-check.ts (the worker thread loads it); the check against the list and the write are
 * here, through safety.words.ts.
 */
import { Type } from 'typebox';
import { defineExporter, EXPORT_PAGE, exportRows } from '../../platform/excel/exporter.js';
import { defineImporter, type RowError } from '../../platform/excel/importer.js';
import { defineRows } from '../../platform/excel/rows.js';
import type { ExcelRegistry } from '../../platform/excel/routes.js';
import { siblingModule } from '../../platform/workers.js';
import { chinaDateTime } from '../../platform/china-time.js';
import { insertImportedWords, listedFolded, listWords, MAX_WORD_LENGTH, type WordRow } from './safety.words.js';
import type { WordImportRow } from './safety.excel-check.js';

export const MAX_NOTE_LENGTH = 100;

export const wordRows = defineRows({
  columns: [
    { key: 'word', header: '敏感词', width: 24, note: `必填，不超过${MAX_WORD_LENGTH}个字；匹配时不区分全角半角和大小写，忽略插在字间的空格和标点` },
    { key: 'note', header: '备注', width: 30, note: `选填，不超过${MAX_NOTE_LENGTH}个字，如来源或类别` },
  ],
  cells: Type.Object({
    word: Type.String({ maxLength: MAX_WORD_LENGTH }),
    note: Type.Optional(Type.String({ maxLength: MAX_NOTE_LENGTH })),
  }),
  example: { word: '示例：代开发票', note: '示例行不会导入' },
});

/**
 * 敏感词库. A word is refused when it is empty, too long, only spaces or punctuation, a repeat of an earlier row (by
 * the filter's folded form) or already listed. All words of one file are written in one transaction with one
 * `safety.word_add` audit row naming them and the import; the list's version is bumped so that every instance's filter
 * takes them (at once here, within VERSION_CHECK_MS elsewhere).
 */
export const wordImporter = defineImporter<WordImportRow>({
  kind: 'sensitive-words',
  label: { zh: '敏感词库', en: 'Sensitive-word list' },
  permission: 'security.write',
  audit: 'safety_word',
  template: {
    fileName: '敏感词库导入模板.xlsx',
    sheetName: '敏感词库',
    checks: `敏感词必填且不超过${MAX_WORD_LENGTH}个字、备注不超过${MAX_NOTE_LENGTH}个字；只含空格或标点的词无法匹配；与文件内前面的行或词库中已有的词相同（不区分全角半角和大小写，忽略空格和标点）视为重复。`,
  },
  rows: wordRows,
  checkModule: siblingModule(import.meta.url, 'safety.excel-check'),
  commit: 'file',

  async prepare(ctx, _actor, rows) {
    const listed = await listedFolded(ctx.db, rows.map((r) => r.value.folded));
    const errors: RowError[] = [];
    const valid = rows.filter((r) => {
      const existing = listed.get(r.value.folded);
      if (existing === undefined) return true;
      errors.push({ row: r.row, column: '敏感词', message: existing === r.value.word ? '词库中已有该词' : `词库中已有「${existing}」（匹配时视为同一个词）` });
      return false;
    });
    return { valid, errors };
  },

  async write(ctx, actor, rows, trx, { importId, now }) {
    return insertImportedWords(ctx, trx, actor, rows.map((r) => ({ ...r.value, row: r.row })), importId, now);
  },
});

export const wordsExporter = defineExporter({
  name: 'sensitive-words',
  permission: 'security.read',
  summary: '导出敏感词库（可按查找条件）',
  fileName: '敏感词库.xlsx',
  sheetName: '敏感词库',
  columns: [
    { header: '敏感词', key: 'word', width: 24 },
    { header: '备注', key: 'note', width: 30 },
    { header: '添加人', key: 'createdBy', width: 16 },
    { header: '添加时间', key: 'createdAt', width: 20 },
  ],
  // No footer: the file imports back as it is (its first two columns are the template's; the others are ignored).
  filter: Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })) }, { additionalProperties: false }),
  async query(ctx, _actor, q) {
    const first = await listWords(ctx, { q: q.q, limit: EXPORT_PAGE });
    return exportRows({
      count: first.total,
      audit: [{ action: 'safety.word_export', entityType: 'safety_word_list', orgPath: null, after: { filter: q, count: first.total } }],
      first: first.items,
      next: async (last: WordRow) => (await listWords(ctx, { q: q.q, cursor: last.id, limit: EXPORT_PAGE })).items,
      cells: (r: WordRow) => ({ word: r.word, note: r.note ?? '', createdBy: r.createdBy ?? '', createdAt: chinaDateTime(new Date(r.createdAt)) }),
    });
  },
});

export const safetyExcel: ExcelRegistry = { importers: [wordImporter], exporters: [wordsExporter] };
