/**
 * The organization tree's rules, in one place for every way an organization is written: the API (create and
 * edit) and the organization importer call `orgTreeProblem`. (Moves are checked in moveOrg.)
 *
 * - A 党支部 (branch, joint branch, temporary branch) is the bottom of the tree: nothing is set up under it.
 * - A 党总支 (general branch) has 党支部 under it, never a 党委, 党工委 or another 党总支.
 * - Members are recorded in branches and general branches (BRANCH_TYPES): an organization with members
 *   cannot become a 党委 or 党工委.
 * - An organization with organizations under it cannot become a 党支部, and a 党总支 only when all of
 *   them are 党支部.
 */
import { isBranchType } from './orgs.schema.js';

/** Types at the bottom of the tree: branches proper (not the general branch). */
const LEAF_TYPES: readonly string[] = ['branch', 'joint_branch', 'temporary_branch'];

const TYPE_NAMES: Record<string, string> = {
  committee: '党委', working_committee: '党工委', general_branch: '党总支', branch: '党支部', joint_branch: '联合党支部', temporary_branch: '临时党支部',
};
export const orgTypeName = (type: string) => TYPE_NAMES[type] ?? type;

/** Whether an organization of `childType` may stand directly under one of `parentType`: null when it may, else why not. */
export function childTypeProblem(parentType: string, childType: string): string | null {
  if (LEAF_TYPES.includes(parentType)) return '党支部下不能再设党组织';
  if (parentType === 'general_branch' && !LEAF_TYPES.includes(childType)) return `党总支下只能设立党支部，不能设立${orgTypeName(childType)}`;
  return null;
}

export interface OrgTreeFacts {
  /** the organization's (new) type */
  type: string;
  /** its parent's type; null for a root */
  parentType: string | null;
  /** the types of its active child organizations (none for a new one) */
  childTypes?: readonly string[];
  /** whether current members are recorded in it */
  hasMembers?: boolean;
}

/** Null when an organization of these facts fits the tree, otherwise a Chinese message for the person entering it. */
export function orgTreeProblem(o: OrgTreeFacts): string | null {
  if (o.parentType !== null) {
    const problem = childTypeProblem(o.parentType, o.type);
    if (problem) return problem;
  }
  if (o.hasMembers && !isBranchType(o.type)) return `该组织已编入党员，不能改为${orgTypeName(o.type)}；请先将党员转入党支部`;
  for (const child of new Set(o.childTypes ?? [])) {
    const problem = childTypeProblem(o.type, child);
    if (problem) return `该组织下设有${orgTypeName(child)}，不能改为${orgTypeName(o.type)}（${problem}）`;
  }
  return null;
}
