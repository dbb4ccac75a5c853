/**
 * The transcoding job (queue `media.transcode`, one at a time per instance; docs/media.md, "Transcoding"): ffprobe
 * reads the upload's duration and size; ffmpeg turns it into HLS renditions (240p/360p/540p/720p, never larger than
 * the source, `-preset veryfast`, 4-second segments) with a master playlist, an MP4 of the largest rendition for
 * players without HLS, and a poster JPEG. ffmpeg's `-progress` output gives the percentage shown while it runs.
 * Without ffmpeg (MEDIA_FFMPEG=off, or not installed) an MP4 upload is served as it is (ranges, no HLS); other
 * formats fail with a reason in Chinese.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../../platform/context.js';
import type { JobControl, JobHandler } from '../../platform/jobs.js';
import type { MediaRendition } from '../../db/tables/media.js';
import { ffmpegUsable, outKey } from './media.storage.js';
import { forgetAccess } from './media.access.js';

export const TRANSCODE_QUEUE = 'media.transcode';

/** The ladder: a rung is made when the source is at least that tall. */
export const LADDER = [
  { name: '240p', height: 240, videoKbps: 400, audioKbps: 64 },
  { name: '360p', height: 360, videoKbps: 800, audioKbps: 96 },
  { name: '540p', height: 540, videoKbps: 1400, audioKbps: 96 },
  { name: '720p', height: 720, videoKbps: 2800, audioKbps: 128 },
] as const;
const SEGMENT_SECONDS = 4;

interface Probe { duration: number; width: number; height: number; audio: boolean }

class TranscodeError extends Error {
  constructor(readonly reason: string, detail: string) { super(detail); }
}

export const transcodeHandler = (ctx: AppContext): JobHandler => async (job, control) => {
  const { assetId } = job.payload as { assetId: string };
  const a = await ctx.db.selectFrom('media_assets').select(['id', 'status', 'original_key', 'mime', 'deleted_at']).where('id', '=', assetId).executeTakeFirst();
  if (!a || a.deleted_at || a.status !== 'processing' || !a.original_key) return { skipped: true };
  try {
    const done = ffmpegUsable(ctx.config.media) ? await transcode(ctx, a.id, a.original_key, control) : await keepMp4(ctx, a.id, a.original_key, a.mime);
    await ctx.db.updateTable('media_assets').set({ ...done, status: 'ready', progress: 100, error: null, updated_at: ctx.now() })
      .where('id', '=', a.id).where('status', '=', 'processing').where('deleted_at', 'is', null).execute();
    forgetAccess(a.id);
    return { ready: true };
  } catch (err) {
    const reason = err instanceof TranscodeError ? err.reason : '视频转码失败：服务器处理出错，请稍后重新上传';
    await fs.promises.rm(path.join(ctx.config.media.dir, a.id, 'out.tmp'), { recursive: true, force: true });
    await ctx.db.updateTable('media_assets').set({ status: 'failed', error: reason, updated_at: ctx.now() }).where('id', '=', a.id).where('deleted_at', 'is', null).execute();
    // The asset says what went wrong; the job stays a record of the detail.
    return { failed: true, reason, detail: err instanceof Error ? err.message.slice(-2000) : String(err) };
  }
};

/** No ffmpeg: an MP4 is served as uploaded (with ranges); anything else cannot be played. */
async function keepMp4(ctx: AppContext, id: string, originalKey: string, mime: string) {
  if (mime !== 'video/mp4') throw new TranscodeError('服务器未安装视频转码程序（ffmpeg），只能发布 MP4 格式的视频，请将视频转换为 MP4 后重新上传', 'ffmpeg absent');
  const dir = ctx.config.media.dir;
  await fs.promises.mkdir(path.join(dir, id, 'out'), { recursive: true });
  const target = path.join(dir, outKey(id, 'video.mp4'));
  await fs.promises.rm(target, { force: true });
  await fs.promises.link(path.join(dir, originalKey), target);
  return { mp4_key: outKey(id, 'video.mp4'), hls_key: null, poster_key: null, renditions: '[]' };
}

