import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { openDatabase } from '../db/database.js';
import { createJobRunner, jobStatus, type JobRunner } from './jobs.js';

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
    // The retry waits (backoff): bring it forward instead of sleeping. A second back, not the database's now(): the
    // runner compares with its own clock, in whole milliseconds, which can be a fraction behind now() (a rare flake).
    await t.ctx.db.updateTable('jobs').set({ run_after: sql`now() - interval '1 second'` }).where('id', '=', id).execute();
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

  // On PGlite both runners share the one connection, so this cannot race; the PostgreSQL test below can.
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

/** A clock a test sets by hand, independent of other tests' clock moves. */
function manualClock(start: string) {
  let at = new Date(start);
  return { now: () => new Date(at.getTime()), set: (iso: string) => { at = new Date(iso); }, advance: (ms: number) => { at = new Date(at.getTime() + ms); } };
}

const jobsOf = (queue: string) => t.ctx.db.selectFrom('jobs').select(['id', 'state']).where('queue', '=', queue).orderBy('id').execute();

describe('run at, singleton keys, per-queue concurrency', () => {
  it('runs a job given runAt only once the runner clock reaches it', async () => {
    const clock = manualClock('2026-12-01T09:00:00+08:00');
    const runner = createJobRunner(t.ctx.db, { now: clock.now });
    const ran: unknown[] = [];
    runner.register('test.later', async (job) => { ran.push(job.payload); });
    await runner.enqueue('test.later', { n: 'later' }, { runAt: new Date('2026-12-01T10:00:00+08:00') });
    await runner.enqueue('test.later', { n: 'now' });
    await runner.drain();
    expect(ran).toEqual([{ n: 'now' }]);
    clock.advance(59 * 60_000);
    await runner.drain();
    expect(ran).toEqual([{ n: 'now' }]);
    clock.advance(60_000);
    await runner.drain();
    expect(ran).toEqual([{ n: 'now' }, { n: 'later' }]);
  });

  it('returns the queued or running job of a singleton key instead of adding another, and a new one once it has finished', async () => {
    const runner = createJobRunner(t.ctx.db);
    const ran: unknown[] = [];
    runner.register('test.reminders', async (job) => { ran.push(job.payload); });
    const first = await runner.enqueue('test.reminders', { survey: 7, n: 1 }, { singletonKey: 'survey:7' });
    const again = await t.ctx.db.transaction().execute((trx) => runner.enqueue('test.reminders', { survey: 7, n: 2 }, { singletonKey: 'survey:7', db: trx }));
    const otherKey = await runner.enqueue('test.reminders', { survey: 8 }, { singletonKey: 'survey:8' });
    const otherQueue = await runner.enqueue('test.escalations', { survey: 7 }, { singletonKey: 'survey:7' });
    expect(again).toBe(first);
    expect(new Set([first, otherKey, otherQueue]).size).toBe(3);
    expect((await jobsOf('test.reminders')).map((j) => j.id)).toEqual([first, otherKey]);

    // Running still holds the key.
    await t.ctx.db.updateTable('jobs').set({ state: 'running', locked_by: 'someone', locked_until: new Date(Date.now() + 60_000) }).where('id', '=', first).execute();
    expect(await runner.enqueue('test.reminders', { survey: 7, n: 3 }, { singletonKey: 'survey:7' })).toBe(first);
    await t.ctx.db.updateTable('jobs').set({ state: 'queued', locked_by: null, locked_until: null }).where('id', '=', first).execute();

    await runner.drain();
    expect(ran).toEqual([{ survey: 7, n: 1 }, { survey: 8 }]);
    const next = await runner.enqueue('test.reminders', { survey: 7, n: 4 }, { singletonKey: 'survey:7' });
    expect(next).not.toBe(first);
  });

  it('runs at most `concurrency` jobs of a queue at once on an instance, while other queues go on', async () => {
    const runner = createJobRunner(t.ctx.db, { pollMs: 20 });
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let inFlight = 0;
    let most = 0;
    const started: string[] = [];
    runner.register('test.sms', async (job) => {
      started.push(job.id);
      most = Math.max(most, ++inFlight);
      await gate;
      inFlight--;
    }, { concurrency: 2 });
    runner.register('test.mail', async () => {});
    const sms: string[] = [];
    for (let i = 0; i < 3; i++) sms.push(await runner.enqueue('test.sms', { i }));
    // Enqueued after all three: claims go by id, so the runner reaches it only after passing over the third SMS.
    const mail = await runner.enqueue('test.mail', {});
    runner.start();
    await expect.poll(async () => (await jobStatus(t.ctx.db, mail))?.state).toBe('succeeded');
    expect(started).toEqual(sms.slice(0, 2));
    expect((await jobStatus(t.ctx.db, sms[2]))?.state).toBe('queued');
    release();
    await expect.poll(async () => (await jobStatus(t.ctx.db, sms[2]))?.state).toBe('succeeded');
    await runner.stop();
    expect(most).toBe(2);
    expect(() => runner.register('test.bad', async () => {}, { concurrency: 0 })).toThrow(/concurrency/);
  });
});

