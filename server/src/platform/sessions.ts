/**
 * Server-side sessions: the browser holds a random token in an HttpOnly cookie; the database
 * holds only its SHA-256. Idle and absolute timeouts come from the security policy.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { randomToken, sha256Hex } from './crypto.js';
import type { Actor, Grant } from './actor.js';
import type { Role } from './roles.js';
import type { SecurityPolicy } from './security-policy.js';

export const SESSION_COOKIE = 'dj_session';
/**
 * Writing last_seen_at on every request would turn reads into writes, so it is written at most this often:
 * a tenth of the idle timeout, and at least once a minute. The throttle must stay well under the idle
 * timeout (which the security administrator may set as low as one minute), or a user active all along
 * would be logged out as idle.
 */
export function touchIntervalMs(idleMinutes: number): number {
  return Math.min(60_000, (idleMinutes * 60_000) / 10);
}

export async function createSession(
  db: Kysely<DB>,
  a: { accountId: string; mfaPassed: boolean; ip: string; userAgent: string | undefined; now: Date; policy: SecurityPolicy },
): Promise<{ token: string; sessionId: string }> {
  const token = randomToken();
  const row = await db
    .insertInto('sessions')
    .values({
      token_hash: sha256Hex(token),
      account_id: a.accountId,
      created_at: a.now,
      last_seen_at: a.now,
      expires_at: new Date(a.now.getTime() + a.policy.absoluteHours * 3600_000),
      mfa_passed: a.mfaPassed,
      ip: a.ip,
      user_agent: a.userAgent?.slice(0, 300) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, sessionId: row.id };
}

/** Resolves a cookie token to its actor, or null when missing, revoked, expired or idle too long. */
export async function loadActor(db: Kysely<DB>, token: string, ip: string, now: Date, policy: SecurityPolicy): Promise<Actor | null> {
  // One indexed query per request: the session by its token hash, its account, and the account's grants with their
  // organizations' current paths (never a copy a move would leave behind) as one JSON array.
  const s = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select([
      'sessions.id as sessionId', 'sessions.last_seen_at', 'sessions.expires_at', 'sessions.revoked_at', 'sessions.mfa_passed',
      'accounts.id as accountId', 'accounts.username', 'accounts.display_name', 'accounts.kind', 'accounts.is_demo',
      'accounts.member_id', 'accounts.status', 'accounts.must_change_password',
      sql<GrantJson[] | string>`(select coalesce(json_agg(json_build_object('id', g.id::text, 'role', g.role, 'orgId', g.org_id::text, 'path', o.path, 'name', o.name) order by g.id), '[]')
        from role_grants g join orgs o on o.id = g.org_id where g.account_id = accounts.id)`.as('grants'),
      // Read here, before anything the request computes, so a result kept under it is exact (platform/counts-version.ts).
      sql<string | null>`(select v::text from counts_version where id = 1)`.as('counts_version'),
    ])
    .where('sessions.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!s || s.revoked_at || s.status !== 'active') return null;
  if (now >= s.expires_at) return null;
  if (now.getTime() - s.last_seen_at.getTime() > policy.idleMinutes * 60_000) return null;
  if (now.getTime() - s.last_seen_at.getTime() >= touchIntervalMs(policy.idleMinutes)) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', s.sessionId).execute();
  }
  const grants = (typeof s.grants === 'string' ? JSON.parse(s.grants) : s.grants) as GrantJson[];
  return {
    accountId: s.accountId,
    username: s.username,
    displayName: s.display_name,
    kind: s.kind as Actor['kind'],
    demo: s.is_demo,
    memberId: s.member_id,
    sessionId: s.sessionId,
    mfaPassed: s.mfa_passed,
    mustChangePassword: s.must_change_password,
    grants: grants.map((g) => ({ grantId: g.id, role: g.role as Role, orgId: g.orgId, orgPath: g.path, orgName: g.name })),
    ip,
    countsVersion: s.counts_version ?? undefined,
  };
}

interface GrantJson { id: string; role: string; orgId: string; path: string; name: string }

export async function loadGrants(db: Kysely<DB>, accountId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('role_grants')
    .innerJoin('orgs', 'orgs.id', 'role_grants.org_id')
    .select(['role_grants.id', 'role_grants.role', 'role_grants.org_id', 'orgs.path', 'orgs.name'])
    .where('role_grants.account_id', '=', accountId)
    .orderBy('role_grants.id')
    .execute();
  return rows.map((r) => ({ grantId: r.id, role: r.role as Role, orgId: r.org_id, orgPath: r.path, orgName: r.name }));
}

export async function revokeSession(db: Kysely<DB>, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).execute();
}

export async function revokeAllSessions(db: Kysely<DB>, accountId: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('account_id', '=', accountId).where('revoked_at', 'is', null).execute();
}
