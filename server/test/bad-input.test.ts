/**
 * Bad input never answers 5xx. Walks the app's OpenAPI document and, for every operation, sends requests
 * built from its declared params, query and body with bad values mixed into plausible ones: NUL, control and
 * bidirectional-override characters, strings of spaces, overlong strings and URLs, malformed percent-encoding,
 * impossible dates (2026-02-30, 2026-13-01, 0000-01-01), huge and fractional numbers, wrong types, wrong body shapes. Each request is made
 * as an account that may use the route, so it passes the policy check and reaches validation and the service.
 * Every answer must be below 500, and every error an application/problem+json body.
 *
 * fast-check with a fixed seed and a bounded number of runs per route, so a failure reproduces exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type TestApp } from './test-app.js';
import { demoFixtures, type DemoFixtures } from './fixtures.js';
import type { RoutePolicy } from '../src/platform/route-policy.js';

const SEED = 20261129;
const RUNS_PER_ROUTE = 20;

let t: TestApp;
let f: DemoFixtures;
const cookies = new Map<string, string>();
async function cookieOf(user: string): Promise<string> {
  let c = cookies.get(user);
  if (!c) cookies.set(user, (c = await t.login(user)));
  return c;
}

beforeAll(async () => {
  t = await createTestApp();
  f = await demoFixtures(t.ctx);
});
afterAll(async () => { await t?.close(); });

/** Who may call a route with this policy (demo accounts; see server/test/endpoints.test.ts). */
function callerFor(policy: RoutePolicy): string | null {
  if (policy === 'public') return null;
  if (policy === 'pending' || policy === 'authenticated') return 'demo-hangzhou';
  if (policy.startsWith('account.')) return 'demo-sysadmin';
  if (policy === 'audit.read') return 'demo-auditor';
  if (policy.startsWith('security.')) return 'demo-secadmin';
  return 'demo-province';
}

/** Routes that end the caller's own session: called, they would only test the login page from then on. */
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/auth/revoke-all']);

type Schema = Record<string, unknown>;

/** Values that reached SQL or date handling and failed there before the shared input rules. */
const KILLER_STRINGS = [
  'a\u0000b', '\u0000', 'x\u0007y', '\u001b[31m', 'a\u007fb', 'a\u0085b', '\u202e西湖区委', '甲\u2066乙\u2069', '\u200f', '\ufeff', '\ud800',
  'line\nbreak', 'tab\there', '   ', '\u3000\u3000',
];
const OTHER_BAD_STRINGS = [
  '', 'x'.repeat(5_000), '党'.repeat(1_000), '-1', '0', '1e308', '99999999999999999999', '1.5', 'NaN', 'null', 'true', '[]', '{}', '%00',
  "' or 1=1 --", '<script>alert(1)</script>', '../../etc/passwd',
];
const DATES = ['2026-02-30', '2026-13-01', '0000-01-01', '9999-12-31', '1899-12-31', '1920-12-31', '2030-01-01', '1985-03-12', '2010-07-01', '2026-11-01', '2026-1-1'];
const MONTHS = ['2026-10', '2026-13', '0000-00', '2026-02'];
const PLAIN_STRINGS = ['西湖区委', '张晓明', '浙江省', '杭州市', 'branch', 'demo-member', '测试', '13957101234'];
const NUMBERS = [0, -1, 1, 2, 20, 1.5, -0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e308, -1e308];
const WRONG_TYPES: unknown[] = [null, true, [], {}, ['a', 'b'], { nested: 'a\u0000' }, 12345, 'text'];

let ids: string[] = [];

function stringFor(schema: Schema): fc.Arbitrary<unknown> {
  const pattern = String(schema.pattern ?? '');
  if (pattern.includes('[0-9]{4}-[0-9]{2}-[0-9]{2}')) return fc.constantFrom(...DATES);
  if (pattern.startsWith('^[0-9]{4}-')) return fc.constantFrom(...MONTHS, ...KILLER_STRINGS.slice(0, 3));
  if (pattern === '^[0-9]{1,18}$') return fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 4 }, { arbitrary: fc.constantFrom(...KILLER_STRINGS, ...OTHER_BAD_STRINGS), weight: 1 });
  if (schema.format === 'date-time') return fc.constantFrom('2026-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '2026-11-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-11-01T25:00:00Z');
  return fc.oneof(
    { arbitrary: fc.constantFrom(...KILLER_STRINGS), weight: 5 },
    { arbitrary: fc.constantFrom(...PLAIN_STRINGS), weight: 3 },
    { arbitrary: fc.constantFrom(...OTHER_BAD_STRINGS, ...DATES), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  );
}

/** Values shaped by the schema (so most requests get past validation to the service), with bad values of its type and, now and then, of another type. */
function valueFor(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.constantFrom(...WRONG_TYPES, ...KILLER_STRINGS);
  const options: fc.Arbitrary<unknown>[] = [];
  if (schema.const !== undefined) options.push(fc.constant(schema.const));
  if (Array.isArray(schema.enum)) options.push(fc.constantFrom(...(schema.enum as unknown[])));
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(schema[k])) options.push(...(schema[k] as Schema[]).map((s) => valueFor(s, depth + 1)));
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'string' && schema.const === undefined && !schema.enum) options.push(stringFor(schema));
  else if (type === 'integer' || type === 'number') options.push(fc.constantFrom(...NUMBERS), fc.integer());
  else if (type === 'boolean') options.push(fc.boolean());
  else if (type === 'array') options.push(fc.array(valueFor(schema.items as Schema, depth + 1), { maxLength: 3 }));
  else if (type === 'object' || schema.properties) {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    const keys = Object.keys(props);
    const required = ((schema.required ?? []) as string[]).filter((k) => keys.includes(k));
    if (keys.length) options.push(fc.record(Object.fromEntries(keys.map((k) => [k, valueFor(props[k], depth + 1)])), { requiredKeys: required }));
    options.push(fc.constant({}));
  }
  if (type === 'null') options.push(fc.constant(null));
  return fc.oneof({ arbitrary: fc.oneof(...(options.length ? options : [fc.constant('x')])), weight: 14 }, { arbitrary: fc.constantFrom(...WRONG_TYPES), weight: 1 });
}

