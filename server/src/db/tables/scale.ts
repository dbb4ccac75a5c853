/** Tables of the scale work (issue 3). Add them here; db/schema.ts folds this interface into DB. */
import type { Generated } from 'kysely';
import type { IdRef } from '../schema.js';

/** Per organization, its own members (not its subtree); kept by triggers on members (migration 20261127T0530-scale). */
export interface OrgMemberCountsTable {
  org_id: IdRef;
  members: Generated<number>;
  full_members: Generated<number>;
  probationary: Generated<number>;
  migrants: Generated<number>;
  lost_contact: Generated<number>;
}

/** Subtree counters per anchor path (province, city, county) by dimension and key; kept by triggers. */
export interface SubtreeCountsTable {
  anchor: string;
  dim: string;
  key: string;
  n: string;
}

/** One row: goes up in every statement that writes members, orgs or stations (migration 20261206T0010-counts-version). */
export interface CountsVersionTable {
  id: number;
  v: string;
}

export interface ScaleTables {
  org_member_counts: OrgMemberCountsTable;
  subtree_counts: SubtreeCountsTable;
  counts_version: CountsVersionTable;
}
