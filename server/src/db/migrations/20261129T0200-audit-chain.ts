/**
 * The audit trail becomes append-only and its chain moves out of the writers' way (issue 7 item 8).
 *
 * - `audit_log` keeps the rows as they were written; its legacy `prev_hash`/`hash` columns (an unkeyed SHA-256
 *   chain in id order) become nullable and are no longer filled. The audited transaction now only INSERTs.
 * - An AFTER INSERT trigger queues every new row in `audit_pending`, in the same transaction: the row becomes
 *   visible to the sequencer only when it commits.
 * - The sequencer (platform/audit.ts) moves committed rows from `audit_pending` into `audit_chain`, giving each
 *   the next gapless position `seq` and a keyed hash (HMAC-SHA256 with a key kept outside the database) over the
 *   row's content, its position and the previous position's hash. Positions follow the order in which rows are
 *   found committed, so a long transaction that commits late is chained late, never out of order.
 * - Rows already in `audit_log` are queued here and chained by the first sequencer run after the upgrade.
 * - `audit_log` and `audit_chain` refuse UPDATE, DELETE and TRUNCATE for everyone whose triggers run (the
 *   application's connection included), on PGlite and on PostgreSQL.
 *
 * Never edit once it has landed.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
alter table audit_log alter column prev_hash drop not null, alter column hash drop not null;

create table audit_pending (
  audit_id bigint primary key references audit_log (id)
);

create table audit_chain (
  seq bigint primary key check (seq > 0),
  audit_id bigint not null references audit_log (id),
  prev_hash text not null,
  hash text not null,
  chained_at timestamptz not null default now()
);
create unique index audit_chain_audit_id_key on audit_chain (audit_id);

insert into audit_pending (audit_id) select id from audit_log order by id;

create function dj_audit_enqueue() returns trigger language plpgsql as $$
begin
  insert into audit_pending (audit_id) values (new.id);
  return null;
end $$;
create trigger audit_log_enqueue after insert on audit_log for each row execute function dj_audit_enqueue();

create function dj_audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception '审计记录只能追加，不能修改或删除 (% on %)', tg_op, tg_table_name using errcode = '42501';
end $$;
create trigger audit_log_append_only before update or delete on audit_log for each row execute function dj_audit_append_only();
create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function dj_audit_append_only();
create trigger audit_chain_append_only before update or delete on audit_chain for each row execute function dj_audit_append_only();
create trigger audit_chain_no_truncate before truncate on audit_chain for each statement execute function dj_audit_append_only();
`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
drop trigger audit_log_enqueue on audit_log;
drop trigger audit_log_append_only on audit_log;
drop trigger audit_log_no_truncate on audit_log;
drop table audit_chain, audit_pending;
drop function dj_audit_enqueue(), dj_audit_append_only();
`.execute(db);
}
