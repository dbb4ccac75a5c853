/** All SQL of the transfers module. Lists are filtered by the actor's subtrees in the WHERE clause. */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { DB, OrgRow } from '../../db/schema.js';
import type { TransfersTable } from '../../db/tables/transfers.js';
import { escapeLike, scopeFilter } from '../../platform/actor.js';

type Db = Kysely<DB> | Transaction<DB>;
/**
 * A transfer with the CURRENT paths of its two organizations, read from `orgs` at every load: a subtree move
 * changes who decides each step at once (no copied path to go stale).
 */
export type TransferRow = Selectable<TransfersTable> & { from_org_path: string; to_org_path: string | null; to_org_status: string | null };
export const OPEN_STATES = ['applied', 'out_review', 'in_review', 'returned'] as const;

export interface TransferFilter {
  /** Subtrees where the actor holds transfer.read. */
  scope: string[];
  direction?: 'outgoing' | 'incoming';
  state?: TransferRow['state'];
  nameContains?: string;
  /**
   * Only transfers waiting for a step of the actor's side (待本方办理): outgoing ones in
   * applied / out_review / returned and incoming ones in in_review, within these subtrees
   * (where the actor holds transfer.write).
   */
  pendingScope?: string[];
}

/** Transfers joined to their organizations' current rows. */
function withOrgs(db: Db) {
  return db.selectFrom('transfers as t')
    .innerJoin('orgs as fo', 'fo.id', 't.from_org_id')
    .leftJoin('orgs as tto', 'tto.id', 't.to_org_id');
}
const ORG_COLUMNS = ['fo.path as from_org_path', 'tto.path as to_org_path', 'tto.status as to_org_status'] as const;

/**
 * The sending side sees a transfer from the start; the receiving side only once it has been
 * forwarded to it (its own step), never the sending side's drafts.
 */
/** Transfers matching a list filter: each side's rows in SQL (the receiving side only once forwarded). */
function filtered(db: Db, f: TransferFilter) {
  let q = withOrgs(db).where((eb) => {
    const outgoing = scopeFilter(eb, 'fo.path', f.scope);
    const incoming = eb.and([scopeFilter(eb, 'tto.path', f.scope), eb('t.forwarded_at', 'is not', null)]);
    if (f.direction === 'outgoing') return outgoing;
    if (f.direction === 'incoming') return incoming;
    return eb.or([outgoing, incoming]);
  });
  if (f.state) q = q.where('t.state', '=', f.state);
  const pending = f.pendingScope;
  if (pending) {
    q = q.where((eb) => eb.or([
      eb.and([scopeFilter(eb, 'fo.path', pending), eb('t.state', 'in', ['applied', 'out_review', 'returned'])]),
      eb.and([scopeFilter(eb, 'tto.path', pending), eb('t.forwarded_at', 'is not', null), eb('t.state', '=', 'in_review')]),
    ]));
  }
  if (f.nameContains) q = q.where('t.member_name', 'like', `%${escapeLike(f.nameContains)}%`);
  return q;
}

export async function listTransfers(db: Db, f: TransferFilter, beforeId: string | undefined, limit: number): Promise<TransferRow[]> {
  let q = filtered(db, f).selectAll('t').select(ORG_COLUMNS);
  if (beforeId) q = q.where('t.id', '<', beforeId);
  return q.orderBy('t.id', 'desc').limit(limit).execute();
}

export async function countTransfers(db: Db, f: TransferFilter): Promise<number> {
  const r = await filtered(db, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return r.n;
}

export function findTransfer(db: Db, id: string): Promise<TransferRow | undefined> {
  return withOrgs(db).selectAll('t').select(ORG_COLUMNS).where('t.id', '=', id).executeTakeFirst();
}

/**
 * Loads and locks the row for the rest of the transaction, so two reviewers cannot both act, and share-locks its
 * two organization rows: a subtree move (which updates them) waits for this step to commit, or this step waits
 * for the move and then reads the moved paths. Either way the sides and the member's new path are current.
 */
export async function lockTransfer(trx: Transaction<DB>, id: string): Promise<TransferRow | undefined> {
  const t = await trx.selectFrom('transfers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!t) return undefined;
  const ids = t.to_org_id ? [t.from_org_id, t.to_org_id] : [t.from_org_id];
  const orgs = await trx.selectFrom('orgs').select(['id', 'path', 'status']).where('id', 'in', ids).orderBy('id').forShare().execute();
  const from = orgs.find((o) => String(o.id) === String(t.from_org_id))!;
  const to = t.to_org_id ? orgs.find((o) => String(o.id) === String(t.to_org_id)) : undefined;
  return { ...t, from_org_path: from.path, to_org_path: to?.path ?? null, to_org_status: to?.status ?? null };
}

export function openTransferOf(db: Db, memberId: string): Promise<{ id: string; letter_no: string } | undefined> {
  return db.selectFrom('transfers').select(['id', 'letter_no']).where('member_id', '=', memberId).where('state', 'in', OPEN_STATES).executeTakeFirst();
}

/** The next number of the year's letter sequence; atomic on PostgreSQL and PGlite alike. */
export async function nextLetterNumber(trx: Transaction<DB>, year: number): Promise<number> {
  const r = await sql<{ last_no: number }>`insert into transfer_letter_seq (year, last_no) values (${year}, 1)
    on conflict (year) do update set last_no = transfer_letter_seq.last_no + 1 returning last_no`.execute(trx);
  return r.rows[0].last_no;
}

export async function insertTransfer(trx: Transaction<DB>, values: Insertable<TransfersTable>): Promise<TransferRow> {
  const { id } = await trx.insertInto('transfers').values(values).returning('id').executeTakeFirstOrThrow();
  return (await findTransfer(trx, id))!;
}

export async function updateTransfer(trx: Transaction<DB>, id: string, values: Updateable<TransfersTable>): Promise<TransferRow> {
  await trx.updateTable('transfers').set(values).where('id', '=', id).execute();
  return (await findTransfer(trx, id))!;
}

type StepRow = Selectable<DB['transfer_steps']>;

export async function insertStep(trx: Transaction<DB>, s: { transferId: string; actorId: string; actorName: string; action: StepRow['action']; fromState: StepRow['from_state']; toState: StepRow['to_state']; comment: string | null; at: Date }): Promise<void> {
  await trx.insertInto('transfer_steps').values({
    transfer_id: s.transferId, actor_id: s.actorId, actor_name: s.actorName, action: s.action, from_state: s.fromState, to_state: s.toState, comment: s.comment, at: s.at,
  }).execute();
}

export function stepsOf(db: Db, transferId: string) {
  return db.selectFrom('transfer_steps').selectAll().where('transfer_id', '=', transferId).orderBy('id').limit(500).execute();
}

/**
 * Receiving branches for the destination picker: active branch-type organizations anywhere in
 * the province whose name or full name contains `q`. Deliberately not limited to the actor's
 * subtree (a member may move to any branch); only names leave this function.
 */
export function searchDestinations(db: Db, q: string, types: readonly OrgRow['type'][], limit: number) {
  const like = `%${escapeLike(q)}%`;
  return db.selectFrom('orgs as o').select(['o.id', 'o.name', 'o.full_name', 'o.path'])
    .where('o.status', '=', 'active')
    .where('o.type', 'in', [...types])
    .where((eb) => eb.or([eb('o.name', 'like', like), eb('o.full_name', 'like', like)]))
    .orderBy('o.depth')
    .orderBy('o.id')
    .limit(limit)
    .execute();
}

export function orgNames(db: Db, ids: string[]): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', ids).execute();
}
