/** Process entry: config → database → migrate → (demo data) → listen; closes gracefully on SIGINT/SIGTERM. */
import { loadConfig } from './config.js';
import { startContext, type Started } from './platform/bootstrap.js';
import { buildApp } from './app.js';
import { ensureDemoData } from './seed/ensure-demo.js';
import { refuseDemoAccounts } from './seed/demo-guard.js';
import { startModuleServices } from './modules/index.js';

// Configuration and database problems are the operator's to fix: say what is wrong, without a stack trace.
const started = await (async () => {
  let s: Started | undefined;
  try {
    const config = loadConfig();
    s = await startContext(config);
    // A database seeded in development keeps demo accounts with a published password: never serve it as is.
    if (config.env === 'production') await refuseDemoAccounts(s.ctx.db);
    return { config, ...s };
  } catch (err) {
    await s?.database.close().catch(() => {});
    console.error(`启动失败 (start-up failed): ${(err as Error).message}`);
    process.exit(1);
  }
})();
const { config, ctx, database } = started;
if (config.demoData) await ensureDemoData(ctx, (msg) => console.log(msg));
const app = await buildApp(ctx);

let stopServices: () => Promise<void> = async () => {};
let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info(`${signal}: closing`);
  await app.close();
  await stopServices();
  await ctx.jobs.stop();
  // Chains what is still waiting and anchors the final head outside the database.
  await ctx.audit.stop();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ host: config.host, port: config.port });
ctx.jobs.start();
ctx.audit.start();
stopServices = await startModuleServices(ctx);
console.log(`浙江省党建信息化平台 running at http://${config.host}:${config.port}  (database: ${database.kind}${database.kind === 'pglite' ? ` in ${config.dataDir}` : ''}${config.demoData ? ', demo data' : ''})`);
