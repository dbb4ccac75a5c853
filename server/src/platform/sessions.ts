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
import { GroupCommit } from './group-commit.js';
import { PREPARED } from '../db/database.js';

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

interface SessionRow {
  token_hash: string; sessionId: string; last_seen_at: Date; expires_at: Date; revoked_at: Date | null; mfa_passed: boolean;
  accountId: string; username: string; display_name: string; kind: string; is_demo: boolean; member_id: string | null; status: string;
  must_change_password: boolean; grants: GrantJson[] | string; counts_version: string | null;
}

/**
 * The session reads of requests that arrive together share one statement (platform/group-commit.ts): under a crowd
 * (50,000 viewers' heartbeats, a province's morning) the database plans and answers one query for many requests
 * instead of one each. One indexed lookup per token hash: the session, its account, and the account's grants with
 * their organizations' current paths (never a copy a move would leave behind) as one JSON array. Prepared once per
 * connection.
 */
const sessionReads = new WeakMap<Kysely<DB>, GroupCommit<string, SessionRow | undefined>>();
/** The throttled last_seen_at writes of requests that arrive together, one statement. */
const sessionTouches = new WeakMap<Kysely<DB>, GroupCommit<{ id: string; at: Date }>>();

function readerOf(db: Kysely<DB>) {
  let r = sessionReads.get(db);
  if (!r) {
    r = new GroupCommit<string, SessionRow | undefined>(async (hashes) => {
      const { rows } = await sql<SessionRow>`${sql.raw(PREPARED)}
        select s.token_hash, s.id as "sessionId", s.last_seen_at, s.expires_at, s.revoked_at, s.mfa_passed,
               a.id as "accountId", a.username, a.display_name, a.kind, a.is_demo, a.member_id, a.status, a.must_change_password,
               (select coalesce(json_agg(json_build_object('id', g.id::text, 'role', g.role, 'orgId', g.org_id::text, 'path', o.path, 'name', o.name) order by g.id), '[]')
                  from role_grants g join orgs o on o.id = g.org_id where g.account_id = a.id) as grants,
               -- Read here, before anything the request computes, so a result kept under it is exact (platform/counts-version.ts).
               (select v::text from counts_version where id = 1) as counts_version
        from sessions s join accounts a on a.id = s.account_id
        where s.token_hash = any(${[...new Set(hashes)]}::text[])`.execute(db);
      const byHash = new Map(rows.map((row) => [row.token_hash, row]));
      return hashes.map((h) => byHash.get(h));
    }, 500, 4);
    sessionReads.set(db, r);
  }
  return r;
}

function toucherOf(db: Kysely<DB>) {
  let t = sessionTouches.get(db);
  if (!t) {
    t = new GroupCommit<{ id: string; at: Date }>(async (items) => {
      const latest = new Map<string, Date>();
      for (const { id, at } of items) if (!(latest.get(id)! >= at)) latest.set(id, at);
      await sql`${sql.raw(PREPARED)}
        update sessions s set last_seen_at = v.at
        from unnest(${[...latest.keys()]}::bigint[], ${[...latest.values()].map((d) => d.toISOString())}::timestamptz[]) as v(id, at)
        where s.id = v.id and s.last_seen_at < v.at`.execute(db);
    }, 500, 2);
    sessionTouches.set(db, t);
  }
  return t;
}

/** Resolves a cookie token to its actor, or null when missing, revoked, expired or idle too long. */
export async function loadActor(db: Kysely<DB>, token: string, ip: string, now: Date, policy: SecurityPolicy): Promise<Actor | null> {
  const s = await readerOf(db).add(sha256Hex(token));
  if (!s || s.revoked_at || s.status !== 'active') return null;
  if (now >= s.expires_at) return null;
  if (now.getTime() - s.last_seen_at.getTime() > policy.idleMinutes * 60_000) return null;
  if (now.getTime() - s.last_seen_at.getTime() >= touchIntervalMs(policy.idleMinutes)) {
    await toucherOf(db).add({ id: s.sessionId, at: now });
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
