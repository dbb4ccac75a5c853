/**
 * The audit trail: one row per write or reveal, appended in the caller's transaction,
 * each row's hash covering its content and the previous row's hash (a hash chain), so that
 * any edited, inserted or deleted row breaks the chain from that point on.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { sha256Hex } from './crypto.js';

export interface AuditEntry {
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId?: string | null;
  orgPath?: string | null;
  ip?: string | null;
  before?: unknown;
  after?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);
// Arbitrary constant: the advisory lock that serializes appends so the chain stays linear.
const AUDIT_LOCK_KEY = 7_291_001;

/** Canonical JSON: object keys sorted at every depth, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

interface HashedFields {
  at: Date;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_path: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
}

export function rowHash(f: HashedFields): string {
  return sha256Hex(
    canonicalJson({
      at: f.at.toISOString(),
      actor_id: f.actor_id === null ? null : String(f.actor_id),
      actor_name: f.actor_name,
      action: f.action,
      entity_type: f.entity_type,
      entity_id: f.entity_id,
      org_path: f.org_path,
      ip: f.ip,
      before: f.before ?? null,
      after: f.after ?? null,
      prev_hash: f.prev_hash,
    }),
  );
}

/**
 * A lone UTF-16 surrogate is stored as U+FFFD by a text column and refused by jsonb (JSON.stringify
 * writes it as "\udXXX"): replace it up front, so that odd input can neither make the audited write
 * fail nor make the stored row differ from what was hashed.
 */
function wellFormed(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? wf(value) : value;
}
const wf = (s: string): string => s.replace(/\p{Cs}/gu, '\uFFFD');
const wfOrNull = (s: string | null | undefined): string | null => (s == null ? null : wf(s));

/** Appends one audit row inside `trx` (which must be a transaction, so the lock lasts until commit). */
export async function appendAudit(trx: Transaction<DB>, e: AuditEntry, now: Date = new Date()): Promise<void> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  // jsonb round-trips through JSON, so hash what will come back: a JSON-normalized copy.
  const before = e.before === undefined ? null : JSON.parse(JSON.stringify(e.before, wellFormed));
  const after = e.after === undefined ? null : JSON.parse(JSON.stringify(e.after, wellFormed));
  const at = new Date(Math.floor(now.getTime()));
  const fields: HashedFields = {
    at,
    actor_id: e.actorId,
    actor_name: wf(e.actorName),
    action: wf(e.action),
    entity_type: wf(e.entityType),
    entity_id: wfOrNull(e.entityId),
    org_path: wfOrNull(e.orgPath),
    ip: wfOrNull(e.ip),
    before,
    after,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_log')
    .values({
      ...fields,
      before: before === null ? null : JSON.stringify(before),
      after: after === null ? null : JSON.stringify(after),
      hash: rowHash(fields),
    })
    .execute();
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  reason: string | null;
}

/** Walks the whole chain in id order, in pages, and reports the first row that does not verify. */
export async function verifyAuditChain(db: Kysely<DB>, pageSize = 5000): Promise<ChainReport> {
  let prev = GENESIS_HASH;
  let afterId = '0';
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked, firstBrokenId: null, reason: null };
    for (const r of rows) {
      if (r.prev_hash !== prev) {
        return { ok: false, checked, firstBrokenId: r.id, reason: 'prev_hash does not match the previous row (a row was removed or inserted)' };
      }
      const expected = rowHash({ ...r, entity_id: r.entity_id, before: r.before, after: r.after });
      if (expected !== r.hash) return { ok: false, checked, firstBrokenId: r.id, reason: 'row content does not match its hash (the row was edited)' };
      prev = r.hash;
      afterId = r.id;
      checked++;
    }
  }
}
