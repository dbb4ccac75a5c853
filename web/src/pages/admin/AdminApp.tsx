// /admin/*: the console. Staff only; its routes and menu come from the module list (modules/manifests.tsx): each
// screen is its own chunk and checks the permission its entry names, so the menu and the routes agree.
import { Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Spin } from 'antd';
import type { Me } from '@/api/types';
import type { StringsPart } from '@/i18n/strings';
import { navStrings } from '@/i18n/sections/nav.zh-CN';
import { RequirePermission, RequireSession, hasPerm } from '@/modules/auth/guards';
import { CONSOLE_MODULES, modulePath, visibleTo } from '@/modules/manifests';
import { AdminLayout } from './AdminLayout';
import { ConsoleNotFound } from './ForbiddenPage';

/** The strings the console chunk brings: its frame's and those of every module in the list. */
export const consoleStrings: readonly StringsPart[] = [navStrings, ...CONSOLE_MODULES.flatMap((m) => m.i18n)];

export function AdminApp() {
  return (
    <RequireSession>
      {(me) => (me.kind === 'staff' ? <Console me={me} /> : <Navigate to="/me" replace />)}
    </RequireSession>
  );
}

function Console({ me }: { me: Me }) {
  // An account without the start page's permission (e.g. the audit administrator) starts at its first module.
  const first = CONSOLE_MODULES.find((m) => visibleTo(me, m));
  const start = first ? modulePath(first) : '/admin/profile';
  return (
    <AdminLayout me={me}>
      <Suspense fallback={<div className="page-fallback" role="status"><Spin /></div>}>
        <Routes>
          {CONSOLE_MODULES.filter((m) => !m.demoOnly || me.demo).map(({ key, path, perm, nested, page: Page }) => path === ''
            ? <Route key={key} index element={hasPerm(me, perm) ? <Page me={me} /> : <Navigate to={start} replace />} />
            : <Route key={key} path={nested ? `${path}/*` : path} element={<RequirePermission me={me} perm={perm}><Page me={me} /></RequirePermission>} />)}
          <Route path="*" element={<ConsoleNotFound />} />
        </Routes>
      </Suspense>
    </AdminLayout>
  );
}
