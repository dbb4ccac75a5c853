/**
 * The audit hash chain itself: canonical JSON, the row hash, appending and verifying — against a
 * real (empty) database, so that what jsonb does to the stored values is part of the test.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { appendAudit, canonicalJson, GENESIS_HASH, rowHash, verifyAuditChain, type AuditEntry } from './audit.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ template: 'base' }); });
afterAll(async () => { await t?.close(); });

const append = (e: Partial<AuditEntry> = {}, at = new Date()) =>
  t.ctx.db.transaction().execute((trx) => appendAudit(trx, { actorId: '1', actorName: 'tester', action: 'test.write', entityType: 'thing', entityId: '7', orgPath: '/1/', ip: '127.0.0.1', ...e }, at));
const rows = () => t.ctx.db.selectFrom('audit_log').selectAll().orderBy('id').execute();

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

describe('rowHash', () => {
  const base: Parameters<typeof rowHash>[0] = {
    at: new Date('2026-03-01T08:00:00.000Z'), actor_id: '5', actor_name: 'demo-hangzhou', action: 'member.update', entity_type: 'member',
    entity_id: '42', org_path: '/1/2/', ip: '127.0.0.1', before: { job: '教师' }, after: { job: '医生' }, prev_hash: GENESIS_HASH,
  };

  it('is a SHA-256 hex digest that changes when any field changes', () => {
    const h = rowHash(base);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    const changes: Partial<Parameters<typeof rowHash>[0]>[] = [
      { at: new Date(base.at.getTime() + 1) }, { actor_id: '6' }, { actor_name: 'x' }, { action: 'member.create' }, { entity_type: 'org' },
      { entity_id: '43' }, { org_path: '/1/' }, { ip: '10.0.0.1' }, { before: { job: '护士' } }, { after: null }, { prev_hash: 'f'.repeat(64) },
    ];
    for (const c of changes) expect(rowHash({ ...base, ...c }), JSON.stringify(c)).not.toBe(h);
  });

  it('does not depend on key order inside before/after, nor on the id being a number or a string', () => {
    expect(rowHash({ ...base, before: { b: 2, a: 1 } })).toBe(rowHash({ ...base, before: { a: 1, b: 2 } }));
    expect(rowHash({ ...base, actor_id: 5 as unknown as string })).toBe(rowHash(base));
    expect(rowHash({ ...base, before: undefined })).toBe(rowHash({ ...base, before: null }));
  });
});

describe('appendAudit and verifyAuditChain', () => {
  beforeEach(async () => { await sql`truncate audit_log`.execute(t.ctx.db); });

  it('an empty trail verifies', async () => {
    expect(await verifyAuditChain(t.ctx.db)).toEqual({ ok: true, checked: 0, firstBrokenId: null, reason: null });
  });

  it('links each row to the one before it, starting from the genesis hash', async () => {
    for (let i = 0; i < 3; i++) await append({ after: { i } });
    const r = await rows();
    expect(r[0].prev_hash).toBe(GENESIS_HASH);
    expect(r[1].prev_hash).toBe(r[0].hash);
    expect(r[2].prev_hash).toBe(r[1].hash);
    expect(r[2].hash).toBe(rowHash({ ...r[2] }));
    expect(await verifyAuditChain(t.ctx.db)).toEqual({ ok: true, checked: 3, firstBrokenId: null, reason: null });
  });

  it('verifies values that jsonb stores differently from how they were given (property)', async () => {
    // jsonb reorders keys, drops duplicate whitespace and normalizes numbers; the chain must not care.
    const value = fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }).filter((v) => !JSON.stringify(v).includes('\\u0000'));
    await fc.assert(fc.asyncProperty(value, value, fc.string({ unit: 'binary', maxLength: 20 }).filter((n) => !n.includes('\u0000')), async (before, after, name) => {
      await append({ before, after, actorName: name, entityId: null, orgPath: null, ip: null });
      const report = await verifyAuditChain(t.ctx.db);
      expect(report.ok, JSON.stringify(report)).toBe(true);
    }), { numRuns: 60 });
  });

  it('stores and verifies text with a lone UTF-16 surrogate (which jsonb refuses as such)', async () => {
    await append({ actorName: 'a\ud800b', entityId: '\udc00', after: { s: 'x\ud83dy', ok: '😀' } });
    const [row] = await rows();
    expect(row.actor_name).toBe('a\uFFFDb');
    expect(row.after).toEqual({ s: 'x\uFFFDy', ok: '😀' });
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true, checked: 1 });
  });

  it('keeps the chain linear when many writers append at once', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => append({ after: { i } })));
    const r = await rows();
    expect(r).toHaveLength(20);
    expect(new Set(r.map((x) => x.prev_hash)).size).toBe(20);
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true, checked: 20 });
  });

  it('reports the first edited row, across pages', async () => {
    for (let i = 0; i < 7; i++) await append({ after: { i } });
    const r = await rows();
    expect(await verifyAuditChain(t.ctx.db, 2)).toMatchObject({ ok: true, checked: 7 });
    for (const [column, value] of [['actor_name', 'someone-else'], ['action', 'test.other'], ['at', new Date(0)], ['ip', '10.0.0.9'], ['org_path', '/9/']] as const) {
      const original = r[4];
      await t.ctx.db.updateTable('audit_log').set({ [column]: value }).where('id', '=', original.id).execute();
      const report = await verifyAuditChain(t.ctx.db, 2);
      expect(report, column).toEqual({ ok: false, checked: 4, firstBrokenId: original.id, reason: 'row content does not match its hash (the row was edited)' });
      await t.ctx.db.updateTable('audit_log').set({ [column]: original[column] }).where('id', '=', original.id).execute();
    }
    // Recomputing the edited row's own hash does not help: the next row still points at the old one.
    const edited = { ...r[2], after: { i: 99 } };
    await t.ctx.db.updateTable('audit_log').set({ after: JSON.stringify(edited.after), hash: rowHash(edited) }).where('id', '=', r[2].id).execute();
    expect(await verifyAuditChain(t.ctx.db, 2)).toMatchObject({ ok: false, checked: 3, firstBrokenId: r[3].id });
  });

  it('reports a deleted row at the row after it, and an inserted row where it stands', async () => {
    for (let i = 0; i < 5; i++) await append({ after: { i } });
    const r = await rows();
    await t.ctx.db.deleteFrom('audit_log').where('id', '=', r[2].id).execute();
    expect(await verifyAuditChain(t.ctx.db)).toEqual({ ok: false, checked: 2, firstBrokenId: r[3].id, reason: 'prev_hash does not match the previous row (a row was removed or inserted)' });

    await sql`truncate audit_log`.execute(t.ctx.db);
    for (let i = 0; i < 3; i++) await append({ after: { i } });
    const [first] = await rows();
    // A forged row appended with a hash of its own but the wrong predecessor.
    const forged = { ...first, prev_hash: first.hash };
    await t.ctx.db.insertInto('audit_log').values({ ...forged, id: undefined as never, before: null, after: JSON.stringify(first.after), hash: rowHash(forged) } as never).execute();
    const report = await verifyAuditChain(t.ctx.db);
    expect(report.ok).toBe(false);
    expect(report.checked).toBe(3);
  });
});
