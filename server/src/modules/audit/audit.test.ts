/**
 * The audit trail as the audit administrator uses it: who may read it, searching and paging,
 * that writes, logins and reveals are recorded with actor, IP and before/after, and that the
 * hash chain exposes an edited or deleted row.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { hashPassword } from '../../platform/passwords.js';

interface Item { id: string; at: string; actorName: string; action: string; entityType: string; entityId: string | null; orgPath: string | null; ip: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null }

let t: TestApp;
let auditor: string;
let hz: { cookie: string; memberId: string; orgPath: string; revealed: string };
const anchorDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-audit-anchors-'));
beforeAll(async () => {
  t = await createTestApp({ env: { AUDIT_ANCHOR_FILE: path.join(anchorDir, 'anchors.jsonl') } });
  auditor = await t.login('demo-auditor');
  // Writes made by an organization administrator, for the auditor to find.
  const cookie = await t.login('demo-hangzhou');
  const list = (await t.call('GET', '/api/members?limit=1', { cookie })).json();
  const memberId = list.items[0].id;
  const detail = (await t.call('GET', `/api/members/${memberId}`, { cookie })).json();
  const patch = await t.call('PATCH', `/api/members/${memberId}`, { cookie, body: { version: detail.version, job: '审计测试岗位' } });
  expect(patch.statusCode, patch.body).toBe(200);
  const reveal = await t.call('POST', `/api/members/${memberId}/reveal`, { cookie, body: { field: 'idNumber' } });
  expect(reveal.statusCode, reveal.body).toBe(200);
  const orgPath = (await t.ctx.db.selectFrom('members').select('org_path').where('id', '=', memberId).executeTakeFirstOrThrow()).org_path;
  hz = { cookie, memberId, orgPath, revealed: reveal.json().value };
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(anchorDir, { recursive: true, force: true });
});

async function search(query: string, cookie = auditor): Promise<{ items: Item[]; nextCursor: string | null }> {
  const res = await t.call('GET', `/api/audit?${query}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const verify = async () => (await t.call('POST', '/api/audit/verify', { cookie: auditor })).json();

describe('access', () => {
  it('only the audit administrator reads and verifies the trail', async () => {
    expect((await t.call('GET', '/api/audit')).statusCode).toBe(401);
    expect((await t.call('POST', '/api/audit/verify')).statusCode).toBe(401);
    for (const user of ['demo-sysadmin', 'demo-secadmin', 'demo-province', 'demo-hangzhou']) {
      const cookie = await t.login(user);
      const res = await t.call('GET', '/api/audit', { cookie });
      expect(res.statusCode, user).toBe(403);
      expect(res.json()).toMatchObject({ code: 'forbidden.permission', title: '您的角色无权执行此操作' });
      expect((await t.call('POST', '/api/audit/verify', { cookie })).statusCode, user).toBe(403);
    }
    expect((await t.call('GET', '/api/audit', { cookie: auditor })).statusCode).toBe(200);
  });
});

describe('what the trail records', () => {
  it('a member update by demo-hangzhou, with actor, IP, organization and before/after', async () => {
    const { items } = await search(`action=member.update&entityId=${hz.memberId}`);
    expect(items).toHaveLength(1);
    const [row] = items;
    expect(row).toMatchObject({ actorName: 'demo-hangzhou', action: 'member.update', entityType: 'member', entityId: hz.memberId, orgPath: hz.orgPath, ip: '127.0.0.1' });
    expect(row.after?.job).toBe('审计测试岗位');
    expect(row.before?.job).not.toBe('审计测试岗位');
    expect(Date.parse(row.at)).toBeLessThanOrEqual(t.clock.now().getTime());
  });

  it('a reveal, as member.reveal naming the field but never the revealed value', async () => {
    const { items } = await search(`action=member.reveal&entityId=${hz.memberId}`);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ actorName: 'demo-hangzhou', entityType: 'member', orgPath: hz.orgPath, ip: '127.0.0.1', after: { field: 'idNumber' } });
    expect(items[0].after?.masked).toMatch(/\*{8}/);
    expect(JSON.stringify(items[0])).not.toContain(hz.revealed);
  });

  it('logins, failed logins and logouts', async () => {
    await t.call('POST', '/api/auth/login', { body: { username: 'demo-ningbo', password: 'Wrong#Pass1' } });
    const cookie = await t.login('demo-ningbo');
    await t.call('POST', '/api/auth/logout', { cookie });
    const { items } = await search('actor=demo-ningbo');
    expect(items.map((i) => i.action).slice(0, 3)).toEqual(['auth.logout', 'auth.login', 'auth.login_failed']);
    expect(items[1]).toMatchObject({ entityType: 'account', ip: '127.0.0.1', after: { status: 'ok' } });
    expect(items[2].after).toEqual({ attempts: 1 });
    expect(JSON.stringify(items)).not.toContain('Wrong#Pass1');
  });

  it('account, role and policy changes by the other administrators', async () => {
    const sys = await t.login('demo-sysadmin');
    const created = await t.call('POST', '/api/accounts', { cookie: sys, body: { username: 'audited-user', displayName: '被审计', kind: 'staff', password: 'Qiantang#2026' } });
    const id = created.json().id;
    // A viewer of one city: granted at once (a role at the root would wait for the security administrator's approval).
    const city = (await t.ctx.db.selectFrom('orgs').select('id').where('depth', '=', 1).orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
    await t.call('POST', `/api/accounts/${id}/roles`, { cookie: sys, body: { role: 'org_viewer', orgId: city } });
    const sec = await t.login('demo-secadmin');
    const policy = (await t.call('GET', '/api/security/policy', { cookie: sec })).json();
    await t.call('PUT', '/api/security/policy', { cookie: sec, body: { ...policy, lockoutMinutes: 20 } });

    const account = await search(`entityType=account&entityId=${id}`);
    expect(account.items.map((i) => [i.action, i.actorName])).toEqual([['role.grant', 'demo-sysadmin'], ['account.create', 'demo-sysadmin']]);
    const [change] = (await search('action=security.update')).items;
    expect(change).toMatchObject({ actorName: 'demo-secadmin', before: { lockoutMinutes: 30 }, after: { lockoutMinutes: 20 } });
    await t.call('PUT', '/api/security/policy', { cookie: sec, body: policy });
  });
});

describe('searching', () => {
  it('filters by action, actor, entity and time, newest first', async () => {
    // Logins of its own, so the test does not depend on which other tests ran before it.
    for (const user of ['demo-province', 'demo-ningbo', 'demo-secretary']) await t.login(user);
    const byAction = await search('action=auth.login&limit=200');
    expect(byAction.items.length).toBeGreaterThan(3);
    expect(byAction.items.every((i) => i.action === 'auth.login')).toBe(true);
    const ids = byAction.items.map((i) => BigInt(i.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);

    const byActor = await search('actor=hangzhou&limit=200');
    expect(new Set(byActor.items.map((i) => i.actorName))).toEqual(new Set(['demo-hangzhou']));
    expect(byActor.items.map((i) => i.action)).toEqual(expect.arrayContaining(['auth.login', 'member.update', 'member.reveal']));

    const byEntity = await search(`entityType=member&entityId=${hz.memberId}`);
    expect(byEntity.items.map((i) => i.action)).toEqual(['member.reveal', 'member.update']);

    const future = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    expect((await search(`from=${encodeURIComponent(future)}`)).items).toEqual([]);
    expect((await search(`to=${encodeURIComponent(future)}&action=member.update`)).items.length).toBe(1);
    expect((await search('actor=%25')).items).toEqual([]);
    expect((await t.call('GET', '/api/audit?from=yesterday', { cookie: auditor })).statusCode).toBe(400);
  });

  it('pages with nextCursor without gaps or repeats', async () => {
    const all = (await search('limit=200')).items.map((i) => i.id);
    expect(all.length).toBeGreaterThan(7);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await search(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toEqual(all);
  });

  it('an auditor held at a city sees only that city\'s events', async () => {
    const hash = await hashPassword('Qiantang#2026');
    const { id } = await t.ctx.db.insertInto('accounts').values({ username: 'hz-auditor', display_name: '杭州审计', kind: 'staff', password_hash: hash, is_demo: true }).returning('id').executeTakeFirstOrThrow();
    const hzOrg = await t.ctx.db.selectFrom('orgs').select('id').where('name', '=', '杭州市委').executeTakeFirstOrThrow();
    await t.ctx.db.insertInto('role_grants').values({ account_id: id, role: 'auditor', org_id: hzOrg.id }).execute();
    const cookie = await t.login('hz-auditor', 'Qiantang#2026');
    const { items } = await search('limit=200', cookie);
    expect(items.map((i) => i.action)).toEqual(expect.arrayContaining(['member.update', 'member.reveal']));
    const hzPrefix = hz.orgPath.split('/').slice(0, 3).join('/') + '/';
    expect(items.every((i) => i.orgPath?.startsWith(hzPrefix))).toBe(true);
  });
});

describe('the hash chain', () => {
  /** Someone with the database's own powers: triggers (and so the append-only rule) switched off. */
  const asSuperuser = (fn: (trx: Transaction<DB>) => Promise<unknown>) =>
    t.ctx.db.transaction().execute(async (trx) => {
      await sql`set local session_replication_role = replica`.execute(trx);
      await fn(trx);
    });

  it('verifies intact, every row chained, and the latest head anchored outside the database', async () => {
    const anchor = await t.ctx.audit.anchor();
    const total = Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(anchor).toMatchObject({ seq: String(total) });
    expect(await verify()).toEqual({
      ok: true, checked: total, firstBrokenId: null, firstBrokenSeq: null, problem: null, reason: null, unchained: 0,
      anchors: { checked: 1, latestSeq: String(total), latestAt: anchor!.at },
    });
  });

  it('the application cannot edit or delete an audit row', async () => {
    const [row] = (await search(`action=member.update&entityId=${hz.memberId}`)).items;
    await expect(sql`update audit_log set ip = '10.0.0.1' where id = ${row.id}`.execute(t.ctx.db)).rejects.toThrow(/只能追加/);
    await expect(sql`delete from audit_log where id = ${row.id}`.execute(t.ctx.db)).rejects.toThrow(/只能追加/);
    expect((await search(`action=member.update&entityId=${hz.memberId}`)).items[0]).toEqual(row);
  });

  it('an edited row breaks the chain at that row', async () => {
    const [row] = (await search(`action=member.update&entityId=${hz.memberId}`)).items;
    const original = await t.ctx.db.selectFrom('audit_log').select('after').where('id', '=', row.id).executeTakeFirstOrThrow();
    await asSuperuser((trx) => sql`update audit_log set after = jsonb_set(after, '{job}', '"篡改"') where id = ${row.id}`.execute(trx));
    const report = await verify();
    expect(report).toMatchObject({ ok: false, firstBrokenId: row.id, problem: 'edited' });
    expect(report.reason).toContain('篡改');
    // Putting the row back restores the chain.
    await asSuperuser((trx) => trx.updateTable('audit_log').set({ after: JSON.stringify(original.after) }).where('id', '=', row.id).execute());
    expect((await verify()).ok).toBe(true);
  });

  it('the CLI verifies the chain and names the first problem', async ({ skip }) => {
    // The CLI needs a database another process can open: only the PostgreSQL run has one.
    if (!t.ctx.config.databaseUrl) skip();
    const run = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, '../../cli.ts'), 'verify-audit'], {
        env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: t.ctx.config.databaseUrl!, DJ_DATA_KEY: t.ctx.config.dataKey!, DJ_INDEX_KEY: t.ctx.config.indexKey!, DJ_AUDIT_KEY: t.ctx.config.auditKey!, AUDIT_ANCHOR_FILE: t.ctx.config.auditAnchorFile, LOG_LEVEL: 'silent', ...env },
      }).then((r) => ({ code: 0, out: r.stdout }), (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }));
    const ok = await run({});
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/audit chain intact: \d+ rows verified; 1 anchors in .*, newest at position \d+/);
    // Without the key (another one configured), the chain does not verify.
    const wrongKey = await run({ DJ_AUDIT_KEY: Buffer.alloc(32, 1).toString('base64') });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.out).toMatch(/audit chain BROKEN \(edited\) at row \d+, chain position 1/);
    const victim = (await search('action=auth.logout')).items[0].id;
    await asSuperuser((trx) => sql`update audit_log set ip = '10.0.0.1' where id = ${victim}`.execute(trx));
    const broken = await run({});
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`audit chain BROKEN (edited) at row ${victim}`);
    await asSuperuser((trx) => sql`update audit_log set ip = '127.0.0.1' where id = ${victim}`.execute(trx));
    expect((await verify()).ok).toBe(true);
  });

  // Last: deleted rows cannot be put back.
  it('deleting the newest rows is reported, by the console and by the CLI', async () => {
    await t.ctx.audit.anchor();
    const newest = await t.ctx.db.selectFrom('audit_chain').select(['seq', 'audit_id']).orderBy('seq', 'desc').limit(2).execute();
    await asSuperuser(async (trx) => {
      await trx.deleteFrom('audit_chain').where('seq', 'in', newest.map((r) => r.seq)).execute();
      await trx.deleteFrom('audit_log').where('id', 'in', newest.map((r) => r.audit_id)).execute();
    });
    const report = await verify();
    expect(report).toMatchObject({ ok: false, problem: 'truncated', firstBrokenSeq: newest[1].seq, checked: Number(newest[1].seq) - 1 });
    expect(report.reason).toContain('最新的记录被删除');
    if (!t.ctx.config.databaseUrl) return;
    const cli = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.resolve(import.meta.dirname, '../../cli.ts'), 'verify-audit'], {
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: t.ctx.config.databaseUrl, DJ_DATA_KEY: t.ctx.config.dataKey!, DJ_INDEX_KEY: t.ctx.config.indexKey!, DJ_AUDIT_KEY: t.ctx.config.auditKey!, AUDIT_ANCHOR_FILE: t.ctx.config.auditAnchorFile, LOG_LEVEL: 'silent' },
    }).then(() => ({ code: 0, out: '' }), (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }));
    expect(cli.code).toBe(1);
    expect(cli.out).toContain(`audit chain BROKEN (truncated) at chain position ${newest[1].seq}`);
  });
});

describe('labels', () => {
  it('name every action and object type the trail holds, in Chinese and English, from the modules', async () => {
    const res = await t.call('GET', '/api/audit/labels', { cookie: auditor });
    expect(res.statusCode).toBe(200);
    const labels = res.json() as { actions: Record<string, { zh: string; en: string }>; entityTypes: Record<string, { zh: string; en: string }> };
    expect(labels.actions['station.create']).toEqual({ zh: '新增站点', en: 'Create station' });
    expect(labels.entityTypes.member_flow).toEqual({ zh: '流动登记', en: 'Migration record' });
    const { rows } = await sql<{ action: string; entity_type: string }>`select distinct action, entity_type from audit_log`.execute(t.ctx.db);
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) {
      expect(labels.actions[r.action], r.action).toBeDefined();
      expect(labels.entityTypes[r.entity_type], r.entity_type).toBeDefined();
    }
  });
});
