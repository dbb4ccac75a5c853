/**
 * 直播课堂 for members (党员之家): the events of the member's organization and its ancestors, the event page (countdown
 * with the server's time, the source only while live, the viewer count), presence heartbeats that count attendance
 * and credit it, and chat (rate-limited, screened: clean messages shown at once, flagged ones held). docs/learning.md.
 *
 * Viewer count: members whose page sent a presence heartbeat in the last 60 s, counted over the index
 * (event_id, last_seen_at) and kept per instance for VIEWERS_CACHE_MS, so a page load costs no count most of the time.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { PREPARED } from '../../db/database.js';
import { GroupCommit } from '../../platform/group-commit.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { chinaToday } from '../../platform/china-time.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { maskName } from '../../platform/identity/mask.js';
import { mediaForPlayer } from '../media/media.commands.js';
import { nextCursor } from '../../platform/paging.js';
import { screenText } from '../safety/safety.words.js';
import { awardCredit } from './learning.commands.js';
import { memberPath } from './learning.courses.js';
import { requireMember } from './learning.catalogue.js';
import { loadRules } from './learning.rules.js';
import { creditResult } from './learning.study.js';
import { liveAudit } from './learning.live.js';
import type { ChatFilter, MemberLiveFilter } from './learning.live.schema.js';

export const PRESENCE_SECONDS = 30;
/** Gaps between heartbeats longer than this count nothing (a closed laptop, a lost connection). */
export const PRESENCE_MAX_GAP_SECONDS = 45;
export const VIEWER_WINDOW_SECONDS = 60;
export const VIEWERS_CACHE_MS = 5000;
export const CHAT_OPEN_BEFORE_MINUTES = 30;
export const CHAT_MIN_INTERVAL_SECONDS = 5;
export const CHAT_PER_MINUTE = 6;

async function pathOf(db: Kysely<DB>, memberId: string): Promise<string> {
  const p = await memberPath(db, memberId);
  if (!p) throw new AppError(403, 'learning.not_member', '只有与党员档案关联的账号才能参加直播学习');
  return p;
}

function memberRows(db: Kysely<DB>, path: string) {
  return db.selectFrom('learning_live_events as e').innerJoin('orgs as o', 'o.id', 'e.org_id')
    .select(['e.id', 'o.name as org_name', 'e.title', 'e.description', 'e.audiences', 'e.starts_at', 'e.ends_at', 'e.status', 'e.cancel_reason', 'e.credit_minutes',
      'e.recording_lesson_id', 'e.course_id', 'e.source_url', 'e.source_asset_id'])
    .where(sql<boolean>`${path} like o.path || '%'`);
}
type MemberRow = Awaited<ReturnType<ReturnType<typeof memberRows>['executeTakeFirstOrThrow']>>;
const present = (r: MemberRow) => ({
  id: r.id, orgName: r.org_name, title: r.title, description: r.description, audiences: r.audiences, startsAt: new Date(r.starts_at).toISOString(),
  endsAt: new Date(r.ends_at).toISOString(), status: r.status, cancelReason: r.cancel_reason, creditMinutes: r.credit_minutes,
  recordingLessonId: r.recording_lesson_id, courseId: r.course_id,
});

/** Current (scheduled and live, and cancelled ones not yet past their end; soonest first) or ended (latest first). */
export async function myLiveEvents(ctx: AppContext, actor: Actor, f: MemberLiveFilter) {
  const path = await pathOf(ctx.db, requireMember(actor));
  const limit = f.limit ?? 20;
  const ended = f.when === 'ended';
  const now = ctx.now();
  let after: { starts_at: Date; id: string } | undefined;
  if (f.cursor) after = await ctx.db.selectFrom('learning_live_events').select(['starts_at', 'id']).where('id', '=', f.cursor).executeTakeFirst();
  const rows = await memberRows(ctx.db, path)
    .$if(!ended, (q) => q.where((eb) => eb.or([eb('e.status', 'in', ['scheduled', 'live']), eb.and([eb('e.status', '=', 'cancelled'), eb('e.ends_at', '>', now)])])))
    .$if(ended, (q) => q.where('e.status', '=', 'ended'))
    .$if(f.audience !== undefined, (q) => q.where(sql<boolean>`${f.audience} = any(e.audiences)`))
    .$if(after !== undefined, (q) => q.where(ended ? sql<boolean>`(e.starts_at, e.id) < (${after!.starts_at}, ${after!.id})` : sql<boolean>`(e.starts_at, e.id) > (${after!.starts_at}, ${after!.id})`))
    .orderBy('e.starts_at', ended ? 'desc' : 'asc').orderBy('e.id', ended ? 'desc' : 'asc').limit(limit).execute();
  return { items: rows.map(present), nextCursor: nextCursor(rows, limit) };
}

