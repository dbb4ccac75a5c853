/** 视频和文件资源 (F-70): upload (resumable), list, detail, edit, delete, and serving (docs/media.md). */
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.js';
import { responses } from '../../platform/problem.js';
import { requireActor } from '../../platform/route-policy.js';
import { PlayerInfo, AssetList, AssetListQuery, AssetUpdateBody, ChunkHeaders, ChunkWritten, IdParams, MediaAsset, UploadCreateBody, UploadCreated, UploadStatus } from './media.schema.js';
import * as svc from './media.service.js';
import { checkAccess } from './media.access.js';
import { registerServing } from './media.serve.js';
import { ffmpegUsable } from './media.storage.js';
import { mediaForPlayer } from './media.commands.js';
import { notFound } from '../../platform/errors.js';

const CHUNK_TYPE = 'application/offset+octet-stream';

export const mediaRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const tags = ['media'];
  const m = ctx.config.media;
  if (ffmpegUsable(m)) app.log.info({ ffmpeg: m.ffmpeg }, 'media: ffmpeg found, videos are transcoded to HLS');
  else app.log.warn({ ffmpeg: m.ffmpeg }, 'media: ffmpeg not found or turned off (MEDIA_FFMPEG): MP4 videos are served as uploaded, other formats are refused');

  app.get('/api/media', {
    config: { policy: 'media.read' },
    schema: { tags, summary: '视频和文件资源列表（管辖范围内，新上传的在前）：状态、转码进度、时长、封面', querystring: AssetListQuery, response: responses({ 200: AssetList }) },
  }, async (req) => svc.listAssets(ctx.db, requireActor(req), req.query));

  app.get('/api/media/:id', {
    config: { policy: 'media.read' },
    schema: { tags, summary: '资源详情：转码进度或失败原因、各清晰度、播放地址（HLS 主播放列表、MP4、封面）', params: IdParams, response: responses({ 200: MediaAsset }) },
  }, async (req) => svc.getAsset(ctx.db, requireActor(req), req.params.id));

  app.patch('/api/media/:id', {
    config: { policy: 'media.write' },
    schema: { tags, summary: '修改资源标题或观看范围（公开、党员、仅工作人员）', params: IdParams, body: AssetUpdateBody, response: responses({ 200: MediaAsset }) },
  }, async (req) => svc.updateAsset(ctx, requireActor(req), req.params.id, req.body));

  app.delete('/api/media/:id', {
    config: { policy: 'media.write' },
    schema: { tags, summary: '删除资源：文件随即删除，记录保留（课程、新闻中引用它的地方显示“已删除”）', params: IdParams, response: responses({ 204: Type.Null() }) },
  }, async (req, reply) => {
    await svc.deleteAsset(ctx, requireActor(req), req.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/media/:id/access', {
    // The answer depends on the caller's session: never kept (publicCache false). nginx asks it for every viewer from
    // its own address: no per-address limit (the answer is one indexed read, kept in memory a few seconds).
    config: { policy: 'public', publicCache: false, rateLimit: false },
    schema: {
      tags, summary: '能否观看（供 nginx auth_request 使用）：可以时 204，未登录 401，无权 403，不存在或未就绪 404',
      params: IdParams, response: responses({ 204: Type.Null() }),
    },
  }, async (req, reply) => {
    const visibility = await checkAccess(ctx.db, req.params.id, () => req.actor);
    return reply.status(204).header('x-media-visibility', visibility).header('cache-control', visibility === 'public' ? 'public, max-age=5' : 'private, no-store').send(null);
  });

  app.get('/api/media/:id/player', {
    // Depends on the caller's session for non-public assets: never kept by the public-read cache.
    config: { policy: 'public', publicCache: false },
    schema: {
      tags, summary: '播放信息：标题、时长、播放地址（HLS、MP4、封面）；公开的无需登录，党员范围的须登录，仅工作人员的须工作人员登录',
      params: IdParams, response: responses({ 200: PlayerInfo }),
    },
  }, async (req, reply) => {
    const visibility = await checkAccess(ctx.db, req.params.id, () => req.actor);
    const p = await mediaForPlayer(ctx.db, req.params.id);
    if (!p) throw notFound('视频或文件');
    reply.header('cache-control', visibility === 'public' ? 'public, max-age=60' : 'private, no-store');
    return { id: p.id, kind: p.kind, title: p.title, durationSeconds: p.durationSeconds, sources: p.sources };
  });

  app.post('/api/media/uploads', {
    config: { policy: 'media.write' },
    schema: {
      tags, summary: '创建上传（可断点续传）：声明文件名、大小和类型，随后按段 PATCH 上传',
      description: '视频（MP4、MOV、WebM、MKV、AVI、MPEG-TS、FLV）或文档（PDF、Word、Excel、PowerPoint）；类型按扩展名和文件内容检查，大小上限见 MEDIA_MAX_UPLOAD_MB。',
      body: UploadCreateBody, response: responses({ 201: UploadCreated }),
    },
  }, async (req, reply) => reply.status(201).send(await svc.createUpload(ctx, requireActor(req), req.body)));

  app.get('/api/media/uploads/:id', {
    config: { policy: 'media.write' },
    schema: { tags, summary: '上传进度（也可用 HEAD）：服务器已收到的字节数，断线后从此处继续（Upload-Offset 响应头）', params: IdParams, response: responses({ 200: UploadStatus }) },
  }, async (req, reply) => {
    const s = await svc.uploadStatus(ctx.db, requireActor(req), req.params.id);
    reply.header('upload-offset', String(s.offset)).header('upload-length', String(s.length)).header('cache-control', 'no-store');
    return s;
  });

  await app.register(async (plain) => {
    const up = plain.withTypeProvider<TypeBoxTypeProvider>();
    up.addContentTypeParser(CHUNK_TYPE, { parseAs: 'buffer', bodyLimit: m.chunkBytes }, (_req, body, done) => done(null, body));
    up.patch('/api/media/uploads/:id', {
      config: { policy: 'media.write' },
      bodyLimit: m.chunkBytes,
      schema: {
        tags, summary: '上传一段（类似 tus 协议）：Upload-Offset 请求头须等于服务器已收到的字节数，否则 409 并返回正确位置；最后一段上传后视频进入转码',
        description: `请求体类型 ${CHUNK_TYPE}，每段不超过 MEDIA_CHUNK_MB；第一段至少 512 字节，用于检查文件内容。`,
        params: IdParams, headers: ChunkHeaders, response: responses({ 200: ChunkWritten }),
      },
    }, async (req, reply) => {
      const r = await svc.writeChunk(ctx, requireActor(req), req.params.id, Number(req.headers['upload-offset']), Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      reply.header('upload-offset', String(r.offset));
      return r;
    });
  });

  registerServing(app, ctx);
};
