/** /api/transfers: 组织关系转接 (F-05). Thin routes: parse, call the service, present. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { CommentBody, DestinationList, DestinationQuery, IdParams, LetterHtml, ReasonBody, TransferCreateBody, TransferDetail, TransferList, TransferListQuery, TransferSubmitBody } from './transfers.schema.js';
import * as svc from './transfers.service.js';

export const transferRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['transfers'];

  app.post('/api/transfers', {
    config: { policy: 'transfer.write' },
    schema: { tags, summary: '发起组织关系转接（转出方）', body: TransferCreateBody, response: responses({ 201: TransferDetail }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await svc.createTransfer(ctx, actor, req.body);
    return reply.status(201).send(await svc.getTransfer(ctx, actor, id));
  });

  app.get('/api/transfers', {
    config: { policy: 'transfer.read' },
    schema: { tags, summary: '转接列表（转出/转入，键集分页）', querystring: TransferListQuery, response: responses({ 200: TransferList }) },
  }, async (req) => svc.listTransfers(ctx, requireActor(req), req.query));

  // Names of receiving branches in the whole province (not only the caller's subtree): the one
  // deliberate exception to scoping, exempted and checked in server/test/scope.test.ts.
  app.get('/api/transfers/destinations', {
    config: { policy: 'transfer.write' },
    schema: { tags, summary: '查找可转入的党支部（全省，仅返回名称）', querystring: DestinationQuery, response: responses({ 200: DestinationList }) },
  }, async (req) => svc.searchDestinations(ctx, req.query));

  app.get('/api/transfers/:id', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '转接详情（含办理记录）', params: IdParams, response: responses({ 200: TransferDetail }) },
  }, async (req) => svc.getTransfer(ctx, requireActor(req), req.params.id));

  app.post('/api/transfers/:id/submit', {
    config: { policy: 'transfer.write' },
    schema: { tags, summary: '提交（或修改后重新提交）转出方审核', params: IdParams, body: TransferSubmitBody, response: responses({ 200: TransferDetail }) },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.act(ctx, actor, req.params.id, 'submit', { edits: req.body });
    return svc.getTransfer(ctx, actor, req.params.id);
  });

  for (const [action, summary] of [['approve', '审核通过（转出方或转入方）'], ['withdraw', '撤回（申请人）'], ['cancel', '撤销（转出方）']] as const) {
    app.post(`/api/transfers/:id/${action}`, {
      config: { policy: action === 'withdraw' ? 'authenticated' : 'transfer.write' },
      schema: { tags, summary, params: IdParams, body: CommentBody, response: responses({ 200: TransferDetail }) },
    }, async (req) => {
      const actor = requireActor(req);
      await svc.act(ctx, actor, req.params.id, action, { comment: req.body.comment?.trim() || null });
      return svc.getTransfer(ctx, actor, req.params.id);
    });
  }

  app.post('/api/transfers/:id/return', {
    config: { policy: 'transfer.write' },
    schema: { tags, summary: '退回修改（转出方或转入方，须说明理由）', params: IdParams, body: ReasonBody, response: responses({ 200: TransferDetail }) },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.act(ctx, actor, req.params.id, 'return', { comment: req.body.reason.trim() });
    return svc.getTransfer(ctx, actor, req.params.id);
  });

  app.get('/api/transfers/:id/letter', {
    config: { policy: 'authenticated' },
    schema: { tags, summary: '打印组织关系介绍信（HTML）', params: IdParams, produces: ['text/html'], response: responses({ 200: LetterHtml }) },
  }, async (req, reply) => reply.type('text/html; charset=utf-8').send(await svc.letter(ctx, requireActor(req), req.params.id)));
};
