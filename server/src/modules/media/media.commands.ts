/**
 * What other modules call (a table is written by one module): lessons (learning) and news episodes refer to
 * `media_assets.id`; when they publish public content they make its video public (docs/media.md, "For other modules").
 */
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Db } from '../../platform/jobs/types.js';
import type { MediaVisibility } from '../../db/tables/media.js';
import { can, type Actor } from '../../platform/actor.js';
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

/** A video another module may refer to: what it may copy (the duration, when transcoding measured it). */
export interface UsableVideo { id: string; title: string; durationSeconds: number | null }

/**
 * Checks an asset for use as the video of a lesson, a live event's recording or a news TV episode (docs/media.md,
 * "For other modules"): it exists and is not deleted, lies in the actor's `media.read` scope (unless it is the one
 * the content already has: `current`), is a video, and its transcoding has finished (`ready`). An asset still
 * uploading or transcoding is refused like a failed one: only ready assets are served and the player has nothing
 * to play before. Answers the asset, or the reason in Chinese for a field error on `mediaAssetId`.
 */
export async function videoForUse(db: Db, actor: Actor, id: string, current?: string | null): Promise<{ video: UsableVideo } | { message: string }> {
  const a = /^[0-9]{1,18}$/.test(id)
    ? await db.selectFrom('media_assets as m').innerJoin('orgs as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.kind', 'm.title', 'm.status', 'm.progress', 'm.duration_seconds', 'm.deleted_at', 'o.path']).where('m.id', '=', id).executeTakeFirst()
    : undefined;
  // Another subtree's asset is answered like a missing one: its existence is not told.
  if (!a || a.deleted_at || (id !== current && !can(actor, 'media.read', a.path))) return { message: '所选视频不存在或已删除，请重新选择' };
  if (a.kind !== 'video') return { message: '所选资源不是视频，请选择视频资源' };
  if (a.status === 'failed') return { message: '该视频转码失败，请重新上传' };
  if (a.status === 'uploading') return { message: '该视频尚未上传完成，请上传完成并转码后再选择' };
  if (a.status === 'processing') return { message: `该视频正在转码（已完成${a.progress}%），请待转码完成后再选择` };
  return { video: { id: a.id, title: a.title, durationSeconds: a.duration_seconds === null ? null : Number(a.duration_seconds) } };
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
