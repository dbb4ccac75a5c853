/**
 * 党建电视节目 (F-73): the programme's schedule — when an episode airs, on which channel, its title and description —
 * and the episode's video: the media module's asset by id (`media_asset_id`, a ready video, checked by the media
 * module's `videoForUse`) or an external https address. Written here only (news_tv_episodes); the public reads it
 * week by week (节目单). docs/news.md.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { authorize, escapeLike, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { addDays, chinaToday } from '../../platform/china-time.js';
import { notFound, validationFailed } from '../../platform/errors.js';
import { videoForUse } from '../media/media.commands.js';
import { inTrx, PUBLISHING_LEVELS } from './news.service.js';
import type { EpisodeInput } from './news.schema.js';

const iso = (d: Date | string) => new Date(d).toISOString();
/** Midnight of a China day, as an instant. */
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);
/** 'HH:mm' in China. */
const chinaTime = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

async function episodeOrg(db: Kysely<DB>, actor: Actor, orgId: string) {
  const org = await db.selectFrom('orgs').select(['id', 'path', 'level']).where('id', '=', orgId).executeTakeFirst();
  if (!org) throw validationFailed([{ field: 'orgId', message: '所选组织不存在或已被删除，请重新选择' }]);
  authorize(actor, 'news.edit', org.path);
  if (!(PUBLISHING_LEVELS as readonly string[]).includes(org.level)) throw validationFailed([{ field: 'orgId', message: '电视节目由省、市、县级党委组织部安排，请选择省、市或县级党组织' }]);
  return org;
}

function clean(input: EpisodeInput) {
  const errors = [];
  const airAt = new Date(input.airAt);
  if (Number.isNaN(airAt.getTime())) errors.push({ field: 'airAt', message: '播出时间格式不正确' });
  const title = input.title.trim();
  const channel = input.channel.trim();
  if (!title) errors.push({ field: 'title', message: '请填写节目标题' });
  if (!channel) errors.push({ field: 'channel', message: '请填写播出频道' });
  if (errors.length) throw validationFailed(errors);
  return {
    air_at: airAt, duration_minutes: input.durationMinutes ?? 30, channel, title, description: (input.description ?? '').trim(),
    media_asset_id: input.mediaAssetId ?? null, video_url: input.videoUrl?.trim() || null,
  };
}

