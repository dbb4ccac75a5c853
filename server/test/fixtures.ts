/** Ids of demo-data records that tests reach for: one of each kind inside Hangzhou and inside Ningbo. */
import { sql } from 'kysely';
import type { AppContext } from '../src/platform/context.js';

export interface DemoFixtures {
  hangzhou: { id: string; path: string };
  ningbo: { id: string; path: string };
  hzBranch: string;
  nbBranch: string;
  hzMember: string;
  nbMember: string;
  memberAccount: string;
}

export async function demoFixtures(ctx: AppContext): Promise<DemoFixtures> {
  const city = async (name: string) => ctx.db.selectFrom('orgs').select(['id', 'path']).where('name', '=', name).executeTakeFirstOrThrow();
  const hangzhou = await city('杭州市委');
  const ningbo = await city('宁波市委');
  const branchWithMembers = async (prefix: string) => {
    const r = await sql<{ id: string }>`select o.id from orgs o where o.path like ${`${prefix}%`} and o.type = 'branch' and o.status = 'active'
      and exists (select 1 from members m where m.org_id = o.id) order by o.id limit 1`.execute(ctx.db);
    return r.rows[0].id;
  };
  const memberIn = async (prefix: string) =>
    (await ctx.db.selectFrom('members').select('id').where('org_path', 'like', `${prefix}%`).where('mobile_enc', 'is not', null).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
  const account = await ctx.db.selectFrom('accounts').select('id').where('username', '=', 'demo-member').executeTakeFirstOrThrow();
  return {
    hangzhou, ningbo,
    hzBranch: await branchWithMembers(hangzhou.path), nbBranch: await branchWithMembers(ningbo.path),
    hzMember: await memberIn(hangzhou.path), nbMember: await memberIn(ningbo.path),
    memberAccount: account.id,
  };
}
