/**
 * The audit trail: one row per write or reveal, and a keyed chain over the rows that cannot be quietly rewritten.
 *
 * Writing: `appendAudit()` only INSERTs the row in the caller's transaction — no lock, no hash — so audited writes
 * never wait for one another beyond the insert itself. A trigger queues the row in `audit_pending` (migration
 * 20261129T0200-audit-chain); it becomes visible when the caller commits.
 *
 * Chaining: the sequencer (`sequenceAudit`) takes committed, queued rows in short transactions under one advisory
 * lock and gives each the next gapless chain position in `audit_chain` with
 *   hash = HMAC-SHA256(audit key, canonical JSON of the row, its position, its audit id and the previous hash).
 * Positions follow the order in which rows are found committed, so a long transaction that commits late is chained
 * late, never out of order. The key lives outside the database (configuration, or a file under DATA_DIR in the
 * embedded mode): whoever can write to the database but lacks the key cannot recompute the chain.
 *
 * Anchoring: the newest chain head (position and hash) is appended, on a schedule and on shutdown, to an
 * append-only file outside the database (`AUDIT_ANCHOR_FILE`). Verification checks every anchored position: rows
 * deleted from the end, or a chain rebuilt after an edit, no longer match an anchor.
 *
 * Both tables refuse UPDATE, DELETE and TRUNCATE through triggers.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { installedModulesOrNull } from './module.js';

export interface AuditEntry {
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId?: string | null;
  orgPath?: string | null;
  ip?: string | null;
  before?: unknown;
  after?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);
// Arbitrary constant: the advisory lock that serializes sequencers (never audited writers).
const AUDIT_SEQUENCER_LOCK = 7_291_003;
const SEQUENCE_BATCH = 1000;

/** Canonical JSON: object keys sorted at every depth, so jsonb's key reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What one chain position covers: the audit row as stored, its id, its position and the previous hash. */
export interface ChainedFields {
  seq: string;
  audit_id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_path: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
}

/** HMAC-SHA256 (hex) of the canonical JSON of the fields, keyed with the audit key. */
export function chainHash(key: Buffer, f: ChainedFields): string {
  const body = canonicalJson({
    seq: String(f.seq),
    audit_id: String(f.audit_id),
    at: f.at.toISOString(),
    actor_id: f.actor_id === null ? null : String(f.actor_id),
    actor_name: f.actor_name,
    action: f.action,
    entity_type: f.entity_type,
    entity_id: f.entity_id,
    org_path: f.org_path,
    ip: f.ip,
    before: f.before ?? null,
    after: f.after ?? null,
    prev_hash: f.prev_hash,
  });
  return crypto.createHmac('sha256', key).update(body).digest('hex');
}

/**
 * A lone UTF-16 surrogate is stored as U+FFFD by a text column and refused by jsonb (JSON.stringify
 * writes it as "\udXXX"): replace it up front, so that odd input cannot make the audited write fail.
 */
function wellFormed(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? wf(value) : value;
}
/**
 * Under the test runner, an audit action or entity type that no module's manifest labels fails the write, so
 * every path the tests cover proves the audit log screen can name what it shows. In production the row is
 * written anyway (the screen shows the raw key): an audit row is never lost to a missing label.
 */
function assertLabelled(e: AuditEntry): void {
  const catalogue = installedModulesOrNull();
  if (!catalogue || !process.env.VITEST) return;
  if (!catalogue.auditActions.has(e.action)) throw new Error(`audit action "${e.action}" has no label: declare it in its module's manifest (auditActions)`);
  if (!catalogue.entityTypes.has(e.entityType)) throw new Error(`audit entity type "${e.entityType}" has no label: declare it in its module's manifest (entityTypes)`);
}

const wf = (s: string): string => s.replace(/\p{Cs}/gu, '\uFFFD');
const wfOrNull = (s: string | null | undefined): string | null => (s == null ? null : wf(s));
const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v, wellFormed));

/**
 * Rows appended by this process so far: poke() has nothing to chain when none was appended since the last poke (a
 * POST that only reads, such as a member search, would otherwise cost a sequencing transaction every time).
 */
