/**
 * Opens the database, runs migrations and assembles the AppContext — shared by the server,
 * the CLI and the tests so that all three start the same way.
 */
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createFieldCrypto, resolveAuditKey, resolveKeys } from './crypto.js';
import { createAuditTrail } from './audit.js';
import { createSecurityPolicyStore, defaultPolicy } from './security-policy.js';
import type { AppContext } from './context.js';
import { createJobRunner } from './jobs.js';

export interface Started {
  ctx: AppContext;
  database: Database;
}

export async function startContext(config: Config, opts: { now?: () => Date; dataDir?: string; loadDataDir?: Blob } = {}): Promise<Started> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: opts.dataDir ?? config.dataDir, poolSize: config.databasePoolSize, loadDataDir: opts.loadDataDir });
  try {
    await migrateToLatest(database.db);
    const allowGenerate = config.env !== 'production' || !config.databaseUrl;
    const keys = resolveKeys({ dataKey: config.dataKey, indexKey: config.indexKey, dataDir: config.dataDir, allowGenerate });
    const auditKey = resolveAuditKey({ auditKey: config.auditKey, dataDir: config.dataDir, allowGenerate });
    const now = opts.now ?? (() => new Date());
    const ctx: AppContext = {
      db: database.db,
      dbKind: database.kind,
      crypto: createFieldCrypto(keys, config.cipher),
      config,
      policy: createSecurityPolicyStore(database.db, defaultPolicy(config.sessionIdleMinutes, config.sessionAbsoluteHours)),
      now,
      jobs: createJobRunner(database.db, { now, retention: config.jobs, onError: (err) => console.error('job failed:', err) }),
      audit: createAuditTrail(database.db, {
        key: auditKey,
        anchorFile: config.auditAnchorFile,
        anchorIntervalMs: config.auditAnchorIntervalSeconds * 1000,
        now,
        onError: (err) => console.error('audit chain:', err),
      }),
    };
    return { ctx, database };
  } catch (err) {
    await database.close();
    throw err;
  }
}