interface Parameter { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: Schema }
interface Operation { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }

const toText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');

function requestFor(path: string, op: Operation) {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const body = op.requestBody?.content?.['application/json']?.schema;
  return fc.record({
    // Path parameters: mostly real ids of demo records (so the request gets past routing and loading), sometimes bad.
    // Path parameters percent-encoded, and now and then raw: a lone '%', a cut-off UTF-8 escape, one beyond the router's maxParamLength.
    path: fc.tuple(...pathParams.map((p) => fc.oneof(
      { arbitrary: valueFor(p.schema).map((v) => encodeURIComponent(toText(v))), weight: 12 },
      { arbitrary: fc.constantFrom('%', '%E0%A4%A', '1'.repeat(300)), weight: 1 },
    ))),
    query: fc.record(Object.fromEntries(queryParams.map((p) => [p.name, valueFor(p.schema)])), { requiredKeys: [] }),
    body: body ? fc.oneof({ arbitrary: valueFor(body), weight: 9 }, { arbitrary: fc.constantFrom<unknown>('text', [1, 2], 42, null), weight: 1 }) : fc.constantFrom(undefined, {}, 'text', [1, 2]),
  }).map(({ path: values, query, body: b }) => {
    let url = path;
    pathParams.forEach((p, i) => { url = url.replace(`{${p.name}}`, values[i] ?? ''); });
    const qs = Object.entries(query).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(toText(x))}`)).join('&');
    return { url: qs ? `${url}?${qs}` : url, body: b };
  });
}

describe('bad input never answers 5xx', () => {
  it('every operation of the OpenAPI document, as an account that may call it', async () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const policies = new Map(t.app.apiRoutes.map((r) => [`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r.policy]));
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, method: method.toUpperCase(), op })));
    // The security policy last: a random valid policy could otherwise change how every later session is checked.
    operations.sort((a, b) => Number(a.key.includes('/security/')) - Number(b.key.includes('/security/')));
    expect(operations.length).toBeGreaterThan(50);
    const failures: string[] = [];
    let tested = 0;
    const stats = new Map<string, number>();
    for (const o of operations) {
      const policy = policies.get(o.key);
      if (!policy || SKIP.has(o.key)) continue;
      tested++;
      const caller = callerFor(policy);
      // Real ids of demo records, so requests get past loading; account routes only ever touch the demo member's account
      // (an administrator who disabled or reset the account it is logged in as would test nothing more).
      ids = o.path.startsWith('/api/accounts/') ? [f.memberAccount, '999999999999'] : [f.hzBranch, f.hzMember, f.hangzhou.id, f.nbMember, '1', '999999999999'];
      await fc.assert(
        fc.asyncProperty(requestFor(o.path, o.op), async (req) => {
          const res = await t.call(o.method as 'GET', req.url, { cookie: caller ? await cookieOf(caller) : undefined, ...(req.body !== undefined ? { body: req.body } : {}) });
          if (process.env.BAD_INPUT_STATS) stats.set(`${o.key} ${res.statusCode}`, (stats.get(`${o.key} ${res.statusCode}`) ?? 0) + 1);
          if (res.statusCode >= 500 || (res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json'))) {
            failures.push(`${o.key} → ${res.statusCode}: ${req.url.slice(0, 200)} ${JSON.stringify(req.body)?.slice(0, 300)} ${res.body.slice(0, 200)}`);
            return false;
          }
          return true;
        }),
        { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      ).catch(() => undefined);
    }
    // eslint-disable-next-line no-console -- opt-in figures for whoever tunes the generators
    if (process.env.BAD_INPUT_STATS) console.log([...stats].map(([k, n]) => `${k}: ${n}`).join('\n'));
    expect(tested).toBe(policies.size - SKIP.size);
    expect(failures).toEqual([]);
  }, 120_000);
});
