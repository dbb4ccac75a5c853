import type { learningReportsZh } from './learningReports.zh-CN';

export const learningReportsEn: typeof learningReportsZh = {
    title: 'Learning statistics', year: 'Year', yearOption: '{{year}}', trail: 'Organization levels',
    refreshedAt: 'Computed at {{at}}', notYet: 'Not computed for this year yet (the statistics job runs every few minutes)',
    refreshNote: 'Organization figures are computed periodically; a member’s own hours come from the credit ledger and are always current.',
    figures: { members: 'Members', met: 'Met the yearly duty', rate: 'Completion rate', avgHours: 'Hours per member', participation: 'Participation', cadreRate: 'Committee members’ rate', othersRate: 'Other members’ rate' },
    duty: 'Yearly duty: members {{member}} h, committee members {{cadre}} h',
    unitPeople: '', unitHours: 'h',
    children: 'Subordinate organizations', chart: 'Completion rate of subordinate organizations', sortBy: 'Sort', sort: { rate: 'By completion rate', hours: 'By hours per member', participation: 'By participation' },
    col: { rank: 'Rank', org: 'Organization', members: 'Members', met: 'Met', rate: 'Completion', avgHours: 'Hours per member', participation: 'Participation' },
    drill: 'Show the subordinate organizations of {{name}}', drillHint: 'Click an organization or a bar to drill down', noChildren: 'No subordinate organizations',
    members: 'Members’ hours', memberCols: { name: 'Name', org: 'Organization', hours: 'Hours this year', duty: 'Yearly duty', percent: 'Progress', cadre: 'Committee member' },
    exportRanking: 'Export completion', exportMembers: 'Export hours', exportTranscript: 'Export transcript',
    transcript: 'Transcript', close: 'Close', more: 'Load more', total: '{{count}} subordinate organizations',
    byKind: { lesson: 'Lessons', article: 'Articles', quiz: 'Quizzes', group_viewing: 'Group viewing', live: 'Live lessons' },
    transcriptCols: { day: 'Date', kind: 'Kind', title: 'Content', minutes: 'Minutes' },
};
