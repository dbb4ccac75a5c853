/**
 * Issue 11, item 2 (F-41, second half): questions from the public under a published disclosure, and the organization's
 * answers (docs/disclosures.md, "Questions from the public").
 *
 * - `disclosure_questions`: one per question, under an item (`item_id`; the item's organization decides, answers and
 *   moderates through the item, so no organization id or path is copied). The asker's phone was verified by SMS code:
 *   kept encrypted with a blind index and a mask, as every phone; the optional name the same way (the public sees
 *   only the mask). `state`: held (every question waits for moderation) → published, or rejected (never public).
 *   The answer: `answer_state` null (none yet) → held (a listed word matched: waiting for moderation) or published;
 *   a rejected answer (`answer_state` rejected) may be replaced. A published answer is final.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table disclosure_questions (
  id bigint generated always as identity primary key,
  item_id bigint not null references disclosure_items(id),
  body text not null check (char_length(body) between 1 and 500),
  asker_name_enc bytea,
  asker_name_masked text,
  phone_enc bytea not null,
  phone_bidx text not null,
  phone_masked text not null,
  state text not null default 'held' check (state in ('held', 'published', 'rejected')),
  reject_reason text,
  published_at timestamptz,
  answer text check (char_length(answer) between 1 and 2000),
  answer_state text check (answer_state in ('held', 'published', 'rejected')),
  answer_reject_reason text,
  answered_by bigint references accounts(id),
  answered_by_name text,
  answered_at timestamptz,
  answer_published_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((answer is null) = (answer_state is null)),
  check (answer is null or state = 'published')
)`.execute(db);
  await sql`create index disclosure_questions_item_idx on disclosure_questions (item_id, id desc)`.execute(db);
  await sql`create index disclosure_questions_public_idx on disclosure_questions (item_id, id desc) where state = 'published'`.execute(db);
  await sql`create index disclosure_questions_phone_idx on disclosure_questions (phone_bidx, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table disclosure_questions`.execute(db);
}
