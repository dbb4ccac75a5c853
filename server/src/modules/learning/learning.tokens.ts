/**
 * Signed study tokens: `<payload>.<mac>`, the payload base64url JSON of { kind, stream or reading id, sequence number,
 * server time of issue }, the mac a keyed HMAC-SHA256 (the platform's index key, under its own label, so the key
 * never serves another purpose). A client cannot make one up, change the sequence or time, or reuse an old one: the
 * server keeps the last sequence and time per stream and accepts only the token it issued last.
 */
import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { badRequest } from '../../platform/errors.js';

export interface TokenClaims { k: 's' | 'r'; i: string; q: number; t: number }

const LABEL = 'learning-study-token';

export function signToken(ctx: AppContext, c: TokenClaims): string {
  const payload = Buffer.from(JSON.stringify(c)).toString('base64url');
  return `${payload}.${ctx.crypto.blindIndex(LABEL, payload)}`;
}

/** The claims of a token this server signed for `kind`, or 400 learning.bad_token. */
export function verifyToken(ctx: AppContext, token: string, kind: TokenClaims['k']): TokenClaims {
  const bad = () => badRequest('learning.bad_token', '学习凭证无效，请刷新页面后重新开始学习');
  const [payload, mac, ...rest] = token.split('.');
  if (!payload || !mac || rest.length) throw bad();
  const expected = Buffer.from(ctx.crypto.blindIndex(LABEL, payload));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw bad();
  let c: TokenClaims;
  try {
    c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as TokenClaims;
  } catch {
    throw bad();
  }
  if (c.k !== kind || typeof c.i !== 'string' || !/^[0-9]{1,18}$/.test(c.i) || !Number.isInteger(c.q) || !Number.isInteger(c.t)) throw bad();
  return c;
}
