/** 敏感词库's spreadsheet: the whole list, or the words a search finds (POST /api/exports/sensitive-words.xlsx). */
import { Type } from 'typebox';
import { defineExporter, EXPORT_PAGE, exportRows } from '../../platform/excel/exporter.js';
import type { ExcelRegistry } from '../../platform/excel/routes.js';
import { chinaDateTime } from '../../platform/china-time.js';
import { listWords, type WordRow } from './safety.words.js';

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
  footer: ['匹配时不区分全角半角和大小写，忽略插在字间的空格和标点。导入时每行一个词（另存为 CSV 后在“添加敏感词”中选择文件）。'],
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

export const safetyExcel: ExcelRegistry = { importers: [], exporters: [wordsExporter] };
