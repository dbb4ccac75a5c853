/**
 * What other modules call (a table is written by one module): lessons (learning) and news episodes refer to
 * `media_assets.id`; when they publish public content they make its video public (docs/media.md, "For other modules").
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Db } from '../../platform/jobs/types.js';
import type { MediaVisibility } from '../../db/tables/media.js';
import { appendAudit } from '../../platform/audit.js';
import { sourcesOf } from './media.service.js';
import { forgetAccess } from './media.access.js';

/** An asset as a player needs it, or null when it does not exist or was deleted. */
export async function mediaForPlayer(db: Db, id: string) {
  const r = await db.selectFrom('media_assets').select(['id', 'kind', 'title', 'status', 'visibility', 'duration_seconds', 'hls_key', 'mp4_key', 'poster_key', 'original_key'])
    .where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!r) return null;
  return { id: r.id, kind: r.kind, title: r.title, status: r.status, visibility: r.visibility, durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds), sources: sourcesOf(r) };
}

/**
 * Sets an asset's visibility in the caller's transaction (publishing a lesson or an episode), with an audit row.
 * The caller has checked its own permission on its content.
 */
export async function setMediaVisibility(trx: Transaction<DB>, id: string, visibility: MediaVisibility, by: { accountId: string; name: string; ip?: string | null }, now: Date) {
  const a = await trx.selectFrom('media_assets as m').innerJoin('orgs as o', 'o.id', 'm.org_id').select(['m.id', 'm.visibility', 'o.path'])
    .where('m.id', '=', id).where('m.deleted_at', 'is', null).executeTakeFirst();
  if (!a || a.visibility === visibility) return;
  await trx.updateTable('media_assets').set({ visibility, updated_at: now }).where('id', '=', id).execute();
  await appendAudit(trx, { actorId: by.accountId, actorName: by.name, action: 'media.update', entityType: 'media_asset', entityId: id, orgPath: a.path, ip: by.ip ?? null, before: { visibility: a.visibility }, after: { visibility } }, now);
  forgetAccess(id);
}
