/**
 * Prometheus metrics: process defaults, a request histogram labelled by route (not by URL), and the
 * background jobs: counts per queue and state, and how long each attempt took.
 * /metrics is for the monitoring system only: it answers a request bearing METRICS_TOKEN, or one made
 * directly (no forwarding header) from a configured address (METRICS_ALLOW, default loopback), and nobody else.
 */
import { BlockList, isIP } from 'node:net';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Registry, collectDefaultMetrics, Gauge, Histogram } from 'prom-client';
import type { JobRunner } from './jobs.js';

export function createMetrics(app: FastifyInstance, jobs?: JobRunner) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'dangjian_' });
  const duration = new Histogram({
    name: 'dangjian_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  if (jobs) jobMetrics(registry, jobs);
  return { contentType: registry.contentType, render: () => registry.metrics() };
}

function jobMetrics(registry: Registry, jobs: JobRunner) {
  const known = new Set<string>();
  new Gauge({
    name: 'dangjian_jobs',
    // Read from the table at each scrape: every instance reports the same totals (aggregate with max, not sum).
    help: 'Background jobs by queue and state (queued, running, failed = dead letters kept for retention), all instances',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      const counts = await jobs.counts();
      // A queue that emptied reports 0 rather than vanishing from the scrape.
      for (const key of known) {
        const [queue, state] = key.split('\u0000');
        this.set({ queue, state }, 0);
      }
      for (const c of counts) {
        known.add(`${c.queue}\u0000${c.state}`);
        this.set({ queue: c.queue, state: c.state }, c.count);
      }
    },
  });
  const duration = new Histogram({
    name: 'dangjian_job_duration_seconds',
    help: 'Duration of job attempts run by this instance, by queue and outcome (succeeded, failed, retried)',
    labelNames: ['queue', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800],
    registers: [registry],
  });
  jobs.onFinished((e) => duration.observe({ queue: e.queue, outcome: e.outcome }, e.seconds));
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host', 'x-forwarded-proto'];
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Whether a request may read /metrics: with the token, or straight from an allowed address. The address is the
 * socket's own, and a request carrying a forwarding header is never "straight": a reverse proxy on the same
 * host connects from loopback on behalf of anyone, and X-Forwarded-For can be written by the client.
 */
export function metricsAccess(allow: readonly string[], token: string | undefined): (req: FastifyRequest) => boolean {
  const list = new BlockList();
  for (const item of allow) {
    const [addr, bits] = item.split('/');
    const type = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  const expected = token ? digest(`Bearer ${token}`) : null;
  return (req) => {
    const auth = req.headers.authorization;
    if (expected && typeof auth === 'string' && timingSafeEqual(digest(auth), expected)) return true;
    if (FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined)) return false;
    const remote = req.raw.socket.remoteAddress ?? '';
    // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d.
    const ip = remote.startsWith('::ffff:') && isIP(remote.slice(7)) === 4 ? remote.slice(7) : remote;
    const family = isIP(ip);
    return family !== 0 && list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  };
}
