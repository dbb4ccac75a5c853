/** 应急动员 (F-12): alerts, their live board, closing. docs/emergency.md. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import {
  Alert, AlertCreateBody, AlertCreated, AlertList, AlertListQuery, IdParams, OrgBoard, OrgBoardQuery, RepliesQuery, ReplyList, UnconfirmedList, UnconfirmedQuery,
} from './emergency.schema.js';
import * as svc from './emergency.service.js';

export const emergencyRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['emergency'];

  app.post('/api/emergency/alerts', {
    config: { policy: 'emergency.send' },
    schema: {
      tags, summary: '发布应急预警：立即以紧急通道发送短信（不受夜间免打扰限制），回复1确认收到；未确认的自动提醒，无人确认的组织上报上级',
      body: AlertCreateBody, response: responses({ 201: AlertCreated }),
    },
  }, async (req, reply) => {
    const created = await svc.createAlert(ctx, requireActor(req), req.body);
    ctx.jobs.poke();
    return reply.status(201).send(created);
  });

  app.get('/api/emergency/alerts', {
    config: { policy: 'emergency.read' },
    schema: { tags, summary: '应急预警列表（管辖范围内，新的在前）', querystring: AlertListQuery, response: responses({ 200: AlertList }) },
  }, async (req) => svc.listAlerts(ctx, requireActor(req), req.query));

  app.get('/api/emergency/alerts/:id', {
    config: { policy: 'emergency.read' },
    schema: { tags, summary: '应急预警详情：确认人数、提醒和上报情况', params: IdParams, response: responses({ 200: Alert }) },
  }, async (req) => svc.getAlert(ctx, requireActor(req), req.params.id));

  app.get('/api/emergency/alerts/:id/orgs', {
    config: { policy: 'emergency.read' },
    schema: {
      tags, summary: '应急预警确认情况按组织统计（逐级下钻：各下级组织含其全部下级，另列本级；无人确认的组织）',
      params: IdParams, querystring: OrgBoardQuery, response: responses({ 200: OrgBoard }),
    },
  }, async (req) => svc.board(ctx, requireActor(req), req.params.id, req.query.parentId));

  app.get('/api/emergency/alerts/:id/unconfirmed', {
    config: { policy: 'emergency.read' },
    schema: { tags, summary: '尚未确认收到的人员（手机号码已脱敏）', params: IdParams, querystring: UnconfirmedQuery, response: responses({ 200: UnconfirmedList }) },
  }, async (req) => svc.unconfirmed(ctx, requireActor(req), req.params.id, req.query));

  app.get('/api/emergency/alerts/:id/replies', {
    config: { policy: 'emergency.read' },
    schema: { tags, summary: '回复留言（确认以外的回复，新的在前）', params: IdParams, querystring: RepliesQuery, response: responses({ 200: ReplyList }) },
  }, async (req) => svc.replies(ctx, requireActor(req), req.params.id, req.query));

  app.post('/api/emergency/alerts/:id/close', {
    config: { policy: 'emergency.send' },
    schema: { tags, summary: '结束应急预警：停止提醒和上报', params: IdParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.closeAlert(ctx, requireActor(req), req.params.id);
    return reply.status(204).send(null);
  });
};
