/** 短信平台 (F-10, F-11): broadcasts and incoming messages. The integration contract is in docs/api-contract.md. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import {
  AudiencePreview, AudiencePreviewBody, Broadcast, BroadcastCreateBody, BroadcastCreated, BroadcastList, BroadcastListQuery, DecisionBody,
  AssignBody, AssignResult, Conversation, ConversationList, ConversationListQuery, ConversationQuery, IdParams, InboundList, InboundListQuery, OrgCounts, OrgCountsQuery, RecipientList, RecipientListQuery, ReplyBody, ReplyCreated, ResendBody, ResendCreated, ResendPreview, ResendQuery, Usage, UsageQuery,
} from './sms.schema.js';
import { conversation, reply } from './sms.conversations.js';
import { assignInbound, listConversations } from './sms.inbox.js';
import * as svc from './sms.service.js';
import { usage } from './sms.usage.js';
import { smsRuntime } from './sms.link.js';
import { smsSimulatorRoutes } from './sms.simulator.routes.js';
import { smsTemplateRoutes } from './sms.templates.routes.js';

export const smsRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['sms'];

  app.post('/api/sms/audience/preview', {
    config: { policy: 'sms.send' },
    schema: { tags, summary: '发送前核对接收人：人数、无有效手机号的人数、已退订的人数、条数', body: AudiencePreviewBody, response: responses({ 200: AudiencePreview }) },
  }, async (req) => svc.preview(ctx, requireActor(req), req.body));

  app.post('/api/sms/broadcasts', {
    config: { policy: 'sms.send' },
    schema: {
      tags,
      summary: '群发短信：按接收对象和/或手机号码创建；未超过审批人数的立即发送，超过的待审批',
      body: BroadcastCreateBody,
      response: responses({ 201: BroadcastCreated }),
    },
  }, async (req, reply) => {
    const created = await svc.createBroadcast(ctx, requireActor(req), req.body);
    ctx.jobs.poke();
    return reply.status(201).send(created);
  });

  app.get('/api/sms/broadcasts', {
    config: { policy: 'sms.read' },
    schema: { tags, summary: '群发短信列表（管辖范围内，新的在前）', querystring: BroadcastListQuery, response: responses({ 200: BroadcastList }) },
  }, async (req) => svc.listBroadcasts(ctx, requireActor(req), req.query));

  app.get('/api/sms/broadcasts/:id', {
    config: { policy: 'sms.read' },
    schema: { tags, summary: '群发短信详情与各状态人数', params: IdParams, response: responses({ 200: Broadcast }) },
  }, async (req) => svc.getBroadcast(ctx, requireActor(req), req.params.id));

  app.get('/api/sms/broadcasts/:id/orgs', {
    config: { policy: 'sms.read' },
    schema: { tags, summary: '群发短信按组织统计（逐级下钻：各下级组织含其全部下级，另列本级）', params: IdParams, querystring: OrgCountsQuery, response: responses({ 200: OrgCounts }) },
  }, async (req) => svc.countsByOrg(ctx, requireActor(req), req.params.id, req.query.parentId));

  app.get('/api/sms/broadcasts/:id/messages', {
    config: { policy: 'sms.read' },
    schema: { tags, summary: '群发短信的接收人及发送状态（手机号码已脱敏）', params: IdParams, querystring: RecipientListQuery, response: responses({ 200: RecipientList }) },
  }, async (req) => svc.listRecipients(ctx, requireActor(req), req.params.id, req.query));

  app.get('/api/sms/broadcasts/:id/resend', {
    config: { policy: 'sms.send' },
    schema: { tags, summary: '重发前核对：按所选状态（默认发送失败和状态未知）将重发的人数', params: IdParams, querystring: ResendQuery, response: responses({ 200: ResendPreview }) },
  }, async (req) => svc.resendPreview(ctx, requireActor(req), req.params.id, req.query.states));

  app.post('/api/sms/broadcasts/:id/resend', {
    config: { policy: 'sms.send' },
    schema: {
      tags,
      summary: '重发失败短信：以同样的内容和类型新建一次群发，接收人为原群发中所选状态（默认发送失败和状态未知）、在管辖范围内且此后未退订的人；超过审批人数的待审批',
      params: IdParams, body: Type.Optional(ResendBody), response: responses({ 201: ResendCreated }),
    },
  }, async (req, reply) => {
    const created = await svc.resend(ctx, requireActor(req), req.params.id, req.body?.states);
    ctx.jobs.poke();
    return reply.status(201).send(created);
  });

  app.get('/api/sms/usage', {
    config: { policy: 'sms.read' },
    schema: { tags, summary: '短信月度用量（北京时间自然月；按组织逐级统计：各下级组织含其全部下级，另列本级；计费条数为运营商已接收的条数）', querystring: UsageQuery, response: responses({ 200: Usage }) },
  }, async (req) => usage(ctx, requireActor(req), req.query));

  for (const action of ['approve', 'reject', 'pause', 'resume', 'cancel'] as const) {
    const words = { approve: '审批通过', reject: '驳回', pause: '暂停发送', resume: '继续发送', cancel: '取消发送' }[action];
    app.post(`/api/sms/broadcasts/:id/${action}`, {
      config: { policy: action === 'approve' || action === 'reject' ? 'sms.approve' : 'sms.send' },
      schema: { tags, summary: `${words}群发短信`, params: IdParams, body: Type.Optional(DecisionBody), response: responses({ 200: Broadcast }) },
    }, async (req) => {
      const actor = requireActor(req);
      await svc.transition(ctx, actor, req.params.id, action, req.body?.note);
      ctx.jobs.poke();
      smsRuntime()?.dispatcher.poke();
      return svc.getBroadcast(ctx, actor, req.params.id);
    });
  }

  app.get('/api/sms/inbound', {
    config: { policy: 'sms.read' },
    schema: { tags, summary: '收到的短信（新的在前；管辖范围内，未匹配人员的仅省级可见）', querystring: InboundListQuery, response: responses({ 200: InboundList }) },
  }, async (req) => svc.listInbound(ctx, requireActor(req), req.query));

  app.get('/api/sms/conversations', {
    config: { policy: 'sms.read' },
    schema: {
      tags,
      summary: '会话列表：每个号码一行（最后一条来信、来信条数），新的在前；管辖范围内，可按组织筛选，未匹配人员的仅省级可见',
      querystring: ConversationListQuery,
      response: responses({ 200: ConversationList }),
    },
  }, async (req) => listConversations(ctx, requireActor(req), req.query));

  app.post('/api/sms/inbound/:id/assign', {
    config: { policy: 'sms.send' },
    schema: {
      tags,
      summary: '指派未匹配人员的来信（省级工作人员）：同一号码的未匹配来信一并归入所选党员或村干部，此后该号码的来信自动匹配此人',
      params: IdParams,
      body: AssignBody,
      response: responses({ 200: AssignResult }),
    },
  }, async (req) => assignInbound(ctx, requireActor(req), req.params.id, req.body));

  app.get('/api/sms/conversation', {
    config: { policy: 'sms.read' },
    schema: { tags, summary: '与某一号码的往来短信（从一条来信进入，按时间先后）', querystring: ConversationQuery, response: responses({ 200: Conversation }) },
  }, async (req) => conversation(ctx, requireActor(req), req.query.inboundId));

  app.post('/api/sms/replies', {
    config: { policy: 'sms.send' },
    schema: { tags, summary: '回复来信（优先于群发，不受免打扰时段限制）', body: ReplyBody, response: responses({ 201: ReplyCreated }) },
  }, async (req, reply_) => {
    const created = await reply(ctx, requireActor(req), req.body.inboundId, req.body.text);
    smsRuntime()?.dispatcher.poke();
    return reply_.status(201).send(created);
  });

  // 短信模板: sms.templates.routes.ts.
  await smsTemplateRoutes(app, { ctx });

  // 虚拟手机: demo mode only (404 elsewhere), sms.simulator.routes.ts.
  await smsSimulatorRoutes(app, { ctx });
};
