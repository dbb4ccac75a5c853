import type { Kysely } from 'kysely';
import type { DB, AuditRow } from '../../db/schema.js';
import { escapeLike, scopeFilter, scopePaths, type Actor } from '../../platform/actor.js';

export interface AuditSearch {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

/**
 * Newest first, keyset on id. An auditor held at the root also sees events with no organization
 * (logins, account changes); one held lower sees only events inside their subtree.
 */
export function searchAudit(db: Kysely<DB>, actor: Actor, s: AuditSearch): Promise<AuditRow[]> {
  const scope = scopePaths(actor, 'audit.read');
  const atRoot = scope.some((p) => p.split('/').filter(Boolean).length === 1);
  let q = db.selectFrom('audit_log').selectAll().where((eb) => (atRoot ? eb.or([scopeFilter(eb, 'org_path', scope), eb('org_path', 'is', null)]) : scopeFilter(eb, 'org_path', scope)));
  if (s.actor) q = q.where('actor_name', 'like', `%${escapeLike(s.actor)}%`);
  if (s.action) q = q.where('action', '=', s.action);
  if (s.entityType) q = q.where('entity_type', '=', s.entityType);
  if (s.entityId) q = q.where('entity_id', '=', s.entityId);
  if (s.from) q = q.where('at', '>=', new Date(s.from));
  if (s.to) q = q.where('at', '<=', new Date(s.to));
  if (s.cursor) q = q.where('id', '<', s.cursor);
  return q.orderBy('id', 'desc').limit(s.limit).execute();
}
