/**
 * 干部工作: the objector's name gets a mask beside its ciphertext (`赵**`), so that the staff's list of objections
 * shows the name masked without decrypting it; the full name and phone are decrypted only by the audited reveal
 * (POST /api/cadres/objections/{id}/reveal, the one reveal rule; docs/cadres.md). Rows lodged before this migration
 * keep a null mask: the list says only that the objection is signed.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cadre_objections add column name_masked text`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cadre_objections drop column name_masked`.execute(db);
}
