/**
 * The registry of every column outside `orgs.path` that holds an organization path. A copy that a subtree move
 * does not rewrite goes stale (the old owner keeps reading it, the new one never sees it), so each such column is
 * listed here with what keeps it true, and `orgs.path-copies.test.ts` fails when the database has a path column
 * that is not. A new module that copies a path for fast subtree filters adds one line to ORG_PATH_COPIES.
 */

export interface PathColumn { table: string; column: string; why: string }

/** Rewritten by moveSubtree in the move's own transaction (same prefix replacement as orgs.path). */
export const ORG_PATH_COPIES: readonly PathColumn[] = [
  { table: 'members', column: 'org_path', why: 'subtree filters over millions of members without a join' },
  { table: 'stations', column: 'org_path', why: 'subtree filters over 46,500 stations without a join' },
];

/** Kept true by database triggers on the columns above (migration 20261127T0530-scale). */
export const TRIGGER_KEPT_PATHS: readonly PathColumn[] = [
  { table: 'subtree_counts', column: 'anchor', why: 'exact counters per province/city/county, moved by the counter triggers' },
];

/**
 * A path as it was when something happened: never rewritten and never used to decide access (the audit
 * administrator reads the whole log).
 */
export const HISTORICAL_PATHS: readonly PathColumn[] = [
  { table: 'audit_log', column: 'org_path', why: 'where an audited act happened, at that moment' },
];
