/**
 * Roles and what they permit. A role is always held at an organization and reaches its
 * whole subtree. The three administrator roles are kept apart
 * (三员分立): no account may hold two of them.
 */
/**
 * The permissions themselves are declared by the modules, each with the roles that hold it (`permissions`
 * in a module's manifest); `modules/index.ts` installs them here at start-up and widens `PermissionKeys`, so
 * `Permission` is the exact union of the declared keys and a misspelt one does not compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- widened by declaration merging in modules/index.ts
export interface PermissionKeys {}
export type Permission = Extract<keyof PermissionKeys, string>;

export const ROLE_NAMES = ['org_admin', 'org_viewer', 'branch_secretary', 'member', 'sysadmin', 'secadmin', 'auditor'] as const;
export type Role = (typeof ROLE_NAMES)[number];

let holdings: ReadonlyMap<Role, readonly Permission[]> | null = null;
/**
 * Every declared permission, filled in place by installPermissions: a schema that enumerates permissions
 * (auth.schema.ts) holds this very array, because it is built before the manifests are all assembled.
 */
export const DECLARED_PERMISSIONS: Permission[] = [];

/** Called once with the assembled manifests' permissions (modules/index.ts). */
export function installPermissions(decls: Iterable<[string, { roles: readonly Role[] }]>): void {
  const byRole = new Map<Role, Permission[]>(ROLE_NAMES.map((r) => [r, []]));
  const all: Permission[] = [];
  for (const [key, decl] of decls) {
    all.push(key as Permission);
    for (const role of decl.roles) byRole.get(role)!.push(key as Permission);
  }
  for (const admin of ADMIN_ROLES) {
    for (const other of ADMIN_ROLES) {
      const shared = admin !== other && byRole.get(admin)!.filter((p) => byRole.get(other)!.includes(p));
      if (shared && shared.length) throw new Error(`administrator roles ${admin} and ${other} would share ${shared.join(', ')} (三员分立)`);
    }
  }
  for (const list of byRole.values()) list.sort();
  holdings = byRole;
  DECLARED_PERMISSIONS.splice(0, DECLARED_PERMISSIONS.length, ...all);
}

function installed(): ReadonlyMap<Role, readonly Permission[]> {
  if (!holdings) throw new Error('permissions are not installed: import modules/index.js before checking a role');
  return holdings;
}

/** Every declared permission. */
export function allPermissions(): readonly Permission[] {
  installed(); // throws before the manifests are installed, rather than answer an empty list
  return DECLARED_PERMISSIONS;
}
/** What a role permits. */
export const permissionsOfRole = (role: Role): readonly Permission[] => installed().get(role) ?? [];

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
const reveals = (role: string): boolean => isRole(role) && permissionsOfRole(role).includes('member.reveal');

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
export const isRole = (role: string): role is Role => (ROLE_NAMES as readonly string[]).includes(role);
