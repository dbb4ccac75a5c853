/**
 * Self-hosted image captcha (图形验证码): four digits drawn as jittered strokes in an SVG, with noise curves. No
 * external service and no font: the glyphs are polylines, each digit turned, scaled and moved at random.
 *
 * The answer is stored only as a keyed hash (blind-index key, per-captcha salt) with an expiry of CAPTCHA_MINUTES;
 * a captcha is checked once — right or wrong, it is used up — so a wrong answer needs a new image.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../platform/context.js';

export const CAPTCHA_MINUTES = 5;
const DIGITS = 4;

/** Each digit as strokes on a 10 × 16 grid. */
const GLYPHS: readonly (readonly (readonly [number, number])[])[][] = [
  [[[2, 1], [8, 1], [9, 4], [9, 12], [8, 15], [2, 15], [1, 12], [1, 4], [2, 1]]],
  [[[3, 4], [6, 1], [6, 15]], [[3, 15], [9, 15]]],
  [[[1, 4], [3, 1], [7, 1], [9, 4], [8, 8], [1, 15], [9, 15]]],
  [[[1, 2], [8, 1], [4, 7], [8, 9], [9, 12], [7, 15], [1, 14]]],
  [[[7, 15], [7, 1], [1, 11], [9, 11]]],
  [[[9, 1], [2, 1], [1, 7], [7, 6], [9, 9], [8, 14], [1, 15]]],
  [[[8, 1], [3, 3], [1, 9], [2, 14], [6, 15], [9, 12], [7, 8], [2, 9]]],
  [[[1, 1], [9, 1], [4, 15]], [[3, 8], [8, 8]]],
  [[[5, 8], [2, 5], [3, 1], [7, 1], [8, 5], [5, 8], [1, 11], [3, 15], [7, 15], [9, 11], [5, 8]]],
  [[[8, 7], [3, 8], [1, 4], [4, 1], [8, 2], [9, 7], [7, 13], [2, 15]]],
];

const rnd = (min: number, max: number) => min + (crypto.randomInt(0, 10_000) / 10_000) * (max - min);
const colour = () => `hsl(${crypto.randomInt(0, 360)} 60% ${crypto.randomInt(20, 38)}%)`;

/** The SVG image of `answer` (digits). */
export function drawCaptcha(answer: string): string {
  const W = 150;
  const H = 50;
  const parts: string[] = [];
  for (let i = 0; i < 5; i++) {
    parts.push(`<path d="M${rnd(0, 20).toFixed(1)} ${rnd(5, 45).toFixed(1)} C${rnd(30, 70).toFixed(1)} ${rnd(0, 50).toFixed(1)},${rnd(80, 120).toFixed(1)} ${rnd(0, 50).toFixed(1)},${rnd(130, 150).toFixed(1)} ${rnd(5, 45).toFixed(1)}" stroke="${colour()}" stroke-width="${rnd(1, 2).toFixed(1)}" fill="none" opacity="0.7"/>`);
  }
  [...answer].forEach((d, i) => {
    const glyph = GLYPHS[Number(d)]!;
    const scale = rnd(1.9, 2.3);
    const x = 12 + i * 33 + rnd(-3, 3);
    const y = rnd(4, 10);
    const turn = rnd(-22, 22);
    const strokes = glyph.map((line) => `<polyline points="${line.map(([px, py]) => `${(px + rnd(-0.4, 0.4)).toFixed(1)},${(py + rnd(-0.4, 0.4)).toFixed(1)}`).join(' ')}"/>`).join('');
    parts.push(`<g transform="translate(${x.toFixed(1)} ${y.toFixed(1)}) rotate(${turn.toFixed(1)} 10 16) scale(${scale.toFixed(2)})" stroke="${colour()}" stroke-width="${(1.5 / scale * 2).toFixed(2)}" fill="none" stroke-linecap="round" stroke-linejoin="round">${strokes}</g>`);
  });
  for (let i = 0; i < 30; i++) parts.push(`<circle cx="${rnd(0, W).toFixed(1)}" cy="${rnd(0, H).toFixed(1)}" r="${rnd(0.5, 1.5).toFixed(1)}" fill="${colour()}"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="图形验证码"><rect width="${W}" height="${H}" fill="#f7f3ea"/>${parts.join('')}</svg>`;
}

function hashAnswer(ctx: AppContext, id: string, answer: string): string {
  return ctx.crypto.blindIndex('captcha', `${id}:${answer.trim()}`);
}

/** A new captcha: its id (to send back with the answer) and its SVG. */
export async function newCaptcha(ctx: AppContext, ip: string | null): Promise<{ id: string; svg: string; expiresInSeconds: number; answer: string }> {
  const answer = Array.from({ length: DIGITS }, () => String(crypto.randomInt(0, 10))).join('');
  const id = crypto.randomBytes(16).toString('base64url');
  const now = ctx.now();
  await ctx.db.insertInto('safety_captchas').values({
    id, answer_hash: hashAnswer(ctx, id, answer), ip, created_at: now, expires_at: new Date(now.getTime() + CAPTCHA_MINUTES * 60_000),
  }).execute();
  return { id, svg: drawCaptcha(answer), expiresInSeconds: CAPTCHA_MINUTES * 60, answer };
}

/** Checks and uses up a captcha: 'ok', 'wrong', or 'gone' (unknown, expired or already used). */
export async function useCaptcha(ctx: AppContext, id: string, answer: string): Promise<'ok' | 'wrong' | 'gone'> {
  const now = ctx.now();
  const row = await ctx.db.updateTable('safety_captchas').set({ used_at: now })
    .where('id', '=', id).where('used_at', 'is', null).where('expires_at', '>', now)
    .returning('answer_hash').executeTakeFirst();
  if (!row) return 'gone';
  const a = Buffer.from(hashAnswer(ctx, id, answer.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))));
  const b = Buffer.from(row.answer_hash);
  return a.length === b.length && crypto.timingSafeEqual(a, b) ? 'ok' : 'wrong';
}

/** Maintenance: captchas a day old are gone. */
export async function purgeCaptchas(ctx: AppContext): Promise<void> {
  await ctx.db.deleteFrom('safety_captchas').where('created_at', '<', new Date(ctx.now().getTime() - 86400_000)).execute();
}
