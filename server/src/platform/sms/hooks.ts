/**
 * How other modules hear and send by SMS without writing the SMS module's tables (docs/sms.md, "For other
 * modules"). A module declares these in its manifest (platform/module.ts): `smsInbound` to be handed incoming
 * messages, `smsAudiences` to name recipient sources its broadcasts are resolved from.
 */
import type { RawBuilder, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../context.js';

/** An incoming message as it is handed to the modules, in the transaction that stores it. */
export interface InboundSms {
  id: string;
  phoneBidx: string;
  phoneMasked: string;
  text: string;
  /** The extension of our number it came to (a reply to a message sent with that `replyExt`), or null. */
  replyExt: string | null;
  receivedAt: Date;
  personKind: 'member' | 'official' | 'contact' | null;
  personId: string | null;
  orgId: string | null;
}

/** What a module made of a message it took as its own: the inbox shows `note` (已计入问卷“…”第2题). */
export interface HandledSms { id: string; note: string }

/**
 * Called with each batch of incoming messages (opt-out and opt-in keywords excepted), in the transaction that
 * stores them, before the carrier is acknowledged: what the handler writes commits with the messages or not at all.
 * It returns the messages it took as its own; the next module's handler is not offered those. It must be quick
 * (a few statements per batch, not per message): replies arrive by thousands a second.
 */
export type SmsInboundHandler = (ctx: AppContext, trx: Transaction<DB>, messages: InboundSms[]) => Promise<HandledSms[]>;

/**
 * A recipient source: a query of one row per recipient with the columns
 * `person_kind, person_id, name, org_id, phone_enc, phone_bidx, phone_masked, text` (the text as sent to that
 * person, signature excepted), for the broadcast's stored `payload`, within the sender's `scope` (organization
 * paths). The SMS module adds the signature, leaves out phones that opted out (unless the broadcast ignores
 * opt-outs) and sends one message per phone.
 */
export type SmsAudienceSource = (payload: unknown, scope: string[]) => RawBuilder<unknown>;
