/**
 * Watching a video lesson (F-71): coverage by seconds actually watched, one stream per account, signed heartbeats.
 *
 * - `start` (member accounts only) ends the account's open stream, if any (the old page's next heartbeat gets 409
 *   已在其他设备或页面开始学习), opens a new one and returns a signed token and the heartbeat interval (15 s).
 * - every heartbeat carries the last token; the answer carries the next (sequence + server time inside). A token
 *   is accepted once: forged → 400, replayed or stale → 409.
 * - the playhead's move between two consecutive heartbeats counts when it advanced no more than the wall time that
 *   passed (+2 s) and the heartbeats were at most 45 s apart (learning.coverage.ts); seeking ahead counts nothing.
 *   Covered seconds are kept as merged intervals per member and lesson (learning_progress), across streams and days.
 * - once the covered seconds reach completion_percent of the duration, the pass is completed and the member is
 *   credited through awardCredit in the same transaction (the ledger says whether: already today, daily cap). A new
 *   start after a completed pass begins a new pass (watching again on another day credits again).
 * Heartbeats are telemetry and not audited one by one; the start of a stream and a completion are.
 */
import { sql } from 'kysely';
import { PREPARED } from '../../db/database.js';
import { GroupCommit } from '../../platform/group-commit.js';
import type { AppContext } from '../../platform/context.js';
import type { Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { badRequest, conflict } from '../../platform/errors.js';
import { awardCredit, type CreditOutcome } from './learning.commands.js';
import { loadRules } from './learning.rules.js';
import { memberPath } from './learning.courses.js';
import { percentOf, requireMember, visibleLesson } from './learning.catalogue.js';
import { addInterval, countedMove, coveredExact, coveredSeconds, type Interval } from './learning.coverage.js';
import { signToken, verifyToken, type TokenClaims } from './learning.tokens.js';

export const HEARTBEAT_SECONDS = 15;
export const TOLERANCE_SECONDS = 2;
export const MAX_GAP_SECONDS = 45;

export interface CreditResultT { awarded: boolean; minutes: number; reason: 'already_today' | 'daily_cap' | null; capped: boolean; message: string }

/** What the member is told about a credit (lessons, quizzes, reading). */
export function creditResult(o: CreditOutcome, what: string): CreditResultT {
  if (o.awarded) {
    return { awarded: true, minutes: o.minutes, reason: null, capped: o.capped,
      message: o.capped ? `已获得${o.minutes}分钟学时（今日${what}学时已达上限，只计入剩余部分）` : `已获得${o.minutes}分钟学时` };
  }
  return o.reason === 'already_today'
    ? { awarded: false, minutes: 0, reason: 'already_today', capped: false, message: `今天已因此${what}获得过学时，同一${what}每天只计一次` }
    : { awarded: false, minutes: 0, reason: 'daily_cap', capped: false, message: `今日${what}学时已达上限，明天再学可继续获得学时` };
}

export async function startStudy(ctx: AppContext, actor: Actor, lessonId: string) {
  const memberId = requireMember(actor);
  const { lesson } = await visibleLesson(ctx.db, memberId, lessonId);
  if (lesson.kind !== 'video') throw conflict('learning.not_video', '只有视频课时需要开始学习；文章和文档请直接阅读');
  const now = ctx.now();
  const rules = await loadRules(ctx.db);
  return ctx.db.transaction().execute(async (trx) => {
    const ended = await trx.updateTable('learning_streams').set({ ended_at: now, ended_reason: 'replaced' })
      .where('account_id', '=', actor.accountId).where('ended_at', 'is', null).returning(['id', 'lesson_id']).execute();
    await trx.insertInto('learning_progress').values({ member_id: memberId, lesson_id: lessonId, updated_at: now })
      .onConflict((oc) => oc.columns(['member_id', 'lesson_id']).doNothing()).execute();
    const p = await trx.selectFrom('learning_progress').selectAll().where('member_id', '=', memberId).where('lesson_id', '=', lessonId).forUpdate().executeTakeFirstOrThrow();
    let covered = p.covered_seconds;
    if (p.pass_completed_at) {
      // The last pass was completed: watching again is a new pass (credited again on another day).
      await trx.updateTable('learning_progress').set({ covered: '[]', covered_seconds: 0, pass_completed_at: null, updated_at: now })
        .where('member_id', '=', memberId).where('lesson_id', '=', lessonId).execute();
      covered = 0;
    }
    const last = await trx.selectFrom('learning_streams').select('position').where('member_id', '=', memberId).where('lesson_id', '=', lessonId)
      .orderBy('id', 'desc').limit(1).executeTakeFirst();
    const s = await trx.insertInto('learning_streams').values({ account_id: actor.accountId, member_id: memberId, lesson_id: lessonId, last_at: now, started_at: now })
      .returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'learning.study.start', entityType: 'learning_lesson', entityId: lessonId,
      orgPath: await memberPath(trx, memberId), ip: actor.ip, after: { streamId: s.id, endedStreams: ended.map((e) => e.id), newPass: p.pass_completed_at !== null },
    }, now);
    const duration = lesson.duration_seconds ?? 0;
    const resumeAt = covered > 0 && last && last.position < duration - 1 ? Math.floor(last.position) : 0;
    return {
      token: signToken(ctx, { k: 's', i: s.id, q: 0, t: now.getTime() }), intervalSeconds: HEARTBEAT_SECONDS,
      durationSeconds: duration, completionPercent: rules.completion_percent, coveredSeconds: covered, resumeAt,
    };
  });
}

