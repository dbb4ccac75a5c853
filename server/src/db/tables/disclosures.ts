/** The disclosures module's tables (migration 20261205T0700-disclosures; docs/disclosures.md). */
import type { ColumnType, Generated } from 'kysely';
import type { DateCol, Enum, EnumWithDefault, Id, IdRef, Json, Timestamp } from '../schema.js';

export type DisclosureKind = 'party' | 'village' | 'finance';
export type DisclosureState = 'draft' | 'published' | 'withdrawn';

export interface DisclosureItemsTable {
  id: Id;
  org_id: IdRef;
  kind: Enum<DisclosureKind>;
  period: string;
  title: string;
  body_html: string;
  finance: Json | null;
  state: EnumWithDefault<DisclosureState>;
  version: Generated<number>;
  fingerprint: string | null;
  first_published_at: Date | null;
  published_at: Date | null;
  withdrawn_at: Date | null;
  search_terms: ColumnType<string[], string[] | undefined, string[]>;
  created_by: IdRef | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DisclosureVersionsTable {
  item_id: IdRef;
  version: number;
  title: string;
  body_html: string;
  finance: Json | null;
  fingerprint: string;
  published_at: Date | string;
  published_by_name: string;
}

export interface DisclosureAttachmentsTable {
  id: Id;
  item_id: IdRef;
  file_name: string;
  kind: Enum<'pdf' | 'jpg' | 'png' | 'docx' | 'xlsx'>;
  size_bytes: number;
  sha256: string;
  data: Buffer;
  uploaded_by: IdRef;
  uploaded_at: Timestamp;
}

export interface DisclosurePlansTable {
  id: Id;
  org_id: IdRef;
  kind: Enum<DisclosureKind>;
  period: string;
  due_on: DateCol;
  created_by: IdRef | null;
  created_at: Timestamp;
}

export interface DisclosuresTables {
  disclosure_items: DisclosureItemsTable;
  disclosure_versions: DisclosureVersionsTable;
  disclosure_attachments: DisclosureAttachmentsTable;
  disclosure_plans: DisclosurePlansTable;
}
