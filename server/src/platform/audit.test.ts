/**
 * The audit trail itself: canonical JSON, the keyed chain hash, appending without a lock, sequencing in commit
 * order, the append-only triggers, anchors outside the database, and what verification reports when someone with
 * the database's own powers (triggers off) edits, deletes or rebuilds rows — against a real (empty) database, so
 * that what jsonb does to the stored values is part of the test.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { sql, type Transaction } from 'kysely';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { MODULES } from '../modules/index.js';
import { defineModule, installModules } from './module.js';

// This file writes actions of its own; like any module's, they are declared (appendAudit refuses unlabelled ones in tests).
const label = { zh: '测试', en: 'Test' };
installModules([...MODULES, defineModule({
  name: 'audit-test',
  auditActions: { 'test.write': label, 'test.long': label, 'test.quick': label, 'test.hidden': label },
  entityTypes: { thing: label },
})]);
import type { DB } from '../db/schema.js';
import { appendAudit, AuditKeyMismatchError, canonicalJson, chainHash, createAuditTrail, GENESIS_HASH, readAnchors, type AuditEntry, type ChainedFields } from './audit.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-audit-'));
const anchorFile = path.join(dir, 'anchors.jsonl');
let t: TestApp;
let key: Buffer;
beforeAll(async () => {
  t = await createTestApp({ template: 'base', env: { AUDIT_ANCHOR_FILE: anchorFile } });
  key = Buffer.from(t.ctx.config.auditKey!, 'base64');
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const entry = (e: Partial<AuditEntry> = {}): AuditEntry => ({ actorId: '1', actorName: 'tester', action: 'test.write', entityType: 'thing', entityId: '7', orgPath: '/1/', ip: '127.0.0.1', ...e });
const append = (e: Partial<AuditEntry> = {}, at = new Date()) => t.ctx.db.transaction().execute((trx) => appendAudit(trx, entry(e), at));
const chain = () =>
  t.ctx.db.selectFrom('audit_chain as c').innerJoin('audit_log as a', 'a.id', 'c.audit_id').selectAll('a').select(['c.seq', 'c.prev_hash as link', 'c.hash as keyed']).orderBy('c.seq').execute();
const verify = (pageSize?: number) => t.ctx.audit.verify(pageSize ? { pageSize } : {});
/** Someone with the database's own powers: triggers (and so the append-only rule) switched off for the transaction. */
const asSuperuser = <T>(fn: (trx: Transaction<DB>) => Promise<T>) =>
  t.ctx.db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    return fn(trx);
  });
const fieldsOf = (r: Awaited<ReturnType<typeof chain>>[number], prev: string): ChainedFields => ({ ...r, seq: r.seq, audit_id: r.id, prev_hash: prev });

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('drops undefined properties, writes undefined and null as null, and dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(new Date('2026-01-02T03:04:05.678Z'))).toBe('"2026-01-02T03:04:05.678Z"');
    expect(canonicalJson(['中文', 1.5, true])).toBe('["中文",1.5,true]');
  });

  it('is the same for any reordering of keys (property)', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
    }));
  });
});

