/**
 * Transfers stop keeping copies of organization paths. `from_org_path` / `to_org_path` were written when a transfer
 * was created and never again, so after a subtree move the old owner kept deciding (and reading) and the member
 * could end on a path that matched no organization. Sides are now decided from the current `orgs` rows through
 * `from_org_id` / `to_org_id` at every step (transfers.repository.ts joins them).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
alter table transfers drop column from_org_path;
alter table transfers drop column to_org_path;
alter table transfers add constraint transfers_destination_org check ((destination = 'platform') = (to_org_id is not null));
create index transfers_from_org_idx on transfers (from_org_id, id);
create index transfers_to_org_idx on transfers (to_org_id, id) where to_org_id is not null;
`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
drop index transfers_to_org_idx;
drop index transfers_from_org_idx;
alter table transfers drop constraint transfers_destination_org;
alter table transfers add column from_org_path text, add column to_org_path text;
update transfers t set from_org_path = o.path from orgs o where o.id = t.from_org_id;
update transfers t set to_org_path = o.path from orgs o where o.id = t.to_org_id;
alter table transfers alter column from_org_path set not null;
create index transfers_from_path_idx on transfers (from_org_path text_pattern_ops, id);
create index transfers_to_path_idx on transfers (to_org_path text_pattern_ops, id);
`).execute(db);
}
