/** /api/security/policy: the security administrator's settings (password, lockout, sessions, MFA). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { appendAudit } from '../../platform/audit.js';

const Policy = Type.Object(
  {
    passwordMinLength: Type.Integer({ minimum: 8, maximum: 64 }),
    passwordMinClasses: Type.Integer({ minimum: 2, maximum: 4 }),
    passwordHistory: Type.Integer({ minimum: 0, maximum: 24 }),
    lockoutThreshold: Type.Integer({ minimum: 3, maximum: 20 }),
    lockoutMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    idleMinutes: Type.Integer({ minimum: 1, maximum: 240 }),
    absoluteHours: Type.Integer({ minimum: 1, maximum: 72 }),
    mfaRequiredForStaff: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const securityRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['security'];

  app.get('/api/security/policy', {
    config: { policy: 'security.read' },
    schema: { tags, summary: '安全策略', response: responses({ 200: Policy }) },
  }, async () => ctx.policy.get());

  app.put('/api/security/policy', {
    config: { policy: 'security.write' },
    schema: { tags, summary: '修改安全策略', body: Policy, response: responses({ 200: Policy }) },
  }, async (req) => {
    const actor = requireActor(req);
    const before = await ctx.policy.get();
    await ctx.policy.set(ctx.db, req.body, (trx) =>
      appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'security.update', entityType: 'security_policy', entityId: '1', ip: actor.ip, before, after: req.body }, ctx.now()),
    );
    return ctx.policy.get();
  });
};
