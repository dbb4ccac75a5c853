/**
 * The committed OpenAPI document and the web's types generated from it (web/src/api/openapi.json and
 * web/src/api/schema.d.ts): how they are made from the app, shared by `npm run openapi`, which writes them,
 * and server/test/openapi-document.test.ts, which fails when the committed files are stale.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DOCUMENT_FILE = path.join(root, 'web/src/api/openapi.json');
export const TYPES_FILE = path.join(root, 'web/src/api/schema.d.ts');
export const REGENERATE = 'npm run openapi';

const sorted = <T>(map: Record<string, T> | undefined) =>
  map && Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]]));

/**
 * The app's OpenAPI document as the committed file holds it: two-space indent, final newline, paths and schemas
 * in alphabetical order (so moving a route or a module changes nothing); within a schema, fields keep the order
 * the TypeBox schema gives them.
 */
export function documentText(app: FastifyInstance): string {
  const doc = app.swagger() as { paths?: Record<string, unknown>; components?: { schemas?: Record<string, unknown> } };
  const stable = { ...doc, paths: sorted(doc.paths), components: { ...doc.components, schemas: sorted(doc.components?.schemas) } };
  return `${JSON.stringify(stable, null, 2)}\n`;
}

/** The TypeScript types of a document (`paths`, `components`, `operations`), as openapi-typescript writes them. */
export async function typesText(document: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(document), {
    // A request field with a default may still be left out; openapi-typescript's default would make it required.
    defaultNonNullable: false,
    silent: true,
  });
  return `${COMMENT_HEADER.replace(' */', ` * Regenerate with \`${REGENERATE}\` (server/scripts/openapi.ts).\n */`)}${astToString(ast)}`;
}
