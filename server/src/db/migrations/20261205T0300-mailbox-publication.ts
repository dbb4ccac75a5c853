/**
 * 部长信箱, publication (issue 11 item 1): with the writer's consent an answered letter and its answer are published,
 * redacted — the writer's name and personal details removed and the text edited by staff — with a SHA-256
 * fingerprint of what was published. Withdrawing keeps the row (unpublished_at) for the record.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table mailbox_letters
    add column published_title text, add column published_body text, add column published_answer text,
    add column published_at timestamptz, add column published_by bigint references accounts(id),
    add column fingerprint text, add column unpublished_at timestamptz`.execute(db);
  await sql`create index mailbox_letters_published_idx on mailbox_letters (published_at desc, id desc) where published_at is not null and unpublished_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index mailbox_letters_published_idx`.execute(db);
  await sql`alter table mailbox_letters drop column published_title, drop column published_body, drop column published_answer,
    drop column published_at, drop column published_by, drop column fingerprint, drop column unpublished_at`.execute(db);
}
