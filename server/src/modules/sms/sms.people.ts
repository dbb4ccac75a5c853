/**
 * Who a phone belongs to, and what a keyword reply does to them. The people live in other modules' tables
 * (members, and the contacts module's rosters); this module only reads them and calls their commands.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import type { PersonKind } from '../../db/tables/sms.js';
import { setOptOut } from '../contacts/contacts.commands.js';

export interface PhoneOwner { kind: PersonKind; id: string; orgId: string }

/**
 * The person each blind-indexed phone belongs to: a member on the rolls first, then a village official (current
 * first), then the person province staff last assigned the number's messages to.
 */
export async function matchPhones(trx: Transaction<DB>, bidxs: string[]): Promise<Map<string, PhoneOwner>> {
  const out = new Map<string, PhoneOwner>();
  if (bidxs.length === 0) return out;
  const members = await trx.selectFrom('members').select(['id', 'org_id', 'mobile_bidx'])
    .where('mobile_bidx', 'in', bidxs).where('departed_on', 'is', null).orderBy('id').execute();
  for (const m of members) if (m.mobile_bidx && !out.has(m.mobile_bidx)) out.set(m.mobile_bidx, { kind: 'member', id: m.id, orgId: m.org_id });
  const rest = bidxs.filter((b) => !out.has(b));
  if (rest.length === 0) return out;
  const officials = await trx.selectFrom('village_officials').select(['id', 'org_id', 'phone_bidx'])
    .where('phone_bidx', 'in', rest).orderBy(sql`ended_on is null`, 'desc').orderBy('id').execute();
  for (const o of officials) if (o.phone_bidx && !out.has(o.phone_bidx)) out.set(o.phone_bidx, { kind: 'official', id: o.id, orgId: o.org_id });
  const unknown = bidxs.filter((b) => !out.has(b));
  if (unknown.length === 0) return out;
  // A number on nobody's record that province staff assigned to a person (指派, sms.inbox.ts): the latest
  // assignment, with the person's organization as it is now (a member who left the rolls no longer matches).
  const { rows } = await sql<{ phone_bidx: string; kind: PersonKind; id: string; org_id: string | null }>`
    select a.phone_bidx, a.person_kind as kind, a.person_id as id, coalesce(m.org_id, v.org_id) as org_id
    from (select distinct on (phone_bidx) phone_bidx, person_kind, person_id from sms_inbound
          where phone_bidx = any(${unknown}::text[]) and assigned_at is not null
          order by phone_bidx, assigned_at desc, id desc) a
    left join members m on a.person_kind = 'member' and m.id = a.person_id and m.departed_on is null
    left join village_officials v on a.person_kind = 'official' and v.id = a.person_id`.execute(trx);
  for (const r of rows) if (r.org_id) out.set(r.phone_bidx, { kind: r.kind, id: r.id, orgId: r.org_id });
  return out;
}

export interface KeywordReply { inboundId: string; phoneBidx: string; phoneMasked: string; orgPath: string | null; keyword: 'opt_out' | 'opt_in' }

/**
 * Opt-out and opt-in replies, applied through the contacts module's command in the transaction that stores them
 * (audited there, with the keyword's actor name), so the reply and its effect commit together.
 */
export async function onKeywords(ctx: AppContext, trx: Transaction<DB>, replies: KeywordReply[]): Promise<void> {
  for (const r of replies) {
    await setOptOut(ctx, { phoneBidx: r.phoneBidx, optedOut: r.keyword === 'opt_out', via: 'sms_keyword', actor: null, phoneMasked: r.phoneMasked, orgPath: r.orgPath, note: `短信回复（来信编号 ${r.inboundId}）` }, trx);
  }
}
