/**
 * The committed OpenAPI document (web/src/api/openapi.json) and the web's types generated from it
 * (web/src/api/schema.d.ts) are what the app serves: a route or schema changed without `npm run openapi`
 * fails here, before the web is built against stale types.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';
import { DOCUMENT_FILE, documentText, REGENERATE, TYPES_FILE, typesText } from '../scripts/openapi-document.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ template: 'base' }); });
afterAll(async () => { await t?.close(); });

const committed = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

/** The first line that differs, so the failure says where without printing two documents of 8,000 lines. */
function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((line, n) => line !== y[n]);
  const at = i === -1 ? Math.min(x.length, y.length) : i;
  return `line ${at + 1}: committed ${JSON.stringify(x[at] ?? '(end of file)')}, app ${JSON.stringify(y[at] ?? '(end of file)')}`;
}

describe('the committed OpenAPI document and generated types', () => {
  it('are what the app produces now', async () => {
    const document = documentText(t.app);
    const types = await typesText(document);
    const stale = [[DOCUMENT_FILE, document], [TYPES_FILE, types]]
      .filter(([file, text]) => committed(file) !== text)
      .map(([file, text]) => `${file} is stale (${firstDifference(committed(file), text)})`);
    expect(stale, `run \`${REGENERATE}\` and commit the result`).toEqual([]);
  });

  it('name every published response shape, with enumerated fields as literal unions', () => {
    const doc = JSON.parse(committed(DOCUMENT_FILE)) as { components: { schemas: Record<string, { properties: Record<string, { enum?: string[] }> }> } };
    expect(doc.components.schemas.Me.properties.kind.enum).toEqual(['staff', 'member', 'public']);
    expect(doc.components.schemas.Station.properties.status.enum).toEqual(['active', 'suspended', 'fault']);
    expect(committed(TYPES_FILE)).toContain('kind: "staff" | "member" | "public";');
  });
});
