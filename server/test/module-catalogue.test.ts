/**
 * The module manifests against the code: every audit action the code writes has a label and every label
 * belongs to something the code writes (path copies: orgs.path-copies.test.ts); the role table the
 * manifests add up to is the reviewed one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../src/modules/index.js';
import { assembleModules, defineModule } from '../src/platform/module.js';
import { permissionsOfRole, ROLE_NAMES } from '../src/platform/roles.js';

const SRC = path.resolve(import.meta.dirname, '../src');

function sources(dir: string): { file: string; text: string }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    if (!d.name.endsWith('.ts') || d.name.endsWith('.test.ts') || d.name.endsWith('.module.ts') || p.includes(`${path.sep}migrations${path.sep}`)) return [];
    return [{ file: path.relative(SRC, p), text: fs.readFileSync(p, 'utf8') }];
  });
}
const code = sources(SRC);

/** Audit actions written as literals: `action: 'x'` in an appendAudit call or an audit entry beside an entityType. */
function literalAuditActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const { file, text } of code) {
    for (const m of text.matchAll(/appendAudit\(([\s\S]{0,400}?)\)/g)) {
      for (const a of m[1]!.matchAll(/action: '([a-z_.]+)'/g)) found.set(a[1]!, file);
    }
    for (const a of text.matchAll(/action: '([a-z_.]+)',\s*entityType:/g)) found.set(a[1]!, file);
  }
  return found;
}

