/** Covered seconds of a video as merged [start, end] intervals (pure functions; learning.study.ts applies them). */
export type Interval = [number, number];

/** Adds [a, b] to sorted, disjoint intervals, merging what touches or overlaps. */
export function addInterval(list: readonly Interval[], a: number, b: number): Interval[] {
  if (!(b > a)) return list.map((i) => [i[0], i[1]]);
  const out: Interval[] = [];
  let cur: Interval = [a, b];
  let placed = false;
  for (const [s, e] of list) {
    if (e < cur[0]) out.push([s, e]);
    else if (s > cur[1]) {
      if (!placed) { out.push(cur); placed = true; }
      out.push([s, e]);
    } else cur = [Math.min(s, cur[0]), Math.max(e, cur[1])];
  }
  if (!placed) out.push(cur);
  return out.sort((x, y) => x[0] - y[0]);
}

/** The exact covered time (fractions of a second count: a short clip's completion must not be lost to rounding). */
export const coveredExact = (list: readonly Interval[]): number => list.reduce((s, [a, b]) => s + (b - a), 0);
/** Whole covered seconds, as stored and shown. */
export const coveredSeconds = (list: readonly Interval[]): number => Math.floor(coveredExact(list) + 1e-6);

/**
 * The part of the playhead's move between two heartbeats that counts as watched: all of it when it moved forward by no
 * more than the wall time that passed (plus a small tolerance for network jitter) and the heartbeats were not too far
 * apart; nothing otherwise (a seek ahead, a faster-than-real-time clock, a tab that slept). Moving backwards counts
 * nothing either (re-watching is covered already or will be by the next beats).
 */
export function countedMove(from: number, to: number, wallSeconds: number, o: { tolerance: number; maxGap: number }): Interval | null {
  const moved = to - from;
  if (moved <= 0 || wallSeconds <= 0 || wallSeconds > o.maxGap) return null;
  if (moved > wallSeconds + o.tolerance) return null;
  return [from, to];
}
