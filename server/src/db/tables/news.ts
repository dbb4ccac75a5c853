/** The news module's tables (migration 20261207T0300-news; docs/news.md). */
import type { ColumnType, Generated } from 'kysely';
import type { EnumWithDefault, Id, IdRef, Timestamp } from '../schema.js';

export type NewsState = 'draft' | 'submitted' | 'returned' | 'scheduled' | 'published' | 'withdrawn';

export interface NewsCategoriesTable {
  id: Id;
  name: string;
  sort_order: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NewsImagesTable {
  id: Id;
  kind: ColumnType<'jpg' | 'png' | 'webp', string, string>;
  size_bytes: number;
  sha256: string;
  data: Buffer;
  uploaded_by: IdRef | null;
  uploaded_at: Timestamp;
}

export interface NewsArticlesTable {
  id: Id;
  org_id: IdRef;
  category_id: IdRef;
  title: string;
  summary: Generated<string>;
  body_html: string;
  source: Generated<string>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  cover_image_id: IdRef | null;
  state: EnumWithDefault<NewsState>;
  version: Generated<number>;
  publish_at: Date | null;
  published_at: Date | null;
  first_published_at: Date | null;
  withdrawn_at: Date | null;
  withdraw_reason: string | null;
  return_reason: string | null;
  flagged_words: ColumnType<unknown, string | undefined, string>;
  search_terms: ColumnType<string[], string[] | undefined, string[]>;
  created_by: IdRef | null;
  submitted_by: IdRef | null;
  reviewed_by: IdRef | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NewsVersionsTable {
  article_id: IdRef;
  version: number;
  title: string;
  summary: string;
  body_html: string;
  correction_note: string | null;
  published_at: Date | string;
  published_by_name: string;
}

export interface NewsTvEpisodesTable {
  id: Id;
  org_id: IdRef;
  air_at: Date | string;
  duration_minutes: Generated<number>;
  channel: string;
  title: string;
  description: Generated<string>;
  /** The media module's asset (feat/media), by id; no foreign key until the lead wires it. */
  media_asset_id: IdRef | null;
  video_url: string | null;
  created_by: IdRef | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NewsTables {
  news_categories: NewsCategoriesTable;
  news_images: NewsImagesTable;
  news_articles: NewsArticlesTable;
  news_versions: NewsVersionsTable;
  news_tv_episodes: NewsTvEpisodesTable;
}
