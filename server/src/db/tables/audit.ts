/** The audit chain (migration 20261129T0200-audit-chain; platform/audit.ts): the queue and the keyed chain. */
import type { ColumnType } from 'kysely';

type IdRef = ColumnType<string, string | number | bigint, string | number | bigint>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Committed audit rows not yet given a chain position (filled by a trigger on audit_log). */
export interface AuditPendingTable {
  audit_id: IdRef;
}

/** One row per chain position: gapless `seq`, the audit row it covers and the keyed hash. Insert-only. */
export interface AuditChainTable {
  seq: IdRef;
  audit_id: IdRef;
  prev_hash: string;
  hash: string;
  chained_at: Timestamp;
}

export interface AuditTables {
  audit_pending: AuditPendingTable;
  audit_chain: AuditChainTable;
}
