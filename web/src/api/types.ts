// Shapes of docs/api-contract.md (v1). Ids are decimal strings (bigint on the server),
// dates are YYYY-MM-DD and timestamps ISO 8601.

export type OrgType = 'committee' | 'working_committee' | 'general_branch' | 'branch' | 'joint_branch' | 'temporary_branch';
export type OrgLevel = 'province' | 'city' | 'county' | 'township' | 'grassroots';
export type OrgSector = 'organ' | 'rural' | 'community' | 'enterprise' | 'institution' | 'online' | 'other';
export type OrgStatus = 'active' | 'inactive';
export type Gender = 'male' | 'female';
export type MemberCategory = 'probationary' | 'full';
export type Standing = 'normal' | 'suspended';
export type Education =
  | 'postgraduate' | 'bachelor' | 'college' | 'secondary_vocational' | 'high_school' | 'middle_school' | 'primary';
export type IdType = 'resident_id' | 'passport' | 'other';
export type StationType = 'township' | 'village' | 'enterprise' | 'community' | 'household';
export type StationStatus = 'active' | 'suspended' | 'fault';
export type Role = 'org_admin' | 'org_viewer' | 'branch_secretary' | 'member' | 'sysadmin' | 'secadmin' | 'auditor';
export type AccountKind = 'staff' | 'member' | 'public';
export type AccountStatus = 'active' | 'disabled';
export type Permission =
  | 'org.read' | 'org.write' | 'member.read' | 'member.write' | 'member.reveal' | 'station.read'
  | 'dashboard.read' | 'transfer.read' | 'transfer.write' | 'account.read' | 'account.write' | 'account.approve' | 'audit.read' | 'security.read' | 'security.write';

export interface RoleGrant { grantId: string; role: Role; orgId: string; orgName: string; orgPath: string }

export interface Me {
  id: string;
  username: string;
  displayName: string;
  kind: AccountKind;
  demo: boolean;
  mustChangePassword: boolean;
  mfa: { enabled: boolean; required: boolean; passed: boolean };
  roles: RoleGrant[];
  permissions: Permission[];
}

export type LoginStatus = 'ok' | 'mfa_required' | 'mfa_enrol_required';
export interface LoginResult { status: LoginStatus; me: Me }
export interface TotpSetup { secret: string; otpauthUrl: string; qrDataUrl: string }
export interface SessionInfo { id: string; createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null; current: boolean }

export interface OrgSummary {
  id: string;
  parentId: string | null;
  name: string;
  fullName: string;
  type: OrgType;
  level: OrgLevel;
  sector: OrgSector;
  status: OrgStatus;
  regionCode: string | null;
  childCount: number;
  memberCount: number;
}
export interface OrgWarning { code: string; message: string }
export interface OrgDetail extends OrgSummary {
  secretaryName: string | null;
  contactPhone: string | null;
  foundedOn: string | null;
  isOnline: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  ancestors: { id: string; name: string }[];
  warnings: OrgWarning[];
}
export interface OrgInput {
  parentId: string;
  name: string;
  fullName: string;
  type: OrgType;
  level: OrgLevel;
  sector: OrgSector;
  regionCode?: string;
  secretaryName?: string;
  contactPhone?: string;
  foundedOn?: string;
  isOnline?: boolean;
}

export interface MemberSummary {
  id: string;
  name: string;
  gender: Gender;
  birthDate: string;
  category: MemberCategory;
  standing: Standing;
  orgId: string;
  orgName: string;
  idNumber: string;
  mobile: string;
  education: Education;
  joinedOn: string;
  migrant: boolean;
  lostContact: boolean;
  /** the day the member left the rolls (已转出), else null */
  departedOn: string | null;
  departure: 'transferred_out' | null;
}
export interface MemberDetail extends MemberSummary {
  ethnicity: string;
  idType: IdType;
  fullOn: string | null;
  job: string | null;
  landline: string | null;
  address: string | null;
  lostContactOn: string | null;
  migrantProvince: string | null;
  migrantCity: string | null;
  migrantCounty: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  canReveal: boolean;
}
export interface MemberInput {
  orgId: string;
  name: string;
  gender: Gender;
  ethnicity: string;
  birthDate: string;
  idType: IdType;
  idNumber: string;
  education: Education;
  category: MemberCategory;
  joinedOn: string;
  fullOn?: string;
  standing: Standing;
  job?: string;
  mobile: string;
  landline?: string;
  address?: string;
  lostContact?: boolean;
  lostContactOn?: string;
  migrant?: boolean;
  migrantProvince?: string;
  migrantCity?: string;
  migrantCounty?: string;
}
export interface MemberQuery {
  orgId?: string;
  q?: string;
  phone?: string;
  idNumber?: string;
  category?: MemberCategory;
  standing?: Standing;
  migrant?: boolean;
  lostContact?: boolean;
  gender?: Gender;
  /** true: the 已转出 archive instead of the current rolls */
  departed?: boolean;
}
/** `total` comes with the first page only. */
export interface MemberPage { items: MemberSummary[]; nextCursor: string | null; total?: number }
export interface MemberHistoryItem {
  id: string;
  at: string;
  actorName: string;
  action: string;
  changes: { field: string; from: unknown; to: unknown }[];
}
export interface RevealResult { field: 'idNumber' | 'mobile'; value: string }

