/**
 * Field encryption for personal data (ID numbers, phones, TOTP secrets) and keyed blind indexes.
 * The cipher is pluggable: AES-256-GCM by default, SM4 (CTR + HMAC-SHA256, encrypt-then-MAC) for
 * deployments that must use the national cipher. Every ciphertext starts with a one-byte cipher tag,
 * so data written under one cipher stays readable after the setting changes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CipherName } from '../config.js';

const TAG_AES_GCM = 1;
const TAG_SM4_CTR_HMAC = 2;

export interface FieldCrypto {
  encrypt(plaintext: string): Buffer;
  decrypt(ciphertext: Buffer): string;
  /** The same cipher over bytes (stored uploads); same format as encrypt(). */
  encryptBytes(plaintext: Uint8Array): Buffer;
  decryptBytes(ciphertext: Buffer): Buffer;
  /** Deterministic keyed hash for exact-match lookup; never reversible. */
  blindIndex(kind: string, normalized: string): string;
}

export interface Keys {
  dataKey: Buffer;
  indexKey: Buffer;
}

export function createFieldCrypto(keys: Keys, cipher: CipherName = 'aes-256-gcm'): FieldCrypto {
  if (keys.dataKey.length !== 32 || keys.indexKey.length !== 32) throw new Error('data and index keys must be 32 bytes');
  // Sub-keys derived so that one secret never serves two purposes.
  const sm4Key = crypto.createHmac('sha256', keys.dataKey).update('sm4-enc').digest().subarray(0, 16);
  const sm4MacKey = crypto.createHmac('sha256', keys.dataKey).update('sm4-mac').digest();

  function encryptBytes(plaintext: Uint8Array): Buffer {
    if (cipher === 'sm4-ctr-hmac') {
      const iv = crypto.randomBytes(16);
      const c = crypto.createCipheriv('sm4-ctr', sm4Key, iv);
      const body = Buffer.concat([c.update(plaintext), c.final()]);
      const head = Buffer.concat([Buffer.from([TAG_SM4_CTR_HMAC]), iv, body]);
      const mac = crypto.createHmac('sha256', sm4MacKey).update(head).digest();
      return Buffer.concat([head, mac]);
    }
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', keys.dataKey, iv);
    const body = Buffer.concat([c.update(plaintext), c.final()]);
    return Buffer.concat([Buffer.from([TAG_AES_GCM]), iv, c.getAuthTag(), body]);
  }

  function decryptBytes(buf: Buffer): Buffer {
    const tag = buf[0];
    if (tag === TAG_AES_GCM) {
      const iv = buf.subarray(1, 13);
      const authTag = buf.subarray(13, 29);
      // authTagLength pins the tag at 16 bytes: GCM would otherwise accept a shortened tag.
      const d = crypto.createDecipheriv('aes-256-gcm', keys.dataKey, iv, { authTagLength: 16 });
      d.setAuthTag(authTag);
      return Buffer.concat([d.update(buf.subarray(29)), d.final()]);
    }
    if (tag === TAG_SM4_CTR_HMAC) {
      const head = buf.subarray(0, buf.length - 32);
      const mac = buf.subarray(buf.length - 32);
      const expected = crypto.createHmac('sha256', sm4MacKey).update(head).digest();
      if (!crypto.timingSafeEqual(mac, expected)) throw new Error('ciphertext authentication failed');
      const d = crypto.createDecipheriv('sm4-ctr', sm4Key, head.subarray(1, 17));
      return Buffer.concat([d.update(head.subarray(17)), d.final()]);
    }
    throw new Error(`unknown ciphertext tag ${tag}`);
  }

  return {
    encrypt: (plaintext) => encryptBytes(Buffer.from(plaintext, 'utf8')),
    decrypt: (buf) => decryptBytes(buf).toString('utf8'),
    encryptBytes,
    decryptBytes,
    blindIndex(kind, normalized) {
      return crypto.createHmac('sha256', keys.indexKey).update(`${kind}:${normalized}`).digest('base64url');
    },
  };
}

/**
 * Keys from configuration, or — in embedded mode only — generated once under the data directory
 * (file mode 0600). A server deployment must pass both keys explicitly.
 */
export function resolveKeys(opts: { dataKey?: string; indexKey?: string; dataDir: string; allowGenerate: boolean }): Keys {
  if (opts.dataKey && opts.indexKey) return { dataKey: decodeKey(opts.dataKey, 'DJ_DATA_KEY'), indexKey: decodeKey(opts.indexKey, 'DJ_INDEX_KEY') };
  // One key set and the other forgotten must not silently fall back to generated keys for both.
  if (opts.dataKey || opts.indexKey) throw new Error(`${opts.dataKey ? 'DJ_INDEX_KEY' : 'DJ_DATA_KEY'} must be set too: configure both keys or neither (see docs/configuration.md)`);
  if (!opts.allowGenerate) throw new Error('DJ_DATA_KEY and DJ_INDEX_KEY must be set (base64 of 32 random bytes each; see docs/configuration.md)');
  const file = path.join(opts.dataDir, 'keys.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    const generated = { dataKey: crypto.randomBytes(32).toString('base64'), indexKey: crypto.randomBytes(32).toString('base64') };
    fs.writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600, flag: 'wx' });
  }
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { dataKey: string; indexKey: string };
  return { dataKey: decodeKey(stored.dataKey, 'keys.json dataKey'), indexKey: decodeKey(stored.indexKey, 'keys.json indexKey') };
}

/**
 * The audit chain's HMAC key (DJ_AUDIT_KEY), kept outside the database so that whoever can write to the database
 * cannot recompute the chain. Like the field keys: required for a server deployment, generated once under the data
 * directory (audit-key.json, mode 0600) in the embedded mode.
 */
export function resolveAuditKey(opts: { auditKey?: string; dataDir: string; allowGenerate: boolean }): Buffer {
  if (opts.auditKey) return decodeKey(opts.auditKey, 'DJ_AUDIT_KEY');
  if (!opts.allowGenerate) throw new Error('DJ_AUDIT_KEY must be set (base64 of 32 random bytes; see docs/configuration.md)');
  const file = path.join(opts.dataDir, 'audit-key.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ auditKey: crypto.randomBytes(32).toString('base64') }, null, 2), { mode: 0o600, flag: 'wx' });
  }
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { auditKey: string };
  return decodeKey(stored.auditKey, 'audit-key.json auditKey');
}

function decodeKey(b64: string, name: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new Error(`${name} must be base64 of exactly 32 bytes`);
  return key;
}

export function sha256Hex(input: string): string {
  return crypto.createHash('sha256').update(input).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
