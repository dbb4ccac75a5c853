/** What every module is handed: the database, the field cipher, configuration and the clock. */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Config } from '../config.js';
import type { FieldCrypto } from './crypto.js';
import type { SecurityPolicyStore } from './security-policy.js';
import type { JobRunner } from './jobs.js';
import type { AuditTrail } from './audit.js';

export interface AppContext {
  db: Kysely<DB>;
  dbKind: 'pglite' | 'postgres';
  crypto: FieldCrypto;
  config: Config;
  policy: SecurityPolicyStore;
  /** Background jobs (platform/jobs.ts): servers start() it; tests call drain(). */
  jobs: JobRunner;
  /** The audit chain (platform/audit.ts): servers start() it; tests call sequence()/anchor()/verify(). */
  audit: AuditTrail;
  /** Injected so tests can move time (idle timeouts, lockouts) without sleeping. */
  now(): Date;
}
