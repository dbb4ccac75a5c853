/**
 * 部长信箱 (F-30, F-31; issue 11 item 1): letters from the public to the organization-department heads of the province
 * and of each city (docs/mailbox.md).
 *
 * - `mailbox_letters`: one per letter. `mailbox_org_id` is the organization whose head's mailbox it is (the province's
 *   or a city's committee). The writer's phone was verified by SMS code: kept encrypted with a blind index and a mask,
 *   as every phone; the name is optional and kept the same way. `tracking_code` (查询码) is random and unique.
 *   States: held (a sensitive word: waiting for moderation) → received → handling (accepted: a follow-up item, source
 *   `mailbox.letter`, carries the forwarding, deadlines and escalation) → answered; or declined (duplicate, not ours,
 *   invalid) with a reason the writer is told. The answer is drafted and approved by two different people.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create table mailbox_letters (
  id bigint generated always as identity primary key,
  tracking_code text not null unique,
  mailbox_org_id bigint not null references orgs(id),
  category text not null check (category in ('suggestion', 'consultation', 'complaint', 'help', 'other')),
  title text not null check (char_length(title) between 1 and 100),
  body text not null check (char_length(body) between 1 and 5000),
  writer_name_enc bytea,
  writer_name_masked text,
  phone_enc bytea not null,
  phone_bidx text not null,
  phone_masked text not null,
  consent_publish boolean not null default false,
  state text not null default 'received' check (state in ('held', 'received', 'handling', 'declined', 'answered')),
  decline_kind text check (decline_kind in ('duplicate', 'not_ours', 'invalid')),
  decline_note text,
  duplicate_of bigint references mailbox_letters(id),
  followup_item_id bigint references followup_items(id),
  answer_draft text,
  drafted_by bigint references accounts(id),
  drafted_at timestamptz,
  answer text,
  approved_by bigint references accounts(id),
  answered_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null
)`.execute(db);
  await sql`create index mailbox_letters_mailbox_idx on mailbox_letters (mailbox_org_id, id desc)`.execute(db);
  await sql`create index mailbox_letters_phone_idx on mailbox_letters (phone_bidx, id desc)`.execute(db);
  await sql`create index mailbox_letters_state_idx on mailbox_letters (state, id desc)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table mailbox_letters`.execute(db);
}
