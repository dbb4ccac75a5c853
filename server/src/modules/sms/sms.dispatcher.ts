/**
 * The dispatcher: one per instance, it claims runnable messages in batches (FOR UPDATE SKIP LOCKED, so any
 * number of instances share one broadcast), marks each small group "submitting" just before it goes on the
 * wire, submits through the channel, and records outcomes with group commits. It also takes receipts and
 * incoming messages off the channel and stores them before they are acknowledged (sms.inbound.ts).
 *
 * A crash loses nothing and sends nothing twice: claimed rows go back to the queue when the lease runs out;
 * rows that may be on the wire are never resent (sms.store.ts, recoverAbandoned).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../../platform/context.js';
import type { SmsChannel, SubmitResult } from '../../platform/sms/channel.js';
import { GroupCommit } from '../../platform/group-commit.js';
import { isQuietTime } from './sms.quiet-hours.js';
import { claim, stoppedBroadcasts, completeBroadcasts, expireSubmitted, heartbeat, LANES, recordOutcomes, recoverAbandoned, sweepReceipts, type ClaimedMessage, type Outcome } from './sms.store.js';
import { createInboundStore } from './sms.inbound.js';
import { createReceiptApplier } from './sms.applier.js';

export interface DispatcherOptions {
  /** Messages one pump() sends at most. */
  batch?: number;
  /** Messages claimed into "submitting" and handed to the channel together (what may be in doubt after a crash, per group in flight). */
  group?: number;
  /** Groups in flight at once. */
  groups?: number;
  /** Outcomes submitted and not yet committed, at most (what may be in doubt after a crash; default 1024). */
  maxUnrecorded?: number;
  /** Idle poll interval when nothing is runnable. */
  idleMs?: number;
  instance?: string;
}

export interface Dispatcher {
  readonly instance: string;
  start(): void;
  stop(): Promise<void>;
  /** Claims and submits up to one batch; resolves with how many were claimed (tests and benchmarks drive it). */
  pump(): Promise<number>;
  /** Wakes an idle loop (after something was queued on this instance). */
  poke(): void;
  /** Lease renewal, recovery of dead instances' rows, receipt deadlines, broadcast completion. */
  housekeep(): Promise<void>;
  /** Resolves when the receipts and outcomes seen so far have been applied (tests). */
  settled(): Promise<void>;
}

