/** /api/members: the national member record (F-02). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { IdParams, MemberCreateBody, MemberDetail, MemberHistory, MemberList, MemberListQuery, MemberSearchBody, MemberUpdateBody, RevealBody, RevealResult } from './members.schema.js';
import * as svc from './members.service.js';

export const memberRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['members'];

  app.get('/api/members', {
    config: { policy: 'member.read' },
    schema: { tags, summary: '查询党员（管辖范围内，键集分页）', querystring: MemberListQuery, response: responses({ 200: MemberList }) },
  }, async (req) => svc.listMembers(ctx, requireActor(req), req.query));

  // A search is not a write: POST only so that exact mobile / ID-number searches stay out of URLs and logs.
  app.post('/api/members/search', {
    config: { policy: 'member.read' },
    schema: { tags, summary: '查询党员（含按手机号、身份证号精确查找；条件放在请求体中，不进入网址和日志）', body: MemberSearchBody, response: responses({ 200: MemberList }) },
  }, async (req) => svc.listMembers(ctx, requireActor(req), req.body));

  app.get('/api/members/:id', {
    config: { policy: 'member.read' },
    schema: { tags, summary: '党员详情（敏感信息脱敏）', params: IdParams, response: responses({ 200: MemberDetail }) },
  }, async (req) => svc.getMember(ctx, requireActor(req), req.params.id));

  app.post('/api/members', {
    config: { policy: 'member.write' },
    schema: { tags, summary: '新增党员', body: MemberCreateBody, response: responses({ 201: MemberDetail }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await svc.createMember(ctx, actor, req.body);
    return reply.status(201).send(await svc.getMember(ctx, actor, id));
  });

  app.patch('/api/members/:id', {
    config: { policy: 'member.write' },
    schema: { tags, summary: '修改党员信息', params: IdParams, body: MemberUpdateBody, response: responses({ 200: MemberDetail }) },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.updateMember(ctx, actor, req.params.id, req.body);
    return svc.getMember(ctx, actor, req.params.id);
  });

  app.post('/api/members/:id/reveal', {
    config: { policy: 'member.reveal' },
    schema: { tags, summary: '查看完整身份证号或手机号（记入审计日志）', params: IdParams, body: RevealBody, response: responses({ 200: RevealResult }) },
  }, async (req) => ({ field: req.body.field, value: await svc.revealField(ctx, requireActor(req), req.params.id, req.body.field) }));

  app.get('/api/me/member', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '本人党员信息（党员账户）', response: responses({ 200: MemberDetail }) },
  }, async (req) => svc.ownRecord(ctx, requireActor(req)));

  app.get('/api/members/:id/history', {
    config: { policy: 'member.read' },
    schema: { tags, summary: '党员信息变更记录', params: IdParams, response: responses({ 200: MemberHistory }) },
  }, async (req) => svc.history(ctx, requireActor(req), req.params.id));
};
