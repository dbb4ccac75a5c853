/**
 * Sign-in by SMS one-time code (issue 9, item 5; docs/security.md, "Sign-in by SMS code").
 *
 * Who: member accounts only — an active account of kind 'member' whose linked member (still on the rolls) has
 * the phone as their mobile. Accounts themselves hold no phone, and staff accounts sign in with a password (and
 * a second factor where policy asks for one): an SMS code must not become a way around that.
 *
 * Requesting a code answers the same (202) whether or not an account has the phone, so the endpoint does not
 * reveal which phones have accounts. A request for a phone no account has is still recorded (a row with no
 * account and the hash of a random code nobody knows), so the per-phone limits, the wrong-code countdown and the
 * expiry answer exactly as for a real account. Limits: one code per phone per minute, five per phone per hour,
 * SMS_LOGIN_CODES_PER_IP_HOUR per client address per hour (and the per-minute request limit of every sign-in
 * route). A new code voids the phone's earlier ones.
 *
 * Checking a code: the phone's latest live code; a wrong code counts, and the fifth wrong one voids it; an expired,
 * used or voided code is refused; the right one is used up and signs in exactly as a password does (openSession:
 * same session, second factor where required, `auth.login` audited with method 'sms'). A locked or disabled
 * account is refused as at the password form. Wrong codes do not count toward the account's password lockout
 * (the per-code limit stops guessing; counting them would let anyone who knows a member's phone lock them out).
 *
 * The code is never stored or logged in clear: the row holds a keyed HMAC of a per-row salt and the code, audit
 * rows name the masked phone only, and the message text (which must hold it) is hidden from console lists.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { AccountRow } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit.js';
import { AppError, unauthorized, validationFailed } from '../../platform/errors.js';
import { normalizeMobile, validateMobile } from '../../platform/identity/phone.js';
import { maskMobile } from '../../platform/identity/mask.js';
import { CODES_PER_PHONE_HOUR, enforceCodeLimits, RESEND_SECONDS } from '../../platform/identity/code-limits.js';
import { pokeDispatcher, queueTransactional } from '../sms/sms.commands.js';
import { lockedUntil, openSession, type LoginOutcome } from './auth.service.js';

/** Wrong tries a code allows; the last one voids it. */
export const ATTEMPTS_PER_CODE = 5;
// Arbitrary constant: with hashtext(phone blind index), the advisory lock that serializes one phone's requests.
const SMS_CODE_LOCK_CLASS = 7_291_004;

export interface CodeRequested { retryAfterSeconds: number; expiresInSeconds: number; demo: boolean }

function phoneOrProblem(raw: string): string {
  const phone = normalizeMobile(raw);
  if (validateMobile(phone)) throw validationFailed([{ field: 'phone', message: '请输入正确的11位手机号码' }]);
  return phone;
}

function hashCode(ctx: AppContext, code: string, salt = crypto.randomBytes(12).toString('base64url')): string {
  return `${salt}:${ctx.crypto.blindIndex('sms-login-code', `${salt}:${code}`)}`;
}

function codeMatches(ctx: AppContext, stored: string, code: string): boolean {
  const salt = stored.slice(0, stored.indexOf(':'));
  const a = Buffer.from(hashCode(ctx, code, salt));
  const b = Buffer.from(stored);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}


/** The member account this phone signs in to, if exactly one active member account has it. */
async function accountForPhone(ctx: AppContext, bidx: string) {
  const rows = await ctx.db.selectFrom('accounts as a').innerJoin('members as m', 'm.id', 'a.member_id')
    .select(['a.id', 'a.username', 'a.is_demo', 'm.id as member_id', 'm.org_id'])
    .where('a.kind', '=', 'member').where('a.status', '=', 'active')
    .where('m.mobile_bidx', '=', bidx).where('m.departed_on', 'is', null)
    .limit(2).execute();
  // A phone two members share (a household's one phone) names no one: neither is signed in by it.
  if (rows.length !== 1) return null;
  const a = rows[0]!;
  if (a.is_demo && ctx.config.env === 'production') return null;
  return a;
}

