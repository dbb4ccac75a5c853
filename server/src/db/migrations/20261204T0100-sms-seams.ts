/**
 * Issue 10: the seams through which other modules (surveys, emergency mobilization) send and hear by SMS, all in
 * the SMS module's tables (docs/sms.md, "For other modules").
 *
 * - Reply extensions (扩展码): a broadcast or transactional message may carry `reply_ext`, digits appended to the
 *   link's source number. A reply to it comes to that number + extension, and `sms_inbound.reply_ext` keeps the
 *   extension it came to, so a survey knows its replies even when one person has several open. Extensions come
 *   from one sequence (`sms_reply_ext_seq`), so two owners never share one.
 * - Sourced broadcasts: `sms_broadcasts.source` names a recipient source another module declared (the invitees of
 *   a survey that have not replied); the resolve job takes the recipients and their texts from it. `label` is what
 *   the broadcast list shows instead of the text's start (问卷调查：…).
 * - Handled replies: `sms_inbound.handled_by` names the module that took a reply as its own (a survey answer, an
 *   emergency confirmation), and `handled_note` says what it became; the inbox shows it.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence sms_reply_ext_seq start with 10`.execute(db);
  await sql`alter table sms_broadcasts add column reply_ext text, add column source text, add column label text`.execute(db);
  await sql`alter table sms_messages add column reply_ext text`.execute(db);
  await sql`alter table sms_messages drop constraint sms_messages_purpose_check`.execute(db);
  await sql`alter table sms_messages add constraint sms_messages_purpose_check check (purpose in ('login_code', 'survey', 'emergency', 'notice'))`.execute(db);
  await sql`alter table sms_inbound add column reply_ext text, add column handled_by text, add column handled_note text`.execute(db);
}
