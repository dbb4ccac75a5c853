/** /api/accounts and /api/roles: account and role management (system administrator). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { isAdminRole, ROLES, ROLE_NAMES } from '../../platform/roles.js';
import { Account, AccountCreateBody, AccountList, AccountListQuery, AccountParams, AccountUpdateBody, GrantBody, GrantParams, ResetPasswordBody, RoleList } from './accounts.schema.js';
import * as svc from './accounts.service.js';

export const accountRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['accounts'];
  const view = async (actor: Parameters<typeof svc.loadManaged>[1], id: string) => svc.presentAccount(ctx, await svc.loadManaged(ctx, actor, id));

  app.get('/api/roles', {
    config: { policy: 'account.read' },
    schema: { tags, summary: '角色及其权限', response: responses({ 200: RoleList }) },
  }, async () => ({ items: ROLE_NAMES.map((role) => ({ role, permissions: [...ROLES[role]], adminRole: isAdminRole(role) })) }));

  app.get('/api/accounts', {
    config: { policy: 'account.read' },
    schema: { tags, summary: '账户列表', querystring: AccountListQuery, response: responses({ 200: AccountList }) },
  }, async (req) => svc.listAccounts(ctx, requireActor(req), req.query));

  app.get('/api/accounts/:id', {
    config: { policy: 'account.read' },
    schema: { tags, summary: '账户详情', params: AccountParams, response: responses({ 200: Account }) },
  }, async (req) => view(requireActor(req), req.params.id));

  app.post('/api/accounts', {
    config: { policy: 'account.write' },
    schema: { tags, summary: '新建账户', body: AccountCreateBody, response: responses({ 201: Account }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const id = await svc.createAccount(ctx, actor, req.body);
    return reply.status(201).send(await view(actor, id));
  });

  app.patch('/api/accounts/:id', {
    config: { policy: 'account.write' },
    schema: { tags, summary: '修改账户（姓名、启用/停用）', params: AccountParams, body: AccountUpdateBody, response: responses({ 200: Account }) },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.updateAccount(ctx, actor, req.params.id, req.body);
    return view(actor, req.params.id);
  });

  app.post('/api/accounts/:id/reset-password', {
    config: { policy: 'account.write' },
    schema: { tags, summary: '重置密码（下次登录须修改）', params: AccountParams, body: ResetPasswordBody, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.resetPassword(ctx, requireActor(req), req.params.id, req.body.password);
    return reply.status(204).send(null);
  });

  app.post('/api/accounts/:id/unlock', {
    config: { policy: 'account.write' },
    schema: { tags, summary: '解除锁定', params: AccountParams, response: responses({ 200: Account }) },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.unlockAccount(ctx, actor, req.params.id);
    return view(actor, req.params.id);
  });

  app.post('/api/accounts/:id/roles', {
    config: { policy: 'account.write' },
    schema: { tags, summary: '授予角色', params: AccountParams, body: GrantBody, response: responses({ 200: Account }) },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.grantRole(ctx, actor, req.params.id, req.body.role, req.body.orgId);
    return view(actor, req.params.id);
  });

  app.delete('/api/accounts/:id/roles/:grantId', {
    config: { policy: 'account.write' },
    schema: { tags, summary: '撤销角色', params: GrantParams, response: responses({ 200: Account }) },
  }, async (req) => {
    const actor = requireActor(req);
    await svc.revokeRole(ctx, actor, req.params.id, req.params.grantId);
    return view(actor, req.params.id);
  });
};
