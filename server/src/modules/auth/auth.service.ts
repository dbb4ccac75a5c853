/**
 * Login, second factor, password changes and the "me" view.
 * Lockout: after `lockoutThreshold` consecutive failures the account is locked for `lockoutMinutes`.
 */
import * as OTPAuth from 'otpauth';
import { sql, type Transaction } from 'kysely';
import QRCode from 'qrcode';
import type { AppContext } from '../../platform/context.js';
import type { AccountRow, DB } from '../../db/schema.js';
import { appendAudit } from '../../platform/audit.js';
import { AppError, badRequest, locked, unauthorized } from '../../platform/errors.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../platform/passwords.js';
import { createSession, loadGrants } from '../../platform/sessions.js';
import { grantNeedsMfa } from '../../platform/roles.js';
import { permissionsOf, type Actor, type Grant } from '../../platform/actor.js';
import type { SecurityPolicy } from '../../platform/security-policy.js';
import type { MeView } from './auth.schema.js';

const TOTP_ISSUER = '浙江省党建信息化平台';
// Arbitrary constant: with hashtext(name), the advisory lock that serializes one unknown username's count.
const UNKNOWN_USER_LOCK_CLASS = 7_291_002;
// A hash to verify against when the username does not exist, so both paths cost the same time.
let dummyHash: Promise<string> | null = null;

export function mfaRequired(account: Pick<AccountRow, 'is_demo' | 'totp_enabled' | 'kind'>, grants: Grant[], policy: SecurityPolicy): boolean {
  if (account.is_demo) return false;
  if (account.totp_enabled) return true;
  if (grants.some((g) => grantNeedsMfa(g.role, g.orgPath))) return true;
  return policy.mfaRequiredForStaff && account.kind === 'staff';
}

function hhmm(d: Date): string {
  return d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' });
}

export interface LoginOutcome {
  status: 'ok' | 'mfa_required' | 'mfa_enrol_required';
  token: string;
  accountId: string;
}

export async function login(ctx: AppContext, username: string, password: string, ip: string, userAgent: string | undefined): Promise<LoginOutcome> {
  const now = ctx.now();
  const policy = await ctx.policy.get();
  const account = await ctx.db.selectFrom('accounts').selectAll().where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase())).executeTakeFirst();
  if (!account) {
    return failUnknownUser(ctx, username.toLowerCase().slice(0, 64), policy, ip, now, async () => {
      dummyHash ??= hashPassword('no-such-account-placeholder');
      await verifyPassword(await dummyHash, password);
    });
  }
  if (account.locked_until && account.locked_until > now) throw lockedUntil(account.locked_until);
  const passwordOk = await verifyPassword(account.password_hash, password);
  if (!passwordOk) return failAttempt(ctx, account, policy, ip, now);
  // Demo accounts (published password, no second factor) never log in to a production server, even if re-enabled.
  const demoInProduction = account.is_demo && ctx.config.env === 'production';
  if (account.status !== 'active' || demoInProduction) throw new AppError(403, 'auth.disabled', '账户已停用，请联系系统管理员');
  return ctx.db.transaction().execute((trx) => openSession(trx, account, policy, ip, userAgent, now, 'password'));
}

/**
 * The end of every sign-in once the account has proved who it is (password, or an SMS code): the second factor
 * still owed, if any; a new session; the lockout count cleared; `auth.login` audited with the method used.
 */
export async function openSession(trx: Transaction<DB>, account: AccountRow, policy: SecurityPolicy, ip: string, userAgent: string | undefined, now: Date, method: 'password' | 'sms'): Promise<LoginOutcome> {
  const grants = await loadGrants(trx, account.id);
  const needMfa = mfaRequired(account, grants, policy);
  const status: LoginOutcome['status'] = !needMfa ? 'ok' : account.totp_enabled ? 'mfa_required' : 'mfa_enrol_required';
  await trx.updateTable('accounts').set({ failed_attempts: 0, locked_until: null, last_login_at: now }).where('id', '=', account.id).execute();
  const { token } = await createSession(trx, { accountId: account.id, mfaPassed: !needMfa, ip, userAgent, now, policy });
  const after = method === 'password' ? { status } : { status, method };
  await appendAudit(trx, { actorId: account.id, actorName: account.username, action: 'auth.login', entityType: 'account', entityId: account.id, ip, after }, now);
  return { status, token, accountId: account.id };
}

