/**
 * `GET /media/<asset>/<file>`: an asset's served files (docs/media.md, "Serving") — playlists, segments, poster, MP4,
 * a document — as static files with their content types, single byte ranges (206; a player seeking in an MP4),
 * validators (ETag, 304), and cache headers: files never change once an asset is ready, so segments, the poster and
 * the MP4 are immutable; playlists are kept a minute. Who may fetch them: media.access.ts. A deployment may serve the
 * same folder from nginx or an object store instead (docs/deployment.md, "Serving video").
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { CONTENT_TYPES, servedFile } from './media.storage.js';
import { checkAccess } from './media.access.js';
import { loadActor, SESSION_COOKIE } from '../../platform/sessions.js';

const YEAR = 31536000;

export function registerServing(app: FastifyInstance, ctx: AppContext): void {
  // Not an API route (no OpenAPI entry, no policy): none of the API's per-request work (public-reads micro-cache and
  // per-address limit, the session read) — a player fetches a segment every few seconds, many players share an address
  // behind a village's NAT. The session is read here, and only for assets that are not public.
  app.get<{ Params: { id: string; '*': string } }>('/media/:id/*', { schema: { hide: true } }, async (req, reply) => {
    const visibility = await checkAccess(ctx.db, req.params.id, async () => {
      const token = req.cookies[SESSION_COOKIE];
      return token ? loadActor(ctx.db, token, req.ip, ctx.now(), await ctx.policy.get()) : null;
    });
    const file = servedFile(ctx.config.media.dir, req.params.id, req.params['*']);
    if (!file) throw new AppError(404, 'not_found', '文件不存在');
    return sendFile(req, reply, file, visibility === 'public');
  });
}

async function sendFile(req: FastifyRequest, reply: FastifyReply, file: string, isPublic: boolean) {
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(file);
  } catch {
    throw new AppError(404, 'not_found', '文件不存在');
  }
  if (!st.isFile()) throw new AppError(404, 'not_found', '文件不存在');
  const ext = path.extname(file).slice(1).toLowerCase();
  const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
  const scope = isPublic ? 'public' : 'private';
  reply.header('content-type', CONTENT_TYPES[ext] ?? 'application/octet-stream')
    .header('cache-control', ext === 'm3u8' ? `${scope}, max-age=60` : `${scope}, max-age=${YEAR}, immutable`)
    .header('etag', etag).header('last-modified', st.mtime.toUTCString()).header('accept-ranges', 'bytes')
    .header('x-content-type-options', 'nosniff');
  if (ext !== 'jpg' && ext !== 'm3u8' && ext !== 'ts' && ext !== 'mp4') reply.header('content-disposition', 'attachment');
  if (req.headers['if-none-match'] === etag) return reply.status(304).send();

  const range = req.headers.range;
  if (range && (!req.headers['if-range'] || req.headers['if-range'] === etag)) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    // Several ranges or a malformed one: the whole file (allowed by RFC 9110).
    if (m && (m[1] || m[2])) {
      let start: number;
      let end: number;
      if (!m[1]) { start = Math.max(0, st.size - Number(m[2])); end = st.size - 1; } else { start = Number(m[1]); end = m[2] ? Math.min(Number(m[2]), st.size - 1) : st.size - 1; }
      if (start >= st.size || start > end) {
        throw new AppError(416, 'media.range', '请求的范围超出文件大小', undefined, undefined, { 'content-range': `bytes */${st.size}` });
      }
      reply.status(206).header('content-range', `bytes ${start}-${end}/${st.size}`).header('content-length', String(end - start + 1));
      if (req.method === 'HEAD') return reply.send();
      return reply.send(fs.createReadStream(file, { start, end }));
    }
  }
  reply.header('content-length', String(st.size));
  if (req.method === 'HEAD') return reply.send();
  // Small files (playlists, segments of a few hundred KB) are read whole: cheaper than a stream under many clients.
  if (st.size <= 2 * 1024 * 1024) return reply.send(await fs.promises.readFile(file));
  return reply.send(fs.createReadStream(file));
}