/** Retry delays of retryable errors: 10 s, 30 s, 1½ min … capped at 30 min. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30 * 60_000, 10_000 * 3 ** Math.max(0, attempts - 1));
}

export function createDispatcher(ctx: AppContext, channel: SmsChannel, opts: DispatcherOptions = {}): Dispatcher {
  const instance = opts.instance ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const batch = opts.batch ?? 2048;
  const groupSize = opts.group ?? 16;
  const groupsInFlight = opts.groups ?? 8;
  const idleMs = opts.idleMs ?? 500;
  const cfg = ctx.config.sms;
  const receiptTimeoutMs = cfg.receiptTimeoutMinutes * 60_000;
  const applier = createReceiptApplier(ctx);
  const recorder = new GroupCommit<Outcome>(async (items) => applier.add(await recordOutcomes(ctx.db, instance, ctx.now(), receiptTimeoutMs, items)));
  const inbound = createInboundStore(ctx, applier);
  channel.onReceipt((r) => inbound.receipt(r));
  channel.onInbound((p) => inbound.part(p));

  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  let timers: NodeJS.Timeout[] = [];

  function outcomeOf(m: ClaimedMessage, r: SubmitResult): Outcome {
    if (r.ok) return { kind: 'submitted', id: m.id, link: r.link, segmentIds: r.segmentIds };
    const attempts = m.attempts + 1;
    if (r.retryable && r.segmentIds.length === 0 && attempts < cfg.maxAttempts) {
      return { kind: 'retry', id: m.id, notBefore: new Date(ctx.now().getTime() + retryDelayMs(attempts)), code: r.code, reason: r.reason };
    }
    // A timeout may have reached the carrier: in doubt, never resent. Everything else failed, with the carrier's reason.
    const kind = r.code === 'timeout' || r.segmentIds.length > 0 ? 'unknown' : 'failed';
    const reason = r.retryable ? `${r.reason}（已重试${attempts}次）` : r.reason;
    return { kind, id: m.id, code: r.code, reason, link: r.link, segmentIds: r.segmentIds };
  }

  /**
   * Outcomes submitted but not yet recorded. A worker goes on claiming while they are written (group commits),
   * up to `maxUnrecorded`: those rows are still "submitting", so this is also what may be in doubt after a crash.
   */
  const unrecorded = new Set<Promise<void>>();
  const maxUnrecorded = opts.maxUnrecorded ?? 1024;
  let recordError: unknown = null;

  function record(o: Outcome): void {
    const p: Promise<void> = recorder.add(o).catch((err) => { recordError ??= err; }).finally(() => unrecorded.delete(p));
    unrecorded.add(p);
  }

  /**
   * Claims and submits groups until `batch` messages have gone or nothing is runnable. Each of `groupsInFlight`
   * workers claims a small group straight into "submitting" (one commit), submits it, and hands the outcomes to
   * the recorder without waiting for their commit. Resolves once every outcome of this pump is recorded.
   */
  async function pump(): Promise<number> {
    const now = ctx.now();
    const lanes = isQuietTime(now, cfg.quietHours) ? [LANES.emergency, LANES.reply] : [LANES.emergency, LANES.reply, LANES.bulk];
    const stopped = await stoppedBroadcasts(ctx.db, now);
    let total = 0;
    const worker = async () => {
      // Stopping (a started loop told to stop): finish the group in hand, claim no more.
      while (total < batch && !(loop && !running) && !recordError) {
        while (unrecorded.size >= maxUnrecorded) await Promise.race(unrecorded);
        const group = await claim(ctx.db, instance, now, groupSize, lanes, stopped, 'submitting');
        if (group.length === 0) return;
        total += group.length;
        await Promise.all(group.map(async (m) => {
          record(outcomeOf(m, await channel.submit({ key: m.id, to: ctx.crypto.decrypt(m.phone_enc), text: m.text, ext: m.reply_ext })));
        }));
      }
    };
    await Promise.all(Array.from({ length: groupsInFlight }, worker));
    await Promise.all(unrecorded);
    if (recordError) {
      const err = recordError;
      recordError = null;
      throw err;
    }
    return total;
  }

  async function housekeep(): Promise<void> {
    const now = ctx.now();
    await heartbeat(ctx.db, instance, now);
    await recoverAbandoned(ctx.db, now, cfg.leaseSeconds * 1000);
    await sweepReceipts(ctx.db, now);
    await expireSubmitted(ctx.db, now);
    await completeBroadcasts(ctx.db, now);
  }

  async function run(): Promise<void> {
    while (running) {
      let n = 0;
      try {
        n = await pump();
      } catch (err) {
        console.error('sms dispatcher:', (err as Error).message);
      }
      if (n === 0 && running) {
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, idleMs);
          wake = () => { clearTimeout(t); resolve(); };
        });
        wake = null;
      }
    }
  }

  return {
    instance,
    pump,
    housekeep,
    settled: () => applier.settled(),
    poke: () => wake?.(),
    start() {
      if (running) return;
      running = true;
      const every = (ms: number, f: () => Promise<unknown>) => {
        const t = setInterval(() => void f().catch((e: Error) => console.error('sms housekeeping:', e.message)), ms);
        t.unref();
        timers.push(t);
      };
      every(Math.max(1000, (cfg.leaseSeconds * 1000) / 3), housekeep);
      void heartbeat(ctx.db, instance, ctx.now()).then(() => {
        loop = run();
      });
    },
    async stop() {
      running = false;
      wake?.();
      for (const t of timers) clearInterval(t);
      timers = [];
      await loop;
      loop = null;
      await applier.settled();
      // A clean stop leaves nothing in doubt: the lease row goes, so nothing waits for it to run out.
      await ctx.db.deleteFrom('sms_dispatchers').where('instance', '=', instance).execute().catch(() => {});
    },
  };
}
