/**
 * The inbox (issue 9, item 5): incoming messages as conversations per person (one row per phone) and per
 * organization (the sender's organization subtree, read off the current path of the organization the message
 * is filed under — no path is copied), and the assignment of unknown senders to a person by province staff.
 *
 * Scope is SQL: a message is visible when its organization lies in one of the caller's subtrees; messages
 * from numbers nobody has (no organization) only to staff whose scope is the province's root. Assigning is
 * theirs too: it needs sms.send at the root, since the unmatched inbox is theirs.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, escapeLike, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { conflict, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import type { PersonKind } from '../../db/tables/sms.js';
import type { Permission } from '../../platform/roles.js';
import type { AssignInput } from './sms.schema.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The province's root organization: unmatched messages are its staff's. */
async function provinceRoot(db: Db): Promise<{ id: string; path: string; name: string } | undefined> {
  return db.selectFrom('orgs').select(['id', 'path', 'name']).where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
}

/**
 * The province's root organization when `perm` is the actor's over the whole province (the root is one of the
 * subtrees of their scope), else null: province staff are the ones who see, answer and assign unmatched senders.
 */
export async function provinceStaffRoot(db: Db, actor: Actor, perm: Permission): Promise<{ id: string; path: string; name: string } | null> {
  const root = await provinceRoot(db);
  return root && scopePaths(actor, perm).includes(root.path) ? root : null;
}

export interface InboxView { unmatched?: boolean; orgId?: string }

/**
 * Which incoming messages a caller sees in a view: a predicate over an sms_inbound alias and its joined orgs
 * alias. The organization filter (`orgId`, checked against the caller's scope) narrows to that subtree and leaves
 * out the unmatched; `unmatched` shows only those (province staff).
 */
export async function inboxScope(ctx: AppContext, actor: Actor, q: InboxView): Promise<(i: string, o: string) => RawBuilder<boolean>> {
  const paths = scopePaths(actor, 'sms.read');
  const seesUnmatched = !!(await provinceStaffRoot(ctx.db, actor, 'sms.read'));
  if (q.unmatched) {
    if (!seesUnmatched) throw forbidden('forbidden.scope', '未匹配到人员的来信仅由省级工作人员处理');
    return (i) => sql<boolean>`${sql.ref(`${i}.org_id`)} is null`;
  }
  let within = paths;
  if (q.orgId) {
    const org = await ctx.db.selectFrom('orgs').select('path').where('id', '=', q.orgId).executeTakeFirst();
    if (!org) throw notFound('组织');
    authorize(actor, 'sms.read', org.path);
    within = [org.path];
  }
  const withUnmatched = seesUnmatched && !q.orgId;
  return (i, o) => {
    const inPaths = within.length ? sql.join(within.map((p) => sql`${sql.ref(`${o}.path`)} like ${`${escapeLike(p)}%`}`), sql` or `) : sql`false`;
    return withUnmatched ? sql<boolean>`(${inPaths} or ${sql.ref(`${i}.org_id`)} is null)` : sql<boolean>`(${inPaths})`;
  };
}

/** Names of the people behind (kind, id) pairs: members and village officials (both read only here). */
export async function personNames(db: Db, people: { kind: PersonKind | null; id: string | null }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = (k: PersonKind) => [...new Set(people.filter((p) => p.kind === k && p.id).map((p) => p.id!))];
  const [m, v] = [ids('member'), ids('official')];
  if (m.length) for (const r of await db.selectFrom('members').select(['id', 'name']).where('id', 'in', m).execute()) out.set(`member:${r.id}`, r.name);
  if (v.length) for (const r of await db.selectFrom('village_officials').select(['id', 'name']).where('id', 'in', v).execute()) out.set(`official:${r.id}`, r.name);
  return out;
}
export const personKey = (kind: PersonKind | null, id: string | null) => `${kind}:${id}`;

/**
 * 会话: one row per phone — its latest incoming message in the view, and how many it sent in the view — newest
 * first, paged by that message's id (keyset). A phone whose messages are filed under two organizations (a
 * person who moved) shows, to each caller, what that caller may see.
 */
