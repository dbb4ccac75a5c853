/** 流动党员与网络党支部 (issue 3): out-flows and returns, online-branch attachment, life/dues records, the six-month alert. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { loadMember } from '../members/members.service.js';
import {
  Activity, ActivityBody, Flow, FlowCreateBody, FlowHistory, FlowList, FlowListQuery, FlowReturnBody, IdParams, InactiveList, InactiveQuery, OnlineBranch, OnlineBranchBody,
} from './flows.schema.js';
import * as svc from './flows.service.js';

export const flowRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['flows'];

  /**
   * Scope before body: a member outside the actor's scope is refused (403) before the body is validated,
   * so that a malformed body never tells an outsider more than "not yours".
   */
  const memberGuard = (perm: 'member.read' | 'member.write') => async (req: FastifyRequest) => {
    const id = (req.params as { id?: unknown }).id;
    if (typeof id === 'string' && /^[0-9]{1,18}$/.test(id)) await loadMember(ctx, requireActor(req), id, perm);
  };

  app.get('/api/members/:id/flows', {
    config: { policy: 'member.read' },
    schema: { tags, summary: '党员的流动记录（外出与返回）', params: IdParams, response: responses({ 200: FlowHistory }) },
  }, async (req) => svc.memberFlows(ctx, requireActor(req), req.params.id));

  app.post('/api/members/:id/flows', {
    config: { policy: 'member.write' },
    preValidation: memberGuard('member.write'),
    schema: { tags, summary: '登记外出流动', params: IdParams, body: FlowCreateBody, response: responses({ 201: Flow }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await svc.recordOutFlow(ctx, actor, req.params.id, req.body);
    return reply.status(201).send(await svc.getFlow(ctx, actor, id));
  });

  app.post('/api/flows/:id/return', {
    config: { policy: 'member.write' },
    schema: { tags, summary: '登记流动党员返回', params: IdParams, body: FlowReturnBody, response: responses({ 200: Flow }) },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.recordReturn(ctx, actor, req.params.id, req.body.returnedOn);
    return svc.getFlow(ctx, actor, req.params.id);
  });

  app.get('/api/flows', {
    config: { policy: 'member.read' },
    schema: { tags, summary: '流动党员名单（管辖范围内，键集分页）', querystring: FlowListQuery, response: responses({ 200: FlowList }) },
  }, async (req) => svc.listFlows(ctx, requireActor(req), req.query));

  app.get('/api/members/:id/online-branch', {
    config: { policy: 'member.read' },
    schema: { tags, summary: '党员所在网络党支部', params: IdParams, response: responses({ 200: OnlineBranch }) },
  }, async (req) => {
    await loadMember(ctx, requireActor(req), req.params.id, 'member.read');
    return svc.onlineBranchOf(ctx, req.params.id);
  });

  app.post('/api/members/:id/online-branch', {
    config: { policy: 'member.write' },
    preValidation: memberGuard('member.write'),
    schema: { tags, summary: '编入网络党支部（原所在支部不变）', params: IdParams, body: OnlineBranchBody, response: responses({ 200: OnlineBranch }) },
  }, async (req) => {
    await svc.attachOnlineBranch(ctx, requireActor(req), req.params.id, req.body.orgId);
    return svc.onlineBranchOf(ctx, req.params.id);
  });

  app.delete('/api/members/:id/online-branch', {
    config: { policy: 'member.write' },
    schema: { tags, summary: '退出网络党支部', params: IdParams, response: responses({ 200: OnlineBranch }) },
  }, async (req) => {
    await svc.detachOnlineBranch(ctx, requireActor(req), req.params.id);
    return svc.onlineBranchOf(ctx, req.params.id);
  });

  app.post('/api/members/:id/activities', {
    config: { policy: 'member.write' },
    preValidation: memberGuard('member.write'),
    schema: { tags, summary: '登记参加组织生活或交纳党费', params: IdParams, body: ActivityBody, response: responses({ 201: Activity }) },
  }, async (req, reply) => reply.status(201).send(await svc.recordActivity(ctx, requireActor(req), req.params.id, req.body)));

  app.get('/api/alerts/inactive-members', {
    config: { policy: 'member.read' },
    schema: { tags, summary: '连续六个月未参加组织生活或未交纳党费的党员（预警）', querystring: InactiveQuery, response: responses({ 200: InactiveList }) },
  }, async (req) => svc.inactiveMembers(ctx, requireActor(req), req.query.orgId));
};
