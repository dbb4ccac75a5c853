/**
 * Every column outside `orgs.path` that holds an organization path, as the modules' manifests declare them
 * (`pathCopies`). A copy that a subtree move does not rewrite goes stale (the old owner keeps reading it, the
 * new one never sees it), so each such column is declared with what keeps it true, and
 * `orgs.path-copies.test.ts` fails when the database has a path column that no manifest declares.
 * A new module that copies a path for fast subtree filters declares it in its manifest's `pathCopies.rewritten`.
 */
import { installedModules, type PathColumn } from '../../platform/module.js';

export type { PathColumn };

/** Rewritten by moveSubtree in the move's own transaction (same prefix replacement as orgs.path). */
export const orgPathCopies = (): readonly PathColumn[] => installedModules().pathCopies.rewritten;

/** Kept true by database triggers on the rewritten columns. */
export const triggerKeptPaths = (): readonly PathColumn[] => installedModules().pathCopies.triggerKept;

/**
 * A path as it was when something happened: never rewritten and never used to decide access (the audit
 * administrator reads the whole log).
 */
export const historicalPaths = (): readonly PathColumn[] => installedModules().pathCopies.historical;
