/** The media module's table (migration 20261207T0100-media-assets; docs/media.md). */
import type { ColumnType } from 'kysely';
import type { Enum, EnumWithDefault, Id, IdRef, Timestamp } from '../schema.js';

export type MediaKind = 'video' | 'document';
export type MediaStatus = 'uploading' | 'processing' | 'ready' | 'failed';
export type MediaVisibility = 'public' | 'members' | 'staff';

/** One HLS rendition as the master playlist lists it. */
export interface MediaRendition { name: string; width: number; height: number; bitrate: number; playlist: string }

export interface MediaAssetsTable {
  id: Id;
  kind: Enum<MediaKind>;
  title: string;
  file_name: string;
  mime: string;
  org_id: IdRef;
  uploaded_by: IdRef;
  visibility: EnumWithDefault<MediaVisibility>;
  status: EnumWithDefault<MediaStatus>;
  error: string | null;
  progress: ColumnType<number, number | undefined, number>;
  /** bigint: strings from the driver. */
  size_bytes: ColumnType<string, number | string, number | string>;
  received_bytes: ColumnType<string, number | string | undefined, number | string>;
  duration_seconds: ColumnType<string | null, number | null | undefined, number | null>;
  width: number | null;
  height: number | null;
  original_key: string | null;
  hls_key: string | null;
  mp4_key: string | null;
  poster_key: string | null;
  renditions: ColumnType<MediaRendition[], string | undefined, string>;
  job_id: IdRef | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Date | null;
  deleted_by: IdRef | null;
}

export interface MediaTables {
  media_assets: MediaAssetsTable;
}
