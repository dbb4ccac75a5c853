/**
 * The dispatchers' side of the SMS store: claiming runnable messages, marking them on the wire, recording what
 * the carrier answered, applying receipts, and recovering from dispatchers that died. Every statement works on
 * a batch (arrays through unnest), because a broadcast is hundreds of thousands of rows and the target is
 * thousands of messages a second with every status persisted (docs/sms.md).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { PREPARED } from '../../db/database.js';
import type { DeliveryReceipt } from '../../platform/sms/channel.js';
import { carrierIdCandidates, normalizeCarrierId } from '../../platform/sms/channel.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Lanes, in the order they are served: official emergency notices, then replies to people, then bulk. */
export const LANES = { emergency: 0, reply: 1, bulk: 2 } as const;

export interface ClaimedMessage {
  id: string;
  lane: number;
  phone_enc: Buffer;
  text: string;
  attempts: number;
  /** Digits appended to the link's source number (replies come back to them), or null. */
  reply_ext: string | null;
}

/**
 * Broadcasts just paused, cancelled or rejected: a job is moving their rows out of the queue; claims skip them
 * meanwhile. Read once per pump, not per claim (a claim is the hot path).
 */
export async function stoppedBroadcasts(db: Db, now: Date): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    select id from sms_broadcasts where state in ('paused', 'cancelled', 'rejected') and updated_at > ${new Date(now.getTime() - 86400_000)}`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * Claims up to `limit` runnable messages for `instance`, lane by lane, in ONE statement: each lane is an ordered
 * range of the runnable index read by its own locking CTE, and CTEs are read lazily, so a later lane is only
 * scanned when the earlier ones have fewer than `limit` rows (a statement per lane cost a round trip and a plan
 * each, per group of 16 — a large share of the database's work per message). Rows other instances hold are
 * skipped, never waited for. `as: 'submitting'` claims a group that goes on the wire right after this commit:
 * the claim is then also the idempotency check — only a row still queued can be claimed, and a claimed row is
 * never claimed again.
 */
export async function claim(
  db: Db, instance: string, now: Date, limit: number, lanes: readonly number[], stopped: readonly string[], as: 'claimed' | 'submitting' = 'claimed',
): Promise<ClaimedMessage[]> {
  if (lanes.length === 0 || limit <= 0) return [];
  const notStopped = stopped.length ? sql`and (broadcast_id is null or broadcast_id <> all(${[...stopped]}::bigint[]))` : sql``;
  const ctes = lanes.map((lane, i) => sql`${sql.raw(`l${i}`)} as (
      select id from sms_messages
      where state = 'queued' and lane = ${lane} and not_before <= ${now} ${notStopped}
      order by not_before, id limit ${limit}
      for update skip locked)`);
  const union = sql.join(lanes.map((_, i) => sql`select id from ${sql.raw(`l${i}`)}`), sql` union all `);
  const bump = as === 'submitting' ? 1 : 0;
  const { rows } = await sql<ClaimedMessage>`${sql.raw(PREPARED)}
    with ${sql.join(ctes, sql`, `)}
    update sms_messages m set state = ${as}, claimed_by = ${instance}, claimed_at = ${now}, attempts = m.attempts + ${bump}
    from (${union} limit ${limit}) c
    where m.id = c.id
    returning m.id, m.lane, m.phone_enc, m.text, m.attempts - ${bump} as attempts, m.reply_ext`.execute(db);
  // Lane order (the update returns rows in no particular order): emergency first, then replies, then bulk.
  return rows.sort((a, b) => a.lane - b.lane);
}

/**
 * The idempotency check before each submit: a claimed message becomes "submitting" (may be on the wire) only if
 * it is still claimed by this instance. Returns the ids that may be submitted now; anything else (cancelled,
 * recovered by another instance after a lease loss) is not sent.
 */
export async function markSubmitting(db: Db, instance: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await sql<{ id: string }>`
    update sms_messages set state = 'submitting', attempts = attempts + 1
    where id = any(${ids}::bigint[]) and state = 'claimed' and claimed_by = ${instance}
    returning id`.execute(db);
  return new Set(rows.map((r) => r.id));
}

/**
 * For the rest of the transaction, batch statements join by index lookups only (applying receipts that
 * waited, whose batches name segments by link and carrier id through joins). Nested loops over the batch are
 * always the right plan there; but queue tables are where statistics are most wrong — young tables look small
 * enough to scan and hash, and a table analysed while nothing was in flight makes every state look rare — and a wrong
 * guess reads the whole table per batch. (Measured: a fresh database's first 50,000 messages read 16 million
 * segment rows in seq scans, a tenth of the database's CPU.) Guards on state are also written against columns
 * of the batch rather than constants, so that no partial index of a state can be chosen to drive the join.
 */
async function byKeysOnly(trx: Transaction<DB>): Promise<void> {
  await sql`select set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true), set_config('enable_seqscan', 'off', true)`.execute(trx);
}

/** What became of one submit, as the dispatcher records it. */
export type Outcome =
  | { kind: 'submitted'; id: string; link: string; segmentIds: string[] }
  | { kind: 'retry'; id: string; notBefore: Date; code: string; reason: string }
  | { kind: 'failed' | 'unknown'; id: string; code: string; reason: string; link: string | null; segmentIds: string[] };

/** Keys (link, carrier id) whose receipts should be applied once the transaction that wrote them has committed. */
export interface ReceiptKeys { links: string[]; ids: string[] }

/**
 * Records a batch of outcomes in ONE statement (atomic on its own, so no BEGIN and COMMIT round trips): the
 * messages' new states, and the segments the carrier accepted. Returns the keys of the segments it stored: the
 * caller applies receipts for them after the commit (a receipt may have come before its submit_sm_resp was
 * recorded).
 */
export async function recordOutcomes(db: Kysely<DB>, instance: string, now: Date, receiptTimeoutMs: number, outcomes: Outcome[]): Promise<ReceiptKeys> {
  if (outcomes.length === 0) return { links: [], ids: [] };
  const expires = new Date(now.getTime() + receiptTimeoutMs);
  const v = outcomes.map((o) => ({
    id: o.id,
    kind: o.kind,
    link: o.kind === 'retry' ? null : o.link,
    // A message that failed with nothing accepted has no segments on record.
    segments: o.kind === 'retry' ? null : o.kind === 'submitted' ? o.segmentIds.length : o.segmentIds.length || null,
    notBefore: o.kind === 'retry' ? o.notBefore : null,
    code: o.kind === 'submitted' ? null : o.code,
    reason: o.kind === 'submitted' ? null : o.reason,
  }));
  // Segments the carrier accepted, also of messages that then failed (their receipts still come, and are billed).
  const segs = outcomes.flatMap((o) => (o.kind === 'retry' || !o.link ? [] : o.segmentIds.map((cid, i) => ({ message: o.id, seq: i + 1, link: o.link!, cid: normalizeCarrierId(cid) }))));
  // The rows are found by their ids as an array in the primary key. The guard "still submitting, by this
  // instance" is compared with columns of the batch, not with constants: constants would let the planner answer
  // it from the partial index of claimed rows — reading every row this instance has in flight, per batch.
  await sql`${sql.raw(PREPARED)}
    with recorded as (
      update sms_messages m set
        state = case v.kind when 'retry' then 'queued' else v.kind end,
        link = case when v.kind = 'retry' then m.link else v.link end,
        segments = case when v.kind = 'retry' then m.segments else v.segments end,
        -- also when a message failed after the carrier accepted some of its segments: those are billed, and the
        -- usage report counts by submitted_at
        submitted_at = case when v.kind = 'submitted' or v.segments > 0 then ${now}::timestamptz else m.submitted_at end,
        expires_at = case when v.kind = 'submitted' then ${expires}::timestamptz else m.expires_at end,
        finished_at = case when v.kind in ('failed', 'unknown') then ${now}::timestamptz when v.kind = 'submitted' then null else m.finished_at end,
        not_before = case when v.kind = 'retry' then v.not_before else m.not_before end,
        claimed_at = case when v.kind = 'retry' then null else m.claimed_at end,
        claimed_by = null, error_code = v.code, error_reason = v.reason
      from unnest(${v.map((x) => x.id)}::bigint[], ${v.map((x) => x.kind)}::text[], ${v.map((x) => x.link)}::text[], ${v.map((x) => x.segments)}::int[],
                  ${v.map((x) => x.notBefore)}::timestamptz[], ${v.map((x) => x.code)}::text[], ${v.map((x) => x.reason)}::text[],
                  ${v.map(() => instance)}::text[], ${v.map(() => 'submitting')}::text[])
        as v(id, kind, link, segments, not_before, code, reason, by, st)
      where m.id = any(${v.map((x) => x.id)}::bigint[]) and m.id = v.id
        and ((m.state = v.st and m.claimed_by = v.by)
          -- An instance that stalled past its lease finds its messages put in doubt by another (recoverAbandoned).
          -- They are never resent, so its late word is the only one: what the carrier accepted is submitted after all.
          or (v.kind = 'submitted' and m.state = 'unknown' and m.error_code = 'in_doubt'))
      returning m.id
    )
    insert into sms_segments (message_id, seq, link, carrier_id)
    select * from unnest(${segs.map((s) => s.message)}::bigint[], ${segs.map((s) => s.seq)}::smallint[], ${segs.map((s) => s.link)}::text[], ${segs.map((s) => s.cid)}::text[])
    on conflict do nothing`.execute(db);
  return { links: segs.map((s) => s.link), ids: segs.map((s) => s.cid) };
}

/**
 * Applies the receipts of the given keys, in its own transaction, AFTER the transaction that stored the segments
 * or the receipts has committed. Segments and receipts are written by different transactions (a receipt can come
 * before its submit is recorded, and to another instance's link); one looking for the other's rows inside its own
 * transaction could miss them while both are uncommitted. Looking after one's own commit cannot: of the two
 * appliers, the one that starts later sees both. Two appliers on the same rows are harmless (a segment already
 * final is not changed; a message already settled is not settled again); a deadlock between two instances'
 * appliers is retried.
 */
export async function applyReceiptKeys(db: Kysely<DB>, now: Date, keys: ReceiptKeys): Promise<void> {
  if (keys.ids.length === 0) return;
  // Nearly always no receipt is waiting for these segments: one probe of the (small) table of waiting receipts
  // answers that, without a transaction. Only the keys that have one are applied.
  const { rows: waiting } = await sql<{ link: string; cid: string }>`${sql.raw(PREPARED)}
    select distinct k.link, k.cid from unnest(${keys.links}::text[], ${keys.ids}::text[]) as k(link, cid)
    where exists (select 1 from sms_receipts r where r.link = k.link and r.carrier_id = k.cid)
       or exists (select 1 from sms_receipts r where r.link = k.link and r.carrier_id_alt = k.cid)`.execute(db);
  if (waiting.length === 0) return;
  keys = { links: waiting.map((w) => w.link), ids: waiting.map((w) => w.cid) };
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction().execute(async (trx) => {
        await byKeysOnly(trx);
        await applyReceipts(trx, now, keys.links, keys.ids);
      });
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '40P01' || attempt >= 3) throw err;
    }
  }
}

/** Receipts still unapplied after a while (a safety net: an applier interrupted by a crash): applied now if their segment is known. */
export async function sweepReceipts(db: Kysely<DB>, now: Date): Promise<void> {
  const { rows } = await sql<{ link: string; carrier_id: string; carrier_id_alt: string | null }>`
    select link, carrier_id, carrier_id_alt from sms_receipts where received_at < ${new Date(now.getTime() - 5000)} order by id limit 5000`.execute(db);
  if (rows.length === 0) return;
  await applyReceiptKeys(db, now, {
    links: [...rows.map((r) => r.link), ...rows.filter((r) => r.carrier_id_alt).map((r) => r.link)],
    ids: [...rows.map((r) => r.carrier_id), ...rows.filter((r) => r.carrier_id_alt).map((r) => r.carrier_id_alt!)],
  });
  // Receipts for segments never recorded (sent before a crash, in doubt) are kept a day for inspection.
  await sql`delete from sms_receipts where received_at < ${new Date(now.getTime() - 86400_000)}`.execute(db);
}

const FINAL_FAILURES = ['expired', 'deleted', 'undeliverable', 'rejected'];

const isFinalState = (s: string) => s !== 'enroute' && s !== 'accepted';

/**
 * Stores a batch of receipts (then they may be acknowledged): applied at once to the segments they name, and kept
 * in sms_receipts only when their segment is not (yet) known — a receipt that came before its submit was recorded.
 * Returns the keys of those, to apply after the commit (applyReceiptKeys).
 */
export async function storeReceipts(db: Kysely<DB>, now: Date, receipts: DeliveryReceipt[]): Promise<ReceiptKeys> {
  if (receipts.length === 0) return { links: [], ids: [] };
  // One receipt per segment in a batch: a final one over an intermediate one, else the later.
  const byKey = new Map<string, DeliveryReceipt>();
  for (const r of receipts) {
    const key = `${r.link}\u0000${r.carrierId}`;
    const cur = byKey.get(key);
    if (!cur || isFinalState(r.state) || !isFinalState(cur.state)) byKey.set(key, r);
  }
  const rows = [...byKey.values()].map((r, i) => {
    const [id, alt] = carrierIdCandidates(r.carrierId);
    return { i, link: r.link, id: id!, alt: alt ?? null, state: r.state, stat: r.stat, error: r.error ?? null, done: r.doneAt ?? null };
  });
  // No transaction: each statement is atomic on its own, and the batch is acknowledged only after the last one.
  // A crash in between leaves it unacknowledged; the carrier delivers it again, and what was applied already is
  // not applied twice (a final segment is not changed; its receipt waits in sms_receipts and is swept).
  const hit = new Set<number>();
  // By the id as written, then by the other base. The segments are found through their index by the batch's
  // links and ids as arrays (a plan no statistics can turn into a scan), then paired exactly. A one-segment
  // message (nearly all) is settled by the same statement; longer ones when all their segments are final.
  const longer = new Set<string>();
  for (const column of ['id', 'alt'] as const) {
    const todo = rows.filter((r) => !hit.has(r.i) && r[column]);
    if (todo.length === 0) continue;
    const { rows: matched } = await sql<{ message_id: string; i: number; final: boolean; settled: boolean }>`${sql.raw(PREPARED)}
      with seg as (
        update sms_segments s set state = v.state, stat = v.stat, error = v.error, done_at = v.done_at
        from unnest(${todo.map((r) => r.i)}::int[], ${todo.map((r) => r.link)}::text[], ${todo.map((r) => r[column])}::text[], ${todo.map((r) => r.state)}::text[],
                    ${todo.map((r) => r.stat)}::text[], ${todo.map((r) => r.error)}::text[], ${todo.map((r) => r.done)}::timestamptz[], ${todo.map(() => 'submitted')}::text[])
          as v(i, link, cid, state, stat, error, done_at, expect)
        where s.link = any(${[...new Set(todo.map((r) => r.link))]}::text[]) and s.carrier_id = any(${todo.map((r) => r[column])}::text[])
          and s.link = v.link and s.carrier_id = v.cid and s.state in ('submitted', 'enroute', 'accepted')
        returning s.message_id, v.i, s.state, s.stat, s.error, v.expect
      ),
      one as (
        update sms_messages m set
          state = case when seg.state = 'delivered' then 'delivered' when seg.state = 'unknown' then 'unknown' else 'failed' end,
          error_code = case when seg.state = 'delivered' then null when seg.state = 'unknown' then 'UNKNOWN' else seg.stat end,
          error_reason = case when seg.state = 'delivered' then null when seg.state = 'unknown' then '运营商回执状态未知'
                              else seg.stat || coalesce(' err:' || seg.error, '') end,
          finished_at = ${now}
        from seg
        where m.id = seg.message_id and m.state = seg.expect and m.segments = 1 and seg.state not in ('enroute', 'accepted')
        returning m.id
      )
      select seg.message_id, seg.i, seg.state not in ('enroute', 'accepted') as final,
             exists (select 1 from one where one.id = seg.message_id) as settled
      from seg`.execute(db);
    for (const m of matched) {
      hit.add(m.i);
      if (m.final && !m.settled) longer.add(m.message_id);
    }
  }
  if (longer.size) await settle(db, now, [...longer]);
  const rest = rows.filter((r) => !hit.has(r.i));
  if (rest.length) {
    await sql`
      insert into sms_receipts (link, carrier_id, carrier_id_alt, state, stat, error, done_at, received_at)
      select v.*, ${now}::timestamptz from unnest(${rest.map((r) => r.link)}::text[], ${rest.map((r) => r.id)}::text[], ${rest.map((r) => r.alt)}::text[],
        ${rest.map((r) => r.state)}::text[], ${rest.map((r) => r.stat)}::text[], ${rest.map((r) => r.error)}::text[], ${rest.map((r) => r.done)}::timestamptz[])
        as v(link, carrier_id, carrier_id_alt, state, stat, error, done_at)`.execute(db);
  }
  return { links: [...rest.map((r) => r.link), ...rest.filter((r) => r.alt).map((r) => r.link)], ids: [...rest.map((r) => r.id), ...rest.filter((r) => r.alt).map((r) => r.alt!)] };
}

/**
 * Applies the stored receipts whose (link, id) is among the given keys to their segments, deletes them, and
 * settles the messages whose segments are all final. A final receipt wins over an intermediate one (ENROUTE,
 * ACCEPTD) whatever their order; a segment already final is not changed by a late duplicate.
 */
async function applyReceipts(trx: Transaction<DB>, now: Date, links: string[], ids: string[]): Promise<void> {
  // Equality joins only (each side of the hex/decimal pair separately), so every step is an index lookup.
  const { rows: matched } = await sql<{ rid: string; message_id: string; seq: number; state: string; stat: string; error: string | null; done_at: Date | null }>`
    with k as (select distinct link, cid from unnest(${links}::text[], ${ids}::text[]) as k(link, cid)),
    r as (
      select r.* from k join sms_receipts r on r.link = k.link and r.carrier_id = k.cid
      union
      select r.* from k join sms_receipts r on r.link = k.link and r.carrier_id_alt = k.cid
    )
    select r.id as rid, s.message_id, s.seq, r.state, r.stat, r.error, r.done_at
      from r join sms_segments s on s.link = r.link and s.carrier_id = r.carrier_id
    union all
    select r.id as rid, s.message_id, s.seq, r.state, r.stat, r.error, r.done_at
      from r join sms_segments s on s.link = r.link and s.carrier_id = r.carrier_id_alt`.execute(trx);
  if (matched.length === 0) return;
  // Per segment: the final receipt if there is one, else the latest.
  const best = new Map<string, (typeof matched)[number]>();
  const isFinal = isFinalState;
  for (const m of matched) {
    const key = `${m.message_id}:${m.seq}`;
    const cur = best.get(key);
    if (!cur || (isFinal(m.state) && !isFinal(cur.state)) || (isFinal(m.state) === isFinal(cur.state) && BigInt(m.rid) > BigInt(cur.rid))) best.set(key, m);
  }
  const b = [...best.values()];
  await sql`
    update sms_segments s set state = v.state, stat = v.stat, error = v.error, done_at = v.done_at
    from unnest(${b.map((m) => m.message_id)}::bigint[], ${b.map((m) => m.seq)}::smallint[], ${b.map((m) => m.state)}::text[], ${b.map((m) => m.stat)}::text[],
                ${b.map((m) => m.error)}::text[], ${b.map((m) => m.done_at)}::timestamptz[]) as v(message_id, seq, state, stat, error, done_at)
    where s.message_id = v.message_id and s.seq = v.seq and s.state in ('submitted', 'enroute', 'accepted')`.execute(trx);
  await sql`delete from sms_receipts where id = any(${[...new Set(matched.map((m) => m.rid))]}::bigint[])`.execute(trx);
  await settle(trx, now, [...new Set(b.map((m) => m.message_id))]);
}

/**
 * Moves submitted messages to their final state once their segments say so: failed when any segment failed
 * (with the carrier's stat and error as the reason), unknown when a segment's fate is unknown, delivered when
 * every segment was delivered.
 */
async function settle(trx: Db, now: Date, messageIds: string[]): Promise<void> {
  // Its plan needs no planner settings (it also runs outside byKeysOnly, for long messages in storeReceipts): each
  // message's segments are read by a LATERAL lookup of the primary key, and the state guard compares with a column
  // of the batch, so the partial index of all submitted messages (up to millions awaiting receipts) cannot be
  // chosen to drive it — only the batch's own ids in the primary key.
  await sql`
    update sms_messages m set
      state = case when a.failed > 0 then 'failed' when a.unknown > 0 then 'unknown' else 'delivered' end,
      error_code = case when a.failed > 0 then a.fail_stat when a.unknown > 0 then 'UNKNOWN' end,
      error_reason = case when a.failed > 0 then a.fail_reason when a.unknown > 0 then '运营商回执状态未知' end,
      finished_at = ${now}
    from unnest(${messageIds}::bigint[], ${Array<string>(messageIds.length).fill('submitted')}::text[]) as u(id, expect)
    cross join lateral (
      select
        count(*) filter (where s.state = 'delivered') as delivered,
        count(*) filter (where s.state = any(${FINAL_FAILURES}::text[])) as failed,
        count(*) filter (where s.state = 'unknown') as unknown,
        max(s.stat) filter (where s.state = any(${FINAL_FAILURES}::text[])) as fail_stat,
        max(s.stat || coalesce(' err:' || s.error, '')) filter (where s.state = any(${FINAL_FAILURES}::text[])) as fail_reason
      from sms_segments s where s.message_id = u.id
    ) a
    where m.id = u.id and m.state = u.expect
      and (a.failed > 0 or a.unknown > 0 or a.delivered >= m.segments)`.execute(trx);
}

/** Submitted messages with no final receipt by their deadline become unknown — never delivered. */
export async function expireSubmitted(db: Db, now: Date): Promise<number> {
  const r = await sql`
    update sms_messages set state = 'unknown', error_code = 'no_receipt', error_reason = '超过回执时限仍未收到送达回执', finished_at = ${now}
    where state = 'submitted' and expires_at < ${now}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Renews this instance's lease. */
