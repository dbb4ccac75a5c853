/** 跟踪督办 (issue 10, item 3, F-22): the follow-up engine other modules call (followups.commands.ts). No routes yet. */
import { defineModule } from '../../platform/module.js';

export const followupsModule = defineModule({
  name: 'followups',
  permissions: {
    'followup.read': { zh: '查看跟踪督办事项', en: 'View follow-up items', roles: ['org_admin', 'org_viewer'] },
    'followup.write': { zh: '转办、办结跟踪督办事项', en: 'Pass on and close follow-up items', roles: ['org_admin'] },
  },
  auditActions: {
    'followup.open': { zh: '转为跟踪督办事项', en: 'Open follow-up item' },
    'followup.pass': { zh: '转办或退回跟踪督办事项', en: 'Pass follow-up item down or back up' },
    'followup.close': { zh: '办结跟踪督办事项', en: 'Close follow-up item' },
  },
  entityTypes: { followup_item: { zh: '跟踪督办事项', en: 'Follow-up item' } },
  problems: {
    'followup.closed': 'The follow-up item is closed; it cannot be passed on or closed again',
    'followup.duplicate': 'This record is already a follow-up item',
  },
});
