/** 应急动员 (F-12, issue 10 item 4): alerts with “回复1确认”, a live board, reminders and escalation (docs/emergency.md). */
import { defineModule } from '../../platform/module.js';
import { Alert } from './emergency.schema.js';
import { emergencyRoutes } from './emergency.routes.js';
import { ESCALATION_SOURCE, escalationSource, RECIPIENTS_SOURCE, recipientsSource, SEND_QUEUE, sendAlert, tick, TICK_QUEUE } from './emergency.service.js';
import { handleInbound } from './emergency.inbound.js';

export const emergencyModule = defineModule({
  name: 'emergency',
  routes: emergencyRoutes,
  schemas: [Alert],
  permissions: {
    'emergency.read': { zh: '查看应急预警及确认情况', en: 'View emergency alerts and their confirmations', roles: ['org_admin', 'org_viewer'] },
    'emergency.send': { zh: '发布和结束应急预警', en: 'Send and close emergency alerts', roles: ['org_admin'] },
  },
  auditActions: {
    'emergency.alert.create': { zh: '发布应急预警', en: 'Create emergency alert' },
    'emergency.alert.send': { zh: '发送应急预警短信', en: 'Send emergency alert' },
    'emergency.alert.confirm': { zh: '记录应急预警确认回复', en: 'Record confirmations of an emergency alert' },
    'emergency.alert.remind': { zh: '发送应急预警提醒', en: 'Send emergency alert reminder' },
    'emergency.alert.escalate': { zh: '应急预警无人确认上报上级', en: 'Escalate unconfirmed emergency alert to the level above' },
    'emergency.alert.close': { zh: '结束应急预警', en: 'Close emergency alert' },
  },
  entityTypes: { emergency_alert: { zh: '应急预警', en: 'Emergency alert' } },
  problems: { 'emergency.closed': 'The emergency alert is already closed' },
  queues: [
    { name: SEND_QUEUE, handler: (ctx) => async (job) => sendAlert(ctx, (job.payload as { alertId: string }).alertId) },
    { name: TICK_QUEUE, handler: (ctx) => async () => tick(ctx) },
  ],
  schedules: [{ name: 'emergency.tick', when: { everyMs: 60_000 }, queue: TICK_QUEUE }],
  smsInbound: handleInbound,
  smsAudiences: { [RECIPIENTS_SOURCE]: recipientsSource, [ESCALATION_SOURCE]: escalationSource },
});
