/**
 * Login accounts linked to a member record (党员账户). Such an account reads the member's own
 * record, so creating one, or setting its password, is the business of the staff of the member's
 * organization — never of the system administrator, who manages staff accounts and sees no member.
 *
 * The rule lives in one place, `authorizeMemberAccount()`: the actor must hold `member.write` over
 * the member's home organization, read from the organization row as it is now (an attachment to an
 * online branch confers nothing). Every path that links an account to a member, or sets the
 * password of a linked account, calls it.
 */
import type { AppContext } from '../../platform/context.js';
import { authorize, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict, notFound } from '../../platform/errors.js';
import { newPasswordHash } from '../auth/auth.service.js';
import { applyPasswordReset } from './account-effects.js';
import { insertAccount, usernameFree } from './accounts.service.js';

export interface LinkableMember {
  id: string;
  name: string;
  orgId: string;
  orgPath: string;
  departedOn: string | null;
}

/** Throws 404/403 unless the actor is staff of the member's home organization (`member.write` there). */
export async function authorizeMemberAccount(ctx: AppContext, actor: Actor, memberId: string): Promise<LinkableMember> {
  const m = await ctx.db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.name', 'm.org_id', 'o.path', 'm.departed_on']).where('m.id', '=', memberId).executeTakeFirst();
  if (!m) throw notFound('党员');
  authorize(actor, 'member.write', m.path);
  return { id: m.id, name: m.name, orgId: m.org_id, orgPath: m.path, departedOn: m.departed_on };
}

const accountOf = (ctx: AppContext, memberId: string) =>
  ctx.db.selectFrom('accounts').selectAll().where('member_id', '=', memberId).where('kind', '=', 'member').orderBy('id').executeTakeFirst();

export interface MemberAccountView {
  id: string;
  username: string;
  status: string;
  locked: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/** The member's login account as their organization's staff see it (no roles, no second-factor detail), or null. */
export async function getMemberAccount(ctx: AppContext, actor: Actor, memberId: string): Promise<MemberAccountView | null> {
  await authorizeMemberAccount(ctx, actor, memberId);
  const a = await accountOf(ctx, memberId);
  if (!a) return null;
  return {
    id: a.id, username: a.username, status: a.status, locked: !!a.locked_until && a.locked_until > ctx.now(),
    mustChangePassword: a.must_change_password, lastLoginAt: a.last_login_at?.toISOString() ?? null, createdAt: a.created_at.toISOString(),
  };
}

/** Creates the member's login account (must change its password at first login) and grants it the member role. */
export async function createMemberAccount(ctx: AppContext, actor: Actor, memberId: string, input: { username: string; password: string }): Promise<string> {
  const m = await authorizeMemberAccount(ctx, actor, memberId);
  if (m.departedOn) throw conflict('member.departed', `该党员已于${m.departedOn}转出本省，不能再开设账户`);
  if (await accountOf(ctx, memberId)) throw conflict('member.account_exists', '该党员已有登录账户，如忘记密码请重置');
  await usernameFree(ctx, input.username);
  const hash = await newPasswordHash(ctx, ctx.db, '0', input.username, input.password);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await insertAccount(trx, { username: input.username, displayName: m.name, kind: 'member', memberId: m.id, hash });
    await trx.insertInto('role_grants').values({ account_id: row.id, role: 'member', org_id: m.orgId, granted_by: actor.accountId }).execute();
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'account.create', entityType: 'account', entityId: row.id, orgPath: m.orgPath, ip: actor.ip, after: { username: row.username, displayName: row.display_name, kind: 'member', memberId: m.id } }, now);
    return row.id;
  });
}

/** Sets a new one-time password on the member's account (it must be changed at the next login). */
export async function resetMemberAccountPassword(ctx: AppContext, actor: Actor, memberId: string, password: string): Promise<void> {
  const m = await authorizeMemberAccount(ctx, actor, memberId);
  const account = await accountOf(ctx, memberId);
  if (!account) throw notFound('该党员的登录账户');
  const hash = await newPasswordHash(ctx, ctx.db, account.id, account.username, password);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await applyPasswordReset(trx, { actorId: actor.accountId, actorName: actor.username, ip: actor.ip, now }, account.id, hash);
    // The reset row of applyPasswordReset has no organization; this one ties it to the member's.
    await appendAudit(trx, { actorId: actor.accountId, actorName: actor.username, action: 'member.account_reset', entityType: 'member', entityId: m.id, orgPath: m.orgPath, ip: actor.ip, after: { accountId: account.id } }, now);
  });
}
