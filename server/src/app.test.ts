import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { createTestApp, type TestApp } from '../test/test-app.js';
import { routePolicyPlugin } from './platform/route-policy.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

describe('platform', () => {
  it('refuses to start when an API route declares no policy', async () => {
    const app = Fastify();
    await app.register(routePolicyPlugin, { ctx: t.ctx });
    expect(() => app.get('/api/unguarded', async () => ({ ok: true }))).toThrow(/GET \/api\/unguarded declares no valid config.policy/);
    expect(() => app.get('/api/guarded', { config: { policy: 'member.read' } }, async () => ({ ok: true }))).not.toThrow();
    await app.close();
  });

  it('serves health, readiness and Prometheus metrics', async () => {
    expect((await t.call('GET', '/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.call('GET', '/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().database).toBe(t.ctx.dbKind);
    await t.call('GET', '/api/public/overview');
    const metrics = await t.call('GET', '/metrics');
    expect(metrics.body).toContain('dangjian_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/api/public/overview"');
  });

  it('publishes an OpenAPI document that lists every API route with its responses', async () => {
    const doc = (await t.call('GET', '/api/docs/json')).json();
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/members', '/api/members/{id}/reveal', '/api/orgs/{id}/move', '/api/audit']));
    // Every error is problem+json: declared once per route as the 4XX and 5XX ranges.
    const problem = { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    for (const [path, ops] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.responses, `${method} ${path}`).toMatchObject({ '4XX': problem, '5XX': problem });
      }
    }
    expect((await t.call('GET', '/api/docs')).statusCode).toBeLessThan(400);
  });

  it('answers unknown API paths and bad input with problem+json in Chinese', async () => {
    const missing = await t.call('GET', '/api/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ code: 'not_found', title: '请求的接口不存在' });

    const bad = await t.call('POST', '/api/auth/login', { body: { username: '' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const body = bad.json();
    expect(body.code).toBe('validation_failed');
    expect(body.title).toBe('提交的信息有误，请按提示修改');
    expect(body.errors).toEqual(expect.arrayContaining([{ field: 'password', message: '此项为必填项' }]));
  });

  it('shows the public overview without login', async () => {
    const res = await t.call('GET', '/api/public/overview');
    expect(res.statusCode).toBe(200);
    expect(res.json().platformName).toBe('浙江省党建信息化平台');
    expect(res.json().stats.members).toBe(300);
  });

  it('rejects cross-site writes by Origin', async () => {
    const cookie = await t.login('demo-hangzhou');
    const res = await t.call('POST', '/api/auth/logout', { cookie, headers: { origin: 'https://evil.example' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf.origin');
    expect((await t.call('GET', '/api/me', { cookie })).statusCode).toBe(200);
  });
});
