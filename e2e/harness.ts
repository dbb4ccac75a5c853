/**
 * One real server with demo data and one Chromium per browser-test file: the app listens on a
 * free loopback port, the jobs runner polls as in production (imports run in the background),
 * and pages sign in through the login form as users do.
 */
import { expect } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../server/test/test-app.js';
import { launch } from './browser.js';
import { startModuleServices } from '../server/src/modules/index.js';

export interface Harness {
  t: TestApp;
  browser: Browser;
  base: string;
  newPage(opts?: { width?: number; acceptDownloads?: boolean }): Promise<Page>;
  login(page: Page, username: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * `jobs`: the jobs runner polls as in production. `services`: the modules' services run as main.ts starts them (the
 * SMS dispatcher with the embedded SMSC simulator, whose receipts come within 20–200 ms). `env`: configuration.
 */
export async function startHarness(opts: { jobs?: boolean; services?: boolean; env?: Record<string, string> } = {}): Promise<Harness> {
  // A browser lives in real time: the server's clock starts now (API tests start at 07:00 China time instead).
  const t = await createTestApp({ clockAt: new Date(), env: opts.env });
  if (opts.jobs) t.ctx.jobs.start();
  const stopServices = opts.services ? await startModuleServices(t.ctx) : async () => {};
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await launch();
  return {
    t, browser, base,
    async newPage({ width = 1280, acceptDownloads = false } = {}) {
      // As a reader who asked for reduced motion: the console's dialogs then open without zooming, and a click on a
      // confirmation cannot land while it is still moving (such clicks were lost on a loaded CI machine).
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width, height: 900 }, acceptDownloads,
        reducedMotion: 'reduce' });
      const page = await context.newPage();
      page.on('pageerror', (e) => { throw e; });
      page.on('console', (m) => { if (m.type() === 'error') console.log('BROWSER', m.type(), m.text().slice(0, 300)); });
      return page;
    },
    async login(page, username) {
      await page.goto(`${base}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/(admin|me)(\/|$)/); // staff land in the console, members in 党员中心
    },
    async close() {
      await browser.close();
      await stopServices();
      await t.close();
    },
  };
}

/** Waits until the page is at rest: no finite animation running (a dialog zooming in, a dropdown closing). */
export async function atRest(page: Page): Promise<void> {
  await page.waitForFunction(noFiniteAnimationRunning);
}

/** Whether the page is at rest now, without waiting. */
export async function isAtRest(page: Page): Promise<boolean> {
  return page.evaluate(noFiniteAnimationRunning);
}

// A function, not a string: the console's content security policy forbids eval. Typed by hand: these tests are
// compiled without the DOM library. Self-contained, as it runs in the page. (Endless animations — a spinner, a
// wave — never rest and are left out.)
function noFiniteAnimationRunning(): boolean {
  type Running = { playState: string; effect: { getTiming(): { iterations?: number } } | null };
  const doc = (globalThis as unknown as { document: { getAnimations(): Running[] } }).document;
  return doc.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
}

export async function expectNoAxeViolations(page: Page, what: string) {
  // The page as it rests: a closing dropdown or a colour still fading in would be judged half-way otherwise.
  await atRest(page);
  const result = await new AxeBuilder({ page }).analyze();
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(summary, `axe on ${what}`).toEqual([]);
}
