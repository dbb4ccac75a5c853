/** 视频和文件资源 (F-70): request and response shapes (docs/media.md). */
import { Type } from 'typebox';
import { Cursor, IdParams, IdString, Nullable, StringEnum } from '../../platform/schemas.js';
export { IdParams };

export const MEDIA_STATUSES = ['uploading', 'processing', 'ready', 'failed'] as const;
export const MEDIA_VISIBILITIES = ['public', 'members', 'staff'] as const;
export const MEDIA_KINDS = ['video', 'document'] as const;

const Visibility = StringEnum(MEDIA_VISIBILITIES, { description: 'public 公开（无需登录） · members 登录的党员和工作人员 · staff 仅工作人员' });

export const UploadCreateBody = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 255, description: 'the file name, whose extension says the type (checked against the content)' }),
  size: Type.Integer({ minimum: 1, maximum: 1024 ** 4, description: 'bytes' }),
  type: Type.Optional(Type.String({ maxLength: 100, description: 'the browser’s MIME type (File.type), checked against the extension' })),
  title: Type.Optional(Type.String({ maxLength: 200 })),
  orgId: Type.Optional(IdString),
  visibility: Type.Optional(Visibility),
}, { additionalProperties: false });

export const UploadCreated = Type.Object({
  id: Type.String(), kind: StringEnum(MEDIA_KINDS), offset: Type.Integer(), length: Type.Integer(),
  chunkBytes: Type.Integer({ description: 'the largest chunk one PATCH may carry' }), uploadUrl: Type.String(),
});
export const UploadStatus = Type.Object({ id: Type.String(), offset: Type.Integer(), length: Type.Integer(), status: StringEnum(MEDIA_STATUSES) });
export const ChunkWritten = Type.Object({ offset: Type.Integer(), status: StringEnum(MEDIA_STATUSES) });
export const ChunkHeaders = Type.Object({ 'upload-offset': Type.String({ pattern: '^[0-9]{1,15}$', description: 'the bytes already received (as GET/HEAD report them)' }) });

export const AssetRow = Type.Object({
  id: Type.String(), kind: StringEnum(MEDIA_KINDS), title: Type.String(), fileName: Type.String(), status: StringEnum(MEDIA_STATUSES),
  error: Nullable(Type.String({ description: 'why processing failed (Chinese)' })), progress: Type.Integer({ description: 'transcoding percent' }),
  sizeBytes: Type.Integer(), receivedBytes: Type.Integer(), durationSeconds: Nullable(Type.Number()), width: Nullable(Type.Integer()), height: Nullable(Type.Integer()),
  visibility: Visibility, orgId: Type.String(), orgName: Type.String(), uploadedByName: Type.String(), posterUrl: Nullable(Type.String()),
  createdAt: Type.String(), updatedAt: Type.String(),
});
export const AssetList = Type.Object({ items: Type.Array(AssetRow), nextCursor: Nullable(Type.String()) });
export const MediaSources = Type.Object({
  hls: Nullable(Type.String({ description: 'HLS master playlist' })), mp4: Nullable(Type.String()), poster: Nullable(Type.String()), file: Nullable(Type.String({ description: 'a document' })),
}, { $id: 'MediaSources' });
export const MediaAsset = Type.Object({
  ...AssetRow.properties,
  renditions: Type.Array(Type.Object({ name: Type.String(), width: Type.Integer(), height: Type.Integer(), bitrate: Type.Integer(), playlist: Type.String() })),
  sources: MediaSources,
}, { $id: 'MediaAsset' });

export const AssetListQuery = Type.Object({
  orgId: Type.Optional(IdString),
  status: Type.Optional(StringEnum(MEDIA_STATUSES)), kind: Type.Optional(StringEnum(MEDIA_KINDS)), q: Type.Optional(Type.String({ maxLength: 50 })),
  cursor: Cursor, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
}, { additionalProperties: false });
export const AssetUpdateBody = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), visibility: Type.Optional(Visibility),
}, { additionalProperties: false });

export const PlayerInfo = Type.Object({
  id: Type.String(), kind: StringEnum(MEDIA_KINDS), title: Type.String(), durationSeconds: Nullable(Type.Number()), sources: MediaSources,
});
