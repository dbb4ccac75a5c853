/**
 * The contacts module's commands for other modules (the SMS module above all). The tables of this module
 * (party_positions, village_officials, contact_groups, contact_group_entries, contact_optouts) are written here and
 * by this module's own services only.
 *
 * Opt-out (退订): a refusal is keyed by the phone's blind index (`ctx.crypto.blindIndex('mobile', normalized)`, the
 * same index members.mobile_bidx holds), so one refusal covers the phone on every roll. It is set by the SMS keyword
 * (TD / 退订, no staff actor) or by staff with a reason, and cleared the same ways; every change is audited.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The audit log's actor name for changes made by an SMS keyword (no staff member acted). */
export const SMS_KEYWORD_ACTOR = '短信退订';

export type OptOutVia = 'sms_keyword' | 'staff';

export interface SetOptOutInput {
  phoneBidx: string;
  optedOut: boolean;
  via: OptOutVia;
  /** The staff member who acted, or null when the phone's owner did by SMS keyword. */
  actor: Actor | null;
  /** The reason given (staff) or the message text that asked (keyword). */
  note?: string | null;
  /** For the audit row: the masked phone and the home organization of the person, when the caller knows them. */
  phoneMasked?: string | null;
  orgPath?: string | null;
}

/**
 * Sets or clears the opt-out of one phone, audited (`contact.optout` / `contact.optin`) in the same transaction.
 * Runs in `trx` when given (e.g. the SMS module's transaction that stores the incoming TD message), otherwise in its
 * own. Returns `changed: false` (and writes nothing) when the phone is already in the asked state.
 */
export async function setOptOut(ctx: AppContext, input: SetOptOutInput, trx?: Transaction<DB>): Promise<{ changed: boolean }> {
  if (!input.phoneBidx) throw new Error('setOptOut: phoneBidx is required');
  const run = async (t: Transaction<DB>): Promise<{ changed: boolean }> => {
    const now = ctx.now();
    const note = input.note?.trim() ? input.note.trim().slice(0, 200) : null;
    let changed: boolean;
    if (input.optedOut) {
      const inserted = await t.insertInto('contact_optouts').values({ phone_bidx: input.phoneBidx, opted_out_at: now, via: input.via, note })
        .onConflict((oc) => oc.column('phone_bidx').doNothing()).returning('phone_bidx').executeTakeFirst();
      changed = inserted !== undefined;
    } else {
      changed = (await t.deleteFrom('contact_optouts').where('phone_bidx', '=', input.phoneBidx).returning('phone_bidx').executeTakeFirst()) !== undefined;
    }
    if (!changed) return { changed };
    await appendAudit(t, {
      actorId: input.actor?.accountId ?? null,
      actorName: input.actor?.username ?? SMS_KEYWORD_ACTOR,
      action: input.optedOut ? 'contact.optout' : 'contact.optin',
      entityType: 'contact_optout',
      entityId: input.phoneBidx,
      orgPath: input.orgPath ?? null,
      ip: input.actor?.ip ?? null,
      after: { optedOut: input.optedOut, via: input.via, note, phone: input.phoneMasked ?? null },
    }, now);
    return { changed };
  };
  return trx ? run(trx) : ctx.db.transaction().execute(run);
}

/** Whether the phone (by its blind index) has opted out of SMS. */
export async function isOptedOut(db: Db, phoneBidx: string): Promise<boolean> {
  if (!phoneBidx) return false;
  return (await db.selectFrom('contact_optouts').select('phone_bidx').where('phone_bidx', '=', phoneBidx).executeTakeFirst()) !== undefined;
}

/** The blind indexes among `bidxs` that have opted out (for lists). */
export async function optedOutAmong(db: Db, bidxs: (string | null)[]): Promise<Set<string>> {
  const keys = [...new Set(bidxs.filter((b): b is string => !!b))];
  if (keys.length === 0) return new Set();
  const rows = await db.selectFrom('contact_optouts').select('phone_bidx').where('phone_bidx', 'in', keys).execute();
  return new Set(rows.map((r) => r.phone_bidx));
}