async function visibleEvent(ctx: AppContext, actor: Actor, id: string) {
  const memberId = requireMember(actor);
  const path = await pathOf(ctx.db, memberId);
  const e = await memberRows(ctx.db, path).where('e.id', '=', id).executeTakeFirst();
  if (!e) throw notFound('直播');
  return { e, memberId };
}

const viewersCache = new WeakMap<Kysely<DB>, Map<string, { at: number; n: number }>>();
/** Members seen in the last 60 s; one count per event per instance every few seconds. */
export async function viewerCount(ctx: AppContext, eventId: string): Promise<number> {
  let m = viewersCache.get(ctx.db);
  if (!m) viewersCache.set(ctx.db, (m = new Map()));
  const now = ctx.now().getTime();
  const hit = m.get(eventId);
  if (hit && now - hit.at < VIEWERS_CACHE_MS && now >= hit.at) return hit.n;
  const since = new Date(now - VIEWER_WINDOW_SECONDS * 1000);
  const r = await ctx.db.selectFrom('learning_live_presence').select(sql<string>`count(distinct member_id)`.as('n'))
    .where('event_id', '=', eventId).where('last_seen_at', '>', since).executeTakeFirstOrThrow();
  const n = Number(r.n);
  if (m.size > 1000) m.clear();
  m.set(eventId, { at: now, n });
  return n;
}

async function neededSeconds(ctx: AppContext, creditMinutes: number): Promise<number> {
  const rules = await loadRules(ctx.db);
  return Math.ceil((creditMinutes * 60 * rules.completion_percent) / 100);
}

function chatOpen(e: { status: string; starts_at: Date }, now: Date): boolean {
  return e.status === 'live' || (e.status === 'scheduled' && now.getTime() >= new Date(e.starts_at).getTime() - CHAT_OPEN_BEFORE_MINUTES * 60_000);
}

async function sourceOf(ctx: AppContext, e: MemberRow): Promise<string | null> {
  if (e.status !== 'live') return null;
  if (e.source_url) return e.source_url;
  // The media module's own reading (learning never reads media_assets): its HLS playlist once ready.
  return (await mediaForPlayer(ctx.db, e.source_asset_id!))?.sources.hls ?? null;
}

/** The event page: read only (a GET never writes; presence is the POST below). */
export async function myLiveEvent(ctx: AppContext, actor: Actor, id: string) {
  const { e, memberId } = await visibleEvent(ctx, actor, id);
  const now = ctx.now();
  const p = await ctx.db.selectFrom('learning_live_presence').select(['watched_seconds', 'credited_at'])
    .where('event_id', '=', id).where('member_id', '=', memberId).where('day', '=', chinaToday(now)).executeTakeFirst();
  return {
    ...present(e), serverTime: now.toISOString(), sourceUrl: await sourceOf(ctx, e), viewers: e.status === 'live' ? await viewerCount(ctx, id) : 0,
    chatOpen: chatOpen(e, now), presenceSeconds: PRESENCE_SECONDS, watchedSeconds: p?.watched_seconds ?? 0, neededSeconds: await neededSeconds(ctx, e.credit_minutes),
    credited: Boolean(p?.credited_at),
  };
}