/** Template literals that build audit actions (`transfer.${action}`), as patterns. */
function templatePatterns(): RegExp[] {
  return code.flatMap(({ text }) => [...text.matchAll(/`((?:[a-z_.]|\$\{[^}`]+\})+)`/g)]
    .map((m) => m[1]!)
    .filter((t) => t.includes('${') && t.includes('.'))
    .map((t) => new RegExp(`^${t.replace(/\./g, '\\.').replace(/\$\{[^}]+\}/g, '[a-z_]+')}$`)));
}

describe('module manifests', () => {
  it('label every audit action the code writes as a literal', () => {
    const missing = [...literalAuditActions()].filter(([a]) => !CATALOGUE.auditActions.has(a)).map(([a, f]) => `${a} (${f})`);
    expect(missing).toEqual([]);
  });

  it('label no audit action that the code never writes', () => {
    const literals = new Set(literalAuditActions().keys());
    const patterns = templatePatterns();
    const quoted = (a: string) => code.some(({ text }) => text.includes(`'${a}'`));
    const stale = [...CATALOGUE.auditActions.keys()].filter((a) => !literals.has(a) && !quoted(a) && !patterns.some((p) => p.test(a)));
    expect(stale).toEqual([]);
  });

  it('give every problem code the code raises an English title', () => {
    const codes = new Map<string, string>();
    for (const { file, text } of code) {
      for (const m of text.matchAll(/\b(?:badRequest|unauthorized|forbidden|conflict)\(\s*'([a-z_.]+)'/g)) codes.set(m[1]!, file);
      for (const m of text.matchAll(/new AppError\(\s*\d+,\s*'([a-z_.]+)'/g)) codes.set(m[1]!, file);
    }
    expect(codes.size).toBeGreaterThan(40);
    expect([...codes].filter(([c]) => !CATALOGUE.problemTitles.has(c)).map(([c, f]) => `${c} (${f})`)).toEqual([]);
  });

  it('add up to the reviewed role table', () => {
    // A change here is a change of who may do what across the province: review it as such.
    const table = Object.fromEntries(ROLE_NAMES.map((r) => [r, [...permissionsOfRole(r)].sort()]));
    expect(table).toEqual({
      org_admin: ['cadre.objections', 'cadre.read', 'cadre.write', 'calendar.read', 'contact.read', 'contact.write', 'dashboard.read', 'disclosure.plan', 'disclosure.read', 'disclosure.write', 'emergency.read', 'emergency.send', 'followup.read', 'followup.write', 'learning.manage', 'learning.read', 'learning.rules', 'mailbox.approve', 'mailbox.read', 'mailbox.write', 'media.read', 'media.write', 'member.read', 'member.reveal', 'member.write', 'moderation.review', 'news.admin', 'news.edit', 'news.review', 'org.read', 'org.write', 'sms.approve', 'sms.read', 'sms.send', 'station.read', 'survey.read', 'survey.write', 'transfer.read', 'transfer.write', 'viewing.manage', 'viewing.read'],
      org_viewer: ['cadre.read', 'calendar.read', 'contact.read', 'dashboard.read', 'disclosure.read', 'emergency.read', 'followup.read', 'learning.read', 'mailbox.read', 'media.read', 'member.read', 'org.read', 'sms.read', 'station.read', 'survey.read', 'viewing.read'],
      branch_secretary: ['calendar.read', 'contact.read', 'dashboard.read', 'disclosure.read', 'disclosure.write', 'learning.read', 'media.read', 'media.write', 'member.read', 'member.write', 'org.read', 'station.read', 'transfer.read', 'transfer.write', 'viewing.manage', 'viewing.read'],
      member: [],
      sysadmin: ['account.read', 'account.write', 'calendar.read', 'calendar.write', 'org.read'],
      secadmin: ['account.approve', 'security.read', 'security.write'],
      auditor: ['audit.read'],
    });
  });

  it('give every permission a label in both languages', () => {
    for (const [key, p] of CATALOGUE.permissions) {
      expect(p.zh, key).toMatch(/\p{Script=Han}/u);
      expect(p.en, key).toMatch(/^[A-Z]/);
    }
  });
});

describe('assembleModules refuses', () => {
  const routes = async () => {};
  it('two modules with one name', () => {
    expect(() => assembleModules([defineModule({ name: 'a', routes }), defineModule({ name: 'a' })])).toThrow(/two modules are named "a"/);
  });
  it('a permission declared twice', () => {
    const p = { 'x.read': { zh: '查看', en: 'View', roles: ['org_admin'] as const } };
    expect(() => assembleModules([defineModule({ name: 'a', permissions: p }), defineModule({ name: 'b', permissions: p })])).toThrow(/x\.read is declared by a and b/);
  });
  it('a permission held by a role that does not exist', () => {
    const m = defineModule({ name: 'a', permissions: { 'x.read': { zh: '查看', en: 'View', roles: ['mayor' as never] } } });
    expect(() => assembleModules([m])).toThrow(/unknown role "mayor"/);
  });
  it('an audit action declared by two modules, or without a label', () => {
    expect(() => assembleModules([defineModule({ name: 'a', auditActions: { 'x.do': { zh: '做', en: 'Do' } } }), defineModule({ name: 'b', auditActions: { 'x.do': { zh: '做', en: 'Do' } } })])).toThrow(/x\.do is declared by a and b/);
    expect(() => assembleModules([defineModule({ name: 'a', auditActions: { 'x.do': { zh: ' ', en: 'Do' } } })])).toThrow(/empty label/);
  });
  it('one entity type with two labels', () => {
    expect(() => assembleModules([defineModule({ name: 'a', entityTypes: { thing: { zh: '事项', en: 'Item' } } }), defineModule({ name: 'b', entityTypes: { thing: { zh: '东西', en: 'Thing' } } })])).toThrow(/two different labels/);
  });
  it('a schedule on a queue no module declares', () => {
    expect(() => assembleModules([defineModule({ name: 'a', schedules: [{ name: 'a.daily', when: { cron: '0 8 * * *' }, queue: 'a.remind' }] })])).toThrow(/names a queue no module declares: a\.remind/);
  });
  it('a job queue declared twice', () => {
    const q = { name: 'q', handler: () => async () => undefined };
    expect(() => assembleModules([defineModule({ name: 'a', queues: [q] }), defineModule({ name: 'b', queues: [q] })])).toThrow(/queue q is declared twice/);
  });
});
