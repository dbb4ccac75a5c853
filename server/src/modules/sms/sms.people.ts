/**
 * Who a phone belongs to, and what a keyword reply does to them. The people live in other modules' tables
 * (members, and the contacts module's rosters); this module only reads them and calls their commands.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import type { PersonKind } from '../../db/tables/sms.js';

export interface PhoneOwner { kind: PersonKind; id: string; orgId: string }

/** The person each blind-indexed phone belongs to: a member on the rolls first. */
export async function matchPhones(trx: Transaction<DB>, bidxs: string[]): Promise<Map<string, PhoneOwner>> {
  const out = new Map<string, PhoneOwner>();
  if (bidxs.length === 0) return out;
  const members = await trx.selectFrom('members').select(['id', 'org_id', 'mobile_bidx'])
    .where('mobile_bidx', 'in', bidxs).where('departed_on', 'is', null).execute();
  for (const m of members) if (m.mobile_bidx && !out.has(m.mobile_bidx)) out.set(m.mobile_bidx, { kind: 'member', id: m.id, orgId: m.org_id });
  return out;
}

export interface KeywordReply { inboundId: string; phoneBidx: string; keyword: 'opt_out' | 'opt_in' }

/** Opt-out and opt-in replies, applied in the transaction that stores them. */
export async function onKeywords(_ctx: AppContext, _trx: Transaction<DB>, _replies: KeywordReply[]): Promise<void> {
  // Applied through the contacts module's opt-out command once it lands (issue 9, item 1).
}
