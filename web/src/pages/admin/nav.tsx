// The console's modules: menu entries, their routes and the permission each needs.
import type { ReactNode } from 'react';
import {
  ApartmentOutlined, AuditOutlined, CloudUploadOutlined, DashboardOutlined, DesktopOutlined, NodeIndexOutlined, SafetyCertificateOutlined,
  CheckCircleOutlined, SettingOutlined, SwapOutlined, TeamOutlined, UserSwitchOutlined,
} from '@ant-design/icons';
import type { Permission } from '@/api/types';

export type NavKey = 'dashboard' | 'members' | 'flows' | 'transfers' | 'stations' | 'imports' | 'orgs' | 'accounts' | 'approvals' | 'audit' | 'security' | 'profile';

/** `perm`: the permission the entry needs, or a list of which any one will do. */
export interface NavEntry { key: NavKey; path: string; perm?: Permission | readonly Permission[]; icon: ReactNode }

export const APPROVALS_PERMS: readonly Permission[] = ['account.read', 'account.approve'];

export const NAV: NavEntry[] = [
  { key: 'dashboard', path: '/admin', perm: 'dashboard.read', icon: <DashboardOutlined aria-hidden /> },
  { key: 'members', path: '/admin/members', perm: 'member.read', icon: <TeamOutlined aria-hidden /> },
  { key: 'flows', path: '/admin/flows', perm: 'member.read', icon: <NodeIndexOutlined aria-hidden /> },
  { key: 'transfers', path: '/admin/transfers', perm: 'transfer.read', icon: <SwapOutlined aria-hidden /> },
  { key: 'stations', path: '/admin/stations', perm: 'station.read', icon: <DesktopOutlined aria-hidden /> },
  { key: 'imports', path: '/admin/imports', perm: 'member.write', icon: <CloudUploadOutlined aria-hidden /> },
  { key: 'orgs', path: '/admin/orgs', perm: 'org.read', icon: <ApartmentOutlined aria-hidden /> },
  { key: 'accounts', path: '/admin/accounts', perm: 'account.read', icon: <UserSwitchOutlined aria-hidden /> },
  // Requesters (system administrator) and approvers (security administrator) both work here.
  { key: 'approvals', path: '/admin/approvals', perm: APPROVALS_PERMS, icon: <CheckCircleOutlined aria-hidden /> },
  { key: 'audit', path: '/admin/audit', perm: 'audit.read', icon: <AuditOutlined aria-hidden /> },
  { key: 'security', path: '/admin/security', perm: 'security.read', icon: <SafetyCertificateOutlined aria-hidden /> },
  { key: 'profile', path: '/admin/profile', icon: <SettingOutlined aria-hidden /> },
];

/** The menu entry a path belongs to (the longest matching prefix). */
export function navOf(pathname: string): NavEntry | undefined {
  const p = pathname.replace(/\/+$/, '') || '/admin';
  return [...NAV].sort((a, b) => b.path.length - a.path.length).find((n) => p === n.path || p.startsWith(`${n.path}/`));
}
