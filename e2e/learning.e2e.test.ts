/**
 * 远程教育 in Debian's Chromium on a phone-sized window (390 px): demo-member opens a video lesson, plays a short clip
 * generated with ffmpeg (testsrc, 4 s, served at the lesson's video_url through the browser's request routing), the page
 * starts a stream and sends heartbeats (at play, pause and end), the server counts the seconds actually watched and
 * credits the lesson at 90 %, and 我的学习 shows the credit. The server's clock is moved forward in step with the
 * browser's real time (the test clock does not run by itself). A second lesson plays the same clip uploaded to the media
 * module (transcoding off, so the MP4 is kept as uploaded) in the media module's VideoPlayer, credited the same way.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.js';
import { startHarness, type Harness } from './harness.js';
import { DEMO_PASSWORD } from '../server/test/test-app.js';

const enabled = browserAvailable();
let h: Harness;
let clip: Buffer;
let lessonId: string;
let mediaLessonId: string;

beforeAll(async () => {
  if (!enabled) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'learning-e2e-'));
  const file = path.join(dir, 'clip.mp4');
  // VP9 in MP4: Debian's Chromium plays it without proprietary codecs.
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=4:size=320x180:rate=10', '-c:v', 'libvpx-vp9', '-b:v', '100k', '-y', file]);
  clip = readFileSync(file);
  h = await startHarness({ env: { MEDIA_DIR: path.join(dir, 'media'), MEDIA_FFMPEG: 'off' } });
  const cookie = await h.t.login('demo-province');
  const root = await h.t.ctx.db.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const topic = await h.t.ctx.db.selectFrom('learning_topics').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
  const c = await h.t.call('POST', '/api/learning/courses', { cookie, body: { orgId: root.id, topicId: topic.id, title: '四秒测试课程', audiences: ['member'] } });
  const l = await h.t.call('POST', `/api/learning/courses/${c.json().id}/lessons`, { cookie, body: { kind: 'video', title: '四秒视频课时', videoUrl: '/e2e/clip.mp4', durationSeconds: 4, creditMinutes: 1 } });
  expect(l.statusCode, l.body).toBe(201);
  lessonId = l.json().id;
  // The same clip uploaded to the media module, for members, and a lesson that plays it.
  const up = await h.t.call('POST', '/api/media/uploads', { cookie, body: { fileName: 'clip.mp4', size: clip.length, visibility: 'members' } });
  expect(up.statusCode, up.body).toBe(201);
  const assetId = up.json().id as string;
  const put = await h.t.call('PATCH', `/api/media/uploads/${assetId}`, { cookie, body: clip, headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' } });
  expect(put.statusCode, put.body).toBe(200);
  await h.t.ctx.jobs.drain();
  const m = await h.t.call('POST', `/api/learning/courses/${c.json().id}/lessons`, { cookie, body: { kind: 'video', title: '四秒上传视频课时', mediaAssetId: assetId, durationSeconds: 4, creditMinutes: 1 } });
  expect(m.statusCode, m.body).toBe(201);
  mediaLessonId = m.json().id;
  expect((await h.t.call('POST', `/api/learning/courses/${c.json().id}/publish`, { cookie })).statusCode).toBe(200);
}, 240_000);

afterAll(async () => {
  await h?.close();
});

/** Signs demo-member in on a phone-sized window. */
async function memberPage() {
  const page = await h.newPage({ width: 390 });
  await page.route('**/e2e/clip.mp4', (route) => route.fulfill({ status: 200, contentType: 'video/mp4', body: clip }));
  await page.goto(`${h.base}/login`);
  await page.getByTestId('login-username').fill('demo-member');
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/me/);
  return page;
}

/** Opens the lesson, plays it muted to the end and waits for the credit. */
async function watchToCredit(page: Awaited<ReturnType<typeof memberPage>>, id: string) {
  // The server's clock follows the browser's real time while the clip plays.
  // (By the real time that passed, not by the timer's nominal period: timers lag on a busy machine.)
  let last = Date.now();
  const ticking = setInterval(() => { const now = Date.now(); h.t.clock.advance(now - last); last = now; }, 50);
  try {
    await page.goto(`${h.base}/me/lessons/${id}`);
    const video = page.getByTestId('lesson-video');
    await video.waitFor();
    await page.locator('video').waitFor();
    await page.evaluate(() => {
      const v = (globalThis as unknown as { document: { querySelector(s: string): { muted: boolean; play(): Promise<void> } } }).document.querySelector('video')!;
      v.muted = true;
      return v.play();
    });
    await expect.poll(async () => (await page.getByTestId('credit-message').count()) ? page.getByTestId('credit-message').textContent() : page.getByTestId('covered').textContent(), { timeout: 60_000 }).toContain('已获得1分钟学时');
    expect(await page.getByTestId('covered').textContent()).toMatch(/已覆盖 (9\d|100)%/);
  } finally {
    clearInterval(ticking);
  }
}

describe.skipIf(!enabled)('a member watches a lesson on a phone', () => {
  it('plays the clip to the end and sees the credit in 我的学习', async () => {
    const page = await memberPage();
    await watchToCredit(page, lessonId);

    await page.goto(`${h.base}/me/learning`);
    const ledger = page.getByTestId('learning-ledger');
    await expect.poll(async () => ledger.textContent(), { timeout: 30_000 }).toContain('四秒视频课时');
    expect(await ledger.textContent()).toContain('+1分钟');
    await page.context().close();
  }, 180_000);

  it('plays an uploaded video in the media player and credits it the same way', async () => {
    const page = await memberPage();
    await watchToCredit(page, mediaLessonId);
    expect(await page.getByTestId('video-player').count()).toBe(1);
    await page.goto(`${h.base}/me/learning`);
    await expect.poll(async () => page.getByTestId('learning-ledger').textContent(), { timeout: 30_000 }).toContain('四秒上传视频课时');
    await page.context().close();
  }, 180_000);
});
