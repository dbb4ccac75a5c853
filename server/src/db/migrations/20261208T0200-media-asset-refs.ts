/**
 * Media assets referred to by foreign keys: a video lesson's `learning_lessons.media_asset_id` and a news TV episode's
 * `news_tv_episodes.media_asset_id` now reference `media_assets(id)`. Those columns were plain ids typed into a form;
 * the media module's `videoForUse` now checks them on every write. An asset row is never removed (deletion marks
 * `deleted_at`), so the keys never block a deletion. (`learning_live_events.source_asset_id` is left for now: its
 * check constraint wants exactly one source, so an unknown id could not simply be nulled; its writes have always
 * checked the asset.)
 *
 * Existing data: an id no asset has (typed by hand before the check existed) is set to null before the key is added;
 * a lesson or episode that also has a `video_url` keeps playing that, one without shows no video until staff pick one.
 * The demo data refers to no asset (its episodes and lessons have null ids or a video_url).
 */
import { sql, type Kysely } from 'kysely';

const REFS = [
  { table: 'learning_lessons', column: 'media_asset_id', name: 'learning_lessons_media_asset_fk' },
  { table: 'news_tv_episodes', column: 'media_asset_id', name: 'news_tv_episodes_media_asset_fk' },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const r of REFS) {
    const t = sql.table(r.table);
    const c = sql.ref(r.column);
    await sql`update ${t} set ${c} = null where ${c} is not null and not exists (select 1 from media_assets m where m.id = ${sql.ref(`${r.table}.${r.column}`)})`.execute(db);
    await sql`alter table ${t} add constraint ${sql.id(r.name)} foreign key (${c}) references media_assets(id)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const r of REFS) await sql`alter table ${sql.table(r.table)} drop constraint ${sql.id(r.name)}`.execute(db);
}
