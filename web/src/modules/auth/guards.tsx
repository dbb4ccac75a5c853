// Route guards: no session → /login (remembering where the user was going);
// a missing permission → the 403 page.
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Me, Permission } from '@/api/types';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ForbiddenPage } from '@/pages/admin/ForbiddenPage';
import { sessionStep, useMe } from './auth-api';

export function RequireSession({ children }: { children: (me: Me) => ReactNode }) {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  if (me.isPending) {
    return <div className="page-fallback" role="status"><Spin /> {t('common.loading')}</div>;
  }
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data || sessionStep(me.data) !== 'ok') {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return <>{children(me.data)}</>;
}

/** True when `perm` is absent or the account holds it (any one of them, for a list). */
export function hasPerm(me: Me, perm?: Permission | readonly Permission[]): boolean {
  if (!perm) return true;
  return typeof perm === 'string' ? me.permissions.includes(perm) : perm.some((p) => me.permissions.includes(p));
}

export function RequirePermission({ me, perm, children }: { me: Me; perm?: Permission | readonly Permission[]; children: ReactNode }) {
  return hasPerm(me, perm) ? <>{children}</> : <ForbiddenPage />;
}
