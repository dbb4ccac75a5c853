/**
 * A table is written by one module: `members` only by the members module (others call members.commands.ts).
 * Reads the server's source: any insert, update or delete of `members` outside the module fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../..');

/** Writers outside the module that remain, each with its reason: none (the member importer writes through members.commands.ts). */
const KNOWN_EXCEPTIONS: string[] = [];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

const WRITES = /(insertInto|updateTable|deleteFrom)\(\s*'members'|\b(insert\s+into|update|delete\s+from)\s+members\b/i;

describe('the members table', () => {
  it('is written only by the members module (and the listed exceptions)', () => {
    const writers = sourceFiles(SRC)
      .map((f) => path.relative(SRC, f).split(path.sep).join('/'))
      .filter((rel) => !rel.startsWith('modules/members/') && !rel.startsWith('db/migrations/') && !rel.startsWith('seed/'))
      .filter((rel) => WRITES.test(fs.readFileSync(path.join(SRC, rel), 'utf8')));
    expect(writers.sort()).toEqual([...KNOWN_EXCEPTIONS].sort());
  });
});
