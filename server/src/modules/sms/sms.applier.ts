/**
 * Applies receipts after the transactions that stored segments or receipts have committed (sms.store.ts,
 * applyReceiptKeys), one batch at a time per instance, off the path that acknowledges receipts and records
 * submits: neither waits for it.
 */
import type { AppContext } from '../../platform/context.js';
import { applyReceiptKeys, type ReceiptKeys } from './sms.store.js';

export interface ReceiptApplier {
  /** Queues keys to apply; returns at once. */
  add(keys: ReceiptKeys): void;
  /** Resolves when everything queued so far has been applied (tests, shutdown). */
  settled(): Promise<void>;
}

export function createReceiptApplier(ctx: AppContext): ReceiptApplier {
  const links: string[] = [];
  const ids: string[] = [];
  let running: Promise<void> | null = null;

  async function loop(): Promise<void> {
    while (ids.length > 0) {
      const batch = { links: links.splice(0, 5000), ids: ids.splice(0, 5000) };
      try {
        await applyReceiptKeys(ctx.db, ctx.now(), batch);
      } catch (err) {
        // Left in sms_receipts; the sweeper applies them later.
        console.error('sms receipts:', (err as Error).message);
      }
    }
    running = null;
  }

  return {
    add(keys) {
      if (keys.ids.length === 0) return;
      links.push(...keys.links);
      ids.push(...keys.ids);
      running ??= loop();
    },
    async settled() {
      while (running) await running;
    },
  };
}
