/** The learning module's organization figures (migration 20261207T0400-learning-org-stats). */
import type { IdRef, Timestamp } from '../schema.js';

export interface LearningOrgStatsTable {
  org_id: IdRef;
  year: number;
  members: number;
  cadres: number;
  met: number;
  cadres_met: number;
  minutes: string;
  cadre_minutes: string;
  active: number;
  refreshed_at: Timestamp;
}

export interface LearningStatsRefreshesTable {
  year: number;
  refreshed_at: Timestamp;
  took_ms: number;
  orgs: number;
}

export interface LearningReportsTables {
  learning_org_stats: LearningOrgStatsTable;
  learning_stats_refreshes: LearningStatsRefreshesTable;
}