/** POST /api/auth/sms-code: records the request and, when a member account has the phone, queues the code. */
export async function requestCode(ctx: AppContext, rawPhone: string, ip: string): Promise<CodeRequested> {
  const phone = phoneOrProblem(rawPhone);
  const bidx = ctx.crypto.blindIndex('mobile', phone);
  const masked = maskMobile(phone);
  const now = ctx.now();
  const minutes = ctx.config.smsLogin.codeMinutes;
  const account = await accountForPhone(ctx, bidx);
  const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
  await ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SMS_CODE_LOCK_CLASS}, hashtext(${bidx}))`.execute(trx);
    const hourAgo = new Date(now.getTime() - 3600_000);
    const recent = await trx.selectFrom('auth_sms_codes').select('created_at').where('phone_bidx', '=', bidx)
      .where('created_at', '>', hourAgo).orderBy('created_at', 'desc').limit(CODES_PER_PHONE_HOUR).execute();
    const { n } = await trx.selectFrom('auth_sms_codes').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('ip', '=', ip).where('created_at', '>', hourAgo).executeTakeFirstOrThrow();
    enforceCodeLimits({ phone: recent.map((r) => r.created_at), fromAddress: Number(n) }, now, ctx.config.smsLogin.perIpPerHour, 'auth.sms_code_rate_limited');

    // A new code replaces the phone's earlier ones.
    await trx.updateTable('auth_sms_codes').set({ voided_at: now }).where('phone_bidx', '=', bidx)
      .where('used_at', 'is', null).where('voided_at', 'is', null).where('expires_at', '>', now).execute();
    let messageId: string | null = null;
    if (account) {
      const queued = await queueTransactional(ctx, {
        phone, purpose: 'login_code', personKind: 'member', personId: account.member_id, orgId: account.org_id,
        text: `您的登录验证码为${code}，${minutes}分钟内有效。如非本人操作，请忽略。`,
        actor: { id: account.id, name: account.username, ip },
      }, trx);
      messageId = queued.id;
    }
    // For a phone no account has, the hash of a code nobody was sent: it answers wrong codes as a real one does.
    const stored = hashCode(ctx, account ? code : crypto.randomBytes(16).toString('hex'));
    const row = await trx.insertInto('auth_sms_codes').values({
      phone_bidx: bidx, account_id: account?.id ?? null, code_hash: stored, ip, created_at: now,
      expires_at: new Date(now.getTime() + minutes * 60_000), message_id: messageId,
    }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: account?.id ?? null, actorName: account?.username ?? masked, action: 'auth.sms_code', entityType: 'account', entityId: account?.id ?? null, ip,
      after: { phone: masked, sent: account !== null, requestId: row.id, ...(messageId ? { messageId } : {}) },
    }, now);
  });
  if (account) pokeDispatcher();
  return { retryAfterSeconds: RESEND_SECONDS, expiresInSeconds: minutes * 60, demo: ctx.config.demoData };
}

const invalidCode = (left: number) => unauthorized('auth.sms_code_invalid', `验证码不正确，还可尝试${left}次`);
const deadCode = () => unauthorized('auth.sms_code_invalid', '验证码已失效，请重新获取');

/** POST /api/auth/sms-login: checks the phone's latest code and signs in. */
export async function smsLogin(ctx: AppContext, rawPhone: string, code: string, ip: string, userAgent: string | undefined): Promise<LoginOutcome> {
  const phone = phoneOrProblem(rawPhone);
  const bidx = ctx.crypto.blindIndex('mobile', phone);
  const masked = maskMobile(phone);
  const now = ctx.now();
  const policy = await ctx.policy.get();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('auth_sms_codes').selectAll().where('phone_bidx', '=', bidx)
      .orderBy('id', 'desc').limit(1).forUpdate().executeTakeFirst();
    const audit = { actorId: row?.account_id ?? null, actorName: masked, action: 'auth.login_failed', entityType: 'account', entityId: row?.account_id ?? null, ip };
    if (!row || row.used_at || row.voided_at) {
      await appendAudit(trx, { ...audit, after: { method: 'sms', phone: masked, reason: row ? 'code_spent' : 'no_code' } }, now);
      return { error: row ? deadCode() : unauthorized('auth.sms_code_invalid', '验证码不正确，请先获取验证码') };
    }
    if (row.expires_at <= now) {
      await appendAudit(trx, { ...audit, after: { method: 'sms', phone: masked, reason: 'expired' } }, now);
      return { error: unauthorized('auth.sms_code_expired', '验证码已过期，请重新获取') };
    }
    if (!codeMatches(ctx, row.code_hash, code) || !row.account_id) {
      const attempts = row.attempts + 1;
      const voided = attempts >= ATTEMPTS_PER_CODE;
      await trx.updateTable('auth_sms_codes').set({ attempts, ...(voided ? { voided_at: now } : {}) }).where('id', '=', row.id).execute();
      await appendAudit(trx, { ...audit, after: { method: 'sms', phone: masked, reason: 'wrong_code', attempts } }, now);
      return { error: voided ? unauthorized('auth.sms_code_invalid', `验证码连续${ATTEMPTS_PER_CODE}次输入错误，已失效，请重新获取`) : invalidCode(ATTEMPTS_PER_CODE - attempts) };
    }
    // The right code is used up whatever follows: it cannot be tried again.
    await trx.updateTable('auth_sms_codes').set({ used_at: now }).where('id', '=', row.id).execute();
    const account = await trx.selectFrom('accounts').selectAll().where('id', '=', row.account_id).executeTakeFirstOrThrow() as AccountRow;
    const demoInProduction = account.is_demo && ctx.config.env === 'production';
    if (account.status !== 'active' || demoInProduction || account.kind !== 'member') {
      return { error: new AppError(403, 'auth.disabled', '账户已停用，请联系系统管理员') };
    }
    if (account.locked_until && account.locked_until > now) return { error: lockedUntil(account.locked_until) };
    return { outcome: await openSession(trx, account, policy, ip, userAgent, now, 'sms') };
  });
  if ('error' in result) throw result.error;
  return result.outcome;
}

/** Maintenance: code requests older than a day have served their limits. */
export async function purgeOldCodes(ctx: AppContext): Promise<void> {
  await ctx.db.deleteFrom('auth_sms_codes').where('created_at', '<', new Date(ctx.now().getTime() - 86400_000)).execute();
}