describe('chainHash', () => {
  const base: ChainedFields = {
    seq: '3', audit_id: '17', at: new Date('2026-03-01T08:00:00.000Z'), actor_id: '5', actor_name: 'demo-hangzhou', action: 'member.update', entity_type: 'member',
    entity_id: '42', org_path: '/1/2/', ip: '127.0.0.1', before: { job: '教师' }, after: { job: '医生' }, prev_hash: GENESIS_HASH,
  };
  const k = Buffer.alloc(32, 1);

  it('is an HMAC-SHA256 under the audit key that changes when any field or the key changes', () => {
    const h = chainHash(k, base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(Buffer.alloc(32, 2), base)).not.toBe(h);
    // Not computable from the row alone: an unkeyed SHA-256 of the same text differs.
    expect(crypto.createHash('sha256').update(canonicalJson({ ...base, at: base.at.toISOString() })).digest('hex')).not.toBe(h);
    const changes: Partial<ChainedFields>[] = [
      { seq: '4' }, { audit_id: '18' }, { at: new Date(base.at.getTime() + 1) }, { actor_id: '6' }, { actor_name: 'x' }, { action: 'member.create' }, { entity_type: 'org' },
      { entity_id: '43' }, { org_path: '/1/' }, { ip: '10.0.0.1' }, { before: { job: '护士' } }, { after: null }, { prev_hash: 'f'.repeat(64) },
    ];
    for (const c of changes) expect(chainHash(k, { ...base, ...c }), JSON.stringify(c)).not.toBe(h);
  });

  it('does not depend on key order inside before/after, nor on ids being numbers or strings', () => {
    expect(chainHash(k, { ...base, before: { b: 2, a: 1 } })).toBe(chainHash(k, { ...base, before: { a: 1, b: 2 } }));
    expect(chainHash(k, { ...base, actor_id: 5 as unknown as string, seq: 3 as unknown as string })).toBe(chainHash(k, base));
    expect(chainHash(k, { ...base, before: undefined })).toBe(chainHash(k, { ...base, before: null }));
  });
});

describe('appending and sequencing', () => {
  beforeEach(async () => {
    await asSuperuser((trx) => sql`truncate audit_chain, audit_pending, audit_log`.execute(trx));
    fs.rmSync(anchorFile, { force: true });
  });

  it('an empty trail verifies', async () => {
    expect(await verify()).toMatchObject({ ok: true, checked: 0, firstBrokenId: null, problem: null, reason: null, unchained: 0 });
  });

  it('appending only queues the row; the sequencer chains it with a keyed hash linked to the one before', async () => {
    for (let i = 0; i < 3; i++) await append({ after: { i } });
    expect(await chain()).toEqual([]);
    expect(await t.ctx.db.selectFrom('audit_pending').select('audit_id').execute()).toHaveLength(3);
    expect(await t.ctx.audit.sequence()).toBe(3);
    expect(await t.ctx.db.selectFrom('audit_pending').select('audit_id').execute()).toEqual([]);
    const r = await chain();
    expect(r.map((x) => x.seq)).toEqual(['1', '2', '3']);
    expect(r[0].link).toBe(GENESIS_HASH);
    expect(r[1].link).toBe(r[0].keyed);
    expect(r[2].link).toBe(r[1].keyed);
    expect(r[2].keyed).toBe(chainHash(key, fieldsOf(r[2], r[1].keyed)));
    expect(await t.ctx.audit.sequence()).toBe(0);
    expect(await verify()).toMatchObject({ ok: true, checked: 3 });
  });

  it('verifies values that jsonb stores differently from how they were given (property)', async () => {
    // jsonb reorders keys, drops duplicate whitespace and normalizes numbers; the chain must not care.
    const value = fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }).filter((v) => !JSON.stringify(v).includes('\\u0000'));
    await fc.assert(fc.asyncProperty(value, value, fc.string({ unit: 'binary', maxLength: 20 }).filter((n) => !n.includes('\u0000')), async (before, after, name) => {
      await append({ before, after, actorName: name, entityId: null, orgPath: null, ip: null });
      const report = await verify();
      expect(report.ok, JSON.stringify(report)).toBe(true);
    }), { numRuns: 60, seed: 7291 });
  });

  it('stores and verifies text with a lone UTF-16 surrogate (which jsonb refuses as such)', async () => {
    await append({ actorName: 'a\ud800b', entityId: '\udc00', after: { s: 'x\ud83dy', ok: '😀' } });
    const [row] = await t.ctx.db.selectFrom('audit_log').selectAll().execute();
    expect(row.actor_name).toBe('a\uFFFDb');
    expect(row.after).toEqual({ s: 'x\uFFFDy', ok: '😀' });
    expect(await verify()).toMatchObject({ ok: true, checked: 1 });
  });

  it('keeps the chain linear when many writers append and several sequencers run at once', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => append({ after: { i } })));
    await Promise.all([t.ctx.audit.sequence(), t.ctx.audit.sequence(), t.ctx.audit.sequence()]);
    const r = await chain();
    expect(r).toHaveLength(20);
    expect(new Set(r.map((x) => x.link)).size).toBe(20);
    expect(await verify()).toMatchObject({ ok: true, checked: 20 });
  });

  it('a process configured with another key refuses to extend the chain (which is insert-only) and leaves the rows queued', async () => {
    await append({ after: { i: 1 } });
    await t.ctx.audit.sequence();
    await append({ after: { i: 2 } });
    const other = createAuditTrail(t.ctx.db, { key: Buffer.alloc(32, 3), anchorFile, anchorIntervalMs: 60_000, now: t.clock.now });
    await expect(other.sequence()).rejects.toThrow(AuditKeyMismatchError);
    expect(await other.verify()).toMatchObject({ ok: false, problem: 'edited', firstBrokenSeq: '1' });
    expect(await t.ctx.db.selectFrom('audit_pending').select('audit_id').execute()).toHaveLength(1);
    expect(await verify()).toMatchObject({ ok: true, checked: 2 });
  });

  it('an audited write does not wait for another audited transaction still open, and the chain follows commit order', async ({ skip }) => {
    // Two transactions at once need two connections: PGlite has one.
    if (t.ctx.dbKind !== 'postgres') skip();
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let appendedInLong!: () => void;
    const longAppended = new Promise<void>((r) => { appendedInLong = r; });
    // A long transaction (an import, say) appends first, so its row gets the lower id, and stays open.
    const long = t.ctx.db.transaction().execute(async (trx) => {
      await appendAudit(trx, entry({ action: 'test.long' }));
      appendedInLong();
      await held;
    });
    await longAppended;
    // Another audited write meanwhile: it must commit without waiting for the long one.
    const quick = append({ action: 'test.quick' }).then(() => 'committed');
    const timeout = new Promise((r) => setTimeout(() => r('blocked'), 3000));
    expect(await Promise.race([quick, timeout])).toBe('committed');
    expect(await t.ctx.audit.sequence()).toBe(1);
    release();
    await long;
    expect(await t.ctx.audit.sequence()).toBe(1);
    const r = await chain();
    expect(r.map((x) => x.action)).toEqual(['test.quick', 'test.long']);
    expect(BigInt(r[1].id)).toBeLessThan(BigInt(r[0].id));
    expect(await verify()).toMatchObject({ ok: true, checked: 2 });
  });
});

