/**
 * Where an asset's files live and what they are (docs/media.md, "Storage"). Under MEDIA_DIR each asset has a folder
 * named by its id: `src/` holds the upload (never served), `out/` what `/media/<id>/…` serves — the HLS master
 * playlist and renditions, the poster, the MP4 and a document's file. Keys in `media_assets` are paths relative to
 * MEDIA_DIR, so the folder can move (or be synchronised to an object store) without touching the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sniffUpload, UPLOAD_KINDS, DOCUMENT_KINDS, type UploadKind } from '../../platform/upload-check.js';

export type VideoFormat = 'mp4' | 'mov' | 'webm' | 'mkv' | 'avi' | 'ts' | 'flv';

export const VIDEO_FORMATS: Readonly<Record<VideoFormat, { mime: string; extensions: readonly string[]; zh: string }>> = {
  mp4: { mime: 'video/mp4', extensions: ['mp4', 'm4v'], zh: 'MP4 视频' },
  mov: { mime: 'video/quicktime', extensions: ['mov'], zh: 'MOV 视频' },
  webm: { mime: 'video/webm', extensions: ['webm'], zh: 'WebM 视频' },
  mkv: { mime: 'video/x-matroska', extensions: ['mkv'], zh: 'MKV 视频' },
  avi: { mime: 'video/x-msvideo', extensions: ['avi'], zh: 'AVI 视频' },
  ts: { mime: 'video/mp2t', extensions: ['ts'], zh: 'MPEG-TS 视频' },
  flv: { mime: 'video/x-flv', extensions: ['flv'], zh: 'FLV 视频' },
};

/** The bytes the first chunk must carry so its content can be checked (or the whole file, when smaller). */
export const SNIFF_BYTES = 512;

/** The video format of a file by its first bytes, or null. */
export function sniffVideo(b: Buffer): VideoFormat | null {
  if (b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp') return b.subarray(8, 12).toString('latin1') === 'qt  ' ? 'mov' : 'mp4';
  if (b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3) return b.subarray(0, 64).includes('webm', 0, 'latin1') ? 'webm' : 'mkv';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'AVI ') return 'avi';
  if (b.length >= 3 && b.subarray(0, 3).toString('latin1') === 'FLV') return 'flv';
  if (b.length > 188 && b[0] === 0x47 && b[188] === 0x47) return 'ts';
  return null;
}

export type MediaFormat = { kind: 'video'; format: VideoFormat; mime: string; ext: string } | { kind: 'document'; format: UploadKind; mime: string; ext: string };

const extOf = (fileName: string) => /\.([A-Za-z0-9]{1,8})$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? null;

/** What a file name says it is (the extension), or null when the extension is none of the accepted ones. */
export function formatByName(fileName: string): MediaFormat | null {
  const ext = extOf(fileName);
  if (!ext) return null;
  for (const [format, f] of Object.entries(VIDEO_FORMATS) as [VideoFormat, (typeof VIDEO_FORMATS)[VideoFormat]][]) {
    if (f.extensions.includes(ext)) return { kind: 'video', format, mime: f.mime, ext: f.extensions[0] };
  }
  for (const k of DOCUMENT_KINDS) if (UPLOAD_KINDS[k].extensions.includes(ext)) return { kind: 'document', format: k, mime: UPLOAD_KINDS[k].mime, ext: UPLOAD_KINDS[k].extensions[0] };
  return null;
}

/** The accepted types, for messages. */
export const ACCEPTED_TEXT = `${Object.values(VIDEO_FORMATS).map((f) => f.zh).join('、')}，以及 ${DOCUMENT_KINDS.map((k) => UPLOAD_KINDS[k].zh).join('、')}`;

/** Whether the first bytes are what the name said; the message to show when not, else null. */
export function contentMismatch(expected: MediaFormat, head: Buffer): string | null {
  if (expected.kind === 'video') {
    const got = sniffVideo(head);
    if (got === expected.format || (got === 'mp4' && expected.format === 'mov') || (got === 'mov' && expected.format === 'mp4')) return null;
    return `文件扩展名是 .${expected.ext}（${VIDEO_FORMATS[expected.format].zh}），但文件内容${got ? `是${VIDEO_FORMATS[got].zh}` : '不是可识别的视频格式'}，请确认文件后重新上传`;
  }
  // Office documents are ZIPs told apart by their parts' names, which may lie beyond the first chunk: the whole file is checked at the end.
  const got = sniffUpload(head);
  if (expected.format === 'pdf' ? got === 'pdf' : head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return null;
  return `文件扩展名是 .${expected.ext}（${UPLOAD_KINDS[expected.format].zh}），但文件内容${got ? `是${UPLOAD_KINDS[got].zh}` : '不是这种格式'}，请确认文件后重新上传`;
}

export function assetDir(mediaDir: string, id: string): string {
  return path.join(mediaDir, id);
}
export const originalKey = (id: string, ext: string) => `${id}/src/original.${ext}`;
export const outKey = (id: string, name: string) => `${id}/out/${name}`;

/** The file a served path names inside an asset's out/ folder, or null when the path is not one it could hold. */
export function servedFile(mediaDir: string, id: string, rest: string): string | null {
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9]+)?(\/[A-Za-z0-9_-]+(\.[A-Za-z0-9]+)?){0,2}$/.test(rest)) return null;
  const root = path.join(mediaDir, id, 'out');
  const file = path.join(root, rest);
  return file.startsWith(root + path.sep) ? file : null;
}

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  mp4: 'video/mp4',
  jpg: 'image/jpeg',
  pdf: 'application/pdf',
  docx: UPLOAD_KINDS.docx.mime,
  xlsx: UPLOAD_KINDS.xlsx.mime,
  pptx: UPLOAD_KINDS.pptx.mime,
};

/** Removes an asset's folder (after a delete); a missing folder is fine. */
export async function removeAssetFiles(mediaDir: string, id: string): Promise<void> {
  await fs.promises.rm(assetDir(mediaDir, id), { recursive: true, force: true });
}

/** Whether ffmpeg and ffprobe are there and runnable (checked at start, and by each job). */
export function ffmpegUsable(cfg: { ffmpeg: string | null; ffprobe: string | null }): boolean {
  if (!cfg.ffmpeg || !cfg.ffprobe) return false;
  try {
    fs.accessSync(cfg.ffmpeg, fs.constants.X_OK);
    fs.accessSync(cfg.ffprobe, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
