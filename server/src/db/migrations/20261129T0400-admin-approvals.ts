/**
 * Three-admin separation (三员分立) held by the database, and two-person approval of changes to the
 * security and audit administrators (issue 7, item 3).
 *
 * 1. `dj_role_grants_separation()`: before a role grant is written, the account's row is locked and
 *    the grant is refused when the account already holds a different one of the three administrator
 *    roles. The lock serializes concurrent grants to one account, so two parallel requests granting
 *    two different administrator roles cannot both pass the check (each sees the other's committed
 *    row once it holds the lock). SQLSTATE DJ001 lets the service answer with its Chinese message.
 *
 * 2. `admin_requests`: a change that needs a second administrator (granting or revoking the
 *    security or audit administrator role, resetting the password of or disabling an account that
 *    holds one) is stored here by the requester and applied only when a different administrator
 *    approves it before `expires_at`. `org_id` is where the request belongs for scoping (the grant's
 *    organization); no organization path is copied. `password_hash` holds the argon2id hash of a
 *    requested password (never the password) and is cleared once the request is decided.
 *
 * Never edit once it has landed.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
create function dj_role_grants_separation() returns trigger language plpgsql as $$
begin
  if new.role in ('sysadmin', 'secadmin', 'auditor') then
    perform 1 from accounts where id = new.account_id for update;
    if exists (
      select 1 from role_grants g
      where g.account_id = new.account_id and g.role in ('sysadmin', 'secadmin', 'auditor') and g.role <> new.role and g.id is distinct from new.id
    ) then
      raise exception using errcode = 'DJ001', message = 'role.separation: an account may hold only one administrator role';
    end if;
  end if;
  return new;
end
$$`.execute(db);
  await sql`create trigger role_grants_separation before insert or update of role, account_id on role_grants for each row execute function dj_role_grants_separation()`.execute(db);

  await sql`
create table admin_requests (
  id bigint generated always as identity primary key,
  action text not null check (action in ('role.grant', 'role.revoke', 'account.reset_password', 'account.disable')),
  account_id bigint not null references accounts(id),
  role text,
  org_id bigint not null references orgs(id),
  grant_id bigint,
  password_hash text,
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'cancelled', 'expired')),
  requested_by bigint not null references accounts(id),
  requested_at timestamptz not null,
  expires_at timestamptz not null,
  decided_by bigint references accounts(id),
  decided_at timestamptz,
  check (requested_by is distinct from decided_by)
)`.execute(db);
  await sql`create index admin_requests_status_idx on admin_requests (status, id)`.execute(db);
  await sql`create index admin_requests_account_idx on admin_requests (account_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table admin_requests`.execute(db);
  await sql`drop trigger role_grants_separation on role_grants`.execute(db);
  await sql`drop function dj_role_grants_separation()`.execute(db);
}
