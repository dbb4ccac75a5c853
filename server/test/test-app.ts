/**
 * The test-app helper: a real app on a private copy of a template database, a clock the test
 * controls, and per-role login helpers (fastify/demo's build() + injectWithLogin habit).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../src/config.js';
import { startContext } from '../src/platform/bootstrap.js';
import { buildApp } from '../src/app.js';
import type { AppContext } from '../src/platform/context.js';
import { chinaToday } from '../src/platform/china-time.js';
import { copyTemplate, TEST_AUDIT_KEY, TEST_DATA_KEY, TEST_INDEX_KEY, type TemplateName } from './templates.js';

export const DEMO_PASSWORD = 'Demo#2026';

export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  clock: TestClock;
  /** Logs in and returns the Cookie header value for later requests. */
  login(username: string, password?: string): Promise<string>;
  /** app.inject with an optional cookie; JSON bodies are sent as JSON. */
  call(method: InjectOptions['method'], url: string, opts?: { cookie?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/**
 * The test clock starts at 07:00 China time of the current China day (23:00 UTC the day before): the hour at which
 * a UTC "today" is a day behind, so any code that takes the UTC date is caught by every test (issue 7, item 10).
 * `clockAt` starts the test clock at another instant instead (e.g. 07:00 China time, which is
 * 23:00 UTC the day before: the hour at which a UTC "today" is wrong).
 */
export async function createTestApp(opts: { template?: TemplateName; env?: Record<string, string>; clockAt?: Date; logStream?: { write(line: string): void } } = {}): Promise<TestApp> {
  const copy = await copyTemplate(inject('dbTemplates'), opts.template ?? 'demo');
  // Uploaded media go to a folder of this app's own, removed on close (DATA_DIR does not exist in tests).
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-test-media-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DJ_DATA_KEY: TEST_DATA_KEY,
    DJ_INDEX_KEY: TEST_INDEX_KEY,
    DJ_AUDIT_KEY: TEST_AUDIT_KEY,
    DATA_DIR: '/nonexistent-test-data-dir',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    LOG_LEVEL: 'silent',
    MEDIA_DIR: mediaDir,
    ...(copy.url ? { DATABASE_URL: copy.url, DATABASE_POOL_SIZE: '4' } : {}),
    ...opts.env,
  });
  let current = opts.clockAt ? new Date(opts.clockAt.getTime()) : sevenInTheMorningInChina();
  const clock: TestClock = { now: () => new Date(current.getTime()), advance: (ms) => { current = new Date(current.getTime() + ms); } };
  const { ctx, database } = await startContext(config, { now: clock.now, dataDir: 'memory://', loadDataDir: copy.loadDataDir });
  const app = await buildApp(ctx, { logStream: opts.logStream });
  await app.ready();

  const call: TestApp['call'] = (method, url, o = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(o.cookie ? { cookie: o.cookie } : {}), ...o.headers },
      ...(o.body !== undefined ? { payload: o.body as object } : {}),
    });

  return {
    app,
    ctx,
    clock,
    call,
    async login(username, password = DEMO_PASSWORD) {
      const res = await call('POST', '/api/auth/login', { body: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'dj_session');
      if (!c) throw new Error('no session cookie');
      return `dj_session=${c.value}`;
    },
    async close() {
      await app.close();
      await ctx.jobs.stop();
      await ctx.audit.stop();
      await database.close();
      await copy.drop();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}

/** POST /api/exports/<name>.xlsx with the filters of a query string (`orgId=1&reveal=true`) as its JSON body. */
export function exportCall(t: TestApp, name: string, query: string, cookie: string, headers?: Record<string, string>) {
  return t.call('POST', `/api/exports/${name}.xlsx`, { cookie, body: Object.fromEntries(new URLSearchParams(query)), headers });
}

/** 07:00 China Standard Time (UTC+8) of today's China date. */
export function sevenInTheMorningInChina(now = new Date()): Date {
  return new Date(`${chinaToday(now)}T07:00:00+08:00`);
}