export const lockedUntil = (until: Date) => locked(`账户因连续登录失败已被锁定，请于${hhmm(until)}后重试，或联系系统管理员解锁`);

function failure(policy: SecurityPolicy, attempts: number, lockedAt: Date | null): AppError {
  if (lockedAt) return locked(`连续${policy.lockoutThreshold}次登录失败，账户已锁定${policy.lockoutMinutes}分钟，请于${hhmm(lockedAt)}后重试`);
  return unauthorized('auth.invalid_credentials', `用户名或密码错误，还可尝试${policy.lockoutThreshold - attempts}次`);
}

async function failAttempt(ctx: AppContext, account: AccountRow, policy: SecurityPolicy, ip: string, now: Date): Promise<never> {
  const { attempts, until } = await recordFailure(ctx, account, policy, ip, now, 'auth.login_failed');
  throw failure(policy, attempts, until);
}

/**
 * Counts one failed proof of the account's password or second factor toward the lockout, audits it as `action`
 * (and the lock, when this failure sets one), in one transaction. Counted in the database (the row lock serializes
 * concurrent failures), not from the row read before the check: parallel guesses would otherwise all see the same
 * count and never lock.
 */
async function recordFailure(ctx: AppContext, account: AccountRow, policy: SecurityPolicy, ip: string, now: Date, action: string, onLock?: (trx: Transaction<DB>) => Promise<unknown>): Promise<{ attempts: number; until: Date | null }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('accounts')
      .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
      .where('id', '=', account.id)
      .returning('failed_attempts')
      .executeTakeFirstOrThrow();
    const attempts = row.failed_attempts;
    const until = attempts >= policy.lockoutThreshold ? new Date(now.getTime() + policy.lockoutMinutes * 60_000) : null;
    if (until) await trx.updateTable('accounts').set({ failed_attempts: 0, locked_until: until }).where('id', '=', account.id).execute();
    const base = { actorId: account.id, actorName: account.username, entityType: 'account', entityId: account.id, ip };
    await appendAudit(trx, { ...base, action, after: { attempts } }, now);
    if (until) {
      await appendAudit(trx, { ...base, action: 'auth.locked', after: { lockedUntil: until.toISOString(), after: action } }, now);
      await onLock?.(trx);
    }
    return { attempts, until };
  });
}

/**
 * A failed login for a username that does not exist answers exactly as a real account would —
 * the same countdown, the same lock, checked before the (dummy) password hash as for a real
 * account — so that responses do not reveal which usernames exist. The count is kept in the
 * audit trail (rows without an actor id under that name).
 */