describe('recurring schedules (every)', () => {
  function instance(clock: { now: () => Date }, runs: string[], name: string, when: Parameters<JobRunner['every']>[1], queue: string) {
    const runner = createJobRunner(t.ctx.db, { now: clock.now });
    runner.register(queue, async (job) => { runs.push(`${job.id}`); });
    runner.every(name, when, { queue, payload: { from: name } });
    return runner;
  }

  it('fires once per slot however many instances run, from the first slot after it was registered', async () => {
    const clock = manualClock('2026-12-01T09:00:20+08:00');
    const runs: string[] = [];
    const a = instance(clock, runs, 'test.every-minute', { everyMs: 60_000 }, 'test.tick');
    const b = instance(clock, runs, 'test.every-minute', { everyMs: 60_000 }, 'test.tick');
    await a.drain();
    await b.drain();
    expect(runs).toHaveLength(0); // the first slot is 09:01:00
    clock.set('2026-12-01T09:01:00+08:00');
    await a.drain();
    await b.drain();
    await a.drain();
    expect(runs).toHaveLength(1);
    clock.set('2026-12-01T09:01:59+08:00');
    await b.drain();
    expect(runs).toHaveLength(1);
    clock.set('2026-12-01T09:02:00+08:00');
    await b.drain();
    await a.drain();
    expect(runs).toHaveLength(2);
    // An instance down for ten minutes does not make up the slots it missed: the next one fires, once.
    clock.set('2026-12-01T09:12:30+08:00');
    await a.drain();
    await b.drain();
    expect(runs).toHaveLength(3);
    const row = await t.ctx.db.selectFrom('job_schedules').selectAll().where('name', '=', 'test.every-minute').executeTakeFirstOrThrow();
    expect(row.next_run_at.toISOString()).toBe(new Date('2026-12-01T09:13:00+08:00').toISOString());
    expect(row.last_job_id).toBe(runs[2]);
    expect(await t.ctx.db.selectFrom('jobs').select('payload').where('id', '=', runs[2]).executeTakeFirstOrThrow()).toEqual({ payload: { from: 'test.every-minute' } });
  });

  it('reads cron in China Standard Time', async () => {
    const clock = manualClock('2026-12-01T07:59:00+08:00');
    const runs: string[] = [];
    const runner = instance(clock, runs, 'test.morning', { cron: '0 8 * * *' }, 'test.morning');
    await runner.drain();
    expect(runs).toHaveLength(0);
    clock.set('2026-12-01T08:00:00+08:00'); // 00:00 UTC
    await runner.drain();
    expect(runs).toHaveLength(1);
    clock.set('2026-12-01T16:00:00+08:00');
    await runner.drain();
    expect(runs).toHaveLength(1);
    clock.set('2026-12-02T08:00:05+08:00');
    await runner.drain();
    expect(runs).toHaveLength(2);
    expect(() => runner.every('test.bad-cron', { cron: '61 * * * *' }, { queue: 'x' })).toThrow();
  });

  it('adds no second job while the previous slot\'s job is still waiting', async () => {
    const clock = manualClock('2026-12-01T09:00:00+08:00');
    // No handler for the queue on this instance: the fired job stays queued.
    const runner = createJobRunner(t.ctx.db, { now: clock.now });
    runner.every('test.backlog', { everyMs: 60_000 }, { queue: 'test.backlog' });
    await runner.drain();
    clock.set('2026-12-01T09:01:00+08:00');
    await runner.drain();
    clock.set('2026-12-01T09:02:00+08:00');
    await runner.drain();
    expect(await jobsOf('test.backlog')).toEqual([{ id: expect.any(String), state: 'queued' }]);
  });
});

