/**
 * Builds the Fastify app: external plugins → platform plugins → modules → web app.
 * Start-up fails if any API route lacks a declared policy (platform/route-policy.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { sql } from 'kysely';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from './platform/context.js';
import { clientErrorHandler, frameworkErrors, installErrorHandler, Problem, sendNotFound } from './platform/problem.js';
import { routePolicyPlugin } from './platform/route-policy.js';
import { ajvInputKeywords, inputPlugin } from './platform/input.js';
import { createMetrics, metricsAccess } from './platform/metrics.js';
import { forbidden } from './platform/errors.js';
import { publishedSchemas, registerModules } from './modules/index.js';
import { redactUrl } from './platform/log-redaction.js';
import { publicReadsPlugin } from './platform/public-reads.js';

export interface BuildOptions {
  /** Where the request log goes (standard output when left out); tests read it back. */
  logStream?: { write(line: string): void };
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: ctx.config.logLevel, serializers: { req: requestForLog }, ...(opts.logStream && { stream: opts.logStream }) },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    frameworkErrors,
    clientErrorHandler,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true }, plugins: [ajvInputKeywords] },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addSchema(Problem);
  for (const schema of publishedSchemas) app.addSchema(schema);
  installErrorHandler(app);
  // Before any route is added: every route's strings and dates get the shared input rules.
  await app.register(inputPlugin, { ctx });

  await app.register(cookie);
  await app.register(helmet, {
    // HSTS is set below, only on responses that went out over HTTPS.
    strictTransportSecurity: false,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        // Live lessons play from the stream origin or CDN (LIVE_MEDIA_ORIGINS, docs/learning.md "直播"): hls.js fetches its
        // playlists and segments (connect-src), Safari plays them natively (media-src).
        connectSrc: ["'self'", ...ctx.config.media.liveOrigins],
        // hls.js plays through Media Source Extensions: the video element's source is a blob: URL (docs/media.md).
        mediaSrc: ["'self'", 'blob:', ...ctx.config.media.liveOrigins],
        // Intranet installations often serve plain HTTP: only ask browsers to upgrade when we serve HTTPS.
        upgradeInsecureRequests: ctx.config.cookieSecure ? [] : null,
      },
    },
  });
  // Strict-Transport-Security only when the request came over HTTPS (directly, or as the trusted proxy's
  // X-Forwarded-Proto says when TRUST_PROXY is on): sent over plain http it would lock browsers of an intranet
  // installation without TLS out of the site for a year.
  app.addHook('onSend', async (req, reply) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  // Before compression and the rate limiter: it hashes bodies as they are and gives every public route a limit.
  await app.register(publicReadsPlugin, { ...ctx.config.publicReads, now: () => ctx.now().getTime() });
  // JSON, HTML and other text answers of 1 kB or more go out brotli- or gzip-compressed (brotli at quality 4: fast
  // enough per request). The web app's assets are compressed at build time and sent as they are (serveWeb); Excel
  // downloads are zip files already and their type is not in the list. Small answers (a revealed ID number among them)
  // stay below the threshold. Request bodies are never inflated: an upload's size limit applies to what was sent.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    customTypes: /^(?:application\/(?:[\w.+-]+\+)?json|text\/(?:html|css|plain|javascript)|application\/javascript|image\/svg\+xml)(?:;|$)/,
    globalDecompression: false,
  });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '浙江省党建信息化平台 API', version: '1.0.0', description: 'dangjian platform API. Errors are application/problem+json.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'dj_session' } } },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  // API answers carry personal data or session state: no browser or proxy keeps a copy, unless a route says otherwise.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  await app.register(routePolicyPlugin, { ctx });
  const metrics = createMetrics(app, ctx.jobs);

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
      return { status: 'ready', database: ctx.dbKind };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: ctx.dbKind });
    }
  });
  const mayReadMetrics = metricsAccess(ctx.config.metricsAllow, ctx.config.metricsToken);
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!mayReadMetrics(req)) throw forbidden('metrics.forbidden', '无权访问监控指标');
    reply.type(metrics.contentType).header('cache-control', 'no-store');
    return metrics.render();
  });

  // A write's audit row has committed by the time its response is sent: chain it now rather than at the next tick.
  app.addHook('onResponse', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') ctx.audit.poke();
  });

  await registerModules(app, ctx);
  await serveWeb(app, ctx.config.webDist);
  return app;
}

/** Serves the built single-page app; unknown non-API GETs get index.html so client routes work on reload. */
async function serveWeb(app: FastifyInstance, webDist: string): Promise<void> {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.warn(`web app not built (${index} missing): run "npm run build"`);
    app.setNotFoundHandler((_req, reply) => sendNotFound(reply));
    return;
  }
  // preCompressed: the build writes name.br and name.gz beside each asset (web/vite.config.ts); the variant the browser
  // accepts is sent, with Vary: Accept-Encoding. Hashed asset names never change content: cached for a year;
  // everything else revalidates.
  await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false, cacheControl: false, preCompressed: true,
    setHeaders: (reply, file) => reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache') });
  app.setNotFoundHandler((req, reply) => {
    // sendFile: the precompressed index.html the browser accepts, as for the assets.
    if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
    return sendNotFound(reply);
  });
}

/** What the request log keeps of a request: method, URL with personal-number parameters blanked, client address. */
function requestForLog(req: { method: string; url: string; ip?: string; hostname?: string }) {
  return { method: req.method, url: redactUrl(req.url), host: req.hostname, remoteAddress: req.ip };
}
