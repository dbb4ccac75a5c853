/**
 * The actor behind a request and the scope checks every module uses.
 * `authorize()` runs right after a resource is loaded; list queries use `scopeFilter()` in SQL.
 */
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { permissionsOfRole, type Permission, type Role } from './roles.js';
import { forbidden } from './errors.js';

export interface Grant {
  grantId: string;
  role: Role;
  orgId: string;
  orgPath: string;
  orgName: string;
}

export interface Actor {
  accountId: string;
  username: string;
  displayName: string;
  kind: 'staff' | 'member' | 'public';
  demo: boolean;
  memberId: string | null;
  sessionId: string;
  mfaPassed: boolean;
  /** Set after an administrator creates the account or resets its password. */
  mustChangePassword: boolean;
  grants: Grant[];
  ip: string;
  /**
   * The change counter of members, orgs and stations (platform/counts-version.ts) as the session check read it at the
   * start of the request, so that caches kept under it cost the request no extra query. Absent for actors made
   * outside a request (jobs, demo data, tests).
   */
  countsVersion?: string;
}

/** The org paths where the actor holds `perm`, with paths inside another listed path removed. */
export function scopePaths(actor: Actor, perm: Permission): string[] {
  const paths = actor.grants
    .filter((g) => permissionsOfRole(g.role).includes(perm))
    .map((g) => g.orgPath)
    .sort((a, b) => a.length - b.length);
  const tops: string[] = [];
  for (const p of paths) if (!tops.some((t) => p.startsWith(t))) tops.push(p);
  return tops;
}

export function permissionsOf(actor: Actor): Permission[] {
  const set = new Set<Permission>();
  for (const g of actor.grants) for (const p of permissionsOfRole(g.role)) set.add(p);
  return [...set].sort();
}

export function can(actor: Actor, perm: Permission, orgPath: string): boolean {
  return scopePaths(actor, perm).some((p) => orgPath.startsWith(p));
}

/** Whether the actor holds `perm` strictly above `orgPath` (not only at the organization itself). */
export function canFromAbove(actor: Actor, perm: Permission, orgPath: string): boolean {
  return actor.grants.some((g) => permissionsOfRole(g.role).includes(perm) && g.orgPath !== orgPath && orgPath.startsWith(g.orgPath));
}

/** Throws 403 unless the actor holds `perm` at `orgPath` or above it. */
export function authorize(actor: Actor, perm: Permission, orgPath: string): void {
  if (!can(actor, perm, orgPath)) throw forbidden('forbidden.scope', '该数据不在您的管辖范围内，无权访问');
}

/** SQL predicate: `column` lies in one of the actor's subtrees for `perm` (false when none). */
export function scopeFilter<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  paths: string[],
): Expression<SqlBool> {
  if (paths.length === 0) return sql<SqlBool>`false`;
  return eb.or(paths.map((p) => eb(sql.ref(column), 'like', `${escapeLike(p)}%`)));
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** LIKE patterns for rows in any of these subtrees, for `path like any(${subtreePatterns(paths)}::text[])`. */
export function subtreePatterns(paths: string[]): string[] {
  return paths.map((p) => `${escapeLike(p)}%`);
}
