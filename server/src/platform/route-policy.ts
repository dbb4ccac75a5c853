/**
 * Every API route declares who may call it in `config.policy`; the app refuses to start when
 * one does not (Twenty's guard rule). The hook here enforces the coarse part — logged in, second
 * factor passed, holds the permission somewhere; `authorize()` then checks the resource's subtree.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from './errors.js';
import { loadActor, SESSION_COOKIE } from './sessions.js';
import { permissionsOf, type Actor } from './actor.js';
import { allPermissions, type Permission } from './roles.js';
import type { AppContext } from './context.js';

/**
 * public: anyone · pending: logged in, second factor may still be pending (login steps) ·
 * authenticated: fully logged in · a Permission: fully logged in and holding it at some organization.
 */
export type RoutePolicy = 'public' | 'pending' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every API route with its declared policy, for tests that must cover them all. */
    apiRoutes: { method: string; url: string; policy: RoutePolicy }[];
  }
}

/** What an account whose password was set by an administrator may do before changing it (the profile page). */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['/api/me/password', '/api/me/sessions', '/api/auth/revoke-all']);

/** Routes owned by third-party plugins (Swagger UI's assets) that cannot carry a policy. */
const PLUGIN_OWNED = ['/api/docs'];

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}

export const routePolicyPlugin = fp(async (app: FastifyInstance, opts: { ctx: AppContext }) => {
  const { ctx } = opts;
  app.decorateRequest('actor', null);
  const apiRoutes: FastifyInstance['apiRoutes'] = [];
  app.decorate('apiRoutes', apiRoutes);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || PLUGIN_OWNED.some((p) => route.url.startsWith(p))) return;
    const policy = (route.config as { policy?: string } | undefined)?.policy;
    const valid = policy === 'public' || policy === 'pending' || policy === 'authenticated' || allPermissions().includes(policy as Permission);
    if (!valid) throw new Error(`route ${route.method} ${route.url} declares no valid config.policy; every API route must`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, policy: policy as RoutePolicy });
  });

  app.addHook('onRequest', async (req) => {
    const policy = req.routeOptions.config?.policy;
    if (!policy) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.actor = await loadActor(ctx.db, token, req.ip, ctx.now(), await ctx.policy.get());
    if (req.method !== 'GET' && req.method !== 'HEAD') checkOrigin(req);
    if (policy === 'public') return;
    const actor = req.actor;
    if (!actor) throw unauthorized('auth.required', '登录已失效或尚未登录，请重新登录');
    if (policy === 'pending') return;
    if (!actor.mfaPassed) throw unauthorized('auth.mfa_required', '请先完成二次验证');
    // A password set by an administrator is known to two people: nothing else until it is changed.
    if (actor.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(req.routeOptions.url ?? '')) {
      throw forbidden('auth.password_change_required', '首次登录或密码已被重置，请先修改密码');
    }
    if (policy === 'authenticated') return;
    if (!permissionsOf(actor).includes(policy)) throw forbidden('forbidden.permission', '您的角色无权执行此操作');
  });
});

/** CSRF defence in depth beside SameSite cookies: a browser's write must come from our own origin. */
function checkOrigin(req: FastifyRequest): void {
  const origin = req.headers.origin;
  if (!origin) return;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw forbidden('csrf.origin', '请求来源不被允许');
  }
  if (host !== req.headers.host) throw forbidden('csrf.origin', '请求来源不被允许');
}
