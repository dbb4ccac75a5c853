/** Login, second factor, logout and the account's own settings (/api/auth/*, /api/me*). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { revokeAllSessions, revokeSession, SESSION_COOKIE } from '../../platform/sessions.js';
import { appendAudit } from '../../platform/audit.js';
import { CodeBody, LoginBody, LoginResult, Me, MySmsList, MySmsQuery, PasswordChangeBody, SessionList, SmsCodeAccepted, SmsCodeBody, SmsLoginBody, TotpSetup } from './auth.schema.js';
import { buildMe, changePassword, confirmTotp, login, setupTotp, verifyMfa } from './auth.service.js';
import { requestCode, smsLogin } from './auth.sms.js';
import { personMessages } from '../sms/sms.commands.js';
import { notFound } from '../../platform/errors.js';
import { chinaDateTime } from '../../platform/china-time.js';
import { nextCursor } from '../../platform/paging.js';

export const authRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const cookieOptions = () => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.cookieSecure,
  });

  app.post('/api/auth/login', {
    config: {
      policy: 'public',
      rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' },
    },
    schema: { tags: ['auth'], summary: '用户名密码登录', body: LoginBody, response: responses({ 200: LoginResult }) },
  }, async (req, reply) => {
    const out = await login(ctx, req.body.username.trim(), req.body.password, req.ip, req.headers['user-agent']);
    reply.setCookie(SESSION_COOKIE, out.token, cookieOptions());
    return { status: out.status, me: await buildMe(ctx, out.accountId, out.status === 'ok') };
  });

  // Sign-in by SMS code (auth.sms.ts): the same answer whether or not an account has the phone.
  app.post('/api/auth/sms-code', {
    config: { policy: 'public', rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: '获取短信登录验证码（党员账户；无论手机号是否有账户，答复相同）', body: SmsCodeBody, response: responses({ 202: SmsCodeAccepted }) },
  }, async (req, reply) => reply.status(202).send(await requestCode(ctx, req.body.phone, req.ip)));

  app.post('/api/auth/sms-login', {
    config: { policy: 'public', rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: '短信验证码登录', body: SmsLoginBody, response: responses({ 200: LoginResult }) },
  }, async (req, reply) => {
    const out = await smsLogin(ctx, req.body.phone, req.body.code, req.ip, req.headers['user-agent']);
    reply.setCookie(SESSION_COOKIE, out.token, cookieOptions());
    return { status: out.status, me: await buildMe(ctx, out.accountId, out.status === 'ok') };
  });

  app.post('/api/auth/mfa', {
    config: { policy: 'pending', rateLimit: { max: ctx.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    schema: { tags: ['auth'], summary: '提交动态验证码完成二次验证', body: CodeBody, response: responses({ 200: LoginResult }) },
  }, async (req) => {
    const actor = requireActor(req);
    await verifyMfa(ctx, actor, req.body.code);
    return { status: 'ok' as const, me: await buildMe(ctx, actor.accountId, true) };
  });

  app.post('/api/auth/logout', {
    config: { policy: 'pending' },
    schema: { tags: ['auth'], summary: '退出登录', response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    await ctx.db.transaction().execute(async (trx) => {
      await revokeSession(trx, actor.sessionId, ctx.now());
      await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'auth.logout', entityType: 'account', entityId: actor.accountId, ip: actor.ip }, ctx.now());
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.post('/api/auth/revoke-all', {
    config: { policy: 'authenticated' },
    schema: { tags: ['auth'], summary: '退出本账户的所有会话', response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    const actor = requireActor(req);
    await ctx.db.transaction().execute(async (trx) => {
      await revokeAllSessions(trx, actor.accountId, ctx.now());
      await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'auth.revoke_all', entityType: 'account', entityId: actor.accountId, ip: actor.ip }, ctx.now());
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/me', {
    config: { policy: 'pending' },
    schema: { tags: ['auth'], summary: '当前账户、角色与权限', response: responses({ 200: Me }) },
  }, async (req) => {
    const actor = requireActor(req);
    return buildMe(ctx, actor.accountId, actor.mfaPassed, actor.grants);
  });

  app.post('/api/me/password', {
    config: { policy: 'authenticated' },
    schema: { tags: ['auth'], summary: '修改本人密码', body: PasswordChangeBody, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await changePassword(ctx, requireActor(req), req.body.currentPassword, req.body.newPassword);
    return reply.status(204).send(null);
  });

  app.post('/api/me/totp/setup', {
    config: { policy: 'pending' },
    schema: { tags: ['auth'], summary: '生成动态验证码绑定二维码', response: responses({ 200: TotpSetup }) },
  }, async (req) => setupTotp(ctx, requireActor(req)));

  app.post('/api/me/totp/confirm', {
    config: { policy: 'pending' },
    schema: { tags: ['auth'], summary: '确认绑定动态验证码', body: CodeBody, response: responses({ 200: Me }) },
  }, async (req) => {
    const actor = requireActor(req);
    await confirmTotp(ctx, actor, req.body.code);
    return buildMe(ctx, actor.accountId, true);
  });

  // The member centre's 「我收到的短信」: what the platform sent to the signed-in member (sms.commands.ts personMessages).
  app.get('/api/me/sms-messages', {
    config: { policy: 'authenticated' },
    schema: { tags: ['auth'], summary: '本人收到的短信（党员账户；新的在前）', querystring: MySmsQuery, response: responses({ 200: MySmsList }) },
  }, async (req) => {
    const actor = requireActor(req);
    // As /api/me/member: an account with no member record has no such list.
    if (!actor.memberId) throw notFound('本人党员信息');
    const limit = req.query.limit ?? 20;
    const rows = await personMessages(ctx, { kind: 'member', id: actor.memberId }, { cursor: req.query.cursor, limit });
    return {
      items: rows.map((r) => ({ id: r.id, text: r.text, at: r.at.toISOString(), date: chinaDateTime(r.at), state: r.state })),
      nextCursor: nextCursor(rows, limit),
    };
  });

  app.get('/api/me/sessions', {
    config: { policy: 'authenticated' },
    schema: { tags: ['auth'], summary: '本账户的有效会话', response: responses({ 200: SessionList }) },
  }, async (req) => {
    const actor = requireActor(req);
    const now = ctx.now();
    const { idleMinutes } = await ctx.policy.get();
    const rows = await ctx.db
      .selectFrom('sessions')
      .select(['id', 'created_at', 'last_seen_at', 'ip', 'user_agent'])
      .where('account_id', '=', actor.accountId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      // A session idle past the timeout can no longer be used (sessions.ts): do not list it as active.
      .where('last_seen_at', '>=', new Date(now.getTime() - idleMinutes * 60_000))
      .orderBy('id', 'desc')
      .limit(50)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id, createdAt: r.created_at.toISOString(), lastSeenAt: r.last_seen_at.toISOString(), ip: r.ip, userAgent: r.user_agent, current: r.id === actor.sessionId,
      })),
    };
  });
};