describe('append-only', () => {
  it('the application\'s connection cannot update, delete or truncate audit rows or chain positions', async () => {
    await append({ after: { i: 1 } });
    await t.ctx.audit.sequence();
    const [row] = await chain();
    const refused = /审计记录只能追加，不能修改或删除/;
    await expect(t.ctx.db.updateTable('audit_log').set({ actor_name: 'someone-else' }).where('id', '=', row.id).execute()).rejects.toThrow(refused);
    await expect(t.ctx.db.deleteFrom('audit_log').where('id', '=', row.id).execute()).rejects.toThrow(refused);
    await expect(sql`truncate audit_log cascade`.execute(t.ctx.db)).rejects.toThrow(refused);
    await expect(t.ctx.db.updateTable('audit_chain').set({ hash: 'f'.repeat(64) }).where('seq', '=', row.seq).execute()).rejects.toThrow(refused);
    await expect(t.ctx.db.deleteFrom('audit_chain').where('seq', '=', row.seq).execute()).rejects.toThrow(refused);
    await expect(sql`truncate audit_chain`.execute(t.ctx.db)).rejects.toThrow(refused);
    expect((await chain()).find((x) => x.id === row.id)).toMatchObject({ actor_name: 'tester', keyed: row.keyed });
    expect((await verify()).ok).toBe(true);
  });
});

