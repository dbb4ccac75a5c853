/**
 * Masked display of personal data (docs/architecture.md, "Personal data"): enough to tell two people
 * apart on a list, never enough to recover the number.
 */

/** Keeps the first `head` and last `tail` characters; strings too short to hide anything are fully masked. */
function maskMiddle(s: string, head: number, tail: number): string {
  if (s.length <= head + tail) return '*'.repeat(s.length);
  return s.slice(0, head) + '*'.repeat(s.length - head - tail) + s.slice(s.length - tail);
}

/** '330102199001011234' → '330102********1234'; other lengths keep the first 2 and last 2. */
export function maskIdNumber(id: string): string {
  const v = (id ?? '').trim().toUpperCase();
  return v.length === 18 ? maskMiddle(v, 6, 4) : maskMiddle(v, 2, 2);
}

/** '13812348000' → '138****8000'; other lengths keep the first 2 and last 2. */
export function maskMobile(mobile: string): string {
  const v = (mobile ?? '').trim();
  return v.length === 11 ? maskMiddle(v, 3, 4) : maskMiddle(v, 2, 2);
}

/** '赵建平' → '赵**': the first character only (a surname tells two people apart on a list, never who wrote). */
export function maskName(name: string): string {
  const c = [...(name ?? '').trim()];
  return c.length <= 1 ? '*' : c[0] + '*'.repeat(c.length - 1);
}
