// The Chinese strings (t('nav.…')) of the console frame's menu (labels named by web/src/modules/manifests.tsx). en is in nav.en.ts.
import { strings } from '../strings';
export const navZh = {
    flows: '流动党员管理', transfers: '组织关系转接', stations: '远程教育站点', contacts: '通讯录', imports: '数据导入', 
    dashboard: '工作台', members: '党员信息管理', orgs: '组织管理', accounts: '账户与角色', approvals: '变更审批', audit: '审计日志',
    calendar: '工作日历', security: '安全策略', sensitiveWords: '敏感词库', moderation: '内容审核', profile: '个人设置', home: '首页',
    emergency: '应急动员', smsGroup: '短信平台', smsBroadcasts: '群发短信', smsInbox: '收件箱', smsTemplates: '短信模板', smsUsage: '短信用量', smsPhones: '虚拟手机',
    surveys: '问卷调查', disclosures: '党务公开', mailbox: '部长信箱', cadres: '干部工作', media: '视频资源', news: '新闻宣传', learningReports: '学习统计', viewings: '集中收看',
    learningGroup: '远程教育', learningCourses: '课程管理', learningLive: '直播管理', learningRules: '学分规则',
    followupsGroup: '跟踪督办', followupItems: '督办事项', followupProgress: '办理进度',
};

/** The namespace as its chunk brings it (see ../strings.ts). */
export const navStrings = strings('nav', navZh, () => import('./nav.en').then((m) => m.navEn));
