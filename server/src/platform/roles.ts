/**
 * Roles and what they permit. A role is always held at an organization and reaches its
 * whole subtree (DOMAIN.md, "Who uses it"). The three administrator roles are kept apart
 * (三员分立): no account may hold two of them.
 */
export const PERMISSIONS = [
  'org.read', 'org.write',
  'member.read', 'member.write', 'member.reveal',
  'station.read', 'dashboard.read',
  'transfer.read', 'transfer.write',
  'account.read', 'account.write', 'account.approve',
  'audit.read',
  'security.read', 'security.write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = {
  org_admin: ['org.read', 'org.write', 'member.read', 'member.write', 'member.reveal', 'station.read', 'dashboard.read', 'transfer.read', 'transfer.write'],
  org_viewer: ['org.read', 'member.read', 'station.read', 'dashboard.read'],
  branch_secretary: ['org.read', 'member.read', 'member.write', 'station.read', 'dashboard.read', 'transfer.read', 'transfer.write'],
  member: [],
  // The system administrator manages accounts and roles and sees the tree to place them, never members or audit.
  sysadmin: ['account.read', 'account.write', 'org.read'],
  // The security administrator is also the second pair of eyes on the system administrator's
  // changes to the security and audit administrators (approvals.service.ts).
  secadmin: ['security.read', 'security.write', 'account.approve'],
  auditor: ['audit.read'],
} as const satisfies Record<string, readonly Permission[]>;
export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];

export const ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];
export const isAdminRole = (role: string): boolean => (ADMIN_ROLES as readonly string[]).includes(role);
/**
 * Administrator roles whose grant, revocation, password reset and disabling take effect only when a
 * second administrator approves (two-person rule): otherwise the system administrator alone could
 * appoint the people meant to check them.
 */
export const APPROVAL_ROLES: readonly Role[] = ['secadmin', 'auditor'];
export const needsApproval = (role: string): boolean => (APPROVAL_ROLES as readonly string[]).includes(role);

/** The root organization's path has one segment (`/1/`): a role there reaches the whole province. */
export const isRootPath = (path: string): boolean => /^\/[^/]+\/$/.test(path);
const reveals = (role: string): boolean => isRole(role) && (ROLES[role] as readonly Permission[]).includes('member.reveal');

/**
 * A grant that makes a second factor compulsory: an administrator role, any role at the root, or a
 * role that reveals ID numbers and phones.
 */
export const grantNeedsMfa = (role: string, orgPath: string): boolean => isAdminRole(role) || isRootPath(orgPath) || reveals(role);

/**
 * A grant that the system administrator may only request, for a second administrator to approve:
 * the security and audit administrator roles, and any role at the root or that reveals personal
 * data — otherwise the system administrator could make an account of their own that reads members.
 */
export const grantNeedsApproval = (role: string, orgPath: string): boolean => needsApproval(role) || isRootPath(orgPath) || reveals(role);
export const isRole = (role: string): role is Role => Object.hasOwn(ROLES, role);
