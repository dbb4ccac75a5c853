/**
 * Browser-test support: Debian's Chromium through playwright-core (never a downloaded browser),
 * the web app built when missing or stale, and the real server listening on a free loopback port.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '..');

/** True when the browser tests can run here; CI (REQUIRE_BROWSER=1) turns a missing browser into a failure. */
export function browserAvailable(): boolean {
  // CI runs the suite twice (PGlite, then PostgreSQL) and the browser tests in the first run only (.ci/run): they
  // test the pages, and the database's part of what they do is covered by the server tests in both runs.
  if (process.env.BROWSER_TESTS === 'skip') return false;
  const ok = fs.existsSync(CHROMIUM);
  if (!ok && process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM} does not exist (apt-get install -y chromium)`);
  if (!ok) console.warn(`browser tests SKIPPED: ${CHROMIUM} not found (apt-get install -y chromium to run them)`);
  return ok;
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds web/dist unless it is newer than every source file of the web app. Called once per test run, from the
 * global setup (e2e/global-setup.ts), before any test file starts: two browser test files building it side by side
 * raced on web/dist.
 */
export function ensureWebBuilt(): void {
  const index = path.join(ROOT, 'web/dist/index.html');
  const sources = Math.max(newestMtime(path.join(ROOT, 'web/src')), fs.statSync(path.join(ROOT, 'web/index.html')).mtimeMs);
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  console.log('building the web app for the browser tests…');
  // The test runner sets NODE_ENV=test; the bundle must be the production one users get.
  execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
