/**
 * 远程教育 (issue 12, F-70–F-72): courses and lessons, the credit ledger and its rules, reports by organization.
 * The ledger (learning_credits, learning_member_years) is written only through learning.commands.ts (awardCredit).
 */
import { defineModule } from '../../platform/module.js';
import { LearningRulesView, MyCredits } from './learning.schema.js';
import { learningRoutes } from './learning.routes.js';

export const learningModule = defineModule({
  name: 'learning',
  routes: learningRoutes,
  schemas: [LearningRulesView, MyCredits],
  permissions: {
    'learning.rules': { zh: '设置学分规则（全省统一）', en: 'Set the credit rules (province-wide)', roles: ['org_admin'] },
  },
  auditActions: {
    'learning.rules.update': { zh: '修改学分规则', en: 'Change the credit rules' },
  },
  entityTypes: { learning_rules: { zh: '学分规则', en: 'Credit rules' } },
  problems: { 'learning.not_member': 'Only an account linked to a member record has a learning record' },
});