/**
 * A presence heartbeat (every ~30 s while the page is open). While the event is live it counts the time since the
 * member's previous heartbeat today (at most 45 s apart; two pages of one member count the time once, since the
 * server's last-seen time is per member), and credits the attendance (awardCredit, kind `live`) once the counted time
 * reaches the completion share of the event's credit minutes.
 */
type PresenceAnswer = { status: string; viewers: number; watchedSeconds: number; neededSeconds: number; credit: { awarded: boolean; minutes: number; message: string } | null };
interface PresenceBeat { memberId: string; eventId: string }
/** What the batch found for a beat, or 'alone' when presenceOne must decide it (not visible, credits now, a second beat of the same member and event). */
type PresenceOutcome = Omit<PresenceAnswer, 'viewers'> | 'alone';

/**
 * Presence heartbeats that arrive together are decided together (platform/group-commit.ts), as the video heartbeats
 * are (docs/learning.md, "Heartbeats at scale"): one read of the beats' events as each member may see them with the
 * completion share, and one upsert of every live beat's presence row. A beat whose event is not there for the member
 * (404/403), a second beat of one member and event in a batch, and a beat whose member now reaches the credit are
 * decided by presenceOne, alone and exactly as before; the time its upsert would add again is nil (the row was just
 * seen), so nothing counts twice.
 */
const presenceBatches = new WeakMap<AppContext, GroupCommit<PresenceBeat, PresenceOutcome>>();

export async function presence(ctx: AppContext, actor: Actor, id: string): Promise<PresenceAnswer> {
  const memberId = requireMember(actor);
  let batch = presenceBatches.get(ctx);
  if (!batch) presenceBatches.set(ctx, batch = new GroupCommit<PresenceBeat, PresenceOutcome>((beats) => decidePresence(ctx, beats), 500, 2));
  const o = await batch.add({ memberId, eventId: id });
  if (o === 'alone') return presenceOne(ctx, actor, id);
  return { ...o, viewers: o.status === 'live' ? Math.max(await viewerCount(ctx, id), 1) : 0 };
}

async function decidePresence(ctx: AppContext, beats: PresenceBeat[]): Promise<PresenceOutcome[]> {
  const now = ctx.now();
  const day = chinaToday(now);
  const input = JSON.stringify(beats.map((b, n) => ({ n, member_id: b.memberId, event_id: b.eventId })));
  const { rows } = await sql<{ n: number; status: string; credit_minutes: number; completion_percent: number }>`${sql.raw(PREPARED)}
    select i.n, e.status, e.credit_minutes, r.completion_percent
    from jsonb_to_recordset(${input}::jsonb) as i(n int, member_id bigint, event_id bigint)
    join members m on m.id = i.member_id
    join orgs mo on mo.id = m.org_id
    join learning_live_events e on e.id = i.event_id
    join orgs o on o.id = e.org_id
    cross join learning_rules r
    where r.id = 1 and mo.path like o.path || '%'`.execute(ctx.db);
  const out: PresenceOutcome[] = beats.map(() => 'alone');
  const needed = (creditMinutes: number, percent: number) => Math.ceil((creditMinutes * 60 * percent) / 100);
  const live: { n: number; needed: number }[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const b = beats[r.n];
    const need = needed(r.credit_minutes, r.completion_percent);
    if (r.status !== 'live') out[r.n] = { status: r.status, watchedSeconds: 0, neededSeconds: need, credit: null };
    else if (!seen.has(`${b.memberId}:${b.eventId}`)) { seen.add(`${b.memberId}:${b.eventId}`); live.push({ n: r.n, needed: need }); }
  }
  if (live.length === 0) return out;
  const { rows: counted } = await sql<{ n: number; watched_seconds: number; credited: boolean }>`${sql.raw(PREPARED)}
    with i as (
      select * from jsonb_to_recordset(${JSON.stringify(live.map((l) => ({ n: l.n, member_id: beats[l.n].memberId, event_id: beats[l.n].eventId })))}::jsonb)
        as i(n int, member_id bigint, event_id bigint)
    ), up as (
      insert into learning_live_presence as p (event_id, member_id, day, first_seen_at, last_seen_at)
      select event_id, member_id, ${day}::date, ${now}::timestamptz, ${now}::timestamptz from i order by event_id, member_id
      on conflict (event_id, member_id, day) do update set
        watched_seconds = p.watched_seconds + case
          when ${now}::timestamptz > p.last_seen_at and ${now}::timestamptz - p.last_seen_at <= make_interval(secs => ${PRESENCE_MAX_GAP_SECONDS})
          then floor(extract(epoch from ${now}::timestamptz - p.last_seen_at))::int else 0 end,
        last_seen_at = greatest(p.last_seen_at, ${now}::timestamptz)
      returning p.event_id, p.member_id, p.watched_seconds, p.credited_at is not null as credited
    )
    select i.n, up.watched_seconds, up.credited from up join i on i.event_id = up.event_id and i.member_id = up.member_id`.execute(ctx.db);
  const needOf = new Map(live.map((l) => [l.n, l.needed]));
  for (const c of counted) {
    const need = needOf.get(c.n)!;
    // Reaching the credit is decided alone (ledger, audit); its own upsert adds nothing more, the row was just seen.
    if (!c.credited && c.watched_seconds >= need) continue;
    out[c.n] = { status: 'live', watchedSeconds: c.watched_seconds, neededSeconds: need, credit: null };
  }
  return out;
}