type HeartbeatBody = { token: string; position: number; playing: boolean };

/**
 * The state one heartbeat reads: its stream, the lesson's duration, the member's progress on the lesson and the
 * completion share.
 */
interface BeatState {
  id: string; account_id: string; member_id: string; lesson_id: string; seq: number; position: number; last_at: Date; ended_at: Date | null;
  duration_seconds: number | null; covered: Interval[] | null; covered_seconds: number | null; pass_completed_at: Date | null; completion_percent: number;
}

type HeartbeatAnswer = Awaited<ReturnType<typeof heartbeatLocked>>;
interface Beat { actor: Actor; body: HeartbeatBody; claims: TokenClaims }
/** How the batch decided a beat: answered, refused (a problem), or left to the locked transaction. */
type BeatOutcome = { answer: HeartbeatAnswer } | { problem: Error } | { locked: true };

/** Column values of one guarded write (the state as read, and what replaces it). */
interface BeatWrite {
  id: string; q: number; last_at: string; old_covered: Interval[]; old_seconds: number; old_pass: string | null;
  position: number; covered: Interval[]; seconds: number;
}

/**
 * Heartbeats at scale (docs/learning.md): the heartbeats that arrive together are decided together, in two statements
 * for the whole batch (platform/group-commit.ts) — one unlocked read of their streams, lessons and progress, and one
 * guarded write that locks the streams and progress rows and writes only those still exactly as read (same sequence
 * and time, still open; same covered intervals and pass). A beat whose rows changed meanwhile (a replay racing,
 * another start, another page's progress), a beat that completes its pass (credit and audit), the second beat of one
 * stream in a batch, and every beat of a batch whose write failed go through the locked transaction below, which
 * decides it as it always did. Same rules and answers on every path; the batch only shares the round trips.
 */
const beatBatches = new WeakMap<AppContext, GroupCommit<Beat, BeatOutcome>>();

export async function heartbeat(ctx: AppContext, actor: Actor, body: HeartbeatBody): Promise<HeartbeatAnswer> {
  const claims = verifyToken(ctx, body.token, 's');
  let batch = beatBatches.get(ctx);
  if (!batch) beatBatches.set(ctx, batch = new GroupCommit<Beat, BeatOutcome>((beats) => decideBeats(ctx, beats), 500, 3));
  const outcome = await batch.add({ actor, body, claims });
  if ('answer' in outcome) return outcome.answer;
  if ('problem' in outcome) throw outcome.problem;
  return heartbeatLocked(ctx, actor, body, claims);
}