async function transcode(ctx: AppContext, id: string, originalKey: string, control: JobControl) {
  const cfg = ctx.config.media;
  const input = path.join(cfg.dir, originalKey);
  const probe = await ffprobe(cfg.ffprobe!, input);
  const rungs = LADDER.filter((r) => r.height <= probe.height);
  const plan = (rungs.length ? rungs : [{ name: `${even(probe.height)}p`, height: even(probe.height), videoKbps: 400, audioKbps: 64 }]).map((r) => ({
    ...r, width: even((probe.width * r.height) / probe.height),
  }));
  const tmp = path.join(cfg.dir, id, 'out.tmp');
  await fs.promises.rm(tmp, { recursive: true, force: true });
  await fs.promises.mkdir(tmp, { recursive: true });

  const n = plan.length;
  const top = plan[n - 1];
  const split = `[0:v]split=${n + 1}${plan.map((_, i) => `[s${i}]`).join('')}[sm];`
    + plan.map((r, i) => `[s${i}]scale=${r.width}:${r.height}[o${i}]`).join(';') + `;[sm]scale=${top.width}:${top.height}[om]`;
  const args = ['-hide_banner', '-nostats', '-loglevel', 'error', '-y', '-i', input, '-filter_complex', split];
  plan.forEach((r, i) => {
    args.push('-map', `[o${i}]`);
    if (probe.audio) args.push('-map', '0:a:0');
    args.push(`-b:v:${i}`, `${r.videoKbps}k`, `-maxrate:v:${i}`, `${Math.round(r.videoKbps * 1.1)}k`, `-bufsize:v:${i}`, `${r.videoKbps * 2}k`);
    if (probe.audio) args.push(`-b:a:${i}`, `${r.audioKbps}k`);
  });
  const gop = ['-g', '50', '-keyint_min', '50', '-sc_threshold', '0'];
  args.push('-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p', ...gop);
  if (probe.audio) args.push('-c:a', 'aac', '-ac', '2');
  args.push('-f', 'hls', '-hls_time', String(SEGMENT_SECONDS), '-hls_playlist_type', 'vod', '-hls_segment_filename', 'v%v/seg_%03d.ts',
    '-master_pl_name', 'master.m3u8', '-var_stream_map', plan.map((_, i) => (probe.audio ? `v:${i},a:${i}` : `v:${i}`)).join(' '), 'v%v/index.m3u8');
  // The MP4 for players without HLS: the largest rendition, its index at the front so playback starts before the end arrives.
  args.push('-map', '[om]');
  if (probe.audio) args.push('-map', '0:a:0', '-c:a', 'aac', '-b:a', `${top.audioKbps}k`, '-ac', '2');
  args.push('-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'main', '-pix_fmt', 'yuv420p', '-b:v', `${top.videoKbps}k`, ...gop, '-movflags', '+faststart', 'video.mp4');
  args.push('-progress', 'pipe:1');

  let last = 0;
  let lastPercent = -1;
  await run(cfg.ffmpeg!, args, tmp, async (line) => {
    const m = /^out_time_(?:us|ms)=(\d+)$/.exec(line);
    if (!m || probe.duration <= 0) return;
    const percent = Math.min(99, Math.floor((Number(m[1]) / 1e6 / probe.duration) * 100));
    const t = Date.now();
    if (percent === lastPercent || t - last < 1000) return;
    last = t;
    lastPercent = percent;
    await ctx.db.updateTable('media_assets').set({ progress: percent }).where('id', '=', id).where('status', '=', 'processing').execute();
    await control.progress({ processed: percent, total: 100 });
  });
  const at = Math.min(1, probe.duration / 2).toFixed(2);
  await run(cfg.ffmpeg!, ['-hide_banner', '-nostats', '-loglevel', 'error', '-y', '-ss', at, '-i', input, '-frames:v', '1', '-vf', `scale=${top.width}:${top.height}`, '-q:v', '3', 'poster.jpg'], tmp);
  if (!fs.existsSync(path.join(tmp, 'master.m3u8'))) throw new TranscodeError('视频转码失败：没有生成播放列表', 'master.m3u8 missing');

  const out = path.join(cfg.dir, id, 'out');
  await fs.promises.rm(out, { recursive: true, force: true });
  await fs.promises.rename(tmp, out);
  const renditions: MediaRendition[] = plan.map((r, i) => ({ name: r.name, width: r.width, height: r.height, bitrate: (r.videoKbps + (probe.audio ? r.audioKbps : 0)) * 1000, playlist: `v${i}/index.m3u8` }));
  return {
    hls_key: outKey(id, 'master.m3u8'), mp4_key: outKey(id, 'video.mp4'), poster_key: outKey(id, 'poster.jpg'), renditions: JSON.stringify(renditions),
    duration_seconds: Math.round(probe.duration * 100) / 100, width: probe.width, height: probe.height,
  };
}

const even = (x: number) => Math.max(2, Math.round(x / 2) * 2);

async function ffprobe(bin: string, input: string): Promise<Probe> {
  let json = '';
  try {
    await run(bin, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', input], undefined, (line) => { json += line + '\n'; });
  } catch (err) {
    throw new TranscodeError('无法识别视频内容：文件可能已损坏，或不是视频文件', err instanceof Error ? err.message : String(err));
  }
  const info = JSON.parse(json || '{}') as { format?: { duration?: string }; streams?: { codec_type?: string; width?: number; height?: number; duration?: string }[] };
  const v = info.streams?.find((s) => s.codec_type === 'video' && s.width && s.height);
  if (!v) throw new TranscodeError('文件中没有视频画面，无法转码', 'no video stream');
  const duration = Number(info.format?.duration ?? v.duration ?? 0);
  return { duration: Number.isFinite(duration) ? duration : 0, width: v.width!, height: v.height!, audio: !!info.streams?.some((s) => s.codec_type === 'audio') };
}

/** Runs a program (no shell); each line of its standard output goes to `onLine`; rejects with the end of its error output. */
function run(bin: string, args: string[], cwd: string | undefined, onLine?: (line: string) => unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(bin, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let buf = '';
    let pending = Promise.resolve();
    p.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i).trim();
        buf = buf.slice(i + 1);
        if (onLine) pending = pending.then(() => onLine(line)).then(() => undefined, () => undefined);
      }
    });
    p.stderr.setEncoding('utf8').on('data', (chunk: string) => { err = (err + chunk).slice(-4000); });
    p.on('error', reject);
    p.on('close', (code) => {
      if (buf.trim() && onLine) pending = pending.then(() => onLine(buf.trim())).then(() => undefined, () => undefined);
      void pending.then(() => (code === 0 ? resolve() : reject(new TranscodeError('视频转码失败：文件可能已损坏或编码格式不受支持', `${path.basename(bin)} exited ${code}: ${err}`))));
    });
  });
}
