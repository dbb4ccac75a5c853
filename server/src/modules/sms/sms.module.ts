/** 短信平台 (F-10, F-11): two-way SMS with branch secretaries, village officials and members (docs/sms.md). */
import { defineModule } from '../../platform/module.js';
import { Broadcast, InboundMessage } from './sms.schema.js';
import { SmsTemplateView } from './sms.templates.schema.js';
import { smsRoutes } from './sms.routes.js';
import { moveMessages, RELEASE_QUEUE, resolveBroadcast, RESOLVE_QUEUE } from './sms.service.js';
import { startSms } from './sms.link.js';
import { flushStaleParts } from './sms.inbound.js';
import { smsExcel } from './sms.excel.js';

export const smsModule = defineModule({
  name: 'sms',
  routes: smsRoutes,
  schemas: [Broadcast, InboundMessage, SmsTemplateView],
  excel: smsExcel,
  permissions: {
    'sms.read': { zh: '查看短信收发', en: 'View text messages sent and received', roles: ['org_admin', 'org_viewer'] },
    'sms.send': { zh: '群发短信', en: 'Send text-message broadcasts', roles: ['org_admin'] },
    'sms.approve': { zh: '审批群发短信', en: 'Approve large broadcasts', roles: ['org_admin'] },
  },
  auditActions: {
    'sms.broadcast.create': { zh: '创建群发短信', en: 'Create broadcast' },
    'sms.broadcast.module': { zh: '业务模块发送短信（问卷、应急等）', en: 'Broadcast sent by a module (survey, emergency …)' },
    'sms.broadcast.approve': { zh: '审批通过群发短信', en: 'Approve broadcast' },
    'sms.broadcast.reject': { zh: '驳回群发短信', en: 'Reject broadcast' },
    'sms.broadcast.pause': { zh: '暂停群发短信', en: 'Pause broadcast' },
    'sms.broadcast.resume': { zh: '继续群发短信', en: 'Resume broadcast' },
    'sms.broadcast.cancel': { zh: '取消群发短信', en: 'Cancel broadcast' },
    'sms.broadcast.resend': { zh: '重发失败短信', en: 'Re-send failed messages' },
    'sms.broadcast.export': { zh: '导出群发短信失败名单', en: 'Export broadcast failures' },
    'sms.reveal': { zh: '查看短信接收人完整手机号码', en: 'View full phone numbers of SMS recipients' },
    'sms.usage.export': { zh: '导出短信用量', en: 'Export SMS usage' },
    'sms.reply': { zh: '回复来信', en: 'Reply to an incoming message' },
    'sms.transactional': { zh: '发送事务短信（如登录验证码）', en: 'Queue a transactional message (e.g. a sign-in code)' },
    'sms.inbound.assign': { zh: '指派未匹配人员的来信', en: 'Assign messages from an unknown number to a person' },
    'sms.template.create': { zh: '新建短信模板', en: 'Create SMS template' },
    'sms.template.update': { zh: '修改短信模板', en: 'Change SMS template' },
    'sms.template.delete': { zh: '删除短信模板', en: 'Delete SMS template' },
  },
  entityTypes: {
    sms_broadcast: { zh: '群发短信', en: 'Broadcast' },
    sms_message: { zh: '短信', en: 'Text message' },
    sms_usage: { zh: '短信用量', en: 'SMS usage' },
    sms_inbound: { zh: '来信', en: 'Incoming message' },
    sms_template: { zh: '短信模板', en: 'SMS template' },
  },
  problems: {
    'sms.broadcast_state': 'The broadcast is not in a state that allows this',
    'sms.self_approval': 'A broadcast must be approved by another staff member',
    'sms.nothing_to_resend': 'No recipient of the broadcast is left to re-send to',
    'sms.template_duplicate_name': 'The organization already has an SMS template of this name; choose another name',
    'sms.inbound_matched': 'The incoming message is already matched to a person',
    'sms.simulator_unavailable': 'The platform is not connected to the SMSC simulator at the moment; try again shortly',
  },
  queues: [
    {
      name: RESOLVE_QUEUE,
      handler: (ctx) => async (job) => {
        const p = job.payload as { broadcastId: string; scope: string[] };
        await resolveBroadcast(ctx, p.broadcastId, p.scope);
      },
    },
    {
      name: RELEASE_QUEUE,
      handler: (ctx) => async (job) => {
        const p = job.payload as { broadcastId: string; from: string[]; to: 'queued' | 'held' | 'cancelled' };
        await moveMessages(ctx, p.broadcastId, p.from, p.to);
      },
    },
  ],
  maintenance: [{ name: 'sms.stale-parts', everyMs: 10 * 60_000, run: (ctx) => flushStaleParts(ctx) }],
  services: [
    {
      name: 'sms.dispatcher',
      start: async (ctx) => (ctx.config.sms.dispatch ? startSms(ctx) : { stop: async () => {} }),
    },
  ],
});