export async function saveEpisode(db: Kysely<DB>, actor: Actor, id: string | null, input: EpisodeInput, now: Date): Promise<{ id: string }> {
  const c = clean(input);
  return inTrx(db, async (trx) => {
    const org = await episodeOrg(trx, actor, input.orgId);
    let before: unknown = null;
    let rowId: string;
    const old = id
      ? await trx.selectFrom('news_tv_episodes as e').innerJoin('orgs as o', 'o.id', 'e.org_id').selectAll('e').select('o.path').where('e.id', '=', id).forUpdate('e').executeTakeFirst()
      : undefined;
    if (id && !old) throw notFound('节目');
    if (old) authorize(actor, 'news.edit', old.path);
    if (c.media_asset_id) {
      // The media module says whether the asset can be shown (news never reads media_assets).
      const r = await videoForUse(trx, actor, c.media_asset_id, old?.media_asset_id ?? null);
      if ('message' in r) throw validationFailed([{ field: 'mediaAssetId', message: r.message }]);
    }
    if (id && old) {
      before = { orgId: old.org_id, airAt: iso(old.air_at), channel: old.channel, title: old.title, description: old.description, mediaAssetId: old.media_asset_id, videoUrl: old.video_url };
      await trx.updateTable('news_tv_episodes').set({ ...c, org_id: org.id, updated_at: now }).where('id', '=', id).execute();
      rowId = id;
    } else {
      rowId = (await trx.insertInto('news_tv_episodes').values({ ...c, org_id: org.id, created_by: actor.accountId, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    }
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: id ? 'news.tv.update' : 'news.tv.create', entityType: 'news_tv_episode', entityId: rowId, orgPath: org.path, ip: actor.ip,
      before, after: { ...c, air_at: c.air_at.toISOString(), org_id: org.id },
    }, now);
    return { id: rowId };
  });
}

export async function deleteEpisode(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<void> {
  await inTrx(db, async (trx) => {
    const old = await trx.selectFrom('news_tv_episodes as e').innerJoin('orgs as o', 'o.id', 'e.org_id').selectAll('e').select('o.path').where('e.id', '=', id).forUpdate('e').executeTakeFirst();
    if (!old) throw notFound('节目');
    authorize(actor, 'news.edit', old.path);
    await trx.deleteFrom('news_tv_episodes').where('id', '=', id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'news.tv.delete', entityType: 'news_tv_episode', entityId: id, orgPath: old.path, ip: actor.ip,
      before: { airAt: iso(old.air_at), channel: old.channel, title: old.title },
    }, now);
  });
}

/** The episodes of the actor's subtree from a China day on, in airing order (keyset by id within the order is not needed: by air time then id). */
export async function listEpisodes(db: Kysely<DB>, actor: Actor, q: { from?: string; cursor?: string; limit?: number }, now: Date) {
  const scope = scopePaths(actor, 'news.edit');
  const limit = q.limit ?? 20;
  const from = chinaMidnight(q.from ?? chinaToday(now));
  let cursorAt: Date | null = null;
  if (q.cursor) {
    const c = await db.selectFrom('news_tv_episodes').select('air_at').where('id', '=', q.cursor).executeTakeFirst();
    cursorAt = c ? new Date(c.air_at) : null;
  }
  const rows = await db.selectFrom('news_tv_episodes as e').innerJoin('orgs as o', 'o.id', 'e.org_id').selectAll('e').select('o.name as org_name')
    .where((eb) => eb.or(scope.map((p) => eb('o.path', 'like', `${escapeLike(p)}%`))))
    .where('e.air_at', '>=', from)
    .$if(!!cursorAt, (qb) => qb.where((eb) => eb.or([eb('e.air_at', '>', cursorAt!), eb.and([eb('e.air_at', '=', cursorAt!), eb('e.id', '>', q.cursor!)])])))
    .orderBy('e.air_at').orderBy('e.id').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  return {
    items: page.map((e) => ({
      id: e.id, orgId: e.org_id, orgName: e.org_name, airAt: iso(e.air_at), durationMinutes: e.duration_minutes, channel: e.channel, title: e.title,
      description: e.description, mediaAssetId: e.media_asset_id, videoUrl: e.video_url,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** The public programme guide of one week (Monday to Sunday, China time) holding `week` (default: this week). */
export async function publicWeek(db: Kysely<DB>, week: string | undefined, now: Date) {
  const day = week ?? chinaToday(now);
  const dow = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const start = addDays(day, -dow);
  const end = addDays(start, 6);
  const rows = await db.selectFrom('news_tv_episodes').select(['id', 'air_at', 'duration_minutes', 'channel', 'title', 'description', 'video_url', 'media_asset_id'])
    .where('air_at', '>=', chinaMidnight(start)).where('air_at', '<', chinaMidnight(addDays(end, 1))).orderBy('air_at').orderBy('id').limit(500).execute();
  const days = Array.from({ length: 7 }, (_, i) => ({ date: addDays(start, i), episodes: [] as unknown[] }));
  for (const r of rows) {
    const at = new Date(r.air_at);
    const d = chinaToday(at);
    days.find((x) => x.date === d)?.episodes.push({
      id: r.id, time: chinaTime(at), durationMinutes: r.duration_minutes, channel: r.channel, title: r.title, description: r.description, videoUrl: r.video_url, mediaAssetId: r.media_asset_id,
    });
  }
  return { weekStart: start, weekEnd: end, previousWeek: addDays(start, -7), nextWeek: addDays(start, 7), days };
}
