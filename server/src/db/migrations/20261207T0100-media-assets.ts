/**
 * 视频和文件资源 (F-70, issue 12; docs/media.md): `media_assets`, one row per uploaded video or document, written only
 * by the media module. The files live under MEDIA_DIR/<id>/ (src/ the upload, out/ what is served); the row holds
 * their keys (paths relative to MEDIA_DIR), the upload's offset while it is resumable, and the transcoding state.
 * The owning organization is `org_id` (joined to `orgs.path` for scope; no path copy). Lessons and news episodes
 * refer to `media_assets.id`; an asset is never deleted outright (`deleted_at`), so those references stay valid.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table media_assets (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('video', 'document')),
  title text not null check (char_length(title) between 1 and 200),
  file_name text not null check (char_length(file_name) between 1 and 255),
  mime text not null,
  org_id bigint not null references orgs(id),
  uploaded_by bigint not null references accounts(id),
  visibility text not null default 'staff' check (visibility in ('public', 'members', 'staff')),
  status text not null default 'uploading' check (status in ('uploading', 'processing', 'ready', 'failed')),
  error text,
  progress integer not null default 0 check (progress between 0 and 100),
  size_bytes bigint not null check (size_bytes > 0),
  received_bytes bigint not null default 0 check (received_bytes between 0 and size_bytes),
  duration_seconds numeric(10, 2),
  width integer,
  height integer,
  original_key text,
  hls_key text,
  mp4_key text,
  poster_key text,
  renditions jsonb not null default '[]',
  job_id bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  deleted_by bigint references accounts(id)
)`.execute(db);
  await sql`create index media_assets_org_idx on media_assets (org_id, id desc) where deleted_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table media_assets`.execute(db);
}
