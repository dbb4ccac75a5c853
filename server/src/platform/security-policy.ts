/**
 * Security policy set by the security administrator (安全管理员): password rules, lockout and
 * session timeouts. Stored in one row; defaults come from configuration. Cached briefly because
 * every request's session check reads it.
 */
import type { Kysely, Transaction } from 'kysely';
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
  /**
   * Stores the policy in its own transaction (so `db` must not be a transaction), running
   * `alsoInTransaction` (the audit row) inside it; readers see the new policy once it commits.
   */
  set(db: Kysely<DB>, policy: SecurityPolicy, alsoInTransaction?: (trx: Transaction<DB>) => Promise<void>): Promise<void>;
}

export function createSecurityPolicyStore(db: Kysely<DB>, defaults: SecurityPolicy, ttlMs = 5000): SecurityPolicyStore {
  let cached: { value: SecurityPolicy; at: number } | null = null;
  // Bumped when a change starts and when it has committed: a read that overlapped a change
  // (and may have seen the old row) is returned but not cached, so the new policy shows at once.
  let generation = 0;
  return {
    async get() {
      if (cached && Date.now() - cached.at < ttlMs) return cached.value;
      const gen = generation;
      const row = await db.selectFrom('security_policy').select('policy').where('id', '=', 1).executeTakeFirst();
      const value = { ...defaults, ...((row?.policy as Partial<SecurityPolicy> | undefined) ?? {}) };
      if (gen === generation) cached = { value, at: Date.now() };
      return value;
    },
    async set(target, policy, alsoInTransaction) {
      generation++;
      cached = null;
      try {
        await target.transaction().execute(async (trx) => {
          await trx
            .insertInto('security_policy')
            .values({ id: 1, policy: JSON.stringify(policy) })
            .onConflict((oc) => oc.column('id').doUpdateSet({ policy: JSON.stringify(policy), updated_at: new Date() }))
            .execute();
          await alsoInTransaction?.(trx);
        });
      } finally {
        generation++;
        cached = null;
      }
    },
  };
}
