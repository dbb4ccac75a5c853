/**
 * Recommendations and objections held by the sensitive-word filter wait in the moderation queue (safety module).
 * Approved, they count (a recommendation) or wait for an answer (an objection); rejected, they are kept as rejected
 * and neither count nor stop a confirmation.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { appendAudit } from '../../platform/audit.js';
import type { DecidedModerationItem } from '../safety/safety.moderation.js';

export async function onRecommendationModerated(_ctx: AppContext, trx: Transaction<DB>, item: DecidedModerationItem): Promise<void> {
  const r = await trx.selectFrom('cadre_recommendations as r').innerJoin('cadre_posts as p', 'p.id', 'r.post_id').innerJoin('cadre_batches as b', 'b.id', 'p.batch_id')
    .innerJoin('orgs as o', 'o.id', 'b.org_id').select(['r.id', 'r.state', 'o.path']).where('r.id', '=', item.refId).forUpdate('r').executeTakeFirst();
  if (!r || r.state !== 'held') return;
  const state = item.decision === 'approved' ? 'received' : 'rejected';
  await trx.updateTable('cadre_recommendations').set({ state }).where('id', '=', r.id).execute();
  await appendAudit(trx, {
    actorId: item.decidedById, actorName: 'moderation', action: 'cadre.recommendation.moderated', entityType: 'cadre_recommendation', entityId: r.id, orgPath: r.path,
    before: { state: 'held' }, after: { state, reason: item.reason },
  }, item.decidedAt);
}

export async function onObjectionModerated(_ctx: AppContext, trx: Transaction<DB>, item: DecidedModerationItem): Promise<void> {
  const r = await trx.selectFrom('cadre_objections as x').innerJoin('cadre_notices as n', 'n.id', 'x.notice_id').innerJoin('orgs as o', 'o.id', 'n.org_id')
    .select(['x.id', 'x.state', 'o.path']).where('x.id', '=', item.refId).forUpdate('x').executeTakeFirst();
  if (!r || r.state !== 'held') return;
  const state = item.decision === 'approved' ? 'received' : 'rejected';
  await trx.updateTable('cadre_objections').set({ state }).where('id', '=', r.id).execute();
  await appendAudit(trx, {
    actorId: item.decidedById, actorName: 'moderation', action: 'cadre.objection.moderated', entityType: 'cadre_objection', entityId: r.id, orgPath: r.path,
    before: { state: 'held' }, after: { state, reason: item.reason },
  }, item.decidedAt);
}
