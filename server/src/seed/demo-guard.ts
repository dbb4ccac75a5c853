/**
 * Demo accounts in production (issue 7 item 5). The demo accounts have a published password and skip the second
 * factor, so a database seeded in development must not be served with NODE_ENV=production while any of them can
 * still be used. `main.ts` refuses to start and names the CLI command; `remove-demo-accounts` makes them unusable.
 *
 * Removal disables rather than deletes: audit rows, imports, transfers and jobs refer to these accounts by id, and
 * the audit trail must keep saying who did what. A removed demo account is disabled, holds no role, has no live
 * session, no second factor and a password hash that no password verifies, and is audited as `account.remove_demo`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { AppContext } from '../platform/context.js';
import { appendAudit } from '../platform/audit.js';
import { DEMO_USERNAMES } from './demo-accounts.js';

export const REMOVE_DEMO_COMMAND = 'npm run cli -- remove-demo-accounts';
/** Not an argon2 hash: verifyPassword() answers false for every password. */
const UNUSABLE_PASSWORD_HASH = '!removed-demo-account';

/** Demo accounts (flagged is_demo, or with a demo username) that are active or still hold a role. */
export async function usableDemoAccounts(db: Kysely<DB>): Promise<{ id: string; username: string }[]> {
  return db
    .selectFrom('accounts as a')
    .select(['a.id', 'a.username'])
    .where((eb) => eb.or([eb('a.is_demo', '=', true), eb(eb.fn('lower', ['a.username']), 'in', [...DEMO_USERNAMES])]))
    .where((eb) => eb.or([
      eb('a.status', '=', 'active'),
      eb.exists(eb.selectFrom('role_grants as g').select('g.id').whereRef('g.account_id', '=', 'a.id')),
      eb('a.password_hash', '!=', UNUSABLE_PASSWORD_HASH),
    ]))
    .orderBy('a.id')
    .execute();
}

/** Throws the operator's message when demo accounts could still be used. Called by main.ts in production. */
export async function refuseDemoAccounts(db: Kysely<DB>): Promise<void> {
  const demo = await usableDemoAccounts(db);
  if (demo.length === 0) return;
  const names = demo.map((a) => a.username).join('、');
  throw new Error(`数据库中存在演示账户（${names}），其密码公开且无需二次验证，生产环境（NODE_ENV=production）拒绝启动。`
    + `请先运行 \`${REMOVE_DEMO_COMMAND}\` 停用这些账户（使用相同的 DATA_DIR / DATABASE_URL）。`
    + ` (demo accounts exist: run \`${REMOVE_DEMO_COMMAND}\`)`);
}

/** Disables every usable demo account, in one transaction with one audit row each. Returns their usernames. */
export async function removeDemoAccounts(ctx: AppContext, actorName = 'cli'): Promise<string[]> {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const demo = await usableDemoAccounts(trx);
    for (const a of demo) {
      const before = await trx.selectFrom('accounts').select(['status', 'totp_enabled']).where('id', '=', a.id).executeTakeFirstOrThrow();
      const roles = await trx.deleteFrom('role_grants').where('account_id', '=', a.id).returning(['role', 'org_id']).execute();
      await trx.updateTable('sessions').set({ revoked_at: now }).where('account_id', '=', a.id).where('revoked_at', 'is', null).execute();
      await trx.updateTable('accounts')
        .set({ status: 'disabled', password_hash: UNUSABLE_PASSWORD_HASH, totp_enabled: false, totp_secret_enc: null, totp_pending_enc: null, failed_attempts: 0, locked_until: null })
        .where('id', '=', a.id)
        .execute();
      await appendAudit(trx, {
        actorId: null, actorName, action: 'account.remove_demo', entityType: 'account', entityId: a.id,
        before: { username: a.username, status: before.status, roles: roles.map((r) => ({ role: r.role, orgId: String(r.org_id) })) },
        after: { status: 'disabled', roles: [] },
      }, now);
    }
    return demo.map((a) => a.username);
  });
}
