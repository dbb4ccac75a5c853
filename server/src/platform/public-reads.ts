/**
 * Public reads: the GET routes anyone may call (policy 'public'), which a crowd or one visitor with a loop can
 * hammer. Four things keep them off the database and the platform up (issue 13, docs/architecture.md "Public reads"):
 *
 * 1. `Cache-Control: public, max-age=0, s-maxage=N` on every 200: nginx or a CDN in front keeps the answer N seconds;
 *    a browser keeps it too but asks again each time (with the ETag), so someone who has just asked a question or
 *    withdrawn a letter never sees their own browser's older copy.
 * 2. An `ETag` over the body; a request whose `If-None-Match` names it gets 304 with no body.
 * 3. A per-process micro-cache: the same URL asked again within N seconds is answered with the same bytes without
 *    running its handler (no query). Any successful write through this process empties it, so whoever just changed
 *    something sees it at once; other instances and background jobs are at most N seconds behind.
 * 4. A per-address rate limit on every public route (GET and POST) that does not set a stricter one of its own; a
 *    client over it gets 429 with a Chinese problem+json (platform/problem.ts).
 *
 * A route that answers something personal to the caller (a survey form behind its token) opts out with
 * `config: { publicCache: false }`: it gets `no-store` like every other API answer.
 */
import crypto from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: never cached (answers personal to a token); otherwise the max-age in seconds (default from config). */
    publicCache?: false | { maxAgeSeconds: number };
  }
  interface FastifyRequest {
    publicCacheHit?: Entry;
  }
}

interface Entry { body: string; type: string; etag: string; at: number }

export interface PublicReadsOptions {
  /** Seconds a public answer may be kept (browsers, proxies, this process). 0 turns keeping off. */
  cacheSeconds: number;
  /** Requests a minute per client address on each public route without a limit of its own; 0 turns it off. */
  perMinute: number;
  /** Entries kept in the micro-cache; the least recently stored go first. */
  maxEntries?: number;
  now?: () => number;
}

/** Answers bigger than this are not kept in memory (downloads); they still get an ETag and Cache-Control. */
const MAX_KEPT_BYTES = 256 * 1024;

const cacheControl = (age: number) => `public, max-age=0, s-maxage=${age}`;

const etagOf = (body: string | Buffer) => `"${crypto.createHash('sha1').update(body).digest('base64url')}"`;

/** If-None-Match matches `etag` (a list, `*`, or the weak form of it). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** Must run before @fastify/rate-limit and @fastify/compress are registered: it adds limits they read and hashes the body before compression. */
export const publicReadsPlugin = fp(async (app: FastifyInstance, opts: PublicReadsOptions) => {
  const now = opts.now ?? Date.now;
  const maxEntries = opts.maxEntries ?? 2000;
  const kept = new Map<string, Entry>();

  const maxAge = (req: FastifyRequest): number | null => {
    const c = req.routeOptions.config;
    if (c?.policy !== 'public' || (req.method !== 'GET' && req.method !== 'HEAD') || c.publicCache === false) return null;
    return c.publicCache?.maxAgeSeconds ?? opts.cacheSeconds;
  };

  const serveKept = async (req: FastifyRequest, reply: FastifyReply) => {
    const age = maxAge(req);
    if (!age) return;
    const hit = kept.get(req.url);
    if (!hit) return;
    if (now() - hit.at >= age * 1000) {
      kept.delete(req.url);
      return;
    }
    req.publicCacheHit = hit;
    return reply.type(hit.type).send(hit.body);
  };
  // Whoever changes something sees it at once: a successful write empties this process's micro-cache.
  const emptyOnWrite = async (_req: FastifyRequest, reply: FastifyReply) => {
    if (reply.statusCode < 400 && kept.size > 0) kept.clear();
  };
  const append = <H>(hooks: H | H[] | undefined, h: H): H[] => [...(hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]), h];

  // Hooks go on the routes that need them (a health check or a staff page pays for none of this), except onSend,
  // which must run before compression's and so is global — and returns at once for any other route.
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { policy?: string; rateLimit?: unknown; publicCache?: unknown };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const reads = methods.every((m) => m === 'GET' || m === 'HEAD');
    if (config.policy === 'public' && config.rateLimit === undefined && opts.perMinute > 0) {
      route.config = { ...config, rateLimit: { max: opts.perMinute, timeWindow: '1 minute' } } as typeof route.config;
    }
    if (config.policy === 'public' && reads && config.publicCache !== false) route.preHandler = append(route.preHandler, serveKept) as typeof route.preHandler;
    if (!reads) route.onResponse = append(route.onResponse, emptyOnWrite) as typeof route.onResponse;
  });

  app.addHook('onSend', (req, reply, payload, done) => {
    const age = maxAge(req);
    if (age === null || reply.statusCode !== 200) return done(null, payload);
    let entry = req.publicCacheHit;
    if (!entry) {
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) {
        // A stream (a file sent as it is read): cacheable, but neither hashed nor kept.
        reply.header('cache-control', cacheControl(age));
        return done(null, payload);
      }
      const type = String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8');
      entry = { body: typeof payload === 'string' ? payload : '', type, etag: etagOf(payload), at: now() };
      if (age > 0 && typeof payload === 'string' && payload.length <= MAX_KEPT_BYTES) {
        kept.delete(req.url);
        kept.set(req.url, entry);
        while (kept.size > maxEntries) kept.delete(kept.keys().next().value!);
      }
    }
    reply.header('cache-control', cacheControl(age)).header('etag', entry.etag);
    if (matches(req.headers['if-none-match'], entry.etag)) {
      reply.code(304);
      return done(null, '');
    }
    return done(null, payload);
  });
});