describe('tampering with the database\'s own powers', () => {
  let rows: Awaited<ReturnType<typeof chain>>;
  beforeEach(async () => {
    await asSuperuser((trx) => sql`truncate audit_chain, audit_pending, audit_log`.execute(trx));
    fs.rmSync(anchorFile, { force: true });
    for (let i = 0; i < 7; i++) await append({ after: { i } });
    expect(await t.ctx.audit.anchor()).toMatchObject({ seq: '7' });
    rows = await chain();
  });

  it('an edited row is reported at that row, across pages', async () => {
    for (const [column, value] of [['actor_name', 'someone-else'], ['action', 'test.other'], ['at', new Date(0)], ['ip', '10.0.0.9'], ['org_path', '/9/']] as const) {
      const original = rows[4];
      await asSuperuser((trx) => trx.updateTable('audit_log').set({ [column]: value }).where('id', '=', original.id).execute());
      expect(await verify(2), column).toMatchObject({ ok: false, checked: 4, firstBrokenId: original.id, firstBrokenSeq: '5', problem: 'edited' });
      await asSuperuser((trx) => trx.updateTable('audit_log').set({ [column]: original[column] }).where('id', '=', original.id).execute());
    }
    expect(await verify(2)).toMatchObject({ ok: true, checked: 7 });
  });

  it('an edited row whose hash and every later hash were recomputed without the key is reported at that row', async () => {
    // The best an intruder without the key can do: recompute the chain with some other key (or plain SHA-256).
    const wrongKey = crypto.randomBytes(32);
    await asSuperuser(async (trx) => {
      await trx.updateTable('audit_log').set({ after: JSON.stringify({ i: 99 }) }).where('id', '=', rows[2].id).execute();
      let prev = rows[1].keyed;
      for (const r of rows.slice(2)) {
        const hash = chainHash(wrongKey, { ...fieldsOf(r, prev), after: r.id === rows[2].id ? { i: 99 } : r.after });
        await trx.updateTable('audit_chain').set({ prev_hash: prev, hash }).where('seq', '=', r.seq).execute();
        prev = hash;
      }
    });
    expect(await verify()).toMatchObject({ ok: false, checked: 2, firstBrokenId: rows[2].id, problem: 'edited' });
  });

  it('an edited row re-chained with the real key is still caught by the anchor outside the database', async () => {
    await asSuperuser(async (trx) => {
      await trx.updateTable('audit_log').set({ after: JSON.stringify({ i: 99 }) }).where('id', '=', rows[2].id).execute();
      let prev = rows[1].keyed;
      for (const r of rows.slice(2)) {
        const hash = chainHash(key, { ...fieldsOf(r, prev), after: r.id === rows[2].id ? { i: 99 } : r.after });
        await trx.updateTable('audit_chain').set({ prev_hash: prev, hash }).where('seq', '=', r.seq).execute();
        prev = hash;
      }
    });
    const report = await verify();
    expect(report).toMatchObject({ ok: false, problem: 'anchor_mismatch', firstBrokenSeq: '7', checked: 6 });
    expect(report.reason).toContain('锚点');
  });

  it('deleting the newest rows (audit rows and chain positions) is reported against the anchor', async () => {
    await asSuperuser(async (trx) => {
      await trx.deleteFrom('audit_chain').where('seq', '>', '5').execute();
      await trx.deleteFrom('audit_log').where('id', 'in', [rows[5].id, rows[6].id]).execute();
    });
    expect(await verify()).toMatchObject({ ok: false, checked: 5, firstBrokenSeq: '6', problem: 'truncated' });
  });

  it('deleting a row in the middle is reported at it; with its chain position too, at the gap', async () => {
    await asSuperuser((trx) => trx.deleteFrom('audit_log').where('id', '=', rows[3].id).execute());
    expect(await verify()).toMatchObject({ ok: false, checked: 3, firstBrokenId: rows[3].id, problem: 'row_missing' });
    await asSuperuser((trx) => trx.deleteFrom('audit_chain').where('seq', '=', rows[3].seq).execute());
    expect(await verify()).toMatchObject({ ok: false, checked: 3, firstBrokenSeq: '4', problem: 'gap' });
  });

  it('a row taken out of the queue before it was chained is reported as outside the chain', async () => {
    await append({ action: 'test.hidden' });
    const hidden = await t.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'test.hidden').executeTakeFirstOrThrow();
    // The queue is the application's to empty: no trigger stops this.
    await t.ctx.db.deleteFrom('audit_pending').where('audit_id', '=', hidden.id).execute();
    expect(await verify()).toMatchObject({ ok: false, checked: 7, problem: 'unchained', unchained: 1, firstBrokenId: hidden.id });
  });

  it('an anchor file that was tampered with is reported', async () => {
    fs.appendFileSync(anchorFile, 'not an anchor\n');
    expect(await verify()).toMatchObject({ ok: false, problem: 'anchor_unreadable' });
  });
});

