// The Chinese strings (t('calendar.…')) of the 工作日历 screen. en is in calendar.en.ts.
import { strings } from '../strings';
export const calendarZh = {
    title: '工作日历',
    intro: '办理期限按工作日计算：周一至周五上班、周六周日休息，以下所列的节假日和调休上班日除外。请按国务院办公厅每年公布的节假日安排录入。',
    year: '{{year}}年', prevYear: '上一年', nextYear: '下一年',
    summary: '全年工作日 {{workingDays}} 天（节假日占用周一至周五 {{holidays}} 天，调休上班 {{workdays}} 天）',
    readOnly: '您可以查看工作日历；如需修改，请由省级系统管理员操作。',
    emptyYear: '{{year}}年尚未录入节假日安排，办理期限暂按周一至周五上班计算。',
    addTitle: '添加节假日或调休上班日', date: '日期', kind: '类型', name: '名称', namePlaceholder: '如：春节、春节调休',
    dateRequired: '请选择日期', nameRequired: '请填写名称', add: '添加',
    kinds: { holiday: '休息', workday: '调休上班' },
    exportFile: '工作日历{{year}}年.xlsx',
    month: '{{month}}月',
    weekdays: '周日 周一 周二 周三 周四 周五 周六',
    saved: '已保存 {{date}}', removed: '已删除 {{date}}，恢复为平常安排',
    remove: '删除', removeLabel: '删除 {{date}}', removeConfirm: '删除 {{date}} 的设置？该日将恢复为平常的周一至周五上班安排。',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const calendarStrings = strings('calendar', calendarZh, () => import('./calendar.en').then((m) => m.calendarEn));
