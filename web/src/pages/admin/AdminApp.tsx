// /admin/*: the console. Staff only; each screen is its own chunk and checks its
// permission, so the menu and the routes agree.
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Spin } from 'antd';
import type { Me } from '@/api/types';
import { RequirePermission, RequireSession, hasPerm } from '@/modules/auth/guards';
import { AdminLayout } from './AdminLayout';
import { ConsoleNotFound } from './ForbiddenPage';
import { APPROVALS_PERMS, NAV } from './nav';

const DashboardPage = lazy(() => import('./DashboardPage').then((m) => ({ default: m.DashboardPage })));
const MembersPage = lazy(() => import('./MembersPage').then((m) => ({ default: m.MembersPage })));
const FlowsPage = lazy(() => import('./FlowsPage').then((m) => ({ default: m.FlowsPage })));
const TransfersPage = lazy(() => import('./TransfersPage').then((m) => ({ default: m.TransfersPage })));
const StationsPage = lazy(() => import('./StationsPage').then((m) => ({ default: m.StationsPage })));
const ImportsPage = lazy(() => import('./ImportsPage').then((m) => ({ default: m.ImportsPage })));
const OrgsPage = lazy(() => import('./OrgsPage').then((m) => ({ default: m.OrgsPage })));
const AccountsPage = lazy(() => import('./AccountsPage').then((m) => ({ default: m.AccountsPage })));
const ApprovalsPage = lazy(() => import('./ApprovalsPage').then((m) => ({ default: m.ApprovalsPage })));
const AuditPage = lazy(() => import('./AuditPage').then((m) => ({ default: m.AuditPage })));
const SecurityPage = lazy(() => import('./SecurityPage').then((m) => ({ default: m.SecurityPage })));
const ProfilePage = lazy(() => import('./ProfilePage').then((m) => ({ default: m.ProfilePage })));

export function AdminApp() {
  return (
    <RequireSession>
      {(me) => (me.kind === 'staff' ? <Console me={me} /> : <Navigate to="/me" replace />)}
    </RequireSession>
  );
}

function Console({ me }: { me: Me }) {
  // An account without the dashboard (e.g. the audit administrator) starts at its first module.
  const start = NAV.find((n) => hasPerm(me, n.perm))?.path ?? '/admin/profile';
  return (
    <AdminLayout me={me}>
      <Suspense fallback={<div className="page-fallback" role="status"><Spin /></div>}>
        <Routes>
          <Route
            index
            element={hasPerm(me, 'dashboard.read') ? <DashboardPage /> : <Navigate to={start} replace />}
          />
          <Route path="members" element={<RequirePermission me={me} perm="member.read"><MembersPage me={me} /></RequirePermission>} />
          <Route path="flows" element={<RequirePermission me={me} perm="member.read"><FlowsPage me={me} /></RequirePermission>} />
          <Route path="transfers" element={<RequirePermission me={me} perm="transfer.read"><TransfersPage me={me} /></RequirePermission>} />
          <Route path="stations" element={<RequirePermission me={me} perm="station.read"><StationsPage me={me} /></RequirePermission>} />
          <Route path="imports" element={<RequirePermission me={me} perm="member.write"><ImportsPage me={me} /></RequirePermission>} />
          <Route path="orgs" element={<RequirePermission me={me} perm="org.read"><OrgsPage me={me} /></RequirePermission>} />
          <Route path="accounts" element={<RequirePermission me={me} perm="account.read"><AccountsPage me={me} /></RequirePermission>} />
          <Route path="approvals" element={<RequirePermission me={me} perm={APPROVALS_PERMS}><ApprovalsPage me={me} /></RequirePermission>} />
          <Route path="audit" element={<RequirePermission me={me} perm="audit.read"><AuditPage /></RequirePermission>} />
          <Route path="security" element={<RequirePermission me={me} perm="security.read"><SecurityPage me={me} /></RequirePermission>} />
          <Route path="profile" element={<ProfilePage me={me} />} />
          <Route path="*" element={<ConsoleNotFound />} />
        </Routes>
      </Suspense>
    </AdminLayout>
  );
}
