/**
 * `npm run openapi`: builds the app on an empty in-memory database and writes its OpenAPI document and the
 * web's types generated from it (server/scripts/openapi-document.ts). Run it after changing a route or schema;
 * the test suite fails while the committed files differ from what this writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { startContext } from '../src/platform/bootstrap.js';
import { buildApp } from '../src/app.js';
import { DOCUMENT_FILE, documentText, TYPES_FILE, typesText } from './openapi-document.js';

// Throwaway keys: the document does not depend on them, and nothing is stored.
const key = Buffer.alloc(32, 1).toString('base64');
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent-openapi-data-dir', DJ_DATA_KEY: key, DJ_INDEX_KEY: key, DJ_AUDIT_KEY: key });
const { ctx, database } = await startContext(config, { dataDir: 'memory://' });
try {
  const app = await buildApp(ctx);
  await app.ready();
  const document = documentText(app);
  await app.close();
  const types = await typesText(document);
  for (const [file, text] of [[DOCUMENT_FILE, document], [TYPES_FILE, types]] as const) {
    const changed = !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text;
    if (changed) fs.writeFileSync(file, text);
    console.log(`${changed ? 'wrote' : 'unchanged'} ${path.relative(process.cwd(), file)}`);
  }
} finally {
  await ctx.jobs.stop();
  await ctx.audit.stop();
  await database.close();
}
