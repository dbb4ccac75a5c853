/**
 * Issue 9, item 9 (submit throughput): fewer index entries written per message.
 *
 * A message's row changes state three times (claimed into submitting, submitted, delivered) and each change
 * writes a new entry in every index of the row, because `state` is in the indexes that find runnable, in-flight
 * and unreceipted rows. Two of those indexes were (broadcast_id, phone_bidx), unique: one message per phone per
 * broadcast, and (phone_bidx, id): one phone's messages, for conversations. One unique index on (phone_bidx,
 * broadcast_id) does both jobs — the same guarantee (replies and codes, which have no broadcast, are distinct
 * NULLs as before), and an equality lookup by phone — and saves an index entry per state change and per resolved
 * recipient.
 *
 * Segments are written once and updated once (by their receipt, which changes no indexed column): with room left
 * on each page that update stays on the page (HOT) and writes no index entry at all. Their carrier-id index leads
 * with the carrier's id, not the link: there are one to three links and millions of ids, and a batch of receipts
 * looks its segments up by its ids — with the link first, a plan made without the batch's values (a prepared
 * statement's) read every segment of the link per batch (34,000 rows for 15 receipts, measured).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create unique index sms_messages_phone_broadcast_idx on sms_messages (phone_bidx, broadcast_id)`.execute(db);
  await sql`drop index sms_messages_recipient_idx`.execute(db);
  await sql`drop index sms_messages_phone_idx`.execute(db);
  await sql`alter table sms_segments set (fillfactor = 70)`.execute(db);
  await sql`drop index sms_segments_carrier_idx`.execute(db);
  await sql`create index sms_segments_carrier_idx on sms_segments (carrier_id, link)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index sms_segments_carrier_idx`.execute(db);
  await sql`create index sms_segments_carrier_idx on sms_segments (link, carrier_id)`.execute(db);
  await sql`alter table sms_segments reset (fillfactor)`.execute(db);
  await sql`create index sms_messages_phone_idx on sms_messages (phone_bidx, id desc)`.execute(db);
  await sql`create unique index sms_messages_recipient_idx on sms_messages (broadcast_id, phone_bidx) where broadcast_id is not null`.execute(db);
  await sql`drop index sms_messages_phone_broadcast_idx`.execute(db);
}
