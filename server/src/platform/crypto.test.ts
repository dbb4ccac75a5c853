/** Field encryption (AES-256-GCM and SM4), blind indexes and key handling. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createFieldCrypto, randomToken, resolveAuditKey, resolveKeys, sha256Hex, type Keys } from './crypto.js';
import type { CipherName } from '../config.js';

const keys: Keys = { dataKey: Buffer.alloc(32, 1), indexKey: Buffer.alloc(32, 2) };
const CIPHERS: CipherName[] = ['aes-256-gcm', 'sm4-ctr-hmac'];
const unicode = fc.string({ unit: 'binary', maxLength: 200 });

describe.each(CIPHERS)('%s', (cipher) => {
  const fc1 = createFieldCrypto(keys, cipher);

  it('decrypts what it encrypted, for any unicode text (property)', () => {
    fc.assert(fc.property(unicode, (s) => {
      expect(fc1.decrypt(fc1.encrypt(s))).toBe(s);
    }), { numRuns: 300 });
    for (const s of ['', '330102199001011234', '13800138000', '浙江省杭州市西湖区龙井村', '😀𠀀']) expect(fc1.decrypt(fc1.encrypt(s))).toBe(s);
  });

  it('gives a different ciphertext each time for the same text (random IV), never containing the text', () => {
    const a = fc1.encrypt('330102199001011234');
    const b = fc1.encrypt('330102199001011234');
    expect(a.equals(b)).toBe(false);
    expect(a[0]).toBe(cipher === 'aes-256-gcm' ? 1 : 2);
    expect(a.toString('latin1')).not.toContain('330102199001011234');
  });

  it('refuses a ciphertext with any one byte changed, or cut short', () => {
    const ct = fc1.encrypt('13800138000');
    for (let i = 0; i < ct.length; i++) {
      for (const flip of [0x01, 0x80]) {
        const bad = Buffer.from(ct);
        bad[i] ^= flip;
        expect(() => fc1.decrypt(bad), `byte ${i} ^ ${flip}`).toThrow();
      }
    }
    for (const len of [0, 1, 13, 21, 28, ct.length - 1]) expect(() => fc1.decrypt(ct.subarray(0, len)), `length ${len}`).toThrow();
    // An empty value's ciphertext cut inside its tag would leave a shorter, still genuine, GCM tag.
    const empty = fc1.encrypt('');
    for (let len = 1; len < empty.length; len++) expect(() => fc1.decrypt(empty.subarray(0, len)), `empty, length ${len}`).toThrow();
  });

  it('refuses a ciphertext made under another data key', () => {
    const other = createFieldCrypto({ ...keys, dataKey: Buffer.alloc(32, 3) }, cipher);
    expect(() => other.decrypt(fc1.encrypt('秘密'))).toThrow();
  });
});

describe('switching the cipher setting', () => {
  it('keeps data written under the other cipher readable, both ways', () => {
    const aes = createFieldCrypto(keys, 'aes-256-gcm');
    const sm4 = createFieldCrypto(keys, 'sm4-ctr-hmac');
    fc.assert(fc.property(unicode, (s) => {
      expect(sm4.decrypt(aes.encrypt(s))).toBe(s);
      expect(aes.decrypt(sm4.encrypt(s))).toBe(s);
    }), { numRuns: 100 });
  });
});

describe('blind index', () => {
  it('is deterministic, depends on the index key and the kind, and does not reveal the value', () => {
    const a = createFieldCrypto(keys);
    const sameKeys = createFieldCrypto(keys, 'sm4-ctr-hmac');
    const otherIndexKey = createFieldCrypto({ ...keys, indexKey: Buffer.alloc(32, 4) });
    const otherDataKey = createFieldCrypto({ ...keys, dataKey: Buffer.alloc(32, 5) });
    const v = '330102199001011234';
    expect(a.blindIndex('id', v)).toBe(a.blindIndex('id', v));
    expect(sameKeys.blindIndex('id', v)).toBe(a.blindIndex('id', v));
    expect(otherDataKey.blindIndex('id', v)).toBe(a.blindIndex('id', v));
    expect(otherIndexKey.blindIndex('id', v)).not.toBe(a.blindIndex('id', v));
    expect(a.blindIndex('mobile', v)).not.toBe(a.blindIndex('id', v));
    expect(a.blindIndex('id', '330102199001011235')).not.toBe(a.blindIndex('id', v));
    expect(a.blindIndex('id', v)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.blindIndex('id', v)).not.toBe(crypto.createHash('sha256').update(`id:${v}`).digest('base64url'));
  });
});

describe('keys', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-keys-'));
    dirs.push(d);
    return path.join(d, 'data');
  };
  afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => createFieldCrypto({ dataKey: Buffer.alloc(16), indexKey: Buffer.alloc(32) })).toThrow('data and index keys must be 32 bytes');
    expect(() => createFieldCrypto({ dataKey: Buffer.alloc(32), indexKey: Buffer.alloc(31) })).toThrow('data and index keys must be 32 bytes');
    const b64 = (n: number) => Buffer.alloc(n, 1).toString('base64');
    expect(() => resolveKeys({ dataKey: b64(16), indexKey: b64(32), dataDir: tempDir(), allowGenerate: false })).toThrow('DJ_DATA_KEY must be base64 of exactly 32 bytes');
    expect(() => resolveKeys({ dataKey: b64(32), indexKey: b64(33), dataDir: tempDir(), allowGenerate: false })).toThrow('DJ_INDEX_KEY must be base64 of exactly 32 bytes');
  });

  it('uses configured keys as given', () => {
    const dir = tempDir();
    const got = resolveKeys({ dataKey: Buffer.alloc(32, 7).toString('base64'), indexKey: Buffer.alloc(32, 9).toString('base64'), dataDir: dir, allowGenerate: true });
    expect(got.dataKey.equals(Buffer.alloc(32, 7))).toBe(true);
    expect(got.indexKey.equals(Buffer.alloc(32, 9))).toBe(true);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('generates keys once under the data directory (mode 0600) and reuses them', () => {
    const dir = tempDir();
    const first = resolveKeys({ dataDir: dir, allowGenerate: true });
    const file = path.join(dir, 'keys.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.dataKey).toHaveLength(32);
    expect(first.indexKey).toHaveLength(32);
    expect(first.dataKey.equals(first.indexKey)).toBe(false);
    const again = resolveKeys({ dataDir: dir, allowGenerate: true });
    expect(again.dataKey.equals(first.dataKey)).toBe(true);
    expect(again.indexKey.equals(first.indexKey)).toBe(true);
    // Data encrypted after the first start decrypts after a restart.
    expect(createFieldCrypto(again).decrypt(createFieldCrypto(first).encrypt('重启之后'))).toBe('重启之后');
    // Another directory gets other keys.
    expect(resolveKeys({ dataDir: tempDir(), allowGenerate: true }).dataKey.equals(first.dataKey)).toBe(false);
  });

  it('refuses to generate keys where it may not, and refuses half a configuration', () => {
    const dir = tempDir();
    expect(() => resolveKeys({ dataDir: dir, allowGenerate: false })).toThrow(/DJ_DATA_KEY and DJ_INDEX_KEY must be set/);
    expect(fs.existsSync(dir)).toBe(false);
    // One key configured and the other forgotten must not silently fall back to generated keys.
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(() => resolveKeys({ dataKey: key, dataDir: dir, allowGenerate: true })).toThrow(/DJ_INDEX_KEY/);
    expect(() => resolveKeys({ indexKey: key, dataDir: dir, allowGenerate: true })).toThrow(/DJ_DATA_KEY/);
    expect(fs.existsSync(dir)).toBe(false);
  });

  describe('resolveAuditKey', () => {
    it('uses DJ_AUDIT_KEY when set, and otherwise generates one key once under the data directory (mode 0600), apart from the field keys', () => {
      const configured = Buffer.alloc(32, 5);
      expect(resolveAuditKey({ auditKey: configured.toString('base64'), dataDir: tempDir(), allowGenerate: false }).equals(configured)).toBe(true);
      const dir = tempDir();
      const first = resolveAuditKey({ dataDir: dir, allowGenerate: true });
      expect(first).toHaveLength(32);
      expect(fs.statSync(path.join(dir, 'audit-key.json')).mode & 0o777).toBe(0o600);
      expect(resolveAuditKey({ dataDir: dir, allowGenerate: true }).equals(first)).toBe(true);
      const fieldKeys = resolveKeys({ dataDir: dir, allowGenerate: true });
      expect(first.equals(fieldKeys.dataKey) || first.equals(fieldKeys.indexKey)).toBe(false);
    });

    it('is required where keys may not be generated (production on a PostgreSQL server), and must be 32 bytes', () => {
      const dir = tempDir();
      expect(() => resolveAuditKey({ dataDir: dir, allowGenerate: false })).toThrow(/DJ_AUDIT_KEY must be set/);
      expect(fs.existsSync(dir)).toBe(false);
      expect(() => resolveAuditKey({ auditKey: Buffer.alloc(16).toString('base64'), dataDir: dir, allowGenerate: true })).toThrow(/DJ_AUDIT_KEY must be base64 of exactly 32 bytes/);
    });
  });
});

describe('hash and token helpers', () => {
  it('sha256Hex and randomToken', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const tokens = new Set(Array.from({ length: 100 }, () => randomToken()));
    expect(tokens.size).toBe(100);
    for (const tok of tokens) expect(tok).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('bytes (stored uploads)', () => {
  it.each(['aes-256-gcm', 'sm4-ctr-hmac'] as const)('%s: round-trips bytes, never shows them, and refuses a changed byte', (cipher) => {
    const fc = createFieldCrypto({ dataKey: Buffer.alloc(32, 1), indexKey: Buffer.alloc(32, 2) }, cipher);
    const plain = Buffer.from('身份证号,330102199001011234\n');
    const ct = fc.encryptBytes(plain);
    expect(ct.includes(Buffer.from('330102199001011234'))).toBe(false);
    expect(fc.decryptBytes(ct).equals(plain)).toBe(true);
    expect(fc.decrypt(fc.encryptBytes(Buffer.from('同一格式')))).toBe('同一格式');
    const bad = Buffer.from(ct);
    bad[bad.length - 1] ^= 1;
    expect(() => fc.decryptBytes(bad)).toThrow();
  });
});
