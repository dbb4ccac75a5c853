/**
 * What crosses the wire (issue 8 item 6): the web app's files as the build precompressed them, with the cache rules of
 * hashed and unhashed files; JSON answers compressed when large enough and still never stored; Excel files as they are.
 * The web app here is a stand-in directory shaped like web/dist, so the test needs no build.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, exportCall, type TestApp } from './test-app.js';

let t: TestApp;
let hz: string;
let dist: string;
const script = `console.log(${JSON.stringify('党建'.repeat(2000))});\n`;
const html = `<!doctype html><html lang="zh-CN"><head><title>浙江省党建信息化平台</title></head><body><div id="root"></div>${'<!-- -->'.repeat(200)}</body></html>\n`;

/** A file and the .br and .gz the build writes beside it. */
function writeWithVariants(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
}

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'dj-web-dist-'));
  writeWithVariants(path.join(dist, 'index.html'), html);
  writeWithVariants(path.join(dist, 'assets', 'index-AbC123.js'), script);
  t = await createTestApp({ env: { WEB_DIST: dist } });
  hz = await t.login('demo-hangzhou');
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('the web app', () => {
  it('sends a hashed asset as the precompressed variant the browser accepts, cached for a year', async () => {
    const br = await t.call('GET', '/assets/index-AbC123.js', { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(script);

    const gz = await t.call('GET', '/assets/index-AbC123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script);

    const plain = await t.call('GET', '/assets/index-AbC123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('answers a client route with index.html, compressed, to be revalidated on every visit', async () => {
    // /s/<token>: a survey's public web form (问卷网页填写), a client route like the console's.
    for (const url of ['/', '/admin', '/admin/members', '/login', '/s/AbCdEfGh1234']) {
      const res = await t.call('GET', url, { headers: { 'accept-encoding': 'br, gzip' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString(), url).toBe(html);
    }
    expect((await t.call('GET', '/admin')).body).toBe(html);
  });
});

describe('API answers', () => {
  it('compresses a large JSON answer for a client that accepts it, and it is still not to be stored', async () => {
    const plain = await t.call('GET', '/api/members?limit=50', { cookie: hz });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);

    const br = await t.call('GET', '/api/members?limit=50', { cookie: hz, headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('no-store');
    expect(br.rawPayload.length).toBeLessThan(plain.body.length);
    expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());

    const gz = await t.call('GET', '/api/members?limit=50', { cookie: hz, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());
  });

  it('leaves small answers and Excel downloads as they are', async () => {
    const me = await t.call('GET', '/api/me', { cookie: hz, headers: { 'accept-encoding': 'br, gzip' } });
    expect(me.statusCode).toBe(200);
    expect(me.headers['content-encoding']).toBeUndefined();
    expect(me.json().username).toBe('demo-hangzhou');

    const xlsx = await exportCall(t, 'stations', '', hz, { 'accept-encoding': 'br, gzip' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-encoding']).toBeUndefined();
    expect(xlsx.headers['cache-control']).toBe('no-store');
    // An .xlsx is a zip archive: it starts with the local file header PK\x03\x04.
    expect(xlsx.rawPayload.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  });
});
