// The Chinese strings (t('dashboard.…')) of the 工作台 screen (web/src/modules/dashboard). en is in dashboard.en.ts.
import { strings } from '../strings';
export const dashboardZh = {
    title: '工作台', orgLabel: '统计范围', totals: {
      members: '党员总数', full: '正式党员', probationary: '预备党员', migrants: '流动党员', lostContact: '失联党员',
      orgs: '党组织', branches: '党支部', stations: '远程教育站点',
    },
    unitPeople: '名', unitOrgs: '个',
    charts: {
      byCategory: '{{org}}党员类别构成（人）', byAgeBand: '{{org}}党员年龄分布（人）', byGender: '{{org}}党员性别构成（人）',
      byEducation: '{{org}}党员学历分布（人）', migrantsByDestination: '{{org}}流动党员流入地分布（人）',
      orgsByType: '{{org}}党组织类型分布（个）', stationsByType: '{{org}}远程教育站点类型分布（个）',
      stationsByStatus: '{{org}}远程教育站点运行状态（个）', byPartyAge: '{{org}}党员党龄分布（人）', byEthnicity: '{{org}}党员民族构成（人）',
      children: '{{org}}下级党组织党员数（人）',
    },
    export: '导出', exportImage: '导出图片（PNG）', exportData: '导出数据（Excel）', drillHint: '点击柱条或名称查看下级组织统计',
    children: '下级党组织', childrenTitle: '{{org}}下级党组织主要指标', colOrg: '组织名称', drillInto: '查看{{org}}统计',
    trail: '统计层级', noChildren: '本组织无下级党组织',
    showData: '查看数据', showChart: '查看图表', colItem: '项目', colCount: '数量', colShare: '占比',
    chartSummary: '{{title}}：{{items}}', noChartData: '暂无统计数据',
    warnings: '组织设置提醒', tooFew: '正式党员不足3人的党支部 {{count}} 个', tooMany: '党员超过50人的党支部 {{count}} 个',
    asOf: '数据截至 {{time}}',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const dashboardStrings = strings('dashboard', dashboardZh, () => import('./dashboard.en').then((m) => m.dashboardEn));
