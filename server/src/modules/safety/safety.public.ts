/**
 * Public forms (公众表单): rate limits, the captcha after repeated use, and phone verification (docs/security.md,
 * "For other modules").
 *
 *   app.post('/api/mailbox/letters', { ...publicForm(ctx, 'mailbox.letter'), schema: { ... } }, async (req) => {
 *     const phone = requireVerifiedPhone(ctx, req);   // the phone the writer verified by SMS code (full number)
 *     ...
 *   });
 *
 * `publicForm` gives the route its policy ('public'), a per-minute limit per client address (@fastify/rate-limit,
 * per instance) and a preHandler that, after validation, counts the client's submissions of this form in the last
 * hour in the database (so across instances): beyond PUBLIC_FORM_PER_IP_HOUR (and PUBLIC_FORM_PER_PHONE_HOUR for the
 * verified phone) it answers 429; from the PUBLIC_FORM_CAPTCHA_AFTER-th on it wants a captcha, sent in the headers
 * `X-Captcha-Id` and `X-Captcha-Answer` (POST /api/public/captcha gives one), and answers 400
 * `safety.captcha_required` / `safety.captcha_invalid` otherwise. A passing request is recorded.
 *
 * Phone verification: POST /api/public/phone-code sends a six-digit code by SMS (purpose verify_code, hidden from
 * console lists like a sign-in code); POST /api/public/phone-verify checks it and returns a token, which public forms
 * send in the header `X-Phone-Token`. The token is the phone and its expiry sealed with the field cipher
 * (authenticated encryption: it can be neither read nor forged without the data key), valid PHONE_VERIFY_TOKEN_MINUTES.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import { AppError, unauthorized, validationFailed } from '../../platform/errors.js';
import { normalizeMobile, validateMobile } from '../../platform/identity/phone.js';
import { maskMobile } from '../../platform/identity/mask.js';
import { CODES_PER_PHONE_HOUR, enforceCodeLimits, RESEND_SECONDS } from '../../platform/identity/code-limits.js';
import { pokeDispatcher, queueTransactional } from '../sms/sms.commands.js';
import { useCaptcha } from './safety.captcha.js';

export const CAPTCHA_ID_HEADER = 'x-captcha-id';
export const CAPTCHA_ANSWER_HEADER = 'x-captcha-answer';
export const PHONE_TOKEN_HEADER = 'x-phone-token';

export const ATTEMPTS_PER_CODE = 5;
const PHONE_CODE_LOCK_CLASS = 7_291_011;

const tooMany = (title: string, seconds: number) => new AppError(429, 'safety.rate_limited', title, undefined, undefined, { 'retry-after': String(Math.max(1, Math.ceil(seconds))) });

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
}

export interface PublicFormOptions {
  /** Submissions per client address per hour (default PUBLIC_FORM_PER_IP_HOUR). */
  perIpPerHour?: number;
  /** Submissions per verified phone per hour (default PUBLIC_FORM_PER_PHONE_HOUR). */
  perPhonePerHour?: number;
  /** Submissions per hour after which a captcha is needed (default PUBLIC_FORM_CAPTCHA_AFTER; 0: always). */
  captchaAfter?: number;
  /** Requests per client address per minute on this route (default PUBLIC_FORM_RATE_LIMIT_PER_MINUTE). */
  perMinute?: number;
}

/** The hourly limits and captcha rule as a preHandler, for routes that set their own config. */
export function publicFormGuard(ctx: AppContext, form: string, o: PublicFormOptions = {}): preHandlerAsyncHookHandler {
  const cfg = ctx.config.publicForms;
  const perIp = o.perIpPerHour ?? cfg.perIpPerHour;
  const perPhone = o.perPhonePerHour ?? cfg.perPhonePerHour;
  const captchaAfter = o.captchaAfter ?? cfg.captchaAfter;
  return async (req) => {
    const now = ctx.now();
    const hourAgo = new Date(now.getTime() - 3600_000);
    const ip = req.ip;
    const phone = verifiedPhone(ctx, req);
    const phoneBidx = phone ? ctx.crypto.blindIndex('mobile', phone) : null;
    const byIp = await ctx.db.selectFrom('safety_submissions').select(['created_at']).where('form', '=', form).where('ip', '=', ip)
      .where('created_at', '>', hourAgo).orderBy('created_at', 'asc').limit(perIp).execute();
    if (byIp.length >= perIp) {
      throw tooMany('提交过于频繁，请稍后再试', (byIp[0]!.created_at.getTime() + 3600_000 - now.getTime()) / 1000);
    }
    if (phoneBidx) {
      const { n } = await ctx.db.selectFrom('safety_submissions').select((eb) => eb.fn.countAll<string>().as('n')).where('form', '=', form)
        .where('phone_bidx', '=', phoneBidx).where('created_at', '>', hourAgo).executeTakeFirstOrThrow();
      if (Number(n) >= perPhone) throw tooMany('该手机号提交过于频繁，请1小时后再试', 3600);
    }
    if (byIp.length >= captchaAfter) {
      const id = header(req, CAPTCHA_ID_HEADER);
      const answer = header(req, CAPTCHA_ANSWER_HEADER);
      if (!id || !answer) throw new AppError(400, 'safety.captcha_required', '提交次数较多，请输入图形验证码后再提交');
      const result = await useCaptcha(ctx, id, answer);
      if (result === 'gone') throw new AppError(400, 'safety.captcha_invalid', '图形验证码已过期或已使用，请刷新后重新输入');
      if (result === 'wrong') throw new AppError(400, 'safety.captcha_invalid', '图形验证码不正确，请刷新后重新输入');
    }
    await ctx.db.insertInto('safety_submissions').values({ form, ip, phone_bidx: phoneBidx, created_at: now }).execute();
  };
}

