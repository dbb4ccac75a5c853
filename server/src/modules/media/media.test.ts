/**
 * 视频和文件资源 (F-70): a generated test video uploaded in three chunks (one broken on the way and resumed),
 * transcoded by the real job with ffmpeg into HLS renditions with a poster, then served (playlists, an immutable
 * segment, an MP4 range); the no-ffmpeg path; bad input; the access rule. Needs Debian's ffmpeg: without it these
 * tests are skipped, except in CI (CI=true), where its absence fails them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';

const FFMPEG = '/usr/bin/ffmpeg';
const haveFfmpeg = fs.existsSync(FFMPEG) && fs.existsSync('/usr/bin/ffprobe');
if (!haveFfmpeg && process.env.CI === 'true') throw new Error('ffmpeg is required in CI (apt-get install ffmpeg; .ci/run installs it)');
if (!haveFfmpeg) console.warn('media tests skipped: ffmpeg is not installed (/usr/bin/ffmpeg); apt-get install ffmpeg to run them');

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n' + ' '.repeat(600));

describe.skipIf(!haveFfmpeg)('media', () => {
  let tmp: string;
  let video: Buffer;
  let t: TestApp;
  let hz: string;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'media-test-'));
    const file = path.join(tmp, 'test.mp4');
    execFileSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=duration=3:size=640x360:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=3',
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', file]);
    video = fs.readFileSync(file);
    t = await createTestApp({ env: { MEDIA_DIR: path.join(tmp, 'media'), MEDIA_CHUNK_MB: '1', MEDIA_MAX_UPLOAD_MB: '5' } });
    hz = await t.login('demo-hangzhou');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const create = (cookie: string, body: Record<string, unknown>) => t.call('POST', '/api/media/uploads', { cookie, body });
  const patch = (cookie: string, id: string, offset: number, chunk: Buffer) =>
    t.call('PATCH', `/api/media/uploads/${id}`, { cookie, body: chunk, headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) } });
  const count = async () => Number((await t.ctx.db.selectFrom('media_assets').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const auditOf = (id: string) => t.ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'media_asset').where('entity_id', '=', id).orderBy('id').execute();

  /** Uploads a whole buffer in one chunk; returns the asset id. */
  async function upload(fileName: string, data: Buffer, visibility: string, cookie = hz) {
    const res = await create(cookie, { fileName, size: data.length, visibility });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    expect((await patch(cookie, id, 0, data)).statusCode).toBe(200);
    return id;
  }

  it('uploads a video in three chunks, resumes after a broken one, transcodes it to HLS and serves it', async () => {
    const res = await create(hz, { fileName: '党课示例.mp4', size: video.length, type: 'video/mp4', visibility: 'public' });
    expect(res.statusCode, res.body).toBe(201);
    const { id, chunkBytes } = res.json() as { id: string; chunkBytes: number };
    expect(chunkBytes).toBe(1024 * 1024);
    const third = Math.ceil(video.length / 3);
    const chunks = [video.subarray(0, third), video.subarray(third, 2 * third), video.subarray(2 * third)];

    expect((await patch(hz, id, 0, chunks[0])).json()).toEqual({ offset: third, status: 'uploading' });

    // The second chunk breaks off halfway: the connection drops before its body is complete.
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    await new Promise<void>((resolve) => {
      const s = net.connect(Number(port), '127.0.0.1', () => {
        s.write(`PATCH /api/media/uploads/${id} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nCookie: ${hz}\r\nContent-Type: application/offset+octet-stream\r\n`
          + `Upload-Offset: ${third}\r\nContent-Length: ${chunks[1].length}\r\n\r\n`);
        s.write(chunks[1].subarray(0, chunks[1].length >> 1), () => { s.destroy(); resolve(); });
      });
    });
    // The client asks where to resume (HEAD, as tus does): nothing of the broken chunk was kept.
    const head = await t.call('HEAD', `/api/media/uploads/${id}`, { cookie: hz });
    expect(head.statusCode).toBe(200);
    expect(head.headers['upload-offset']).toBe(String(third));
    // A client that believes the broken chunk arrived is told the real offset.
    const stale = await patch(hz, id, 2 * third, chunks[2]);
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ code: 'media.offset_mismatch' });
    expect(stale.headers['upload-offset']).toBe(String(third));

    expect((await patch(hz, id, third, chunks[1])).json()).toEqual({ offset: 2 * third, status: 'uploading' });
    expect((await patch(hz, id, 2 * third, chunks[2])).json()).toEqual({ offset: video.length, status: 'processing' });
    expect((await t.call('GET', `/api/media/${id}`, { cookie: hz })).json()).toMatchObject({ status: 'processing', sources: { hls: null, mp4: null } });

    await t.ctx.jobs.drain();
    const a = (await t.call('GET', `/api/media/${id}`, { cookie: hz })).json();
    expect(a).toMatchObject({ status: 'ready', progress: 100, error: null, width: 640, height: 360, title: '党课示例', visibility: 'public' });
    expect(a.durationSeconds).toBeGreaterThan(2.9);
    expect(a.durationSeconds).toBeLessThan(3.2);
    expect(a.renditions.map((r: { name: string }) => r.name)).toEqual(['240p', '360p']);
    expect(a.sources).toEqual({ hls: `/media/${id}/master.m3u8`, mp4: `/media/${id}/video.mp4`, poster: `/media/${id}/poster.jpg`, file: null });
    expect((await auditOf(id)).map((r) => r.action)).toEqual(['media.upload.create', 'media.upload.finish']);

    // The master playlist names both renditions; a rendition's playlist its segments.
    const master = await t.call('GET', a.sources.hls);
    expect(master.statusCode).toBe(200);
    expect(master.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(master.body).toContain('#EXT-X-STREAM-INF');
    expect(master.body).toContain('v0/index.m3u8');
    expect(master.body).toContain('v1/index.m3u8');
    expect(master.body).toContain('RESOLUTION=640x360');
    const playlist = await t.call('GET', `/media/${id}/v1/index.m3u8`);
    expect(playlist.statusCode).toBe(200);
    const segment = playlist.body.split('\n').find((l) => l.endsWith('.ts'))!;
    const seg = await t.call('GET', `/media/${id}/v1/${segment}`);
    expect(seg.statusCode).toBe(200);
    expect(seg.headers['content-type']).toBe('video/mp2t');
    expect(seg.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(seg.rawPayload[0]).toBe(0x47);
    // Revalidation of an unchanged file.
    expect((await t.call('GET', `/media/${id}/v1/${segment}`, { headers: { 'if-none-match': String(seg.headers.etag) } })).statusCode).toBe(304);

    const poster = await t.call('GET', a.sources.poster);
    expect(poster.headers['content-type']).toBe('image/jpeg');
    expect([...poster.rawPayload.subarray(0, 2)]).toEqual([0xff, 0xd8]);

    const whole = await t.call('GET', a.sources.mp4);
    expect(whole.statusCode).toBe(200);
    const ranged = await t.call('GET', a.sources.mp4, { headers: { range: 'bytes=100-199' } });
    expect(ranged.statusCode).toBe(206);
    expect(ranged.headers['content-range']).toBe(`bytes 100-199/${whole.rawPayload.length}`);
    expect(ranged.rawPayload.equals(whole.rawPayload.subarray(100, 200))).toBe(true);
    const beyond = await t.call('GET', a.sources.mp4, { headers: { range: `bytes=${whole.rawPayload.length}-` } });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.json()).toMatchObject({ code: 'media.range' });
    // The upload itself is never served, nor a path out of the asset's folder.
    expect((await t.call('GET', `/media/${id}/..%2Fsrc%2Foriginal.mp4`)).statusCode).toBe(404);
    expect((await t.call('GET', `/media/${id}/src/original.mp4`)).statusCode).toBe(404);

    // The console's list shows it with its poster and duration.
    const list = (await t.call('GET', '/api/media?kind=video&limit=5', { cookie: hz })).json();
    expect(list.items.find((r: { id: string }) => r.id === id)).toMatchObject({ status: 'ready', posterUrl: a.sources.poster, durationSeconds: a.durationSeconds });
  }, 120_000); // a real transcoding, on a busy CI machine

  it('without ffmpeg keeps an MP4 as uploaded and serves it with ranges; other formats fail with a reason', async () => {
    const bare = await createTestApp({ env: { MEDIA_DIR: path.join(tmp, 'bare'), MEDIA_FFMPEG: 'off' } });
    try {
      const cookie = await bare.login('demo-hangzhou');
      const res = await bare.call('POST', '/api/media/uploads', { cookie, body: { fileName: 'plain.mp4', size: video.length, visibility: 'public' } });
      const id = res.json().id as string;
      const put = (i: string, b: Buffer) => bare.call('PATCH', `/api/media/uploads/${i}`, { cookie, body: b, headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' } });
      expect((await put(id, video)).json()).toMatchObject({ status: 'processing' });
      await bare.ctx.jobs.drain();
      const a = (await bare.call('GET', `/api/media/${id}`, { cookie })).json();
      expect(a).toMatchObject({ status: 'ready', renditions: [], sources: { hls: null, mp4: `/media/${id}/video.mp4`, poster: null } });
      const r = await bare.call('GET', a.sources.mp4, { headers: { range: 'bytes=0-9' } });
      expect(r.statusCode).toBe(206);
      expect(r.headers['content-type']).toBe('video/mp4');
      expect(r.rawPayload.equals(video.subarray(0, 10))).toBe(true);

      const webm = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.from('....webm'), Buffer.alloc(600)]);
      const w = (await bare.call('POST', '/api/media/uploads', { cookie, body: { fileName: 'clip.webm', size: webm.length } })).json().id as string;
      await put(w, webm);
      await bare.ctx.jobs.drain();
      expect((await bare.call('GET', `/api/media/${w}`, { cookie })).json()).toMatchObject({ status: 'failed', error: expect.stringContaining('只能发布 MP4') });
    } finally {
      await bare.close();
    }
  }, 120_000); // a second app (its own database copy)

  it('refuses bad uploads and chunks with a clear message, changing nothing', async () => {
    const before = await count();
    const big = await create(hz, { fileName: 'big.mp4', size: 6 * 1024 * 1024 });
    expect(big.statusCode).toBe(400);
    expect(big.json().errors[0]).toMatchObject({ field: 'size', message: expect.stringContaining('不能超过5 MB') });
    const exe = await create(hz, { fileName: 'setup.exe', size: 1000 });
    expect(exe.statusCode).toBe(400);
    expect(exe.json().errors[0].message).toContain('只能上传');
    const lying = await create(hz, { fileName: 'a.mp4', size: 1000, type: 'application/pdf' });
    expect(lying.statusCode).toBe(400);
    expect(await count()).toBe(before);

    const id = (await create(hz, { fileName: 'a.mp4', size: PDF.length })).json().id as string;
    const wrongContent = await patch(hz, id, 0, PDF);
    expect(wrongContent.statusCode).toBe(400);
    expect(wrongContent.json().errors[0].message).toContain('不是可识别的视频格式');
    const wrongOffset = await patch(hz, id, 10, video.subarray(0, 600));
    expect(wrongOffset.statusCode).toBe(409);
    expect(wrongOffset.json()).toMatchObject({ code: 'media.offset_mismatch', title: expect.stringContaining('0 字节') });
    const tooLong = await patch(hz, id, 0, video.subarray(0, PDF.length + 1));
    expect(tooLong.statusCode).toBe(400);
    const chunkTooBig = await patch(hz, id, 0, Buffer.alloc(1024 * 1024 + 1));
    expect(chunkTooBig.statusCode).toBe(413);
    const noHeader = await t.call('PATCH', `/api/media/uploads/${id}`, { cookie: hz, body: video.subarray(0, 600), headers: { 'content-type': 'application/offset+octet-stream' } });
    expect(noHeader.statusCode).toBe(400);
    expect((await t.call('GET', `/api/media/uploads/${id}`, { cookie: hz })).json()).toMatchObject({ offset: 0, status: 'uploading' });
    expect(fs.statSync(path.join(tmp, 'media', id, 'src', 'original.mp4')).size).toBe(0);

    // A finished upload takes nothing more.
    const doc = await upload('通知.pdf', PDF, 'staff');
    const again = await patch(hz, doc, PDF.length, Buffer.from('x'));
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'media.upload_closed' });
    // Another organization's staff cannot write to it.
    const nb = await t.login('demo-ningbo');
    expect((await t.call('GET', `/api/media/uploads/${doc}`, { cookie: nb })).statusCode).toBe(403);
  });

  it('serves staff-only and members-only files to those signed in, public ones to anyone; a deleted asset to no one', async () => {
    const id = await upload('学习材料.pdf', PDF, 'staff');
    const url = `/media/${id}/file.pdf`;
    const member = await t.login('demo-member');
    const nb = await t.login('demo-ningbo');
    expect((await t.call('GET', url)).statusCode).toBe(401);
    expect((await t.call('GET', url, { cookie: member })).statusCode).toBe(403);
    const staff = await t.call('GET', url, { cookie: hz });
    expect(staff.statusCode).toBe(200);
    expect(staff.headers['content-type']).toBe('application/pdf');
    expect(staff.headers['cache-control']).toContain('private');
    expect((await t.call('GET', `/api/media/${id}/access`)).statusCode).toBe(401);
    expect((await t.call('GET', `/api/media/${id}/player`)).statusCode).toBe(401);
    expect((await t.call('GET', `/api/media/${id}/player`, { cookie: hz })).json()).toMatchObject({ title: '学习材料', sources: { file: url } });

    // The list and detail follow the organization's subtree.
    expect((await t.call('GET', `/api/media/${id}`, { cookie: nb })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/media?kind=document', { cookie: nb })).json().items.some((r: { id: string }) => r.id === id)).toBe(false);
    expect((await t.call('PATCH', `/api/media/${id}`, { cookie: nb, body: { visibility: 'public' } })).statusCode).toBe(403);

    expect((await t.call('PATCH', `/api/media/${id}`, { cookie: hz, body: { visibility: 'members' } })).json()).toMatchObject({ visibility: 'members' });
    expect((await t.call('GET', url, { cookie: member })).statusCode).toBe(200);
    expect((await t.call('GET', url)).statusCode).toBe(401);
    await t.call('PATCH', `/api/media/${id}`, { cookie: hz, body: { visibility: 'public' } });
    const anon = await t.call('GET', url);
    expect(anon.statusCode).toBe(200);
    expect(anon.headers['cache-control']).toContain('public');
    expect((await t.call('GET', `/api/media/${id}/access`)).statusCode).toBe(204);

    expect((await t.call('DELETE', `/api/media/${id}`, { cookie: hz })).statusCode).toBe(204);
    expect((await t.call('GET', url)).statusCode).toBe(404);
    expect(fs.existsSync(path.join(tmp, 'media', id))).toBe(false);
    expect((await auditOf(id)).map((r) => r.action)).toEqual(['media.upload.create', 'media.upload.finish', 'media.update', 'media.update', 'media.delete']);
  });
});
