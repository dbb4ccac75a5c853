/** 工作日历 (issue 10, item 3): holidays and adjusted working days, and due dates in working days for other modules. */
import { defineModule } from '../../platform/module.js';
import { CalendarDayView } from './calendar.schema.js';
import { calendarRoutes } from './calendar.routes.js';
import { calendarExcel } from './calendar.excel.js';

export const calendarModule = defineModule({
  name: 'calendar',
  routes: calendarRoutes,
  schemas: [CalendarDayView],
  excel: calendarExcel,
  permissions: {
    'calendar.read': {
      zh: '查看工作日历', en: 'View the working-day calendar',
      roles: ['org_admin', 'org_viewer', 'branch_secretary', 'sysadmin'],
    },
    'calendar.write': { zh: '维护工作日历（节假日和调休）', en: 'Keep the working-day calendar (holidays and adjusted working days)', roles: ['sysadmin'] },
  },
  auditActions: {
    'calendar.day.set': { zh: '设置节假日或调休上班日', en: 'Set a holiday or adjusted working day' },
    'calendar.day.delete': { zh: '删除节假日或调休上班日', en: 'Remove a holiday or adjusted working day' },
    'calendar.export': { zh: '导出工作日历', en: 'Export the working-day calendar' },
  },
  entityTypes: { calendar_day: { zh: '工作日历', en: 'Working-day calendar' } },
});
