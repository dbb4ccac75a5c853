import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createJobRunner, jobStatus } from './jobs.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ template: 'base' }); });
afterAll(async () => { await t?.close(); });

describe('job runner', () => {
  it('runs queued jobs to completion on drain(), keeping state, progress and result in the table', async () => {
    const runner = createJobRunner(t.ctx.db);
    const seen: unknown[] = [];
    runner.register('test.echo', async (job, control) => {
      await control.progress({ processed: 1, total: 2 });
      seen.push(job.payload);
      await control.progress({ processed: 2, total: 2, errors: 0 });
      return { ok: true };
    });
    const id = await runner.enqueue('test.echo', { n: 1 });
    expect((await jobStatus(t.ctx.db, id))?.state).toBe('queued');
    await runner.drain();
    expect(seen).toEqual([{ n: 1 }]);
    expect(await jobStatus(t.ctx.db, id)).toMatchObject({ state: 'succeeded', processed: 2, total: 2, attempts: 1, result: { ok: true } });
  });

  it('shows progress while a job runs (a started runner polls; the test waits on job state, not on time)', async () => {
    const runner = createJobRunner(t.ctx.db, { pollMs: 20 });
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    runner.register('test.slow', async (_job, control) => {
      await control.progress({ processed: 5, total: 10 });
      await gate;
      await control.progress({ processed: 10, total: 10 });
    });
    const id = await runner.enqueue('test.slow', {});
    runner.start();
    let status = await jobStatus(t.ctx.db, id);
    for (let i = 0; i < 500 && !(status?.state === 'running' && status.processed === 5); i++) {
      await new Promise((r) => setImmediate(r));
      status = await jobStatus(t.ctx.db, id);
    }
    expect(status).toMatchObject({ state: 'running', processed: 5, total: 10 });
    release();
    await runner.stop();
    expect(await jobStatus(t.ctx.db, id)).toMatchObject({ state: 'succeeded', processed: 10 });
  });

  it('retries a failing job up to max_attempts, then marks it failed with the error', async () => {
    const runner = createJobRunner(t.ctx.db);
    let calls = 0;
    runner.register('test.fail', async () => { calls++; throw new Error('文件损坏'); });
    const id = await runner.enqueue('test.fail', {}, { maxAttempts: 2 });
    await runner.drain();
    expect(await jobStatus(t.ctx.db, id)).toMatchObject({ state: 'queued', attempts: 1, last_error: '文件损坏' });
    // The retry waits (backoff): bring it forward instead of sleeping.
    await t.ctx.db.updateTable('jobs').set({ run_after: sql`now()` }).where('id', '=', id).execute();
    await runner.drain();
    expect(calls).toBe(2);
    expect(await jobStatus(t.ctx.db, id)).toMatchObject({ state: 'failed', attempts: 2, last_error: '文件损坏' });
  });

  it('takes over a job whose instance died (lease expired), and fails it once attempts are used up', async () => {
    const runner = createJobRunner(t.ctx.db);
    const ran: string[] = [];
    runner.register('test.lease', async (job) => { ran.push(job.id); });
    const a = await runner.enqueue('test.lease', {});
    const b = await runner.enqueue('test.lease', {}, { maxAttempts: 1 });
    // Both were claimed by an instance that then died: running, lease in the past.
    await t.ctx.db.updateTable('jobs').set({ state: 'running', attempts: 1, locked_by: 'dead', locked_until: sql`now() - interval '1 minute'` }).where('id', 'in', [a, b]).execute();
    await runner.drain();
    expect(ran).toEqual([a]);
    expect(await jobStatus(t.ctx.db, a)).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(await jobStatus(t.ctx.db, b)).toMatchObject({ state: 'failed' });
  });

  it('shares work between two instances: every job runs exactly once', async () => {
    const counts = new Map<string, number>();
    const handler = async (job: { id: string }) => { counts.set(job.id, (counts.get(job.id) ?? 0) + 1); };
    const one = createJobRunner(t.ctx.db);
    const two = createJobRunner(t.ctx.db);
    one.register('test.shared', handler);
    two.register('test.shared', handler);
    const ids = [];
    for (let i = 0; i < 20; i++) ids.push(await one.enqueue('test.shared', { i }));
    await Promise.all([one.drain(), two.drain()]);
    expect(ids.map((id) => counts.get(id))).toEqual(ids.map(() => 1));
  });

  it('leaves jobs of queues it has no handler for', async () => {
    const runner = createJobRunner(t.ctx.db);
    runner.register('test.mine', async () => {});
    const other = await runner.enqueue('test.someone-else', {});
    await runner.drain();
    expect((await jobStatus(t.ctx.db, other))?.state).toBe('queued');
  });
});

describe('schedules', () => {
  it('run a task soon after start() and then every period, only while started, one run at a time', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'setTimeout', 'clearInterval', 'clearTimeout'] });
    try {
      const runner = createJobRunner(t.ctx.db);
      let runs = 0;
      let release: (() => void) | null = null;
      runner.schedule('test.cleanup', 60_000, () => {
        runs++;
        return new Promise<void>((r) => { release = r; });
      });
      await vi.advanceTimersByTimeAsync(120_000);
      expect(runs).toBe(0); // not started: tests call tasks directly
      runner.start();
      await vi.advanceTimersByTimeAsync(10_000);
      expect(runs).toBe(1);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(runs).toBe(1); // the first run has not finished: no second one beside it
      release!();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(runs).toBe(2);
      release!();
      await runner.stop();
      await vi.advanceTimersByTimeAsync(180_000);
      expect(runs).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
