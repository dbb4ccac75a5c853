import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { loadConfig } from '../config.js';
import { touchIntervalMs } from './sessions.js';

const TOKEN = 'metrics-token-0123456789abcdef0123456789';
let t: TestApp;
beforeAll(async () => { t = await createTestApp({ env: { METRICS_TOKEN: TOKEN, TRUST_PROXY: 'true' } }); });
afterAll(async () => { await t?.close(); });

describe('/metrics', () => {
  it('answers loopback and the bearer of the token, and nobody else', async () => {
    const local = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    expect(local.body).toContain('dangjian_http_request_duration_seconds');
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);

    const remote = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' });
    expect(remote.statusCode).toBe(403);
    expect(remote.headers['content-type']).toContain('application/problem+json');
    expect(remote.json()).toMatchObject({ code: 'metrics.forbidden', title: '无权访问监控指标' });
    expect(remote.body).not.toContain('dangjian_');
    // A forwarded-for header claiming loopback does not help a remote client, and whatever comes through a
    // reverse proxy on this host (from loopback, with a forwarding header) is not local either.
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': '127.0.0.1' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: 'Bearer wrong-token' } })).statusCode).toBe(403);

    const withToken = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(withToken.statusCode).toBe(200);
  });

  it('is configured by METRICS_ALLOW (addresses and CIDR blocks) and METRICS_TOKEN, and refuses bad values', () => {
    expect(loadConfig({}).metricsAllow).toEqual(['127.0.0.1', '::1']);
    expect(loadConfig({ METRICS_ALLOW: '10.0.0.0/8, 192.168.1.5' }).metricsAllow).toEqual(['10.0.0.0/8', '192.168.1.5']);
    expect(() => loadConfig({ METRICS_ALLOW: 'prometheus.local' })).toThrow(/METRICS_ALLOW/);
    expect(() => loadConfig({ METRICS_ALLOW: '10.0.0.0/33' })).toThrow(/METRICS_ALLOW/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});

describe('HSTS', () => {
  it('is sent only when the request came over HTTPS', async () => {
    const plain = await t.call('GET', '/api/public/overview');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const viaTlsProxy = await t.call('GET', '/api/public/overview', { headers: { 'x-forwarded-proto': 'https' } });
    expect(viaTlsProxy.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('is not sent on X-Forwarded-Proto when no proxy is trusted', async () => {
    const untrusting = await createTestApp({ env: { TRUST_PROXY: 'false' } });
    try {
      const res = await untrusting.call('GET', '/api/public/overview', { headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers['strict-transport-security']).toBeUndefined();
      expect(res.headers['content-security-policy']).toBeDefined(); // the other helmet headers stay
    } finally {
      await untrusting.close();
    }
  });
});

describe('oversized and malformed URLs', () => {
  it('answer problem+json, not Fastify’s own JSON', async () => {
    const long = await t.call('GET', `/api/orgs/${'1'.repeat(500)}`);
    expect(long.statusCode).toBe(414);
    expect(long.headers['content-type']).toContain('application/problem+json');
    expect(long.json()).toMatchObject({ code: 'http.uri_too_long', title: '请求地址过长' });
    const bad = await t.call('GET', '/api/orgs/%E0%A4%A');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'http.bad_url', title: '请求地址格式不正确' });
  });

  it('answer problem+json when beyond the maximum header size of the HTTP server', async () => {
    const server = await createTestApp();
    try {
      await server.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = server.app.server.address() as { port: number };
      const res = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: `/api/orgs?q=${'x'.repeat(40_000)}` }, (r) => {
          let body = '';
          r.setEncoding('utf8').on('data', (c) => { body += c; }).on('end', () => resolve({ status: r.statusCode!, type: String(r.headers['content-type']), body }));
        });
        req.on('error', reject);
      });
      expect(res.status).toBe(431);
      expect(res.type).toContain('application/problem+json');
      expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'http.header_too_large', title: '请求地址或请求头过长' });
    } finally {
      await server.close();
    }
  });
});

describe('public overview', () => {
  it('reads the trigger-kept counters, not a count of the members table', async () => {
    const before = (await t.call('GET', '/api/public/overview')).json().stats;
    const direct = await sql<{ members: number; orgs: number; stations: number }>`
      select (select count(*)::int from members where departed_on is null) as members,
             (select count(*)::int from orgs where status = 'active') as orgs,
             (select count(*)::int from stations) as stations`.execute(t.ctx.db);
    expect(before).toEqual(direct.rows[0]);
    // Nudge the province's counter: the overview follows it, so it is what the overview reads.
    await sql`update subtree_counts set n = n + 1000 where dim = 'total' and anchor = (select path from orgs where parent_id is null)`.execute(t.ctx.db);
    try {
      // The answer is kept for its max-age (platform/public-reads.ts; a change made behind the platform's back is
      // seen once that runs out).
      t.clock.advance(t.ctx.config.publicReads.cacheSeconds * 1000);
      expect((await t.call('GET', '/api/public/overview')).json().stats.members).toBe(before.members + 1000);
    } finally {
      await sql`update subtree_counts set n = n - 1000 where dim = 'total' and anchor = (select path from orgs where parent_id is null)`.execute(t.ctx.db);
    }
  });
});

describe('idle timeout', () => {
  it('refreshes last-seen well within the idle timeout, so an active session outlives it; an idle one does not', async () => {
    expect(touchIntervalMs(1)).toBeLessThanOrEqual(6_000);
    expect(touchIntervalMs(30)).toBe(60_000);
    const policy = await t.ctx.policy.get();
    await t.ctx.policy.set(t.ctx.db, { ...policy, idleMinutes: 1 });
    try {
      const cookie = await t.login('demo-hangzhou');
      // A request every 50 seconds keeps the session for five minutes under a one-minute idle timeout.
      for (let i = 0; i < 6; i++) {
        t.clock.advance(50_000);
        expect((await t.call('GET', '/api/me', { cookie })).statusCode, `after ${(i + 1) * 50} s`).toBe(200);
      }
      t.clock.advance(61_000);
      expect((await t.call('GET', '/api/me', { cookie })).statusCode).toBe(401);
    } finally {
      await t.ctx.policy.set(t.ctx.db, policy);
    }
  });
});
