/**
 * Disclosures keep their published history when the working copy changes (docs/disclosures.md):
 *
 * - `disclosure_attachments.first_version`: the first published version that carries the file (null: uploaded since
 *   the last publication, part of the working copy only, not public). `removed_at` / `removed_by` / `last_version`: a
 *   file deleted from the working copy after it was published stays on record for the versions
 *   `first_version`…`last_version` (the item's version when it was deleted); a file never published is deleted
 *   outright. So a version shows the files it was published with, and deleting one from an item being edited leaves
 *   no gap in the published history. Files of items published before this migration were shown with every version:
 *   they get `first_version` 1, so every version still shows them.
 * - `disclosure_answer_versions`: every publication of the organization's answer to a public question, like
 *   `disclosure_versions` (never updated or deleted): a correction of a published answer is moderated and published
 *   like the answer, as the next version, and the earlier ones stay public as 原答复. `disclosure_questions.answer_version`
 *   counts them; the `answer*` columns keep the latest submitted text and its state (held, published or rejected).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table disclosure_attachments
    add column first_version integer,
    add column last_version integer,
    add column removed_at timestamptz,
    add column removed_by bigint references accounts(id),
    add constraint disclosure_attachments_removed_check check ((removed_at is null) = (last_version is null) and (last_version is null or last_version >= first_version))`.execute(db);
  await sql`update disclosure_attachments a set first_version = 1 from disclosure_items i where i.id = a.item_id and i.version > 0`.execute(db);

  await sql`
create table disclosure_answer_versions (
  question_id bigint not null references disclosure_questions(id),
  version integer not null check (version >= 1),
  text text not null check (char_length(text) between 1 and 2000),
  answered_by_name text not null,
  published_at timestamptz not null,
  primary key (question_id, version)
)`.execute(db);
  await sql`alter table disclosure_questions add column answer_version integer not null default 0`.execute(db);
  await sql`insert into disclosure_answer_versions (question_id, version, text, answered_by_name, published_at)
    select id, 1, answer, coalesce(answered_by_name, ''), coalesce(answer_published_at, answered_at, updated_at) from disclosure_questions where answer_state = 'published'`.execute(db);
  await sql`update disclosure_questions set answer_version = 1 where answer_state = 'published'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table disclosure_questions drop column answer_version`.execute(db);
  await sql`drop table disclosure_answer_versions`.execute(db);
  await sql`alter table disclosure_attachments drop constraint disclosure_attachments_removed_check,
    drop column first_version, drop column last_version, drop column removed_at, drop column removed_by`.execute(db);
}
