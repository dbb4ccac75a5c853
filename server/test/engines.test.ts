/**
 * The Node.js versions the project declares (engines.node of the root, server and web package.json) are
 * versions every installed dependency accepts: a dependency that needs a newer Node than we declare (as
 * cookie 2 and content-disposition 3 need Node 22, while the machines run Node 20.20) fails here, and so
 * does a declared range that lets in a Node some dependency refuses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import semver from 'semver';

const root = path.resolve(import.meta.dirname, '../..');
const readJson = (p: string) => JSON.parse(fs.readFileSync(p, 'utf8')) as { name?: string; version?: string; engines?: { node?: string }; optional?: boolean };

/** Every package.json of installed packages (node_modules of the root and of the workspaces), scoped ones too. */
function installedPackages(): { where: string; name: string; version: string; node: string }[] {
  const out: { where: string; name: string; version: string; node: string }[] = [];
  const visit = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      const full = path.join(dir, entry);
      if (entry.startsWith('@')) { visit(full); continue; }
      const pj = path.join(full, 'package.json');
      if (fs.existsSync(pj)) {
        const p = readJson(pj);
        if (p.name && p.engines?.node) out.push({ where: path.relative(root, full), name: p.name, version: p.version ?? '', node: p.engines.node });
      }
      visit(path.join(full, 'node_modules'));
    }
  };
  for (const base of ['node_modules', 'server/node_modules', 'web/node_modules']) visit(path.join(root, base));
  return out;
}

/** Platform-specific binaries that npm installs only where they run (none of them limits the Node version further). */
const isPlatformBinary = (name: string) => /^@(rolldown|esbuild|img|node-rs|napi-rs)\/.*(linux|darwin|win32|android|freebsd|wasm)/.test(name) || /-(linux|darwin|win32)-/.test(name);

describe('declared Node.js engine', () => {
  const declared = ['package.json', 'server/package.json', 'web/package.json'].map((p) => ({ p, range: readJson(path.join(root, p)).engines?.node }));

  it('is declared alike in every package.json and admits the Node the machines run (20.20)', () => {
    for (const d of declared) expect(d.range, d.p).toBe(declared[0].range);
    expect(semver.satisfies('20.20.0', declared[0].range!)).toBe(true);
    expect(semver.satisfies(process.versions.node, declared[0].range!)).toBe(true);
  });

  it('is accepted by every installed dependency, at the lowest version of each major it admits', () => {
    const range = declared[0].range!;
    // The first version of each major line the declared range admits (20.19.0, 22.13.0, 24.0.0 …).
    const probes = [18, 19, 20, 21, 22, 23, 24, 25, 26].map((major) => semver.minSatisfying(
      Array.from({ length: 40 }, (_, minor) => `${major}.${minor}.0`), range)).filter((v): v is string => v !== null);
    expect(probes.length).toBeGreaterThan(0);
    const refused = installedPackages()
      .filter((p) => !isPlatformBinary(p.name))
      .flatMap((p) => probes.filter((v) => !semver.satisfies(v, p.node)).map((v) => `${p.name}@${p.version} (${p.where}) needs node ${p.node}, we declare ${range} which admits ${v}`));
    expect(refused).toEqual([]);
  });
});