export async function heartbeat(db: Db, instance: string, now: Date): Promise<void> {
  await sql`insert into sms_dispatchers (instance, started_at, seen_at) values (${instance}, ${now}, ${now})
            on conflict (instance) do update set seen_at = excluded.seen_at`.execute(db);
}

/**
 * Recovers what dispatchers that stopped renewing their lease left behind. Claimed rows were never on the wire:
 * they are queued again. Rows marked submitting may have reached the carrier: sending them again could
 * deliver twice, so they become unknown ("in doubt") and are not resent; staff see them and may resend.
 */
export async function recoverAbandoned(db: Kysely<DB>, now: Date, leaseMs: number): Promise<{ requeued: number; inDoubt: number }> {
  const stale = new Date(now.getTime() - leaseMs);
  return db.transaction().execute(async (trx) => {
    const live = sql`(select instance from sms_dispatchers where seen_at >= ${stale})`;
    const a = await sql`
      update sms_messages set state = 'queued', claimed_by = null, claimed_at = null
      where state = 'claimed' and claimed_by not in ${live}`.execute(trx);
    const b = await sql`
      update sms_messages set state = 'unknown', error_code = 'in_doubt',
        error_reason = '发送过程中服务中断，无法确认运营商是否已收到；为避免重复发送未自动重发', finished_at = ${now}, claimed_by = null
      where state = 'submitting' and claimed_by not in ${live}`.execute(trx);
    await sql`delete from sms_dispatchers where seen_at < ${stale}`.execute(trx);
    return { requeued: Number(a.numAffectedRows ?? 0), inDoubt: Number(b.numAffectedRows ?? 0) };
  });
}

/** Broadcasts being sent whose every message has left the queue are completed. */
export async function completeBroadcasts(db: Db, now: Date): Promise<void> {
  await sql`
    update sms_broadcasts b set state = 'completed', completed_at = ${now}, updated_at = ${now}
    where b.state = 'sending'
      and not exists (select 1 from sms_messages m where m.broadcast_id = b.id and m.state in ('held', 'queued', 'claimed', 'submitting'))`.execute(db);
}
