/**
 * 视频和文件资源 (F-70; docs/media.md): resumable uploads (tus-like: create, PATCH chunks at an offset, ask the
 * offset to resume), the list and detail of assets in scope, title and visibility, deletion. Writes `media_assets`
 * (this module's one table) and the files under MEDIA_DIR; every write appends its audit row in its transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { authorize, escapeLike, scopeFilter, scopePaths, type Actor } from '../../platform/actor.js';
import { appendAudit } from '../../platform/audit.js';
import { AppError, conflict, notFound, validationFailed } from '../../platform/errors.js';
import { checkUpload } from '../../platform/upload-check.js';
import { nextCursor } from '../../platform/paging.js';
import { iso } from '../../platform/schemas.js';
import type { MediaRendition, MediaStatus, MediaVisibility } from '../../db/tables/media.js';
import { ACCEPTED_TEXT, contentMismatch, formatByName, originalKey, outKey, removeAssetFiles, SNIFF_BYTES, type MediaFormat } from './media.storage.js';
import { TRANSCODE_QUEUE } from './media.transcode.js';
import { forgetAccess } from './media.access.js';

/** Documents are read whole to be checked at the end of their upload: they stay small. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 * 1024 ? `${Math.round((bytes / 1024 ** 3) * 10) / 10} GB` : `${Math.ceil(bytes / 1024 / 1024)} MB`);

export interface CreateUploadInput { fileName: string; size: number; type?: string; title?: string; orgId?: string; visibility?: MediaVisibility }

async function orgOf(db: Kysely<DB>, id: string) {
  return db.selectFrom('orgs').select(['id', 'path', 'name']).where('id', '=', id).executeTakeFirst();
}

export async function createUpload(ctx: AppContext, actor: Actor, input: CreateUploadInput) {
  const fileName = input.fileName.trim();
  const format = formatByName(fileName);
  const errors = [];
  if (!format) errors.push({ field: 'fileName', message: `只能上传${ACCEPTED_TEXT}` });
  else if (input.type && input.type !== format.mime && !(format.kind === 'video' && input.type.startsWith('video/')) && input.type !== 'application/octet-stream') {
    errors.push({ field: 'type', message: `文件类型（${input.type}）与扩展名 .${format.ext} 不符` });
  }
  const limit = format?.kind === 'document' ? Math.min(MAX_DOCUMENT_BYTES, ctx.config.media.maxUploadBytes) : ctx.config.media.maxUploadBytes;
  if (input.size > limit) errors.push({ field: 'size', message: `文件不能超过${sizeText(limit)}（所选文件为${sizeText(input.size)}）` });
  if (errors.length || !format) throw validationFailed(errors);

  const orgId = input.orgId ?? actor.grants.find((g) => scopePaths(actor, 'media.write').includes(g.orgPath))?.orgId;
  const org = orgId ? await orgOf(ctx.db, orgId) : undefined;
  if (!org) throw validationFailed([{ field: 'orgId', message: '所属组织不存在' }]);
  authorize(actor, 'media.write', org.path);
  const title = (input.title?.trim() || fileName.replace(/\.[A-Za-z0-9]{1,8}$/, '')).slice(0, 200) || fileName;
  const now = ctx.now();

  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.insertInto('media_assets').values({
      kind: format.kind, title, file_name: fileName, mime: format.mime, org_id: org.id, uploaded_by: actor.accountId,
      visibility: input.visibility ?? 'staff', size_bytes: input.size, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const key = originalKey(r.id, format.ext);
    await trx.updateTable('media_assets').set({ original_key: key }).where('id', '=', r.id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'media.upload.create', entityType: 'media_asset', entityId: r.id, orgPath: org.path, ip: actor.ip,
      after: { kind: format.kind, title, fileName, sizeBytes: input.size, orgId: org.id, visibility: input.visibility ?? 'staff' },
    }, now);
    await fs.promises.mkdir(path.dirname(path.join(ctx.config.media.dir, key)), { recursive: true });
    await fs.promises.writeFile(path.join(ctx.config.media.dir, key), '');
    return r;
  });
  return { id: row.id, kind: format.kind, offset: 0, length: input.size, chunkBytes: ctx.config.media.chunkBytes, uploadUrl: `/api/media/uploads/${row.id}` };
}

async function loadForWrite(db: Kysely<DB>, actor: Actor, id: string) {
  const a = await db.selectFrom('media_assets as m').innerJoin('orgs as o', 'o.id', 'm.org_id')
    .select(['m.id', 'm.kind', 'm.status', 'm.size_bytes', 'm.received_bytes', 'm.original_key', 'm.file_name', 'm.mime', 'm.title', 'm.visibility', 'm.deleted_at', 'o.path as org_path'])
    .where('m.id', '=', id).executeTakeFirst();
  if (!a || a.deleted_at) throw notFound('视频或文件');
  authorize(actor, 'media.write', a.org_path);
  return a;
}

export async function uploadStatus(db: Kysely<DB>, actor: Actor, id: string) {
  const a = await loadForWrite(db, actor, id);
  return { id: a.id, offset: Number(a.received_bytes), length: Number(a.size_bytes), status: a.status };
}

/**
 * Writes one chunk at `offset`, which must be the bytes received so far (else 409 with the current offset, nothing
 * written). The chunk that completes the file finishes the upload: a video is queued for transcoding, a document is
 * checked whole and becomes ready.
 */