let appended = 0;

/**
 * Appends one audit row inside `trx` (the caller's transaction: the row commits or rolls back with the change).
 * Takes no lock and computes no hash; the sequencer chains the row once it has committed.
 */
export async function appendAudit(trx: Transaction<DB>, e: AuditEntry, now: Date = new Date()): Promise<void> {
  assertLabelled(e);
  appended++;
  await trx
    .insertInto('audit_log')
    .values({
      at: new Date(Math.floor(now.getTime())),
      actor_id: e.actorId,
      actor_name: wf(e.actorName),
      action: wf(e.action),
      entity_type: wf(e.entityType),
      entity_id: wfOrNull(e.entityId),
      org_path: wfOrNull(e.orgPath),
      ip: wfOrNull(e.ip),
      before: json(e.before),
      after: json(e.after),
    })
    .execute();
}

/**
 * Chains every committed row waiting in `audit_pending`, in batches, each batch one short transaction under the
 * sequencer lock (so two instances never hand out the same position). Returns how many rows were chained.
 */
export async function sequenceAudit(db: Kysely<DB>, key: Buffer, batch = SEQUENCE_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${AUDIT_SEQUENCER_LOCK})`.execute(trx);
      const rows = await trx
        .selectFrom('audit_pending as p')
        .innerJoin('audit_log as a', 'a.id', 'p.audit_id')
        .selectAll('a')
        .orderBy('p.audit_id')
        .limit(batch)
        .execute();
      if (rows.length === 0) return 0;
      const last = await trx
        .selectFrom('audit_chain as c')
        .leftJoin('audit_log as a', 'a.id', 'c.audit_id')
        .select(['c.seq', 'c.audit_id', 'c.prev_hash', 'c.hash', 'a.at', 'a.actor_id', 'a.actor_name', 'a.action', 'a.entity_type', 'a.entity_id', 'a.org_path', 'a.ip', 'a.before', 'a.after'])
        .orderBy('c.seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      // Extending a chain under another key would write positions that never verify, and the chain is insert-only:
      // a process started with a wrong DJ_AUDIT_KEY (or facing a tampered head) must not sequence at all.
      if (last && (last.at === null || !timingSafeHexEqual(chainHash(key, { ...last, at: last.at, actor_name: last.actor_name!, action: last.action!, entity_type: last.entity_type! }), last.hash))) {
        throw new AuditKeyMismatchError();
      }
      let seq = BigInt(last?.seq ?? 0);
      let prev = last?.hash ?? GENESIS_HASH;
      const values = rows.map((r) => {
        seq += 1n;
        const hash = chainHash(key, { ...r, seq: seq.toString(), audit_id: r.id, prev_hash: prev });
        const v = { seq: seq.toString(), audit_id: r.id, prev_hash: prev, hash };
        prev = hash;
        return v;
      });
      await trx.insertInto('audit_chain').values(values).execute();
      await trx.deleteFrom('audit_pending').where('audit_id', 'in', rows.map((r) => r.id)).execute();
      return rows.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

export class AuditKeyMismatchError extends Error {
  constructor() {
    super('the audit chain head does not verify with this audit key (DJ_AUDIT_KEY): refusing to extend the chain; run verify-audit');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Anchors: the chain head written outside the database.

export interface Anchor {
  seq: string;
  hash: string;
  at: string;
}

/** The chain head now, or null for an empty chain. */
export async function chainHead(db: Kysely<DB>): Promise<{ seq: string; hash: string } | null> {
  return (await db.selectFrom('audit_chain').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst()) ?? null;
}

/** Reads the anchor history (JSON lines). A missing file is an empty history; a malformed line throws. */
export function readAnchors(file: string): Anchor[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const anchors: Anchor[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let a: Partial<Anchor>;
    try {
      a = JSON.parse(line) as Partial<Anchor>;
    } catch {
      throw new AnchorFileError(`${file} line ${i + 1} is not JSON`);
    }
    if (typeof a.seq !== 'string' || !/^[1-9][0-9]*$/.test(a.seq) || typeof a.hash !== 'string' || !/^[0-9a-f]{64}$/.test(a.hash) || typeof a.at !== 'string') {
      throw new AnchorFileError(`${file} line ${i + 1} is not an anchor`);
    }
    anchors.push({ seq: a.seq, hash: a.hash, at: a.at });
  });
  return anchors;
}

/** The newest anchor, read from the file's tail only (the history grows by one line a minute at most). */
export function lastAnchor(file: string): Anchor | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const size = fs.fstatSync(fd).size;
    const len = Math.min(size, 4096);
    const buf = Buffer.alloc(len);
    fs.readSync(fd, buf, 0, len, size - len);
    const line = buf.toString('utf8').trimEnd().split('\n').at(-1) ?? '';
    if (line === '') return null;
    const a = JSON.parse(line) as Anchor;
    if (typeof a.seq !== 'string' || !/^[0-9]+$/.test(a.seq)) throw new AnchorFileError(`${file}: the last line is not an anchor`);
    return a;
  } finally {
    fs.closeSync(fd);
  }
}

export class AnchorFileError extends Error {}

/** Appends one anchor line (O_APPEND: earlier lines are never rewritten). */
export function writeAnchor(file: string, anchor: Anchor): void {
  fs.appendFileSync(file, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
}

// ---------------------------------------------------------------------------------------------------------------
// Verification.

export type ChainProblem =
  | 'edited' // a row's content (or its recorded hash) does not match the keyed hash
  | 'relinked' // a position does not point at the previous position's hash
  | 'gap' // a chain position is missing
  | 'row_missing' // a chain position's audit row is gone
  | 'anchor_mismatch' // an anchored position now has another hash: the chain was rebuilt
  | 'truncated' // the chain ends before the newest anchor: rows were removed from the end
  | 'unchained' // audit rows neither chained nor waiting to be: taken out of the queue
  | 'anchor_unreadable';

export interface ChainReport {
  ok: boolean;
  /** Chain positions verified before the first problem (all of them when ok). */
  checked: number;
  /** The audit row id at the first problem, when there is one. */
  firstBrokenId: string | null;
  /** The chain position at the first problem, when there is one. */
  firstBrokenSeq: string | null;
  problem: ChainProblem | null;
  /** What is wrong, in Chinese, for the audit administrator. */
  reason: string | null;
  /** Anchors read and checked, and the newest. */
  anchors: { checked: number; latestSeq: string | null; latestAt: string | null };
  /** Rows neither chained nor queued (tampering), or queued for longer than `staleAfterMs`. */
  unchained: number;
}

export const PROBLEM_REASONS: Record<ChainProblem, string> = {
  edited: '记录内容与其密钥哈希不符（记录被篡改，或哈希在没有审计密钥的情况下被重算）',
  relinked: '链位置未指向前一位置的哈希（链被重新拼接）',
  gap: '链位置缺失（链记录被删除）',
  row_missing: '链位置对应的审计记录已不存在（记录被删除）',
  anchor_mismatch: '链与库外锚点记录的哈希不符（锚定之后链被改写）',
  truncated: '链短于库外锚点记录的位置（最新的记录被删除）',
  unchained: '存在未进入哈希链的审计记录（记录被移出待链队列，或长时间未能入链）',
  anchor_unreadable: '库外锚点文件无法读取或已被改动',
};

export interface VerifyOptions {
  /** Anchor history file; absent → no anchor check. */
  anchorFile?: string;
  pageSize?: number;
  /** Queued rows older than this (by their `at`) after sequencing count as unchained. Default 10 minutes. */
  staleAfterMs?: number;
  now?: () => Date;
}

/**
 * Chains what is waiting, then walks the chain by position, page by page, checking each position's keyed hash and
 * link, that its audit row exists, every anchor on the way and that the chain reaches the newest anchor; finally
 * that no audit row is left out of the chain.
 */
export async function verifyAuditChain(db: Kysely<DB>, key: Buffer, opts: VerifyOptions = {}): Promise<ChainReport> {
  const pageSize = opts.pageSize ?? 5000;
  const now = opts.now ?? (() => new Date());
  let anchors: Anchor[] = [];
  const report = (checked: number, problem: ChainProblem | null, at: { id?: string | null; seq?: string | null } = {}, unchained = 0): ChainReport => ({
    ok: problem === null,
    checked,
    firstBrokenId: at.id ?? null,
    firstBrokenSeq: at.seq ?? null,
    problem,
    reason: problem ? PROBLEM_REASONS[problem] : null,
    anchors: { checked: anchors.length, latestSeq: anchors.at(-1)?.seq ?? null, latestAt: anchors.at(-1)?.at ?? null },
    unchained,
  });

  // Anchors first: each was written after its position committed, so the walk below must find all of them.
  if (opts.anchorFile) {
    try {
      anchors = readAnchors(opts.anchorFile);
    } catch {
      return report(0, 'anchor_unreadable');
    }
  }
  const anchorAt = new Map(anchors.map((a) => [a.seq, a.hash]));
  const maxAnchored = anchors.reduce((m, a) => (BigInt(a.seq) > m ? BigInt(a.seq) : m), 0n);

  // A head that does not verify stops the sequencer; the walk below then says where the chain breaks.
  await sequenceAudit(db, key).catch((err: unknown) => {
    if (!(err instanceof AuditKeyMismatchError)) throw err;
  });

  let prev = GENESIS_HASH;
  let expected = 1n;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_chain as c')
      .leftJoin('audit_log as a', 'a.id', 'c.audit_id')
      .select(['c.seq', 'c.audit_id', 'c.prev_hash', 'c.hash', 'a.id', 'a.at', 'a.actor_id', 'a.actor_name', 'a.action', 'a.entity_type', 'a.entity_id', 'a.org_path', 'a.ip', 'a.before', 'a.after'])
      .where('c.seq', '>=', expected.toString())
      .orderBy('c.seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const at = { id: r.audit_id, seq: r.seq };
      if (BigInt(r.seq) !== expected) return report(checked, 'gap', { seq: expected.toString() });
      if (r.id === null || r.at === null) return report(checked, 'row_missing', at);
      if (r.prev_hash !== prev) return report(checked, 'relinked', at);
      const hash = chainHash(key, {
        seq: r.seq, audit_id: r.audit_id, at: r.at, actor_id: r.actor_id, actor_name: r.actor_name!, action: r.action!, entity_type: r.entity_type!,
        entity_id: r.entity_id, org_path: r.org_path, ip: r.ip, before: r.before, after: r.after, prev_hash: r.prev_hash,
      });
      if (!timingSafeHexEqual(hash, r.hash)) return report(checked, 'edited', at);
      const anchored = anchorAt.get(r.seq);
      if (anchored !== undefined && anchored !== r.hash) return report(checked, 'anchor_mismatch', at);
      prev = r.hash;
      expected += 1n;
      checked++;
    }
  }
  if (maxAnchored >= expected) return report(checked, 'truncated', { seq: expected.toString() });

  // Rows outside the chain: not queued at all (taken out of the queue), or queued and still there after sequencing.
  const staleBefore = new Date(now().getTime() - (opts.staleAfterMs ?? 10 * 60_000));
  const outside = async () =>
    db
      .selectFrom('audit_log as a')
      .where(({ not, exists, selectFrom }) => not(exists(selectFrom('audit_chain as c').select('c.seq').whereRef('c.audit_id', '=', 'a.id'))))
      .where((eb) => eb.or([
        eb.not(eb.exists(eb.selectFrom('audit_pending as p').select('p.audit_id').whereRef('p.audit_id', '=', 'a.id'))),
        eb('a.at', '<', staleBefore),
      ]))
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.min('a.id').as('first')])
      .executeTakeFirstOrThrow();
  let out = await outside();
  // A row that committed between the sequencing above and this query is not a problem: chain it and look again.
  if (Number(out.n) > 0) {
    await sequenceAudit(db, key);
    out = await outside();
  }
  if (Number(out.n) > 0) return report(checked, 'unchained', { id: out.first === null ? null : String(out.first) }, Number(out.n));
  return report(checked, null);
}

function timingSafeHexEqual(a: string, b: string): boolean {
  return a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

// ---------------------------------------------------------------------------------------------------------------
// The running trail: sequencing after writes and on a short timer, anchoring on a schedule and on shutdown.

export interface AuditTrail {
  /** Chains what is waiting now (also what verify() does first). */
  sequence(): Promise<number>;
  /** Sequences, then appends the chain head to the anchor file if it moved since the last anchor. Returns it. */
  anchor(): Promise<Anchor | null>;
  verify(opts?: Omit<VerifyOptions, 'anchorFile' | 'now'>): Promise<ChainReport>;
  /** Asks a started trail to sequence soon (after a request whose transaction has committed) if this process appended rows since the last poke. */
  poke(): void;
  /** Starts the timers (servers). Tests do not start it and call sequence()/anchor() themselves. */
  start(): void;
  /** Stops the timers, then chains what is waiting and writes a last anchor. */
  stop(): Promise<void>;
}

export interface AuditTrailOptions {
  key: Buffer;
  anchorFile: string;
  anchorIntervalMs: number;
  sequenceIntervalMs?: number;
  now: () => Date;
  onError?: (err: unknown) => void;
  onAnchor?: (a: Anchor) => void;
}

export function createAuditTrail(db: Kysely<DB>, o: AuditTrailOptions): AuditTrail {
  // A failing sequencer (a wrong key, a lost database) would otherwise log every second: once a minute per message.
  const lastLogged = new Map<string, number>();
  const report = (err: unknown) => {
    const msg = err instanceof Error ? err.message : String(err);
    const now = Date.now();
    if ((lastLogged.get(msg) ?? -Infinity) > now - 60_000) return;
    lastLogged.set(msg, now);
    o.onError?.(err);
  };
  let started = false;
  let pokedAt = appended;
  let timers: NodeJS.Timeout[] = [];
  let running: Promise<unknown> = Promise.resolve();
  let queued = false;

  // One sequencing at a time in this process; a poke during a run queues exactly one more.
  const runSequence = (): Promise<number> => {
    const next = running.then(() => sequenceAudit(db, o.key));
    running = next.catch(() => 0);
    return next;
  };
  const background = (fn: () => Promise<unknown>) => {
    fn().catch(report);
  };

  const trail: AuditTrail = {
    sequence: runSequence,
    async anchor() {
      await runSequence();
      const head = await chainHead(db);
      if (!head) return null;
      const last = lastAnchor(o.anchorFile);
      if (last && BigInt(head.seq) <= BigInt(last.seq)) return null;
      const a: Anchor = { seq: head.seq, hash: head.hash, at: o.now().toISOString() };
      writeAnchor(o.anchorFile, a);
      o.onAnchor?.(a);
      return a;
    },
    async verify(opts = {}) {
      await running;
      return verifyAuditChain(db, o.key, { ...opts, anchorFile: o.anchorFile, now: o.now });
    },
    poke() {
      // Nothing appended here since the last poke: nothing of ours to chain. (A row appended by a request that had
      // not committed when that poke's run looked is chained by the timer, within sequenceIntervalMs.)
      if (!started || queued || appended === pokedAt) return;
      pokedAt = appended;
      queued = true;
      setImmediate(() => {
        queued = false;
        background(runSequence);
      });
    },
    start() {
      if (started) return;
      started = true;
      timers = [
        setInterval(() => background(runSequence), o.sequenceIntervalMs ?? 1000),
        setInterval(() => background(() => trail.anchor()), o.anchorIntervalMs),
      ];
      for (const t of timers) t.unref();
    },
    async stop() {
      const wasStarted = started;
      started = false;
      for (const t of timers) clearInterval(t);
      timers = [];
      await running;
      if (wasStarted) await trail.anchor().catch(report);
    },
  };
  return trail;
}
