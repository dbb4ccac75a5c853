/**
 * Fingerprints of published texts: SHA-256 (hex) of the canonical JSON (keys sorted at every depth — the audit
 * chain's `canonicalJson`), so that anyone holding the published fields can recompute it.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from './audit.js';

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
export const fingerprintOfCanonical = (value: unknown) => sha256Hex(canonicalJson(value));
