/**
 * The states the console shows a broadcast's messages in (its counts, the recipient list's filter, the failures
 * export) and the message states each one covers: one place, so that a count and the list behind it agree.
 */
import type { MessageState } from '../../db/tables/sms.js';

export const SHOWN_STATES = ['queued', 'submitted', 'delivered', 'failed', 'unknown', 'cancelled'] as const;
export type ShownState = (typeof SHOWN_STATES)[number];
export type StateCounts = Record<ShownState, number>;

/** The message states behind each shown state: waiting (held for approval, pause or the schedule; claimed) and in flight count as one. */
export const COVERS: Record<ShownState, MessageState[]> = {
  queued: ['held', 'queued', 'claimed'], submitted: ['submitting', 'submitted'], delivered: ['delivered'], failed: ['failed'], unknown: ['unknown'], cancelled: ['cancelled'],
};

const SHOWN_AS = Object.fromEntries(SHOWN_STATES.flatMap((s) => COVERS[s].map((m) => [m, s]))) as Record<MessageState, ShownState>;

export const emptyCounts = (): StateCounts => ({ queued: 0, submitted: 0, delivered: 0, failed: 0, unknown: 0, cancelled: 0 });

/** Adds `n` messages in message state `state` to `counts` (under the shown state that covers it); returns `counts`. */
export function addCount(counts: StateCounts, state: string, n: number | string): StateCounts {
  counts[SHOWN_AS[state as MessageState]] += Number(n);
  return counts;
}