export async function writeChunk(ctx: AppContext, actor: Actor, id: string, offset: number, chunk: Buffer) {
  const now = ctx.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const a = await loadForWrite(trx, actor, id);
    // The row lock serialises two chunks sent at once for one upload.
    const locked = await trx.selectFrom('media_assets').select(['received_bytes', 'status']).where('id', '=', a.id).forUpdate().executeTakeFirstOrThrow();
    const received = Number(locked.received_bytes);
    const size = Number(a.size_bytes);
    if (locked.status !== 'uploading') throw conflict('media.upload_closed', '此文件已上传完成，不能再追加内容');
    if (offset !== received) {
      throw new AppError(409, 'media.offset_mismatch', `上传位置不一致：服务器已收到 ${received} 字节，请从该位置继续上传`, undefined, undefined, { 'upload-offset': String(received) });
    }
    if (chunk.length === 0) throw validationFailed([{ field: 'body', message: '上传内容不能为空' }]);
    if (offset + chunk.length > size) throw validationFailed([{ field: 'body', message: `上传内容超出了创建上传时声明的文件大小（${size} 字节）` }]);
    const format = formatByName(a.file_name) as MediaFormat;
    if (offset === 0) {
      if (chunk.length < Math.min(size, SNIFF_BYTES)) throw validationFailed([{ field: 'body', message: `第一段至少应包含 ${Math.min(size, SNIFF_BYTES)} 字节，以便检查文件类型` }]);
      const mismatch = contentMismatch(format, chunk);
      if (mismatch) throw validationFailed([{ field: 'file', message: mismatch }]);
    }
    const file = path.join(ctx.config.media.dir, a.original_key!);
    // Written at its position, not appended: bytes past the recorded offset (a chunk whose transaction failed) are overwritten.
    const fh = await fs.promises.open(file, 'r+');
    try {
      await fh.write(chunk, 0, chunk.length, offset);
      if (offset + chunk.length === size) await fh.truncate(size);
    } finally {
      await fh.close();
    }
    const next = offset + chunk.length;
    if (next < size) {
      await trx.updateTable('media_assets').set({ received_bytes: next, updated_at: now }).where('id', '=', a.id).execute();
      return { offset: next, status: 'uploading' as MediaStatus };
    }
    // Complete.
    let status: MediaStatus = 'processing';
    let error: string | null = null;
    let jobId: string | null = null;
    if (a.kind === 'document') {
      try {
        checkUpload(await fs.promises.readFile(file), a.file_name, { allow: [format.format as Parameters<typeof checkUpload>[2]['allow'][number]], maxBytes: MAX_DOCUMENT_BYTES });
        await exposeDocument(ctx.config.media.dir, a.id, a.original_key!);
        status = 'ready';
      } catch (err) {
        status = 'failed';
        error = err instanceof AppError && err.errors?.[0] ? err.errors[0].message : '文件内容与类型不符';
      }
    } else {
      jobId = await ctx.jobs.enqueue(TRANSCODE_QUEUE, { assetId: a.id }, { db: trx, createdBy: actor.accountId, maxAttempts: 1 });
    }
    await trx.updateTable('media_assets').set({ received_bytes: next, status, error, job_id: jobId, progress: status === 'ready' ? 100 : 0, updated_at: now }).where('id', '=', a.id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'media.upload.finish', entityType: 'media_asset', entityId: a.id, orgPath: a.org_path, ip: actor.ip,
      after: { sizeBytes: size, status, error },
    }, now);
    return { offset: next, status };
  });
  if (result.status === 'processing') ctx.jobs.poke();
  if (result.status !== 'uploading') forgetAccess(id);
  return result;
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function baseQuery(db: Kysely<DB>) {
  return db.selectFrom('media_assets as m').innerJoin('orgs as o', 'o.id', 'm.org_id').innerJoin('accounts as u', 'u.id', 'm.uploaded_by')
    .select(['m.id', 'm.kind', 'm.title', 'm.file_name', 'm.status', 'm.error', 'm.progress', 'm.size_bytes', 'm.received_bytes', 'm.duration_seconds', 'm.width', 'm.height',
      'm.visibility', 'm.org_id', 'o.name as org_name', 'o.path as org_path', 'u.display_name as uploaded_by_name', 'm.hls_key', 'm.mp4_key', 'm.poster_key', 'm.original_key',
      'm.renditions', 'm.created_at', 'm.updated_at'])
    .where('m.deleted_at', 'is', null);
}

