/** The operator CLI on a fresh production-mode embedded database: first administrators, audit check. */
import { execFile } from 'node:child_process';
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

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

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
});