/**
 * Route options of a public form: spread them into the route's options, beside its schema.
 * `form` names the form for the counts (`<module>.<what>`).
 */
export function publicForm(ctx: AppContext, form: string, o: PublicFormOptions = {}) {
  return {
    config: { policy: 'public' as const, rateLimit: { max: o.perMinute ?? ctx.config.publicForms.perMinute, timeWindow: '1 minute' } },
    preHandler: publicFormGuard(ctx, form, o),
  };
}

// ——— phone verification ———

function phoneOrProblem(raw: string): string {
  const phone = normalizeMobile(raw);
  if (validateMobile(phone)) throw validationFailed([{ field: 'phone', message: '请输入正确的11位手机号码' }]);
  return phone;
}

function hashCode(ctx: AppContext, code: string, salt = crypto.randomBytes(12).toString('base64url')): string {
  return `${salt}:${ctx.crypto.blindIndex('phone-verify-code', `${salt}:${code}`)}`;
}

function codeMatches(ctx: AppContext, stored: string, code: string): boolean {
  const salt = stored.slice(0, stored.indexOf(':'));
  const a = Buffer.from(hashCode(ctx, code, salt));
  const b = Buffer.from(stored);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** POST /api/public/phone-code: sends a verification code to the phone (limits per phone and per client address). */
export async function requestPhoneCode(ctx: AppContext, rawPhone: string, ip: string): Promise<{ retryAfterSeconds: number; expiresInSeconds: number; demo: boolean }> {
  const phone = phoneOrProblem(rawPhone);
  const bidx = ctx.crypto.blindIndex('mobile', phone);
  const masked = maskMobile(phone);
  const now = ctx.now();
  const minutes = ctx.config.publicForms.codeMinutes;
  const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
  await ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${PHONE_CODE_LOCK_CLASS}, hashtext(${bidx}))`.execute(trx);
    const hourAgo = new Date(now.getTime() - 3600_000);
    const recent = await trx.selectFrom('safety_phone_codes').select('created_at').where('phone_bidx', '=', bidx)
      .where('created_at', '>', hourAgo).orderBy('created_at', 'desc').limit(CODES_PER_PHONE_HOUR).execute();
    const { n } = await trx.selectFrom('safety_phone_codes').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('ip', '=', ip).where('created_at', '>', hourAgo).executeTakeFirstOrThrow();
    enforceCodeLimits({ phone: recent.map((r) => r.created_at), fromAddress: Number(n) }, now, ctx.config.publicForms.codesPerIpPerHour, 'safety.rate_limited');
    await trx.updateTable('safety_phone_codes').set({ voided_at: now }).where('phone_bidx', '=', bidx)
      .where('used_at', 'is', null).where('voided_at', 'is', null).where('expires_at', '>', now).execute();
    // Usage is counted per organization: a member of the public belongs to none, so the province's (the root).
    const root = await trx.selectFrom('orgs').select('id').where('parent_id', 'is', null).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const queued = await queueTransactional(ctx, {
      phone, purpose: 'verify_code', orgId: root.id,
      text: `您的验证码为${code}，${minutes}分钟内有效，用于在网站提交信息时验证手机号码。如非本人操作，请忽略。`,
      actor: { id: null, name: masked, ip },
    }, trx);
    const row = await trx.insertInto('safety_phone_codes').values({
      phone_bidx: bidx, code_hash: hashCode(ctx, code), ip, created_at: now, expires_at: new Date(now.getTime() + minutes * 60_000), message_id: queued.id,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: null, actorName: masked, action: 'safety.phone_code', entityType: 'phone_verification', entityId: row.id, ip,
      after: { phone: masked, messageId: queued.id },
    }, now);
  });
  pokeDispatcher();
  return { retryAfterSeconds: RESEND_SECONDS, expiresInSeconds: minutes * 60, demo: ctx.config.demoData };
}

const invalid = (title: string) => unauthorized('safety.phone_code_invalid', title);

/** POST /api/public/phone-verify: checks the phone's latest code; the right one is used up and gives a token. */
export async function verifyPhoneCode(ctx: AppContext, rawPhone: string, code: string, ip: string): Promise<{ token: string; expiresInSeconds: number; phone: string }> {
  const phone = phoneOrProblem(rawPhone);
  const bidx = ctx.crypto.blindIndex('mobile', phone);
  const masked = maskMobile(phone);
  const now = ctx.now();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('safety_phone_codes').selectAll().where('phone_bidx', '=', bidx).orderBy('id', 'desc').limit(1).forUpdate().executeTakeFirst();
    const audit = async (reason: string, extra: object = {}) => appendAudit(trx, {
      actorId: null, actorName: masked, action: 'safety.phone_verify', entityType: 'phone_verification', entityId: row?.id ?? null, ip,
      after: { phone: masked, ok: reason === 'ok', reason, ...extra },
    }, now);
    if (!row) return { error: invalid('验证码不正确，请先获取验证码') };
    if (row.used_at || row.voided_at) {
      await audit('code_spent');
      return { error: invalid('验证码已失效，请重新获取') };
    }
    if (row.expires_at <= now) {
      await audit('expired');
      return { error: unauthorized('safety.phone_code_expired', '验证码已过期，请重新获取') };
    }
    if (!codeMatches(ctx, row.code_hash, code)) {
      const attempts = row.attempts + 1;
      const voided = attempts >= ATTEMPTS_PER_CODE;
      await trx.updateTable('safety_phone_codes').set({ attempts, ...(voided ? { voided_at: now } : {}) }).where('id', '=', row.id).execute();
      await audit('wrong_code', { attempts });
      return { error: invalid(voided ? `验证码连续${ATTEMPTS_PER_CODE}次输入错误，已失效，请重新获取` : `验证码不正确，还可尝试${ATTEMPTS_PER_CODE - attempts}次`) };
    }
    await trx.updateTable('safety_phone_codes').set({ used_at: now }).where('id', '=', row.id).execute();
    await audit('ok');
    return { ok: true as const };
  });
  if ('error' in outcome) throw outcome.error;
  const minutes = ctx.config.publicForms.tokenMinutes;
  return { token: sealPhone(ctx, phone, new Date(now.getTime() + minutes * 60_000)), expiresInSeconds: minutes * 60, phone: masked };
}

function sealPhone(ctx: AppContext, phone: string, expires: Date): string {
  return ctx.crypto.encrypt(JSON.stringify({ t: 'verified-phone', p: phone, e: expires.getTime() })).toString('base64url');
}

/** The phone a request's X-Phone-Token vouches for, or null (no token, a forged or expired one). */
export function verifiedPhone(ctx: AppContext, req: FastifyRequest): string | null {
  const token = header(req, PHONE_TOKEN_HEADER);
  if (!token || token.length > 400) return null;
  try {
    const v = JSON.parse(ctx.crypto.decrypt(Buffer.from(token, 'base64url'))) as { t?: string; p?: string; e?: number };
    if (v.t !== 'verified-phone' || typeof v.p !== 'string' || typeof v.e !== 'number' || v.e <= ctx.now().getTime()) return null;
    return v.p;
  } catch {
    return null;
  }
}

/** The verified phone (full number) of a public form's request, or 401 safety.phone_unverified. */
export function requireVerifiedPhone(ctx: AppContext, req: FastifyRequest): string {
  const phone = verifiedPhone(ctx, req);
  if (!phone) {
    throw header(req, PHONE_TOKEN_HEADER)
      ? unauthorized('safety.phone_unverified', '手机号码验证已过期，请重新获取验证码验证')
      : unauthorized('safety.phone_unverified', '请先通过短信验证码验证手机号码');
  }
  return phone;
}

/** Maintenance: code requests and form submissions older than a day have served their limits. */
export async function purgeOld(ctx: AppContext): Promise<void> {
  const dayAgo = new Date(ctx.now().getTime() - 86400_000);
  await ctx.db.deleteFrom('safety_phone_codes').where('created_at', '<', dayAgo).execute();
  await ctx.db.deleteFrom('safety_submissions').where('created_at', '<', dayAgo).execute();
}