/** The addresses a player uses (docs/media.md, "Serving"). */
export function sourcesOf(r: { id: string; kind: string; status: string; hls_key: string | null; mp4_key: string | null; poster_key: string | null; original_key: string | null }) {
  const url = (key: string | null) => (key ? `/media/${r.id}/${key.slice(`${r.id}/out/`.length)}` : null);
  const ready = r.status === 'ready';
  return {
    hls: ready ? url(r.hls_key) : null,
    mp4: ready ? url(r.mp4_key) : null,
    poster: ready ? url(r.poster_key) : null,
    file: ready && r.kind === 'document' && r.original_key ? `/media/${r.id}/file.${path.extname(r.original_key).slice(1)}` : null,
  };
}

function toRow(r: Row) {
  return {
    id: r.id, kind: r.kind, title: r.title, fileName: r.file_name, status: r.status, error: r.error, progress: r.progress,
    sizeBytes: Number(r.size_bytes), receivedBytes: Number(r.received_bytes), durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds),
    width: r.width, height: r.height, visibility: r.visibility, orgId: r.org_id, orgName: r.org_name, uploadedByName: r.uploaded_by_name,
    posterUrl: sourcesOf(r).poster, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!,
  };
}

export interface ListQuery { orgId?: string; status?: MediaStatus; kind?: 'video' | 'document'; q?: string; cursor?: string; limit?: number }

export async function listAssets(db: Kysely<DB>, actor: Actor, q: ListQuery) {
  const limit = q.limit ?? 20;
  const paths = scopePaths(actor, 'media.read');
  let query = baseQuery(db).where((eb) => scopeFilter(eb, 'o.path', paths));
  if (q.orgId) {
    // One organization's subtree: refused (403) outside the actor's scope, like every list narrowed by orgId.
    const org = await orgOf(db, q.orgId);
    if (!org) throw notFound('组织');
    authorize(actor, 'media.read', org.path);
    query = query.where('o.path', 'like', `${escapeLike(org.path)}%`);
  }
  if (q.status) query = query.where('m.status', '=', q.status);
  if (q.kind) query = query.where('m.kind', '=', q.kind);
  if (q.q) query = query.where('m.title', 'like', `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (q.cursor) query = query.where('m.id', '<', q.cursor);
  const rows = await query.orderBy('m.id', 'desc').limit(limit).execute();
  return { items: rows.map(toRow), nextCursor: nextCursor(rows, limit) };
}

export async function getAsset(db: Kysely<DB>, actor: Actor, id: string) {
  const r = await baseQuery(db).where('m.id', '=', id).executeTakeFirst();
  if (!r) throw notFound('视频或文件');
  authorize(actor, 'media.read', r.org_path);
  return { ...toRow(r), renditions: (r.renditions ?? []) as MediaRendition[], sources: sourcesOf(r) };
}

export async function updateAsset(ctx: AppContext, actor: Actor, id: string, body: { title?: string; visibility?: MediaVisibility }) {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const a = await loadForWrite(trx, actor, id);
    const set: { title?: string; visibility?: MediaVisibility } = {};
    if (body.title !== undefined && body.title !== a.title) set.title = body.title;
    if (body.visibility !== undefined && body.visibility !== a.visibility) set.visibility = body.visibility;
    if (!Object.keys(set).length) return;
    await trx.updateTable('media_assets').set({ ...set, updated_at: now }).where('id', '=', a.id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'media.update', entityType: 'media_asset', entityId: a.id, orgPath: a.org_path, ip: actor.ip,
      before: { title: a.title, visibility: a.visibility }, after: set,
    }, now);
  });
  forgetAccess(id);
  return getAsset(ctx.db, actor, id);
}

/** Deletes an asset: the row stays (lessons and episodes may refer to it) marked deleted; its files are removed. */
export async function deleteAsset(ctx: AppContext, actor: Actor, id: string) {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const a = await loadForWrite(trx, actor, id);
    await trx.updateTable('media_assets').set({ deleted_at: now, deleted_by: actor.accountId, updated_at: now }).where('id', '=', a.id).execute();
    await appendAudit(trx, {
      actorId: actor.accountId, actorName: actor.username, action: 'media.delete', entityType: 'media_asset', entityId: a.id, orgPath: a.org_path, ip: actor.ip,
      before: { title: a.title, fileName: a.file_name, kind: a.kind, status: a.status, sizeBytes: Number(a.size_bytes), visibility: a.visibility },
    }, now);
  });
  forgetAccess(id);
  // After the commit: a file removed before a rollback could not come back. A job still running finds the row deleted.
  await removeAssetFiles(ctx.config.media.dir, id);
}

/** A document's file is served as out/file.<ext>: linked there when it becomes ready. */
export async function exposeDocument(mediaDir: string, id: string, key: string): Promise<void> {
  const target = path.join(mediaDir, outKey(id, `file${path.extname(key)}`));
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  await fs.promises.rm(target, { force: true });
  await fs.promises.link(path.join(mediaDir, key), target);
}
