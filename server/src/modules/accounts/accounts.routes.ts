/** /api/accounts and /api/roles: account and role management (system administrator). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { isAdminRole, permissionsOfRole, ROLE_NAMES } from '../../platform/roles.js';
import {
  Account, AccountCreateBody, AccountList, AccountListQuery, AccountParams, AccountUpdateBody, ApprovalList, ApprovalListQuery, ApprovalParams, ApprovalRequest,
  GrantBody, GrantParams, MemberAccount, MemberAccountCreateBody, MemberAccountParams, PendingApproval, ResetPasswordBody, RoleList,
} from './accounts.schema.js';
import * as svc from './accounts.service.js';
import * as approvals from './approvals.service.js';
import * as memberAccounts from './member-accounts.service.js';

export const accountRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['accounts'];
  const view = async (actor: Parameters<typeof svc.loadManaged>[1], id: string) => svc.presentAccount(ctx, await svc.loadManaged(ctx, actor, id));
  type Reply = { status(code: number): { send(body: unknown): unknown } };
  /** 200 with the account when the change was applied; 202 with the request when it awaits a second administrator. */
  const answer = async (reply: Reply, actor: Parameters<typeof svc.loadManaged>[1], id: string, outcome: svc.ChangeOutcome, applied = 200) => {
    if (!outcome.applied) return reply.status(202).send({ approvalRequired: true, request: await approvals.loadRequest(ctx, actor, outcome.requestId) });
    return reply.status(applied).send(applied === 204 ? null : await view(actor, id));
  };

  app.get('/api/roles', {
    config: { policy: 'account.read' },
    schema: { tags, summary: '角色及其权限', response: responses({ 200: RoleList }) },
  }, async () => ({ items: ROLE_NAMES.map((role) => ({ role, permissions: [...permissionsOfRole(role)], adminRole: isAdminRole(role) })) }));

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
    schema: { tags, summary: '修改账户（姓名、启用/停用；停用安全、审计管理员须另一名管理员审批）', params: AccountParams, body: AccountUpdateBody, response: responses({ 200: Account, 202: PendingApproval }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    return answer(reply, actor, req.params.id, await svc.updateAccount(ctx, actor, req.params.id, req.body));
  });

  app.post('/api/accounts/:id/reset-password', {
    config: { policy: 'account.write' },
    schema: { tags, summary: '重置密码（下次登录须修改；安全、审计管理员的密码须另一名管理员审批）', params: AccountParams, body: ResetPasswordBody, response: responses({ 202: PendingApproval, 204: Type.Null() }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    return answer(reply, actor, req.params.id, await svc.resetPassword(ctx, actor, req.params.id, req.body.password), 204);
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
    schema: { tags, summary: '授予角色（安全、审计管理员角色，以及省级或可查看完整个人信息的角色，须另一名管理员审批）', params: AccountParams, body: GrantBody, response: responses({ 200: Account, 202: PendingApproval }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    return answer(reply, actor, req.params.id, await svc.grantRole(ctx, actor, req.params.id, req.body.role, req.body.orgId));
  });

  app.delete('/api/accounts/:id/roles/:grantId', {
    config: { policy: 'account.write' },
    schema: { tags, summary: '撤销角色（安全、审计管理员角色须另一名管理员审批）', params: GrantParams, response: responses({ 200: Account, 202: PendingApproval }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    return answer(reply, actor, req.params.id, await svc.revokeRole(ctx, actor, req.params.id, req.params.grantId));
  });

  // Two-person approval of changes to the security and audit administrators.
  const approvalTags = ['approvals'];
  app.get('/api/admin-requests', {
    // Requesters (account.read) and approvers (account.approve) both see them; the service scopes it.
    config: { policy: 'authenticated' },
    schema: { tags: approvalTags, summary: '管理员变更审批申请列表', querystring: ApprovalListQuery, response: responses({ 200: ApprovalList }) },
  }, async (req) => approvals.listRequests(ctx, requireActor(req), req.query));

  app.post('/api/admin-requests/:id/approve', {
    config: { policy: 'account.approve' },
    schema: { tags: approvalTags, summary: '批准申请（申请人以外的管理员）', params: ApprovalParams, response: responses({ 200: ApprovalRequest }) },
  }, async (req) => approvals.approveRequest(ctx, requireActor(req), req.params.id));

  app.post('/api/admin-requests/:id/reject', {
    config: { policy: 'account.approve' },
    schema: { tags: approvalTags, summary: '驳回申请', params: ApprovalParams, response: responses({ 200: ApprovalRequest }) },
  }, async (req) => approvals.rejectRequest(ctx, requireActor(req), req.params.id));

  app.post('/api/admin-requests/:id/cancel', {
    config: { policy: 'account.write' },
    schema: { tags: approvalTags, summary: '撤回本人提交的申请', params: ApprovalParams, response: responses({ 200: ApprovalRequest }) },
  }, async (req) => approvals.cancelRequest(ctx, requireActor(req), req.params.id));

  // Accounts of members: opened and reset by the staff of the member's organization.
  app.get('/api/members/:id/account', {
    config: { policy: 'member.write' },
    schema: { tags, summary: '党员的登录账户（所在党组织工作人员）', params: MemberAccountParams, response: responses({ 200: MemberAccount }) },
  }, async (req) => ({ account: await memberAccounts.getMemberAccount(ctx, requireActor(req), req.params.id) }));

  app.post('/api/members/:id/account', {
    config: { policy: 'member.write' },
    schema: { tags, summary: '为党员开设登录账户（所在党组织工作人员）', params: MemberAccountParams, body: MemberAccountCreateBody, response: responses({ 201: Account }) },
  }, async (req, reply) => {
    const id = await memberAccounts.createMemberAccount(ctx, requireActor(req), req.params.id, req.body);
    const row = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return reply.status(201).send(await svc.presentAccount(ctx, row));
  });

  app.post('/api/members/:id/account/reset-password', {
    config: { policy: 'member.write' },
    schema: { tags, summary: '重置党员登录账户的密码（所在党组织工作人员）', params: MemberAccountParams, body: ResetPasswordBody, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await memberAccounts.resetMemberAccountPassword(ctx, requireActor(req), req.params.id, req.body.password);
    return reply.status(204).send(null);
  });
};
