/** 工作日历's spreadsheet: a year's holidays and adjusted working days (POST /api/exports/calendar-days.xlsx). */
import { Type } from 'typebox';
import { defineExporter, exportRows } from '../../platform/excel/exporter.js';
import type { ExcelRegistry } from '../../platform/excel/routes.js';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR, type CalendarDayViewT } from './calendar.schema.js';
import { listYear } from './calendar.service.js';

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const KINDS = { holiday: '休息', workday: '调休上班' } as const;

export const calendarExporter = defineExporter({
  name: 'calendar-days', // POST /api/exports/calendar-days.xlsx
  permission: 'calendar.read',
  summary: '导出某年的工作日历（节假日和调休上班日，按日期排列）',
  fileName: '工作日历.xlsx',
  sheetName: '工作日历',
  columns: [
    { header: '日期', key: 'date', width: 12 },
    { header: '星期', key: 'weekday', width: 8 },
    { header: '类型', key: 'kind', width: 10 },
    { header: '名称', key: 'name', width: 16 },
  ],
  footer: ['未列出的日期：星期一至星期五上班，星期六、星期日休息。办理期限按工作日计算，起算当日不计入。'],
  filter: Type.Object({ year: Type.Integer({ minimum: CALENDAR_MIN_YEAR, maximum: CALENDAR_MAX_YEAR }) }, { additionalProperties: false }),
  async query(ctx, _actor, q) {
    const y = await listYear(ctx, q.year);
    return exportRows({
      count: y.items.length,
      audit: [{ action: 'calendar.export', entityType: 'calendar_day', orgPath: null, after: { year: q.year, count: y.items.length } }],
      first: y.items,
      next: async () => [],
      cells: (d: CalendarDayViewT) => ({ date: d.date, weekday: WEEKDAYS[d.weekday], kind: KINDS[d.kind], name: d.name }),
    });
  },
});

export const calendarExcel: ExcelRegistry = { importers: [], exporters: [calendarExporter] };
