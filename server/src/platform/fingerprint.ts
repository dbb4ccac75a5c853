/**
 * Fingerprints of published texts: SHA-256 (hex) of the canonical JSON (keys sorted at every depth — the audit
 * chain's `canonicalJson`), so that anyone holding the published fields can recompute it.
 */
import { canonicalJson } from './audit.js';
import { sha256Hex } from './crypto.js';

export { sha256Hex };
export const fingerprintOfCanonical = (value: unknown) => sha256Hex(canonicalJson(value));
