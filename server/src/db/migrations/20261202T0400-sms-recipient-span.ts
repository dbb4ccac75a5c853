/**
 * Issue 9 (polish): paging a broadcast's recipients without reading the messages of every earlier broadcast.
 *
 * The recipient list and the failures export page by message id (`broadcast_id = $1 … and id > $cursor order by id
 * limit n`). PostgreSQL answered that with the primary key from the first id and threw away every row of other
 * broadcasts on the way: on a scratch database of five broadcasts of 200,000 recipients, the first page of the
 * third read 400,000 rows to return 51 (and would read the whole table's history, tens of millions of rows over the
 * years, for a new broadcast). A broadcast's messages are all written by its resolve job, so their ids lie between
 * two numbers fixed then: `first_message_id` and `last_message_id`, kept on the broadcast, bound the same scan to the
 * broadcast's own span (51 rows read for 51 returned). No index is added on sms_messages, whose every state change
 * writes an entry in each of its indexes (docs/sms.md, "Paging recipients").
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sms_broadcasts add column first_message_id bigint, add column last_message_id bigint`.execute(db);
  await sql`
    update sms_broadcasts b set first_message_id = s.lo, last_message_id = s.hi
    from (select broadcast_id, min(id) as lo, max(id) as hi from sms_messages where broadcast_id is not null group by broadcast_id) s
    where s.broadcast_id = b.id`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sms_broadcasts drop column first_message_id, drop column last_message_id`.execute(db);
}
