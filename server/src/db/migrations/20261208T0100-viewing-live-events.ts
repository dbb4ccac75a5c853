/**
 * Issue 12 item 3 (F-72): a viewing session (集中收看) can be of a live event (直播课堂, learning_live_events) as well
 * as of a lesson. Written by the viewings module only; the event is read through the learning module's queries.
 *
 * - `viewing_sessions.live_event_id`: the live event watched together; a session is of a lesson or of a live event,
 *   never both (check constraint). `live_title` stays: the free-text name of a broadcast sessions used before events
 *   existed (old rows, and sessions of something the platform does not carry).
 * - `viewing_sessions.lesson_id` gets the foreign key its comment promised once courses merged. It is added NOT VALID:
 *   new and changed rows are checked, rows written before (when any bigint was accepted) are left as they are.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table viewing_sessions add column live_event_id bigint references learning_live_events(id)`.execute(db);
  await sql`alter table viewing_sessions add constraint viewing_sessions_one_source check (lesson_id is null or live_event_id is null)`.execute(db);
  await sql`alter table viewing_sessions add constraint viewing_sessions_lesson_fk foreign key (lesson_id) references learning_lessons(id) not valid`.execute(db);
  await sql`create index viewing_sessions_live_event on viewing_sessions (live_event_id) where live_event_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index viewing_sessions_live_event`.execute(db);
  await sql`alter table viewing_sessions drop constraint viewing_sessions_lesson_fk`.execute(db);
  await sql`alter table viewing_sessions drop constraint viewing_sessions_one_source`.execute(db);
  await sql`alter table viewing_sessions drop column live_event_id`.execute(db);
}
