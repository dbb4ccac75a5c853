import { defineConfig } from 'vitest/config';

// Two cores on the CI machine: two forked workers, each with its own database copy.
export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts', 'e2e/**/*.test.ts'],
    // The database templates, and the web build the browser tests serve: each made once, before any test file runs.
    globalSetup: ['server/test/global-setup.ts', 'e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
    // expect.poll waits for what a browser page or a background job shows next; the default second is
    // too short on two busy cores (a transfer's approval and the drawer's refetch took longer in CI).
    expect: { poll: { timeout: 15_000 } },
  },
});
