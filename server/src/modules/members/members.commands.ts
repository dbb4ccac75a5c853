/**
 * The members module's commands for other modules. The \`members\` table is written by this module only: a transfer,
 * an out-flow or a return changes a member through these functions (and the member importer, members.excel.ts, adds
 * rows through insertImportedMembers), inside the caller's transaction, so each rule
 * about a member's row (which fields move together, when a row may no longer change) lives here once.
 * \`members.table-owner.test.ts\` fails when code outside this module writes the table.
 */
import { sql, type Transaction } from 'kysely';
import type { DB, MemberRow, NewMember } from '../../db/schema.js';

type Trx = Transaction<DB>;

/**
 * Transfer completion: the member moves to the receiving branch at its current path. Undefined when the member is
 * no longer in \`fromOrgId\` (moved meanwhile) or has left the rolls.
 */
export function moveToBranch(trx: Trx, memberId: string, fromOrgId: string, to: { id: string; path: string }, now: Date) {
  return trx.updateTable('members')
    .set((eb) => ({ org_id: to.id, org_path: to.path, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', memberId)
    .where('org_id', '=', fromOrgId)
    .where('departed_on', 'is', null)
    .returning(['id', 'org_id', 'org_path'])
    .executeTakeFirst();
}

/** 已转出: the member leaves the rolls (the record stays with the sending branch); undefined when not possible. */
export function markTransferredOut(trx: Trx, memberId: string, fromOrgId: string, on: string, now: Date) {
  return trx.updateTable('members')
    .set((eb) => ({ departed_on: on, departure: 'transferred_out' as const, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', memberId)
    .where('org_id', '=', fromOrgId)
    .where('departed_on', 'is', null)
    .returning('id')
    .executeTakeFirst();
}

/**
 * The migrant flags follow the open out-flow: set to its destination when one opens, cleared on return. Returns the
 * row after the change.
 */
export function setMigrantDestination(trx: Trx, memberId: string, dest: { province: string; city: string | null; county: string | null } | null, now: Date): Promise<MemberRow> {
  return trx.updateTable('members').set({
    migrant: dest !== null, migrant_province: dest?.province ?? null, migrant_city: dest?.city ?? null, migrant_county: dest?.county ?? null,
    version: sql<number>`version + 1`, updated_at: now,
  }).where('id', '=', memberId).returningAll().executeTakeFirstOrThrow();
}

/**
 * The member importer's batch (members.excel.ts): new rows as stored (encrypted, indexed, masked) and one change-history
 * entry each, in the engine's transaction. Returns each new member's id by the blind index of its ID number.
 */
export async function insertImportedMembers(
  trx: Trx, rows: { values: NewMember; changes: unknown }[], actor: { accountId: string; displayName: string }, now: Date,
): Promise<Map<string, string>> {
  const inserted = await trx.insertInto('members').values(rows.map((r) => ({ ...r.values, created_at: now, updated_at: now }))).returning(['id', 'id_number_bidx']).execute();
  const idOf = new Map(inserted.map((r) => [r.id_number_bidx, r.id]));
  await trx.insertInto('member_changes').values(rows.map((r) => ({
    member_id: idOf.get(r.values.id_number_bidx)!, actor_id: actor.accountId, actor_name: actor.displayName, action: 'member.import', changes: JSON.stringify(r.changes), at: now,
  }))).execute();
  return idOf;
}
