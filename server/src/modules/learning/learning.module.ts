/**
 * 远程教育 (issue 12, F-70–F-72): courses and lessons, the credit ledger and its rules, reports by organization.
 * The ledger (learning_credits, learning_member_years) is written only through learning.commands.ts (awardCredit).
 */
import { defineModule } from '../../platform/module.js';
import { LearningRulesView, MyCredits } from './learning.schema.js';
import { learningRoutes } from './learning.routes.js';
import { learningExcel } from './learning.excel.js';
import { OrgMembers, OrgReport, Transcript } from './learning.reports.schema.js';
import { STATS_QUEUE, statsJob } from './learning.reports.js';

export const learningModule = defineModule({
  name: 'learning',
  routes: learningRoutes,
  schemas: [LearningRulesView, MyCredits, OrgReport, OrgMembers, Transcript],
  excel: learningExcel,
  permissions: {
    'learning.rules': { zh: '设置学分规则（全省统一）', en: 'Set the credit rules (province-wide)', roles: ['org_admin'] },
    'learning.read': { zh: '查看学习统计和党员学习档案', en: 'View learning statistics and members’ transcripts', roles: ['org_admin', 'org_viewer', 'branch_secretary'] },
  },
  auditActions: {
    'learning.rules.update': { zh: '修改学分规则', en: 'Change the credit rules' },
    'learning.export': { zh: '导出学习统计或学习档案', en: 'Export learning statistics or a transcript' },
  },
  entityTypes: { learning_rules: { zh: '学分规则', en: 'Credit rules' } },
  problems: { 'learning.not_member': 'Only an account linked to a member record has a learning record' },
  // 学习统计: the schedule ticks every minute; the job refreshes when the figures are older than LEARNING_STATS_REFRESH_MINUTES.
  queues: [{ name: STATS_QUEUE, handler: (ctx) => async (job) => statsJob(ctx, job.payload as { year?: number } | null) }],
  schedules: [{ name: 'learning.stats-tick', when: { everyMs: 60_000 }, queue: STATS_QUEUE }],
});