export interface Bucket { key: string; count: number }
export interface Dashboard {
  org: { id: string; name: string };
  totals: DashboardTotals;
  byCategory: Bucket[];
  byGender: Bucket[];
  byAgeBand: Bucket[];
  byEducation: Bucket[];
  migrantsByDestination: Bucket[];
  orgsByType: Bucket[];
  stationsByType: Bucket[];
  stationsByStatus: Bucket[];
  byPartyAge: Bucket[];
  byEthnicity: Bucket[];
  warnings: { tooFewFullMembers: number; tooManyMembers: number };
  /** the key totals of every direct child organization, for drilling down */
  children: DashboardChild[];
}
export interface DashboardTotals {
  members: number; full: number; probationary: number; migrants: number;
  lostContact: number; orgs: number; branches: number; stations: number;
}
export interface DashboardChild extends DashboardTotals { id: string; name: string }

export interface Account {
  id: string;
  username: string;
  displayName: string;
  kind: AccountKind;
  status: AccountStatus;
  locked: boolean;
  lockedUntil: string | null;
  mfaEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  demo: boolean;
  roles: RoleGrant[];
}
export interface RoleInfo { role: Role; permissions: Permission[]; adminRole: boolean }

/** A member's login account as their organization's staff see it (GET /api/members/:id/account). */
export interface MemberAccount { id: string; username: string; status: AccountStatus; locked: boolean; mustChangePassword: boolean; lastLoginAt: string | null; createdAt: string }

/** Two-person approval of changes to the security and audit administrators (/api/admin-requests). */
export type ApprovalAction = 'role.grant' | 'role.revoke' | 'account.reset_password' | 'account.disable';
export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'expired';
export interface ApprovalPerson { id: string; username: string; displayName: string }
export interface ApprovalRequest {
  id: string;
  action: ApprovalAction;
  status: ApprovalStatus;
  account: ApprovalPerson;
  role: Role | null;
  org: { id: string; name: string };
  requestedBy: ApprovalPerson;
  requestedAt: string;
  expiresAt: string;
  decidedBy: ApprovalPerson | null;
  decidedAt: string | null;
  canApprove: boolean;
  canCancel: boolean;
}
/** The 202 answer of a change that waits for a second administrator. */
export interface PendingApproval { approvalRequired: true; request: ApprovalRequest }
export const isPendingApproval = (x: unknown): x is PendingApproval => !!x && typeof x === 'object' && (x as PendingApproval).approvalRequired === true;

export interface AuditEntry {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  entityType: string | null;
  entityId: string | null;
  orgPath: string | null;
  ip: string | null;
  before: unknown;
  after: unknown;
}
export interface AuditQuery { actor?: string; action?: string; entityType?: string; entityId?: string; from?: string; to?: string }
export type AuditChainProblem = 'edited' | 'relinked' | 'gap' | 'row_missing' | 'anchor_mismatch' | 'truncated' | 'unchained' | 'anchor_unreadable';
export interface AuditVerify {
  ok: boolean;
  checked: number;
  firstBrokenId: string | null;
  firstBrokenSeq: string | null;
  problem: AuditChainProblem | null;
  reason: string | null;
  anchors: { checked: number; latestSeq: string | null; latestAt: string | null };
  unchained: number;
}

export interface SecurityPolicy {
  passwordMinLength: number;
  passwordMinClasses: number;
  passwordHistory: number;
  lockoutThreshold: number;
  lockoutMinutes: number;
  idleMinutes: number;
  absoluteHours: number;
  mfaRequiredForStaff: boolean;
}

export interface PublicSection { key: string; title: string; description: string; available: boolean }
export interface PublicOverview {
  platformName: string;
  stats: { members: number; orgs: number; stations: number };
  sections: PublicSection[];
}

export interface Items<T> { items: T[] }
export interface Page<T> { items: T[]; nextCursor: string | null }
