import type { calendarZh } from './calendar.zh-CN';

export const calendarEn: typeof calendarZh = {
    title: 'Working-day calendar',
    intro: 'Deadlines are counted in working days: Monday to Friday, except the holidays and adjusted working days below. Enter them from the State Council’s holiday schedule published each year.',
    year: '{{year}}', prevYear: 'Previous year', nextYear: 'Next year',
    summary: '{{workingDays}} working days in the year ({{holidays}} weekdays off, {{workdays}} weekend days worked)',
    readOnly: 'You can view the calendar; the provincial system administrator changes it.',
    emptyYear: 'No holidays are entered for {{year}} yet: deadlines count Monday to Friday.',
    addTitle: 'Add a holiday or adjusted working day', date: 'Date', kind: 'Kind', name: 'Name', namePlaceholder: 'e.g. Spring Festival',
    dateRequired: 'Choose a date', nameRequired: 'Enter a name', add: 'Add',
    kinds: { holiday: 'Day off', workday: 'Working day (adjusted)' },
    exportFile: 'working-day-calendar-{{year}}.xlsx',
    month: 'Month {{month}}',
    weekdays: 'Sun Mon Tue Wed Thu Fri Sat',
    saved: 'Saved {{date}}', removed: 'Removed {{date}}: an ordinary day again',
    remove: 'Remove', removeLabel: 'Remove {{date}}', removeConfirm: 'Remove the entry of {{date}}? The day becomes an ordinary weekday or weekend again.',
};
