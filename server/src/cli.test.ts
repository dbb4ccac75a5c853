/** The operator CLI on a fresh production-mode embedded database: first administrators, audit check. */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-cli-'));
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'cli.ts'), ...args], {
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, DATABASE_URL: '', TEST_DATABASE_URL: '' },
  }).then((r) => ({ code: 0, out: r.stdout + r.stderr }), (e) => ({ code: e.code as number, out: String(e.stdout) + String(e.stderr) }));

const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-cli-demo-'));
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(demoDir, { recursive: true, force: true });
});

const envFor = (nodeEnv: string, dir: string) => ({ ...process.env, NODE_ENV: nodeEnv, DATA_DIR: dir, DATABASE_URL: '', TEST_DATABASE_URL: '', DJ_AUDIT_KEY: '', DJ_DATA_KEY: '', DJ_INDEX_KEY: '', AUDIT_ANCHOR_FILE: '', LOG_LEVEL: 'warn' });
const cliIn = (nodeEnv: string, dir: string, ...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'cli.ts'), ...args], { env: envFor(nodeEnv, dir) })
    .then((r) => ({ code: 0, out: r.stdout + r.stderr }), (e) => ({ code: e.code as number, out: String(e.stdout) + String(e.stderr) }));

/** Starts the server (main.ts) as production on `dir`: resolves with its exit code and output, or 'listening' (then stops it). */
function startServer(dir: string): Promise<{ result: 'exited' | 'listening'; code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'main.ts')], { env: { ...envFor('production', dir), PORT: '0', HOST: '127.0.0.1' } });
    let out = '';
    let listening = false;
    const onData = (b: Buffer) => {
      out += b.toString();
      if (!listening && out.includes('running at')) {
        listening = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ result: listening ? 'listening' : 'exited', code, out }));
  });
}

describe('cli', () => {
  it('creates the root organization and the first administrator, refuses weak passwords and duplicate usernames, verifies the audit chain, never seeds demo data', async () => {
    const weak = await cli('create-admin', '--username', 'zhangsan', '--role', 'sysadmin', '--password', 'short');
    expect(weak.code).toBe(2);
    expect(weak.out).toContain('密码长度至少为8位');

    const first = await cli('create-admin', '--username', 'zhangsan', '--display-name', '张三', '--role', 'sysadmin', '--password', 'Zj-Admin#2026');
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('created root organization 中共浙江省委');
    expect(first.out).toContain('created sysadmin zhangsan');

    const again = await cli('create-admin', '--username', 'ZhangSan', '--role', 'auditor', '--password', 'Zj-Admin#2026');
    expect(again.code).toBe(2);
    expect(again.out).toContain('already exists');

    const verify = await cli('verify-audit');
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toMatch(/audit chain intact: 1 rows verified/);

    // Production never loads demo data.
    const seed = await cli('seed-demo');
    expect(seed.code).not.toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'keys.json'))).toBe(true);
  }, 90_000);

  it('a production server refuses to start while demo accounts exist, naming the command; remove-demo-accounts disables them and then it starts', async () => {
    const seeded = await cliIn('development', demoDir, 'seed-demo', '--members', '20');
    expect(seeded.code, seeded.out).toBe(0);

    const refused = await startServer(demoDir);
    expect(refused.result, refused.out).toBe('exited');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('启动失败');
    expect(refused.out).toContain('demo-sysadmin');
    expect(refused.out).toContain('npm run cli -- remove-demo-accounts');

    const removed = await cliIn('production', demoDir, 'remove-demo-accounts');
    expect(removed.code, removed.out).toBe(0);
    expect(removed.out).toMatch(/disabled 8 demo accounts .*demo-sysadmin/);
    expect((await cliIn('production', demoDir, 'remove-demo-accounts')).out).toContain('nothing to remove');

    const started = await startServer(demoDir);
    expect(started.result, started.out).toBe('listening');
    // Its graceful shutdown anchored the audit chain outside the database; the chain verifies against it.
    const verify = await cliIn('production', demoDir, 'verify-audit');
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toMatch(/audit chain intact: \d+ rows verified; 1 anchors in .*audit-anchors\.jsonl/);
  }, 180_000);
});