/** One presence beat decided alone, in one transaction (a beat that credits, and whatever the batch leaves aside). */
async function presenceOne(ctx: AppContext, actor: Actor, id: string) {
  const { e, memberId } = await visibleEvent(ctx, actor, id);
  const needed = await neededSeconds(ctx, e.credit_minutes);
  if (e.status !== 'live') return { status: e.status, viewers: 0, watchedSeconds: 0, neededSeconds: needed, credit: null };
  const now = ctx.now();
  const day = chinaToday(now);
  const out = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('learning_live_presence').values({ event_id: id, member_id: memberId, day, first_seen_at: now, last_seen_at: now })
      .onConflict((oc) => oc.columns(['event_id', 'member_id', 'day']).doUpdateSet({
        watched_seconds: sql<number>`learning_live_presence.watched_seconds + case
          when ${now}::timestamptz > learning_live_presence.last_seen_at and ${now}::timestamptz - learning_live_presence.last_seen_at <= make_interval(secs => ${PRESENCE_MAX_GAP_SECONDS})
          then floor(extract(epoch from ${now}::timestamptz - learning_live_presence.last_seen_at))::int else 0 end`,
        last_seen_at: sql<Date>`greatest(learning_live_presence.last_seen_at, ${now}::timestamptz)`,
      }))
      .returning(['watched_seconds', 'credited_at']).executeTakeFirstOrThrow();
    if (row.credited_at || row.watched_seconds < needed) return { watched: row.watched_seconds, credit: null };
    const o = await awardCredit(trx, { memberId, kind: 'live', sourceType: 'learning.live', sourceId: id, minutes: e.credit_minutes, title: e.title }, now);
    await trx.updateTable('learning_live_presence').set({ credited_at: now }).where('event_id', '=', id).where('member_id', '=', memberId).where('day', '=', day).execute();
    const path = await memberPath(trx, memberId);
    await liveAudit(trx, actor, 'learning.live.attend', id, path ?? '', now, undefined, { memberId, watchedSeconds: row.watched_seconds, credit: o });
    const r = creditResult(o, '直播课');
    return { watched: row.watched_seconds, credit: { awarded: r.awarded, minutes: r.minutes, message: r.message } };
  });
  // The count is kept a few seconds; whoever just sent this beat is watching, so it is at least one (a first beat
  // would otherwise read the 0 kept from before anyone came).
  const viewers = Math.max(await viewerCount(ctx, id), 1);
  return { status: e.status, viewers, watchedSeconds: out.watched, neededSeconds: needed, credit: out.credit };
}

// ——— chat ———

