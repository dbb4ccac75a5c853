/** 跟踪督办 (issue 10, item 3, F-22): the follow-up engine other modules call (docs/followups.md). */
import { defineModule } from '../../platform/module.js';
import { escalateOverdue, ESCALATE_QUEUE } from './followups.escalation.js';
import { followupsExcel } from './followups.excel.js';
import { followupRoutes } from './followups.routes.js';
import { FollowupDetail } from './followups.schema.js';
import { registerFollowupSource } from './followups.sources.js';

/** The demo data's items (seed/demo-followups.ts) come from this source. */
export const DEMO_SOURCE = 'demo.request';
registerFollowupSource(DEMO_SOURCE, { label: { zh: '演示事项', en: 'Demo item' } });

export const followupsModule = defineModule({
  name: 'followups',
  routes: followupRoutes,
  schemas: [FollowupDetail],
  excel: followupsExcel,
  permissions: {
    'followup.read': { zh: '查看跟踪督办事项', en: 'View follow-up items', roles: ['org_admin', 'org_viewer'] },
    'followup.write': { zh: '转办、办结跟踪督办事项', en: 'Pass on and close follow-up items', roles: ['org_admin'] },
  },
  auditActions: {
    'followup.open': { zh: '转为跟踪督办事项', en: 'Open follow-up item' },
    'followup.pass': { zh: '转办或退回跟踪督办事项', en: 'Pass follow-up item down or back up' },
    'followup.close': { zh: '办结跟踪督办事项', en: 'Close follow-up item' },
    'followup.note': { zh: '添加督办事项备注', en: 'Add a note to a follow-up item' },
    'followup.assign': { zh: '指派督办事项承办人', en: 'Assign a follow-up item' },
    'followup.watch': { zh: '关注督办事项', en: 'Watch a follow-up item' },
    'followup.unwatch': { zh: '取消关注督办事项', en: 'Stop watching a follow-up item' },
    'followup.attach': { zh: '上传督办事项附件', en: 'Attach a file to a follow-up item' },
    'followup.attachment.delete': { zh: '删除督办事项附件', en: 'Delete an attachment of a follow-up item' },
    'followup.escalate': { zh: '逾期事项升级督办', en: 'Escalate an overdue follow-up item' },
    'followup.export': { zh: '导出跟踪督办事项', en: 'Export follow-up items' },
  },
  entityTypes: { followup_item: { zh: '跟踪督办事项', en: 'Follow-up item' } },
  problems: {
    'followup.closed': 'The follow-up item is closed; it cannot be passed on or closed again',
    'followup.duplicate': 'This record is already a follow-up item',
    'followup.attachments_full': 'The follow-up item has the most attachments allowed; delete one first',
    'followup.attachment_owner': 'Only the person who uploaded the attachment may delete it',
  },
  queues: [{ name: ESCALATE_QUEUE, handler: (ctx) => async () => escalateOverdue(ctx) }],
  schedules: [{ name: 'followups.escalate-daily', when: { cron: '30 8 * * *' }, queue: ESCALATE_QUEUE }],
});
