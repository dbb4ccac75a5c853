/**
 * Quiet hours (22:00–08:00 China time by default): bulk messages are not sent then, so nobody's phone rings at
 * night for a notice that can wait. Emergency notices and replies to people who wrote in go out at any hour.
 */
const CHINA_OFFSET_MS = 8 * 3600_000;

/** Minutes since midnight, China time. */
function chinaMinutes(now: Date): number {
  const t = new Date(now.getTime() + CHINA_OFFSET_MS);
  return t.getUTCHours() * 60 + t.getUTCMinutes();
}

export function isQuietTime(now: Date, quiet: { start: number; end: number } | null): boolean {
  if (!quiet) return false;
  const m = chinaMinutes(now);
  // 22:00–08:00 wraps midnight; 12:00–14:00 does not.
  return quiet.start > quiet.end ? m >= quiet.start || m < quiet.end : m >= quiet.start && m < quiet.end;
}