export async function postChat(ctx: AppContext, actor: Actor, id: string, text: string) {
  const { e, memberId } = await visibleEvent(ctx, actor, id);
  const now = ctx.now();
  if (!chatOpen(e, now)) throw conflict('learning.chat_closed', `直播开始前${CHAT_OPEN_BEFORE_MINUTES}分钟起至直播结束可以发言`);
  const body = text.trim();
  if (!body) throw new AppError(400, 'validation_failed', '提交的信息有误，请按提示修改', undefined, [{ field: 'text', message: '请输入发言内容' }]);
  const recent = await ctx.db.selectFrom('learning_live_messages').select([sql<string>`count(*)`.as('n'), sql<Date | null>`max(created_at)`.as('last')])
    .where('member_id', '=', memberId).where('created_at', '>', new Date(now.getTime() - 60_000)).executeTakeFirstOrThrow();
  const last = recent.last ? new Date(recent.last).getTime() : null;
  if (last !== null && now.getTime() - last < CHAT_MIN_INTERVAL_SECONDS * 1000) {
    throw new AppError(429, 'learning.chat_rate_limited', `发言太频繁，请${CHAT_MIN_INTERVAL_SECONDS}秒后再发`, undefined, undefined, { 'retry-after': String(CHAT_MIN_INTERVAL_SECONDS) });
  }
  if (Number(recent.n) >= CHAT_PER_MINUTE) throw new AppError(429, 'learning.chat_rate_limited', `每分钟最多发言${CHAT_PER_MINUTE}次，请稍后再发`, undefined, undefined, { 'retry-after': '60' });
  const screen = await screenText(ctx, body);
  const state = screen.held ? 'held' as const : 'shown' as const;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('learning_live_messages').values({
      event_id: id, member_id: memberId, account_id: actor.accountId, text: body, state, matches: JSON.stringify(screen.matches.map((m) => ({ word: m.word }))),
      created_at: now, ...(state === 'shown' ? { seq: sql<string>`nextval('learning_live_messages_seq')` } : {}),
    }).returning('id').executeTakeFirstOrThrow();
    const path = await memberPath(trx, memberId);
    await liveAudit(trx, actor, 'learning.live.chat', id, path ?? '', now, undefined, { messageId: row.id, state });
    return { id: row.id, state, message: state === 'shown' ? '已发送' : '发言已提交，经审核后显示' };
  });
}

/**
 * Shown messages. Without `after`: the latest `limit`, oldest first. With `after` (the `last` of the previous answer):
 * what was shown or taken down since, oldest first; a taken-down message comes back as `removed` with no text, so a
 * page drops it. Other members' names are masked (赵**); the member's own are shown.
 */
export async function listChat(ctx: AppContext, actor: Actor, id: string, f: ChatFilter) {
  const { memberId } = await visibleEvent(ctx, actor, id);
  const limit = f.limit ?? 50;
  const base = ctx.db.selectFrom('learning_live_messages as m').innerJoin('members as mb', 'mb.id', 'm.member_id')
    .select(['m.id', 'm.seq', 'm.member_id', 'mb.name', 'm.text', 'm.state', 'm.created_at']).where('m.event_id', '=', id);
  const rows = f.after !== undefined
    ? await base.where('m.seq', 'is not', null).where('m.seq', '>', f.after).where('m.state', 'in', ['shown', 'hidden']).orderBy('m.seq', 'asc').limit(limit).execute()
    : (await base.where('m.state', '=', 'shown').where('m.seq', 'is not', null).orderBy('m.seq', 'desc').limit(limit).execute()).reverse();
  const last = rows.length ? rows.reduce((a, r) => (BigInt(r.seq!) > BigInt(a) ? r.seq! : a), rows[0].seq!) : (f.after ?? null);
  return {
    items: rows.map((r) => {
      const mine = r.member_id === memberId;
      const removed = r.state !== 'shown';
      return { id: r.id, name: removed ? '' : mine ? r.name : maskName(r.name), mine, text: removed ? '' : r.text, at: new Date(r.created_at).toISOString(), removed };
    }),
    last: last === null ? null : String(last),
  };
}
