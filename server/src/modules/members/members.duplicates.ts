/**
 * ID numbers already registered (issue 7, item 7). The platform holds one record per person, so a number can be
 * registered only once; but telling a branch secretary that a number "is registered to another member" would let
 * anyone with member.write test whether any number belongs to a party member anywhere in the province.
 *
 * So a duplicate is named only when the existing record lies where the caller may read members anyway (its home
 * organization in the caller's member.read subtree): then the message gives the member's number, which the caller can
 * open. Any other existing record — another city, a departed member, a member only attached to the caller's online
 * branch — gets one neutral refusal that says neither that nor where the number exists, and asks the caller to have
 * the level above check (ID_NUMBER_UNAVAILABLE). The attempt is audited (`member.id_number_refused`, masked number),
 * so repeated probing shows in the audit log. What remains is inherent in uniqueness: a refusal still tells the caller
 * that the number cannot be registered by them; docs/security.md states it and how the importer bounds it.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { can, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict } from '../../platform/errors.js';

type Db = Kysely<DB> | Transaction<DB>;

export const ID_NUMBER_UNAVAILABLE = '该身份证号码无法在本组织登记，请联系上级党组织核实';
export const ID_REFUSED_ACTION = 'member.id_number_refused';

export const duplicateInScopeMessage = (memberId: string) =>
  `该证件号码已登记在您管辖范围内的党员名下（党员编号 ${memberId}），请勿重复录入；如需调整所在支部，请办理组织关系转接`;

export interface Registered { memberId: string; visible: boolean }

/** The registered members with these blind indexes, each with whether `actor` may read it (by its home organization). */
export async function registeredIdNumbers(db: Db, actor: Actor, bidxs: string[]): Promise<Map<string, Registered>> {
  const out = new Map<string, Registered>();
  for (let i = 0; i < bidxs.length; i += 1000) {
    const chunk = bidxs.slice(i, i + 1000);
    if (chunk.length === 0) continue;
    const rows = await db.selectFrom('members').select(['id', 'id_number_bidx', 'org_path']).where('id_number_bidx', 'in', chunk).execute();
    for (const r of rows) out.set(r.id_number_bidx, { memberId: r.id, visible: can(actor, 'member.read', r.org_path) });
  }
  return out;
}

/**
 * The error for registering (or changing a record to) an ID number that is already registered: named when the
 * existing record is visible to the actor, neutral otherwise, and then audited in its own transaction (the
 * caller's write is refused, so its transaction would roll the audit row back).
 */
export async function duplicateIdNumberError(
  db: Kysely<DB>, actor: Actor, existing: Registered, attempt: { idNumberMasked: string; orgId: string; orgPath: string; via: 'create' | 'update'; memberId?: string }, now: Date,
) {
  if (existing.visible) return conflict('member.duplicate_id_number', duplicateInScopeMessage(existing.memberId));
  await db.transaction().execute((trx) => appendAudit(trx, {
    actorId: actor.accountId, actorName: actor.username, action: ID_REFUSED_ACTION, entityType: 'member', entityId: attempt.memberId ?? null,
    orgPath: attempt.orgPath, ip: actor.ip, after: { via: attempt.via, idNumber: attempt.idNumberMasked, orgId: attempt.orgId },
  }, now));
  return conflict('member.id_number_unavailable', ID_NUMBER_UNAVAILABLE);
}
