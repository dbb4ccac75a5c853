/**
 * Public reads (platform/public-reads.ts, issue 13 item 1 and 5): cacheable answers with an ETag and 304, a
 * micro-cache that keeps the database out of a crowd's way but never hides a write made through the platform,
 * and a per-address limit on every public route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from './test-app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ env: { PUBLIC_CACHE_SECONDS: '10', PUBLIC_RATE_LIMIT_PER_MINUTE: '40' } }); });
afterAll(async () => { await t?.close(); });

const overview = (headers: Record<string, string> = {}, remoteAddress = '203.0.113.1') =>
  t.app.inject({ method: 'GET', url: '/api/public/overview', headers, remoteAddress });

describe('public reads', () => {
  it('are cacheable for a short time, with an ETag that a revalidation answers with 304 and no body', async () => {
    const first = await overview();
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=0, s-maxage=10');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]{27}"$/);

    const again = await overview({ 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    // A weak validator and a list that names it match too; another tag gets the full answer.
    expect((await overview({ 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
    const other = await overview({ 'if-none-match': '"other"' });
    expect(other.statusCode).toBe(200);
    expect(other.json()).toEqual(first.json());
  });

  it('are answered from memory for their max-age, and a write through the platform is seen at once', async () => {
    const members = async () => (await overview()).json().stats.members as number;
    const before = await members();
    // A change the process did not make (another instance, a bulk load): not seen until the answer's age runs out.
    await sql`update subtree_counts set n = n + 1000 where dim = 'total' and anchor in (select path from orgs where parent_id is null)`.execute(t.ctx.db);
    expect(await members()).toBe(before);
    t.clock.advance(10_000);
    expect(await members()).toBe(before + 1000);

    // A write through this process empties the micro-cache: the next read is fresh.
    await sql`update subtree_counts set n = n - 1000 where dim = 'total' and anchor in (select path from orgs where parent_id is null)`.execute(t.ctx.db);
    expect(await members()).toBe(before + 1000);
    await t.login('demo-hangzhou'); // a successful POST
    expect(await members()).toBe(before);
  });

  it('never keep or cache what is personal to a token, nor errors', async () => {
    const form = await t.app.inject({ method: 'GET', url: '/api/public/survey-forms/abcdefghijkl', remoteAddress: '203.0.113.2' });
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.headers.etag).toBeUndefined();
    const missing = await t.app.inject({ method: 'GET', url: '/api/public/letters/999999999', remoteAddress: '203.0.113.2' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['cache-control']).toBe('no-store');
  });

  it('limit each address on every public route, with a Chinese problem', async () => {
    const addr = '198.51.100.7';
    for (let i = 0; i < 40; i++) expect((await overview({}, addr)).statusCode).toBe(200);
    const over = await overview({}, addr);
    expect(over.statusCode).toBe(429);
    expect(over.headers['content-type']).toContain('application/problem+json');
    expect(over.json()).toMatchObject({ status: 429, title: '操作过于频繁，请稍后再试' });
    // Another address is not affected, and the limit is per route: every public route has one of its own.
    expect((await overview({}, '198.51.100.8')).statusCode).toBe(200);
    const mailboxes = () => t.app.inject({ method: 'GET', url: '/api/public/mailboxes', remoteAddress: addr });
    for (let i = 0; i < 40; i++) expect((await mailboxes()).statusCode).toBe(200);
    expect((await mailboxes()).statusCode).toBe(429);
  });
});
