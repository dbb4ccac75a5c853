/**
 * Demo accounts, one per role a visitor wants to try, all with the published password `Demo#2026`
 * and is_demo set, so that the platform can refuse them in production and label them in the UI.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { hashPassword } from '../platform/passwords.js';
import type { DemoTree } from './demo-orgs.js';

export const DEMO_PASSWORD = 'Demo#2026';
/** Every username insertDemoAccounts() can create (demo-member only when the demo branch has a member). */
export const DEMO_USERNAMES = ['demo-province', 'demo-hangzhou', 'demo-ningbo', 'demo-secretary', 'demo-member', 'demo-sysadmin', 'demo-secadmin', 'demo-auditor'] as const;
export const DEMO_SECRETARY_NAME = '王建华（演示）';

type Role = 'org_admin' | 'branch_secretary' | 'member' | 'sysadmin' | 'secadmin' | 'auditor';

interface AccountSpec {
  username: string;
  displayName: string;
  kind: 'staff' | 'member';
  role: Role;
  orgId: string;
  memberId?: string;
}

export async function insertDemoAccounts(db: Kysely<DB>, tree: DemoTree): Promise<string[]> {
  const root = tree.root.id;
  const hangzhou = tree.cities.get('330100')!.id;
  const ningbo = tree.cities.get('330200')!.id;
  const branch = tree.secretaryBranch;

  // A real member of the secretary's branch in good standing, so that the member centre shows a full record.
  const member = await db
    .selectFrom('members')
    .select(['id', 'name'])
    .where('org_id', '=', branch.id)
    .where('standing', '=', 'normal')
    .where('lost_contact', '=', false)
    .orderBy('id')
    .executeTakeFirst();

  await db.updateTable('orgs').set({ secretary_name: DEMO_SECRETARY_NAME }).where('id', '=', branch.id).execute();

  const specs: AccountSpec[] = [
    { username: 'demo-province', displayName: '省委组织部 演示用户', kind: 'staff', role: 'org_admin', orgId: root },
    { username: 'demo-hangzhou', displayName: '杭州市委组织部 演示用户', kind: 'staff', role: 'org_admin', orgId: hangzhou },
    { username: 'demo-ningbo', displayName: '宁波市委组织部 演示用户', kind: 'staff', role: 'org_admin', orgId: ningbo },
    { username: 'demo-secretary', displayName: DEMO_SECRETARY_NAME, kind: 'staff', role: 'branch_secretary', orgId: branch.id },
    { username: 'demo-sysadmin', displayName: '系统管理员 演示用户', kind: 'staff', role: 'sysadmin', orgId: root },
    { username: 'demo-secadmin', displayName: '安全管理员 演示用户', kind: 'staff', role: 'secadmin', orgId: root },
    { username: 'demo-auditor', displayName: '审计管理员 演示用户', kind: 'staff', role: 'auditor', orgId: root },
  ];
  // Only a load with no members at all (members: 0) leaves the branch empty; then there is no member account.
  if (member) {
    specs.splice(4, 0, { username: 'demo-member', displayName: member.name, kind: 'member', role: 'member', orgId: branch.id, memberId: member.id });
  }
  // Each account gets its own salt; argon2 runs on libuv's pool, so hashing in parallel is cheap.
  const hashes = await Promise.all(specs.map(() => hashPassword(DEMO_PASSWORD)));

  const accounts = await db
    .insertInto('accounts')
    .values(specs.map((s, i) => ({
      username: s.username,
      display_name: s.displayName,
      kind: s.kind,
      member_id: s.memberId ?? null,
      password_hash: hashes[i],
      is_demo: true,
    })))
    .returning(['id', 'username'])
    .execute();
  const idOf = new Map(accounts.map((a) => [a.username, a.id]));

  await db
    .insertInto('password_history')
    .values(specs.map((s, i) => ({ account_id: idOf.get(s.username)!, password_hash: hashes[i] })))
    .execute();
  await db
    .insertInto('role_grants')
    .values(specs.map((s) => ({ account_id: idOf.get(s.username)!, role: s.role, org_id: s.orgId })))
    .execute();
  return specs.map((s) => s.username);
}
