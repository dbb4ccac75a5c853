/**
 * A media asset as the video of a lesson, of a live event (its source or its recording) and of a news TV episode
 * (docs/media.md, "For other modules"): each write refuses an id no asset has, a deleted asset, another city's asset,
 * a document, a video whose transcoding failed or is still running — a 400 with the reason on the field, nothing
 * written — and takes a ready video, whose measured duration a lesson without one borrows. The database refuses an id no asset has; the
 * migration that added those keys sets such ids to null first.
 * Assets are made by the media module's own upload and transcoding (ffmpeg; skipped without it, except under CI=true).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { demoFixtures, type DemoFixtures } from '../../../test/fixtures.js';
import * as refsMigration from '../../db/migrations/20261208T0200-media-asset-refs.js';

const FFMPEG = '/usr/bin/ffmpeg';
const haveFfmpeg = fs.existsSync(FFMPEG) && fs.existsSync('/usr/bin/ffprobe');
if (!haveFfmpeg && process.env.CI === 'true') throw new Error('ffmpeg is required in CI (apt-get install ffmpeg; .ci/run installs it)');
if (!haveFfmpeg) console.warn('media reference tests skipped: ffmpeg is not installed (/usr/bin/ffmpeg)');

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n' + ' '.repeat(600));

describe.skipIf(!haveFfmpeg)('media assets used by lessons, recordings and TV episodes', () => {
  let tmp: string;
  let t: TestApp;
  let f: DemoFixtures;
  let hz: string;
  let nb: string;
  let courseId: string;
  const a = { ready: '', deleted: '', failed: '', processing: '', document: '', otherCity: '' };

  async function upload(cookie: string, fileName: string, data: Buffer): Promise<string> {
    const res = await t.call('POST', '/api/media/uploads', { cookie, body: { fileName, size: data.length } });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    const put = await t.call('PATCH', `/api/media/uploads/${id}`, { cookie, body: data, headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' } });
    expect(put.statusCode, put.body).toBe(200);
    return id;
  }
  const statusOf = async (id: string) => (await t.call('GET', `/api/media/${id}`, { cookie: hz })).json().status;
  const post = (url: string, body: unknown, cookie = hz) => t.call('POST', url, { cookie, body });
  const fieldErrors = (r: { json(): { errors?: { field: string; message: string }[] } }) => r.json().errors ?? [];
  const count = async (table: 'learning_lessons' | 'news_tv_episodes') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  /** Every refusal: 400, the reason on mediaAssetId, nothing written. */
  const bad: [keyof typeof a | 'unknown', string][] = [
    ['unknown', '所选视频不存在或已删除，请重新选择'],
    ['deleted', '所选视频不存在或已删除，请重新选择'],
    ['otherCity', '所选视频不存在或已删除，请重新选择'],
    ['document', '所选资源不是视频，请选择视频资源'],
    ['failed', '该视频转码失败，请重新上传'],
    ['processing', '该视频正在转码（已完成0%），请待转码完成后再选择'],
  ];
  const idOf = (k: keyof typeof a | 'unknown') => (k === 'unknown' ? '987654321' : a[k]);

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'media-refs-'));
    const file = path.join(tmp, 'clip.mp4');
    execFileSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=duration=2:size=320x180:rate=25',
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', file]);
    const video = fs.readFileSync(file);
    t = await createTestApp({ env: { MEDIA_DIR: path.join(tmp, 'media') } });
    f = await demoFixtures(t.ctx);
    hz = await t.login('demo-hangzhou');
    nb = await t.login('demo-ningbo');
    a.ready = await upload(hz, '党课视频.mp4', video);
    a.deleted = await upload(hz, '已删除的视频.mp4', video);
    // An MP4 cut after its first kilobyte: its type passes the upload's check, ffprobe cannot read it.
    a.failed = await upload(hz, '损坏的视频.mp4', video.subarray(0, 1024));
    a.document = await upload(hz, '学习材料.pdf', PDF);
    a.otherCity = await upload(nb, '宁波的视频.mp4', video);
    await t.ctx.jobs.drain();
    expect(await statusOf(a.ready)).toBe('ready');
    expect(await statusOf(a.failed)).toBe('failed');
    expect((await t.call('DELETE', `/api/media/${a.deleted}`, { cookie: hz })).statusCode).toBe(204);
    // Uploaded after the queue was drained: still transcoding while the writes below run.
    a.processing = await upload(hz, '转码中的视频.mp4', video);
    expect(await statusOf(a.processing)).toBe('processing');

    const topicId = (await t.call('GET', '/api/learning/topics', { cookie: hz })).json().items[0].id;
    const c = await post('/api/learning/courses', { orgId: f.hangzhou.id, topicId, title: '视频课程', audiences: ['member'] });
    expect(c.statusCode, c.body).toBe(201);
    courseId = c.json().id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a video lesson refuses an asset it cannot show and takes a ready video with its duration', async () => {
    const before = await count('learning_lessons');
    for (const [k, message] of bad) {
      const r = await post(`/api/learning/courses/${courseId}/lessons`, { kind: 'video', title: '第一课', mediaAssetId: idOf(k), durationSeconds: 600 });
      expect(r.statusCode, `${k}: ${r.body}`).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(fieldErrors(r), k).toEqual([{ field: 'mediaAssetId', message }]);
    }
    expect(await count('learning_lessons')).toBe(before);

    // No duration given: the transcoded video's (2 s) is used.
    const ok = await post(`/api/learning/courses/${courseId}/lessons`, { kind: 'video', title: '第一课', mediaAssetId: a.ready });
    expect(ok.statusCode, ok.body).toBe(201);
    const lessonId = ok.json().id;
    const course = (await t.call('GET', `/api/learning/courses/${courseId}`, { cookie: hz })).json();
    expect(course.lessons.find((l: { id: string }) => l.id === lessonId)).toMatchObject({ mediaAssetId: a.ready, durationSeconds: 2, creditMinutes: 1 });

    // Changing it to a failed video is refused and the lesson keeps its video.
    const put = await t.call('PUT', `/api/learning/lessons/${lessonId}`, { cookie: hz, body: { kind: 'video', title: '第一课', mediaAssetId: a.failed, durationSeconds: 600 } });
    expect(put.statusCode, put.body).toBe(400);
    expect(fieldErrors(put)).toEqual([{ field: 'mediaAssetId', message: '该视频转码失败，请重新上传' }]);
    const row = await t.ctx.db.selectFrom('learning_lessons').select(['media_asset_id', 'duration_seconds']).where('id', '=', lessonId).executeTakeFirstOrThrow();
    expect(row).toEqual({ media_asset_id: a.ready, duration_seconds: 2 });
  });

  it('a live event’s recording refuses an asset it cannot show and takes a ready video', async () => {
    const now = t.clock.now().getTime();
    const ev = await post('/api/learning/live', {
      orgId: f.hangzhou.id, title: '专题直播', audiences: ['member'], sourceUrl: 'https://live.example.cn/hls/a/index.m3u8',
      startsAt: new Date(now + 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), courseId,
    });
    expect(ev.statusCode, ev.body).toBe(201);
    const id = ev.json().id;
    expect((await post(`/api/learning/live/${id}/start`, undefined)).statusCode).toBe(200);
    expect((await post(`/api/learning/live/${id}/end`, undefined)).statusCode).toBe(200);
    const before = await count('learning_lessons');
    for (const [k, message] of bad) {
      const r = await post(`/api/learning/live/${id}/recording`, { mediaAssetId: idOf(k), durationSeconds: 600 });
      expect(r.statusCode, `${k}: ${r.body}`).toBe(400);
      expect(fieldErrors(r), k).toEqual([{ field: 'mediaAssetId', message }]);
    }
    expect(await count('learning_lessons')).toBe(before);
    const ok = await post(`/api/learning/live/${id}/recording`, { mediaAssetId: a.ready });
    expect(ok.statusCode, ok.body).toBe(201);
    const lesson = await t.ctx.db.selectFrom('learning_lessons').select(['media_asset_id', 'duration_seconds']).where('id', '=', ok.json().id).executeTakeFirstOrThrow();
    expect(lesson).toEqual({ media_asset_id: a.ready, duration_seconds: 2 });
  });

  it('a live event’s source refuses an asset it cannot show and takes a ready video with HLS', async () => {
    const now = t.clock.now().getTime();
    const body = (sourceAssetId: string) => ({
      orgId: f.hangzhou.id, title: '视频直播', audiences: ['member'], sourceAssetId,
      startsAt: new Date(now + 3_600_000).toISOString(), endsAt: new Date(now + 7_200_000).toISOString(),
    });
    const count = async () => Number((await t.ctx.db.selectFrom('learning_live_events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    for (const [k, message] of bad) {
      const r = await post('/api/learning/live', body(idOf(k)));
      expect(r.statusCode, `${k}: ${r.body}`).toBe(400);
      expect(fieldErrors(r), k).toEqual([{ field: 'sourceAssetId', message }]);
    }
    expect(await count()).toBe(before);
    const ok = await post('/api/learning/live', body(a.ready));
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('a TV episode refuses an asset it cannot show and takes a ready video', async () => {
    const body = (mediaAssetId: string) => ({ orgId: f.hangzhou.id, airAt: '2026-12-20T20:00:00+08:00', channel: '杭州综合频道', title: '红色印记', mediaAssetId });
    const before = await count('news_tv_episodes');
    for (const [k, message] of bad) {
      const r = await post('/api/news/tv', body(idOf(k)));
      expect(r.statusCode, `${k}: ${r.body}`).toBe(400);
      expect(fieldErrors(r), k).toEqual([{ field: 'mediaAssetId', message }]);
    }
    expect(await count('news_tv_episodes')).toBe(before);
    const ok = await post('/api/news/tv', body(a.ready));
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json().id;
    const put = await t.call('PUT', `/api/news/tv/${id}`, { cookie: hz, body: { ...body(a.deleted), title: '改过的标题' } });
    expect(put.statusCode).toBe(400);
    const row = await t.ctx.db.selectFrom('news_tv_episodes').select(['media_asset_id', 'title']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ media_asset_id: a.ready, title: '红色印记' });
  });

  it('the migration sets ids no asset has to null before adding the keys, and keeps the others', async () => {
    const lesson = await t.ctx.db.selectFrom('learning_lessons').select('id').where('media_asset_id', '=', a.ready).executeTakeFirstOrThrow();
    const ep = await t.ctx.db.selectFrom('news_tv_episodes').select('id').where('media_asset_id', '=', a.ready).executeTakeFirstOrThrow();
    await refsMigration.down(t.ctx.db as never);
    // As the data could be before the keys: a hand-typed id no asset has, beside a lesson and an episode that refer to a real one.
    const orphanLesson = await t.ctx.db.insertInto('learning_lessons').values({
      course_id: courseId, position: 99, kind: 'video', title: '旧课时', media_asset_id: '987654321', video_url: 'https://video.example.cn/old.mp4',
      duration_seconds: 60, credit_minutes: 1, created_at: t.clock.now(), updated_at: t.clock.now(),
    }).returning('id').executeTakeFirstOrThrow();
    const orphanEp = await t.ctx.db.insertInto('news_tv_episodes').values({
      org_id: f.hangzhou.id, air_at: t.clock.now(), channel: '杭州综合频道', title: '旧节目', media_asset_id: '987654321',
    }).returning('id').executeTakeFirstOrThrow();
    await refsMigration.up(t.ctx.db as never);
    const lessons = await t.ctx.db.selectFrom('learning_lessons').select(['id', 'media_asset_id', 'video_url']).where('id', 'in', [lesson.id, orphanLesson.id]).orderBy('id').execute();
    expect(lessons).toEqual([{ id: lesson.id, media_asset_id: a.ready, video_url: null }, { id: orphanLesson.id, media_asset_id: null, video_url: 'https://video.example.cn/old.mp4' }]);
    const eps = await t.ctx.db.selectFrom('news_tv_episodes').select(['id', 'media_asset_id']).where('id', 'in', [ep.id, orphanEp.id]).orderBy('id').execute();
    expect(eps).toEqual([{ id: ep.id, media_asset_id: a.ready }, { id: orphanEp.id, media_asset_id: null }]);
  });

  it('the database refuses a lesson or an episode that refers to no asset', async () => {
    const lesson = await t.ctx.db.selectFrom('learning_lessons').select('id').where('media_asset_id', '=', a.ready).executeTakeFirstOrThrow();
    await expect(t.ctx.db.updateTable('learning_lessons').set({ media_asset_id: '987654321' }).where('id', '=', lesson.id).execute()).rejects.toThrow(/foreign key/);
    const ep = await t.ctx.db.selectFrom('news_tv_episodes').select('id').where('media_asset_id', '=', a.ready).executeTakeFirstOrThrow();
    await expect(t.ctx.db.updateTable('news_tv_episodes').set({ media_asset_id: '987654321' }).where('id', '=', ep.id).execute()).rejects.toThrow(/foreign key/);
  });
});