async function decideBeats(ctx: AppContext, beats: Beat[]): Promise<BeatOutcome[]> {
  const now = ctx.now();
  const { rows } = await sql<BeatState>`${sql.raw(PREPARED)}
    select s.id::text, s.account_id::text, s.member_id::text, s.lesson_id::text, s.seq, s.position, s.last_at, s.ended_at, l.duration_seconds,
           p.covered, p.covered_seconds, p.pass_completed_at, r.completion_percent
    from learning_streams s
    join learning_lessons l on l.id = s.lesson_id
    cross join learning_rules r
    left join learning_progress p on p.member_id = s.member_id and p.lesson_id = s.lesson_id
    where s.id = any(${[...new Set(beats.map((b) => b.claims.i))]}::bigint[]) and r.id = 1`.execute(ctx.db);
  const states = new Map(rows.map((r) => [r.id, r]));
  const outcomes: BeatOutcome[] = [];
  const writes: { at: number; write: BeatWrite; answer: HeartbeatAnswer }[] = [];
  const seen = new Set<string>();
  for (const { actor, body, claims } of beats) {
    const s = states.get(claims.i);
    const i = outcomes.length;
    if (!s || s.account_id !== actor.accountId) { outcomes.push({ problem: verifyTokenMismatch() }); continue; }
    if (s.ended_at) { outcomes.push({ problem: streamEnded() }); continue; }
    if (s.seq !== claims.q || s.last_at.getTime() !== claims.t) { outcomes.push({ problem: tokenUsed() }); continue; }
    if (seen.has(claims.i) || !s.covered || s.covered_seconds === null) { outcomes.push({ locked: true }); continue; }
    seen.add(claims.i);
    const duration = s.duration_seconds ?? 0;
    const position = Math.min(body.position, duration);
    const wall = (now.getTime() - s.last_at.getTime()) / 1000;
    const move = s.seq > 0 ? countedMove(s.position, position, wall, { tolerance: TOLERANCE_SECONDS, maxGap: MAX_GAP_SECONDS }) : null;
    const covered: Interval[] = move ? addInterval(s.covered, Math.round(move[0] * 1000) / 1000, Math.round(move[1] * 1000) / 1000) : s.covered;
    const seconds = move ? coveredSeconds(covered) : s.covered_seconds;
    const exact = coveredExact(covered);
    const reached = duration > 0 && exact * 100 >= duration * s.completion_percent - 1e-6;
    if (reached && s.pass_completed_at === null) { outcomes.push({ locked: true }); continue; } // completes: credit and audit
    outcomes.push({ locked: true }); // until the write says otherwise
    writes.push({
      at: i,
      write: { id: claims.i, q: claims.q, last_at: s.last_at.toISOString(), old_covered: s.covered, old_seconds: s.covered_seconds,
        old_pass: s.pass_completed_at?.toISOString() ?? null, position, covered, seconds },
      answer: {
        token: signToken(ctx, { k: 's', i: claims.i, q: claims.q + 1, t: now.getTime() }), intervalSeconds: HEARTBEAT_SECONDS,
        counted: seconds - s.covered_seconds, coveredSeconds: seconds, coveredPercent: percentOf(exact, duration),
        completed: s.pass_completed_at !== null, credit: null,
      },
    });
  }
  if (writes.length === 0) return outcomes;
  let written: Set<string>;
  try {
    // The locks are taken in stream order, so two batches (or instances) wanting the same rows cannot deadlock each other.
    const { rows: done } = await sql<{ id: string }>`${sql.raw(PREPARED)}
      with i as (
        select * from jsonb_to_recordset(${JSON.stringify(writes.map((w) => w.write))}::jsonb)
          as i(id bigint, q int, last_at timestamptz, old_covered jsonb, old_seconds int, old_pass timestamptz, position float8, covered jsonb, seconds int)
      ), cur as (
        select s.id from learning_streams s
        join i on i.id = s.id
        join learning_progress p on p.member_id = s.member_id and p.lesson_id = s.lesson_id
        where s.seq = i.q and s.last_at = i.last_at and s.ended_at is null
          and p.covered = i.old_covered and p.covered_seconds = i.old_seconds and p.pass_completed_at is not distinct from i.old_pass
        order by s.id
        for update of s, p
      ), st as (
        update learning_streams s set seq = i.q + 1, position = i.position, last_at = ${now}
        from i where s.id = i.id and s.id in (select id from cur) returning s.id, s.member_id, s.lesson_id
      ), pr as (
        update learning_progress p set covered = i.covered, covered_seconds = i.seconds, updated_at = ${now}
        from st join i on i.id = st.id where p.member_id = st.member_id and p.lesson_id = st.lesson_id returning st.id
      )
      select id::text from pr`.execute(ctx.db);
    written = new Set(done.map((d) => d.id));
  } catch {
    written = new Set(); // decided one by one under locks, as if each had raced
  }
  for (const w of writes) if (written.has(w.write.id)) outcomes[w.at] = { answer: w.answer };
  return outcomes;
}

