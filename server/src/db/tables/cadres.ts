/** The cadres module's tables (migration 20261205T0900-cadres; docs/cadres.md). */
import type { Generated } from 'kysely';
import type { DateCol, Enum, EnumWithDefault, Id, IdRef, Json, Timestamp } from '../schema.js';

export type RecommendationState = 'held' | 'received' | 'rejected';
export type ObjectionState = 'held' | 'received' | 'answered' | 'rejected';

export interface CadreBatchesTable {
  id: Id; org_id: IdRef; title: string; opens_on: DateCol; closes_on: DateCol;
  created_by: IdRef | null; created_by_name: string; created_at: Timestamp;
  withdrawn_at: Date | null; withdrawn_by_name: string | null; withdraw_reason: string | null; updated_at: Date | null;
}
export interface CadrePostsTable {
  id: Id; batch_id: IdRef; sort: number; name: string; unit: string; headcount: number; requirements: string;
}
export interface CadreRecommendationsTable {
  id: Id; post_id: IdRef; candidate_name: string; candidate_unit: string; reasons: string;
  phone_enc: Buffer; phone_bidx: string; phone_masked: string; state: Enum<RecommendationState>; created_at: Timestamp;
}
export interface CadreNoticesTable {
  id: Id; org_id: IdRef; title: string; candidates: Json; published_on: DateCol; working_days: number; objection_ends_on: DateCol;
  contact: string; fingerprint: string; published_at: Timestamp; published_by: IdRef | null; published_by_name: string;
  state: EnumWithDefault<'open' | 'confirmed' | 'withdrawn'>; confirmed_at: Date | null; confirmed_by_name: string | null; confirm_note: string | null;
  version: Generated<number>; withdrawn_at: Date | null; withdrawn_by_name: string | null; withdraw_reason: string | null;
}
export interface CadreNoticeVersionsTable {
  id: Id; notice_id: IdRef; version: number; title: string; candidates: Json; contact: string;
  published_on: DateCol; working_days: number; objection_ends_on: DateCol; fingerprint: string; published_at: Timestamp; published_by_name: string;
}
export interface CadreObjectionsTable {
  id: Id; notice_id: IdRef; candidate_index: number | null; body: string;
  phone_enc: Buffer; phone_bidx: string; phone_masked: string; name_enc: Buffer | null; name_masked: string | null;
  state: Enum<ObjectionState>; answer: string | null; answered_by_name: string | null; answered_at: Date | null; created_at: Timestamp;
}

export interface CadresTables {
  cadre_batches: CadreBatchesTable;
  cadre_posts: CadrePostsTable;
  cadre_recommendations: CadreRecommendationsTable;
  cadre_notices: CadreNoticesTable;
  cadre_objections: CadreObjectionsTable;
  cadre_notice_versions: CadreNoticeVersionsTable;
}
