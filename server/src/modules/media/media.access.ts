/**
 * Who may fetch an asset's files (docs/media.md, "Access"): `public` — anyone; `members` — any signed-in account
 * (a member or staff); `staff` — a signed-in staff account. Only ready, undeleted assets are served. The rule is read
 * for every playlist and segment, so an asset's visibility is kept in memory a few seconds (this instance forgets it
 * at once when it changes it; other instances within ACCESS_TTL_MS).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import { AppError, forbidden, unauthorized } from '../../platform/errors.js';
import type { MediaVisibility } from '../../db/tables/media.js';

const ACCESS_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
type Cache = Map<string, { at: number; visibility: MediaVisibility | null }>;
/** One per database (tests run several apps in one process). */
const caches = new WeakMap<object, Cache>();
const all = new Set<Cache>();

export function forgetAccess(id: string): void {
  for (const c of all) c.delete(id);
}

async function visibilityOf(db: Kysely<DB>, id: string): Promise<MediaVisibility | null> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
    all.add(cache);
  }
  const hit = cache.get(id);
  const now = Date.now();
  if (hit && now - hit.at < ACCESS_TTL_MS) return hit.visibility;
  const row = await db.selectFrom('media_assets').select('visibility').where('id', '=', id).where('status', '=', 'ready').where('deleted_at', 'is', null).executeTakeFirst();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(id, { at: now, visibility: row?.visibility ?? null });
  return row?.visibility ?? null;
}

/** Throws the problem to answer with unless the actor may fetch the asset's files; returns its visibility. */
export async function checkAccess(db: Kysely<DB>, id: string, actorOf: () => Promise<Actor | null> | Actor | null): Promise<MediaVisibility> {
  const visibility = /^[0-9]{1,18}$/.test(id) ? await visibilityOf(db, id) : null;
  if (!visibility) throw new AppError(404, 'not_found', '视频或文件不存在、尚未处理完成或已被删除');
  if (visibility === 'public') return visibility;
  // The session is read only for files that need one: a public segment costs no session query.
  const actor = await actorOf();
  if (!actor || !actor.mfaPassed) throw unauthorized('auth.required', '请登录后观看');
  if (visibility === 'staff' && actor.kind !== 'staff') throw forbidden('media.staff_only', '此视频仅供工作人员观看');
  return visibility;
}