describe('anchors', () => {
  beforeEach(async () => {
    await asSuperuser((trx) => sql`truncate audit_chain, audit_pending, audit_log`.execute(trx));
    fs.rmSync(anchorFile, { force: true });
  });

  it('are appended only when the head has moved, keep their history, and are checked by verify', async () => {
    expect(await t.ctx.audit.anchor()).toBeNull();
    await append();
    await append();
    const first = await t.ctx.audit.anchor();
    expect(first).toMatchObject({ seq: '2', at: t.clock.now().toISOString() });
    expect(await t.ctx.audit.anchor()).toBeNull();
    await append();
    t.clock.advance(60_000);
    const second = await t.ctx.audit.anchor();
    expect(second).toMatchObject({ seq: '3' });
    expect(readAnchors(anchorFile)).toEqual([first, second]);
    const head = (await chain()).at(-1)!;
    expect(second!.hash).toBe(head.keyed);
    expect(await verify()).toMatchObject({ ok: true, checked: 3, anchors: { checked: 2, latestSeq: '3', latestAt: second!.at } });
  });

  it('a poke after a request that appended nothing (a search by POST) costs no sequencing; after a write it chains', async () => {
    const trail = createAuditTrail(t.ctx.db, { key, anchorFile: path.join(dir, 'poke.jsonl'), anchorIntervalMs: 3_600_000, sequenceIntervalMs: 3_600_000, now: () => new Date() });
    const transactions = vi.spyOn(t.ctx.db, 'transaction');
    // setImmediate, then the microtask that starts the run: two turns of the event loop see it begin.
    const turns = async () => { for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r)); };
    try {
      trail.start();
      trail.poke();
      await turns();
      expect(transactions).not.toHaveBeenCalled();
      await t.ctx.db.transaction().execute((trx) => appendAudit(trx, entry()));
      transactions.mockClear();
      trail.poke();
      await turns();
      expect(transactions).toHaveBeenCalled();
      await trail.stop();
      const pending = await t.ctx.db.selectFrom('audit_pending').select('audit_id').execute();
      expect(pending).toEqual([]);
    } finally {
      transactions.mockRestore();
      await trail.stop();
    }
  });

  it('a started trail chains after writes and anchors on its schedule and when it stops', async () => {
    const file = path.join(dir, 'scheduled.jsonl');
    const s = await createTestApp({ template: 'base', env: { AUDIT_ANCHOR_FILE: file, AUDIT_ANCHOR_INTERVAL_SECONDS: '1' } });
    try {
      s.ctx.audit.start();
      await s.ctx.db.transaction().execute((trx) => appendAudit(trx, entry()));
      s.ctx.audit.poke();
      // Poll for the state the timers produce (no fixed sleep).
      for (let i = 0; i < 200 && readAnchors(file).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(readAnchors(file)).toEqual([expect.objectContaining({ seq: '1' })]);
      await s.ctx.db.transaction().execute((trx) => appendAudit(trx, entry()));
      await s.ctx.audit.stop();
      expect(readAnchors(file).map((a) => a.seq)).toEqual(['1', '2']);
    } finally {
      await s.close();
    }
  });
});