async function failUnknownUser(ctx: AppContext, name: string, policy: SecurityPolicy, ip: string, now: Date, hashDummy: () => Promise<void>): Promise<never> {
  const recentFailures = async (db: AppContext['db']): Promise<number> => {
    const recent = await db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('actor_name', '=', name)
      .where('actor_id', 'is', null)
      .where('action', 'in', ['auth.login_failed', 'auth.locked'])
      .orderBy('id', 'desc')
      .limit(policy.lockoutThreshold)
      .execute();
    let count = 0;
    for (const r of recent) {
      if (r.action === 'auth.locked') {
        const until = new Date(String((r.after as { lockedUntil?: string } | null)?.lockedUntil));
        if (count === 0 && until > now) throw lockedUntil(until);
        break;
      }
      count++;
    }
    return count;
  };
  await recentFailures(ctx.db);
  await hashDummy();
  const { attempts, until } = await ctx.db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${UNKNOWN_USER_LOCK_CLASS}, hashtext(${name}))`.execute(trx);
    const attempts = (await recentFailures(trx)) + 1;
    const until = attempts >= policy.lockoutThreshold ? new Date(now.getTime() + policy.lockoutMinutes * 60_000) : null;
    const base = { actorId: null, actorName: name, entityType: 'account', ip };
    await appendAudit(trx, { ...base, action: 'auth.login_failed', after: { reason: 'unknown_user', attempts } }, now);
    if (until) await appendAudit(trx, { ...base, action: 'auth.locked', after: { reason: 'unknown_user', lockedUntil: until.toISOString() } }, now);
    return { attempts, until };
  });
  throw failure(policy, attempts, until);
}

function totpFor(username: string, secretBase32: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: TOTP_ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

/** Checks a TOTP code, refusing a code (time step) that was already used. Returns the step to record. */
function checkTotp(ctx: AppContext, account: AccountRow, code: string, secretEnc = account.totp_secret_enc): number | null {
  if (!secretEnc) return null;
  const totp = totpFor(account.username, ctx.crypto.decrypt(secretEnc));
  const ts = ctx.now().getTime();
  const delta = totp.validate({ token: code, timestamp: ts, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(ts / 30_000) + delta;
  if (account.totp_last_step !== null && step <= Number(account.totp_last_step)) return null;
  return step;
}

export async function verifyMfa(ctx: AppContext, actor: Actor, code: string): Promise<void> {
  const account = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', actor.accountId).executeTakeFirstOrThrow();
  if (!account.totp_enabled) throw badRequest('auth.mfa_not_enrolled', '尚未绑定动态验证码，请先完成绑定');
  const now = ctx.now();
  // A lock set by wrong codes must stop this pending session too, or it could keep guessing.
  if (account.locked_until && account.locked_until > now) throw lockedUntil(account.locked_until);
  const step = checkTotp(ctx, account, code);
  if (step === null) {
    const policy = await ctx.policy.get();
    return failAttempt(ctx, account, policy, actor.ip, now).catch((err: AppError) => {
      throw err.code === 'auth.locked' ? err : unauthorized('auth.invalid_totp', '动态验证码不正确或已使用，请重新输入');
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ totp_last_step: step, failed_attempts: 0 }).where('id', '=', account.id).execute();
    await trx.updateTable('sessions').set({ mfa_passed: true }).where('id', '=', actor.sessionId).execute();
    await appendAudit(trx, { actorId: account.id, actorName: account.username, action: 'auth.mfa', entityType: 'account', entityId: account.id, ip: actor.ip }, now);
  });
}

export async function setupTotp(ctx: AppContext, actor: Actor): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
  const account = await ctx.db.selectFrom('accounts').select(['totp_enabled']).where('id', '=', actor.accountId).executeTakeFirstOrThrow();
  // Replacing an active factor needs a fully logged-in session; enrolment during login does not.
  if (account.totp_enabled && !actor.mfaPassed) throw unauthorized('auth.mfa_required', '请先完成二次验证');
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const now = ctx.now();
  // Stored as pending: an active factor keeps working until the new one is confirmed.
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ totp_pending_enc: ctx.crypto.encrypt(secret) }).where('id', '=', actor.accountId).execute();
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'totp.setup', entityType: 'account', entityId: actor.accountId, ip: actor.ip, after: { reenrolment: account.totp_enabled } }, now);
  });
  const otpauthUrl = totpFor(actor.username, secret).toString();
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
}

export async function confirmTotp(ctx: AppContext, actor: Actor, code: string): Promise<void> {
  const account = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', actor.accountId).executeTakeFirstOrThrow();
  // Confirming again with the active factor would pass the second step without the lockout that
  // /api/auth/mfa applies: a session that has not passed it may only enrol a first factor.
  if (account.totp_enabled && !actor.mfaPassed) throw unauthorized('auth.mfa_required', '请先完成二次验证');
  if (!account.totp_pending_enc) throw badRequest('auth.totp_not_started', '请先获取绑定二维码');
  // A fresh secret starts a fresh step sequence: the replay guard applies to codes of the new secret only.
  const step = checkTotp(ctx, { ...account, totp_last_step: null }, code, account.totp_pending_enc);
  const now = ctx.now();
  const audit = { actorId: account.id, actorName: account.username, entityType: 'account', entityId: account.id, ip: actor.ip };
  if (step === null) {
    await ctx.db.transaction().execute((trx) => appendAudit(trx, { ...audit, action: 'totp.confirm_failed', after: { reenrolment: account.totp_enabled } }, now));
    throw badRequest('auth.invalid_totp', '动态验证码不正确，请核对手机上的验证器后重新输入');
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ totp_secret_enc: account.totp_pending_enc, totp_pending_enc: null, totp_enabled: true, totp_last_step: step }).where('id', '=', account.id).execute();
    await trx.updateTable('sessions').set({ mfa_passed: true }).where('id', '=', actor.sessionId).execute();
    // A replaced factor is recorded as such: the old secret stops working from here on.
    await appendAudit(trx, { ...audit, action: account.totp_enabled ? 'totp.replace' : 'totp.enable' }, now);
  });
}

/** Checks the policy and the last N passwords; returns the new hash. Shared by self-service and admin reset. */
export async function newPasswordHash(ctx: AppContext, trxDb: AppContext['db'], accountId: string, username: string, password: string): Promise<string> {
  const policy = await ctx.policy.get();
  const problem = checkPasswordPolicy(password, policy, username);
  if (problem) throw new AppError(400, 'auth.password_policy', problem, undefined, [{ field: 'newPassword', message: problem }]);
  const recent = await trxDb.selectFrom('password_history').select('password_hash').where('account_id', '=', accountId).orderBy('id', 'desc').limit(policy.passwordHistory).execute();
  for (const r of recent) {
    if (await verifyPassword(r.password_hash, password)) {
      const msg = `新密码不能与最近${policy.passwordHistory}次使用过的密码相同`;
      throw new AppError(400, 'auth.password_reused', msg, undefined, [{ field: 'newPassword', message: msg }]);
    }
  }
  return hashPassword(password);
}

export async function changePassword(ctx: AppContext, actor: Actor, current: string, next: string): Promise<void> {
  const account = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', actor.accountId).executeTakeFirstOrThrow();
  const now = ctx.now();
  if (account.locked_until && account.locked_until > now) throw lockedUntil(account.locked_until);
  if (!(await verifyPassword(account.password_hash, current))) {
    // A wrong current password counts toward the lockout like a failed login: a session left open (or stolen)
    // must not become a way to guess the password without limit. The lock also ends this session.
    const policy = await ctx.policy.get();
    const { attempts, until } = await recordFailure(ctx, account, policy, actor.ip, now, 'account.change_password_failed', (trx) =>
      trx.updateTable('sessions').set({ revoked_at: now }).where('id', '=', actor.sessionId).execute());
    if (until) throw locked(`连续${policy.lockoutThreshold}次密码校验失败，账户已锁定${policy.lockoutMinutes}分钟，请于${hhmm(until)}后重新登录`);
    const msg = `当前密码不正确，还可尝试${policy.lockoutThreshold - attempts}次`;
    throw new AppError(400, 'auth.wrong_password', msg, undefined, [{ field: 'currentPassword', message: msg }]);
  }
  const hash = await newPasswordHash(ctx, ctx.db, account.id, account.username, next);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('accounts').set({ password_hash: hash, password_changed_at: now, must_change_password: false, failed_attempts: 0 }).where('id', '=', account.id).execute();
    await trx.insertInto('password_history').values({ account_id: account.id, password_hash: hash }).execute();
    // Whoever knew the old password is logged out everywhere else; this session stays.
    await trx.updateTable('sessions').set({ revoked_at: now }).where('account_id', '=', account.id).where('id', '!=', actor.sessionId).where('revoked_at', 'is', null).execute();
    await appendAudit(trx, { actorId: account.id, actorName: account.username, action: 'account.change_password', entityType: 'account', entityId: account.id, ip: actor.ip }, now);
  });
}

/** `grants`: the request's actor already holds them (loaded with its session): not read again. */
export async function buildMe(ctx: AppContext, accountId: string, mfaPassed: boolean, known?: Grant[]): Promise<MeView> {
  const account = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
  const grants = known ?? await loadGrants(ctx.db, accountId);
  const policy = await ctx.policy.get();
  const pseudoActor = { grants } as Actor;
  return {
    id: account.id,
    username: account.username,
    displayName: account.display_name,
    kind: account.kind,
    demo: account.is_demo,
    mustChangePassword: account.must_change_password,
    mfa: { enabled: account.totp_enabled, required: mfaRequired(account, grants, policy), passed: mfaPassed },
    roles: grants,
    permissions: mfaPassed ? permissionsOf(pseudoActor) : [],
  };
}