/** The heartbeat in one transaction with the stream and the progress locked from the start (the path of every case but the common one). */
async function heartbeatLocked(ctx: AppContext, actor: Actor, body: HeartbeatBody, claims: TokenClaims) {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const s = await trx.selectFrom('learning_streams').selectAll().where('id', '=', claims.i).forUpdate().executeTakeFirst();
    if (!s || s.account_id !== actor.accountId) throw verifyTokenMismatch();
    if (s.ended_at) throw streamEnded();
    if (s.seq !== claims.q || s.last_at.getTime() !== claims.t) throw tokenUsed();
    const lesson = await trx.selectFrom('learning_lessons').select(['id', 'title', 'duration_seconds', 'credit_minutes']).where('id', '=', s.lesson_id).executeTakeFirstOrThrow();
    const duration = lesson.duration_seconds ?? 0;
    const position = Math.min(body.position, duration);
    const wall = (now.getTime() - s.last_at.getTime()) / 1000;
    const move = s.seq > 0 ? countedMove(s.position, position, wall, { tolerance: TOLERANCE_SECONDS, maxGap: MAX_GAP_SECONDS }) : null;

    const p = await trx.selectFrom('learning_progress').selectAll().where('member_id', '=', s.member_id).where('lesson_id', '=', s.lesson_id).forUpdate().executeTakeFirstOrThrow();
    const before = p.covered_seconds;
    const covered: Interval[] = move ? addInterval(p.covered, Math.round(move[0] * 1000) / 1000, Math.round(move[1] * 1000) / 1000) : p.covered;
    const seconds = move ? coveredSeconds(covered) : before;
    const exact = coveredExact(covered);
    const rules = await loadRules(trx);
    const reached = duration > 0 && exact * 100 >= duration * rules.completion_percent - 1e-6;
    const completes = reached && p.pass_completed_at === null;

    await trx.updateTable('learning_streams').set({ seq: s.seq + 1, position, last_at: now }).where('id', '=', s.id).execute();
    await trx.updateTable('learning_progress').set({
      covered: JSON.stringify(covered), covered_seconds: seconds, updated_at: now,
      ...(completes ? { pass_completed_at: now, completions: p.completions + 1, first_completed_at: p.first_completed_at ?? now } : {}),
    }).where('member_id', '=', s.member_id).where('lesson_id', '=', s.lesson_id).execute();

    let credit: CreditResultT | null = null;
    if (completes) {
      const outcome = await awardCredit(trx, {
        memberId: s.member_id, kind: 'lesson', sourceType: 'learning.lesson', sourceId: lesson.id, minutes: lesson.credit_minutes ?? Math.max(1, Math.ceil(duration / 60)), title: lesson.title,
      }, now);
      credit = creditResult(outcome, '课时');
      await appendAudit(trx, {
        actorId: actor.accountId, actorName: actor.username, action: 'learning.lesson.complete', entityType: 'learning_lesson', entityId: lesson.id,
        orgPath: await memberPath(trx, s.member_id), ip: actor.ip, after: { coveredSeconds: seconds, durationSeconds: duration, credit: outcome },
      }, now);
    }
    return {
      token: signToken(ctx, { k: 's', i: s.id, q: s.seq + 1, t: now.getTime() }), intervalSeconds: HEARTBEAT_SECONDS,
      counted: seconds - before, coveredSeconds: seconds, coveredPercent: percentOf(exact, duration),
      completed: p.pass_completed_at !== null || completes, credit,
    };
  });
}

const streamEnded = () => conflict('learning.stream_ended', '已在其他设备或页面开始学习，本页面的学习已停止计时');
const tokenUsed = () => conflict('learning.token_used', '该学习凭证已使用过，请刷新页面后继续学习');

function verifyTokenMismatch() {
  return badRequest('learning.bad_token', '学习凭证无效，请刷新页面后重新开始学习');
}
