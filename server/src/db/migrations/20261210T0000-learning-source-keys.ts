/**
 * The last two references into the learning and media tables that the database did not check:
 *
 * - `learning_live_events.source_asset_id` (a live event played from an uploaded recording) now references
 *   `media_assets(id)`, as the lessons' and TV episodes' asset ids do since 20261208T0200. The event's check constraint
 *   wants exactly one source, so an unknown id cannot be nulled; the event writes have always checked the asset and an
 *   asset row is never removed, so none is expected. The key is added NOT VALID and then validated when no row breaks
 *   it; a database holding such a row (edited by hand) keeps the key unvalidated — new and changed rows are checked —
 *   and the migration says which events to correct.
 * - `viewing_sessions.lesson_id`'s key (added NOT VALID by 20261208T0100 for rows written when any id was accepted) is
 *   validated. A session naming a lesson that does not exist loses only that dangling id: its title, time, roll call and
 *   credits stay, and it shows as a session of no lesson, as a free-title session does.
 *
 * Validating takes a SHARE UPDATE EXCLUSIVE lock: reads and writes of the tables go on while it scans.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update viewing_sessions s set lesson_id = null where lesson_id is not null and not exists (select 1 from learning_lessons l where l.id = s.lesson_id)`.execute(db);
  await sql`alter table viewing_sessions validate constraint viewing_sessions_lesson_fk`.execute(db);

  await sql`alter table learning_live_events add constraint learning_live_events_source_asset_fk foreign key (source_asset_id) references media_assets(id) not valid`.execute(db);
  const orphans = await sql<{ id: string }>`
    select e.id from learning_live_events e
    where e.source_asset_id is not null and not exists (select 1 from media_assets m where m.id = e.source_asset_id)
    order by e.id`.execute(db);
  if (orphans.rows.length === 0) {
    await sql`alter table learning_live_events validate constraint learning_live_events_source_asset_fk`.execute(db);
  } else {
    console.warn(`learning_live_events ${orphans.rows.map((r) => r.id).join(', ')}: source_asset_id names no media asset; `
      + 'learning_live_events_source_asset_fk stays NOT VALID until each is given a source and it is validated by hand');
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table learning_live_events drop constraint learning_live_events_source_asset_fk`.execute(db);
  // The lesson key stays: it existed before this migration, and validation cannot be undone (nor needs to be).
}
