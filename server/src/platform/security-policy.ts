/**
 * Security policy set by the security administrator (安全管理员): password rules, lockout and
 * session timeouts. Stored in one row; defaults come from configuration. Cached briefly because
 * every request's session check reads it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface SecurityPolicy {
  passwordMinLength: number;
  passwordMinClasses: number;
  passwordHistory: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleMinutes: number;
  absoluteHours: number;
  mfaRequiredForStaff: boolean;
}

export function defaultPolicy(idleMinutes: number, absoluteHours: number): SecurityPolicy {
  return {
    passwordMinLength: 8,
    passwordMinClasses: 3,
    passwordHistory: 5,
    lockoutThreshold: 5,
    lockoutMinutes: 30,
    idleMinutes,
    absoluteHours,
    mfaRequiredForStaff: false,
  };
}

export interface SecurityPolicyStore {
  get(): Promise<SecurityPolicy>;
  set(db: Kysely<DB>, policy: SecurityPolicy): Promise<void>;
}

export function createSecurityPolicyStore(db: Kysely<DB>, defaults: SecurityPolicy, ttlMs = 5000): SecurityPolicyStore {
  let cached: { value: SecurityPolicy; at: number } | null = null;
  return {
    async get() {
      if (cached && Date.now() - cached.at < ttlMs) return cached.value;
      const row = await db.selectFrom('security_policy').select('policy').where('id', '=', 1).executeTakeFirst();
      const value = { ...defaults, ...((row?.policy as Partial<SecurityPolicy> | undefined) ?? {}) };
      cached = { value, at: Date.now() };
      return value;
    },
    async set(trx, policy) {
      await trx
        .insertInto('security_policy')
        .values({ id: 1, policy: JSON.stringify(policy) })
        .onConflict((oc) => oc.column('id').doUpdateSet({ policy: JSON.stringify(policy), updated_at: new Date() }))
        .execute();
      cached = null;
    },
  };
}
