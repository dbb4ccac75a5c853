/**
 * Issue 9, item 4 (end): re-sending a broadcast's failures and the monthly usage report.
 *
 * - `sms_broadcasts.resend_of`: a re-send is a new broadcast linked to the one whose failed / unknown recipients it
 *   sends again (its page says so; a recipient already in a re-send of the same broadcast is not taken again).
 * - `sms_messages_submitted_idx`: the usage report reads one China month of messages that reached the carrier. It
 *   filters on `submitted_at` (when the carrier accepted the message's segments, the moment carriers bill by), so the
 *   month is one range of this index whatever the table holds (tens of millions of rows over the years): no scan of
 *   other months. `org_id, segments, state` ride along (INCLUDE) so the per-organization sums are read off the index
 *   alone (an index-only scan once vacuumed), and rows never submitted (queued, cancelled, refused before the carrier)
 *   are left out of it (partial), which keeps it as small as what was billed.
 * - Messages that ended failed or unknown while being submitted, after the carrier had accepted some of their
 *   segments, were recorded without `submitted_at`; those segments were billed, so they get it (the store now sets it).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sms_broadcasts add column resend_of bigint references sms_broadcasts(id)`.execute(db);
  await sql`create index sms_broadcasts_resend_idx on sms_broadcasts (resend_of) where resend_of is not null`.execute(db);
  await sql`update sms_messages set submitted_at = coalesce(finished_at, created_at) where submitted_at is null and segments > 0`.execute(db);
  await sql`create index sms_messages_submitted_idx on sms_messages (submitted_at) include (org_id, segments, state) where submitted_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists sms_messages_submitted_idx`.execute(db);
  await sql`drop index if exists sms_broadcasts_resend_idx`.execute(db);
  await sql`alter table sms_broadcasts drop column if exists resend_of`.execute(db);
}