export async function listConversations(ctx: AppContext, actor: Actor, q: InboxView & { cursor?: string; limit?: number }) {
  const limit = q.limit ?? 30;
  const visible = await inboxScope(ctx, actor, q);
  const { rows } = await sql<{
    id: string; phone_bidx: string; phone_masked: string; text: string; received_at: Date; person_kind: PersonKind | null; person_id: string | null;
    org_id: string | null; org_name: string | null; keyword: 'opt_out' | 'opt_in' | null;
  }>`
    select i.id, i.phone_bidx, i.phone_masked, i.text, i.received_at, i.person_kind, i.person_id, i.org_id, o.name as org_name, i.keyword
    from sms_inbound i left join orgs o on o.id = i.org_id
    where ${visible('i', 'o')}
      ${q.cursor ? sql`and i.id < ${q.cursor}` : sql``}
      and not exists (
        select 1 from sms_inbound j left join orgs jo on jo.id = j.org_id
        where j.phone_bidx = i.phone_bidx and j.id > i.id and ${visible('j', 'jo')})
    order by i.id desc
    limit ${limit + 1}`.execute(ctx.db);
  const page = rows.slice(0, limit);
  const bidxs = [...new Set(page.map((r) => r.phone_bidx))];
  const counts = new Map<string, number>();
  if (bidxs.length) {
    const { rows: c } = await sql<{ phone_bidx: string; n: string }>`
      select i.phone_bidx, count(*) as n from sms_inbound i left join orgs o on o.id = i.org_id
      where i.phone_bidx = any(${bidxs}::text[]) and ${visible('i', 'o')}
      group by i.phone_bidx`.execute(ctx.db);
    for (const r of c) counts.set(r.phone_bidx, Number(r.n));
  }
  const names = await personNames(ctx.db, page.map((r) => ({ kind: r.person_kind, id: r.person_id })));
  const items = page.map((r) => ({
    inboundId: r.id, phone: r.phone_masked, personKind: r.person_kind, personId: r.person_id, personName: names.get(personKey(r.person_kind, r.person_id)) ?? null,
    orgId: r.org_id, orgName: r.org_name, lastText: r.text, lastAt: new Date(r.received_at).toISOString(), keyword: r.keyword, incoming: counts.get(r.phone_bidx) ?? 1,
  }));
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.inboundId : null };
}

/**
 * 指派: province staff say who an unknown sender is. The person (a member on the rolls or a village official,
 * within the actor's scope) and their organization are set on this message and on every other unmatched message
 * from the same phone, in one audited transaction. Later messages from the phone match the same person
 * (sms.people.ts) unless the phone is by then on a member's or official's record. The person's own record is not
 * changed: recording the number there stays with the members and contacts screens.
 */
export async function assignInbound(ctx: AppContext, actor: Actor, inboundId: string, body: AssignInput) {
  if (!body.memberId === !body.officialId) {
    throw validationFailed([{ field: body.memberId ? 'officialId' : 'memberId', message: '请选择一名党员或一名村干部（只能选择一人）' }]);
  }
  const msg = await ctx.db.selectFrom('sms_inbound').select(['id', 'phone_bidx', 'phone_masked', 'org_id']).where('id', '=', inboundId).executeTakeFirst();
  if (!msg) throw notFound('来信');
  if (!(await provinceStaffRoot(ctx.db, actor, 'sms.send'))) throw forbidden('forbidden.scope', '您无权指派：未匹配到人员的来信仅由省级工作人员指派');
  if (msg.org_id !== null) throw conflict('sms.inbound_matched', '该来信已匹配到人员，不能再指派');
  const kind: 'member' | 'official' = body.memberId ? 'member' : 'official';
  const person = kind === 'member'
    ? await ctx.db.selectFrom('members as m').innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.name', 'm.org_id', 'm.departed_on', 'o.path', 'o.name as org_name']).where('m.id', '=', body.memberId!).executeTakeFirst()
    : await ctx.db.selectFrom('village_officials as v').innerJoin('orgs as o', 'o.id', 'v.org_id')
      .select(['v.id', 'v.name', 'v.org_id', sql<null>`null`.as('departed_on'), 'o.path', 'o.name as org_name']).where('v.id', '=', body.officialId!).executeTakeFirst();
  if (!person) throw notFound(kind === 'member' ? '党员' : '村干部');
  authorize(actor, 'sms.send', person.path);
  if (person.departed_on) throw validationFailed([{ field: 'memberId', message: '该党员已不在党员名册中，不能指派，请选择其他人员' }]);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const updated = await trx.updateTable('sms_inbound')
      .set({ person_kind: kind, person_id: person.id, org_id: person.org_id, assigned_by: actor.accountId, assigned_at: now })
      .where('phone_bidx', '=', msg.phone_bidx).where('org_id', 'is', null)
      .returning('id').execute();
    // Matched meanwhile (another staff member, or the number was just recorded): nothing of this is kept.
    if (!updated.some((u) => u.id === msg.id)) throw conflict('sms.inbound_matched', '该来信刚被他人指派或已匹配到人员，请刷新后查看');
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'sms.inbound.assign', entityType: 'sms_inbound', entityId: msg.id,
      orgPath: person.path, ip: actor.ip, before: { personId: null, orgId: null },
      after: { personKind: kind, personId: person.id, personName: person.name, orgId: person.org_id, orgName: person.org_name, phone: msg.phone_masked, messages: updated.map((u) => u.id).sort((a, b) => Number(a) - Number(b)) },
    }, now);
    return { personKind: kind, personId: person.id, personName: person.name, orgId: person.org_id, orgName: person.org_name, assigned: updated.length };
  });
}