describe('retention', () => {
  it('deletes succeeded jobs after their retention and failed ones (dead letters) after theirs, keeping queued jobs and jobs a row refers to', async () => {
    const runner = createJobRunner(t.ctx.db, { retention: { succeededDays: 7, failedDays: 30 } });
    const add = async (state: string, finishedDaysAgo: number | null) => {
      const id = await runner.enqueue('test.retention', {});
      await t.ctx.db
        .updateTable('jobs')
        .set({ state, finished_at: finishedDaysAgo === null ? null : sql`now() - ${`${finishedDaysAgo} days`}::interval` })
        .where('id', '=', id)
        .execute();
      return id;
    };
    const oldDone = await add('succeeded', 8);
    const recentDone = await add('succeeded', 6);
    const deadLetter = await add('failed', 8);
    const oldDeadLetter = await add('failed', 31);
    const waiting = await add('queued', null);
    // An import's status is its job row: it stays while the import does.
    const imported = await add('succeeded', 100);
    const actor = await t.ctx.db.insertInto('accounts').values({ username: 'retention-test', display_name: '保留期测试', kind: 'staff', password_hash: 'x' }).returning(['id', 'username']).executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('imports').values({ job_id: imported, kind: 'members', mode: 'valid_only', actor_id: actor.id, actor_name: actor.username, file: null }).execute();

    expect(await runner.purge()).toBe(2);
    expect((await jobsOf('test.retention')).map((j) => j.id)).toEqual([recentDone, deadLetter, waiting, imported]);
    expect(await t.ctx.db.selectFrom('jobs').select('id').where('id', 'in', [oldDone, oldDeadLetter]).execute()).toEqual([]);
  });
});

describe('metrics', () => {
  it('shows jobs per queue and state and how long attempts took on /metrics', async () => {
    t.ctx.jobs.register('test.metrics', async (job) => {
      if ((job.payload as { fail?: boolean }).fail) throw new Error('短信网关不可用');
    });
    await t.ctx.jobs.enqueue('test.metrics', {});
    await t.ctx.jobs.enqueue('test.metrics', { fail: true }, { maxAttempts: 1 });
    await t.ctx.jobs.enqueue('test.metrics-waiting', {});
    await t.ctx.jobs.drain();
    const body = (await t.call('GET', '/metrics')).body;
    expect(body).toContain('dangjian_jobs{queue="test.metrics",state="failed"} 1');
    expect(body).toContain('dangjian_jobs{queue="test.metrics-waiting",state="queued"} 1');
    expect(body).toContain('dangjian_job_duration_seconds_count{queue="test.metrics",outcome="succeeded"} 1');
    expect(body).toContain('dangjian_job_duration_seconds_count{queue="test.metrics",outcome="failed"} 1');
  });
});

const templates = inject('dbTemplates');

// Two runners on two separate connection pools, as two app instances would be: here claims really race.
describe.runIf(templates.kind === 'postgres')('two instances on PostgreSQL', () => {
  it('never give the same job to both: 200 jobs, each run exactly once', async () => {
    const url = t.ctx.config.databaseUrl!;
    const one = await openDatabase({ url, poolSize: 3 });
    const two = await openDatabase({ url, poolSize: 3 });
    try {
      const counts = new Map<string, number>();
      const by = { one: 0, two: 0 };
      const runners = ([['one', one], ['two', two]] as const).map(([name, d]) => {
        const runner = createJobRunner(d.db);
        runner.register('test.race', async (job) => {
          counts.set(job.id, (counts.get(job.id) ?? 0) + 1);
          by[name]++;
          // Give the other instance a turn between claims.
          await new Promise((r) => setImmediate(r));
        }, { concurrency: 4 });
        return runner;
      });
      const ids: string[] = [];
      for (let i = 0; i < 200; i++) ids.push(await runners[0].enqueue('test.race', { i }));
      runners.forEach((r) => r.start());
      await expect.poll(async () => Number((await t.ctx.db.selectFrom('jobs').select((eb) => eb.fn.countAll<string>().as('n')).where('queue', '=', 'test.race').where('state', '=', 'succeeded').executeTakeFirstOrThrow()).n), { timeout: 60_000 }).toBe(200);
      await Promise.all(runners.map((r) => r.stop()));
      expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]);
      expect(counts.size).toBe(200);
      expect(by.one).toBeGreaterThan(0);
      expect(by.two).toBeGreaterThan(0);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('fire a schedule\'s slot once when both reach it at the same moment', async () => {
    const url = t.ctx.config.databaseUrl!;
    const one = await openDatabase({ url, poolSize: 2 });
    const two = await openDatabase({ url, poolSize: 2 });
    try {
      const clock = manualClock('2026-12-01T09:00:00+08:00');
      const runners = [one, two].map((d) => {
        const runner = createJobRunner(d.db, { now: clock.now });
        runner.every('test.race-slot', { everyMs: 60_000 }, { queue: 'test.race-slot' });
        return runner;
      });
      await Promise.all(runners.map((r) => r.drain()));
      for (let minute = 1; minute <= 20; minute++) {
        clock.set(new Date(Date.parse('2026-12-01T09:00:00+08:00') + minute * 60_000).toISOString());
        await Promise.all(runners.map((r) => r.drain()));
        // No handler anywhere: let the slot's job finish so the next slot may add one.
        await t.ctx.db.updateTable('jobs').set({ state: 'succeeded' }).where('queue', '=', 'test.race-slot').where('state', '=', 'queued').execute();
      }
      expect(await jobsOf('test.race-slot')).toHaveLength(20);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
