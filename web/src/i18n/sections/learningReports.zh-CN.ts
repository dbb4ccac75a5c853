// The Chinese strings (t('learningReports.…')) of the console's 学习统计 screen. en is in learningReports.en.ts.
import { strings } from '../strings';
export const learningReportsZh = {
    title: '学习统计', year: '年度', yearOption: '{{year}}年', trail: '组织层级',
    refreshedAt: '统计时间：{{at}}', notYet: '本年度尚未统计（统计任务每隔几分钟运行一次）',
    refreshNote: '组织数据定时统计；党员个人学时以学分记录为准，实时更新。',
    figures: { members: '党员数', met: '完成年度任务', rate: '完成率', avgHours: '人均学时', participation: '参学率', cadreRate: '班子成员完成率', othersRate: '其他党员完成率' },
    duty: '年度任务：党员 {{member}} 学时，班子成员 {{cadre}} 学时',
    unitPeople: '人', unitHours: '学时',
    children: '下级组织完成情况', chart: '下级组织完成率', sortBy: '排序', sort: { rate: '按完成率', hours: '按人均学时', participation: '按参学率' },
    col: { rank: '排名', org: '党组织', members: '党员数', met: '完成人数', rate: '完成率', avgHours: '人均学时', participation: '参学率' },
    drill: '查看{{name}}的下级组织', drillHint: '点击组织名称或柱条查看其下级', noChildren: '没有下级组织',
    members: '党员学时', memberCols: { name: '姓名', org: '所在党组织', hours: '年度学时', duty: '年度任务', percent: '完成进度', cadre: '班子成员' },
    exportRanking: '导出完成情况', exportMembers: '导出学时统计', exportTranscript: '导出学习档案',
    transcript: '学习档案', close: '关闭', more: '加载更多', total: '共 {{count}} 个下级组织',
    byKind: { lesson: '课程学习', article: '文章阅读', quiz: '在线测试', group_viewing: '站点集中收看', live: '直播课堂' },
    transcriptCols: { day: '日期', kind: '类别', title: '内容', minutes: '学时（分钟）' },
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const learningReportsStrings = strings('learningReports', learningReportsZh, () => import('./learningReports.en').then((m) => m.learningReportsEn));
