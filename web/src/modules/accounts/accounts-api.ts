// Calls of the accounts part of the contract (system administrator).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import type { AccountStatus, BodyOf, Role } from '@/api/types';

export const accountKeys = { all: ['accounts'] as const, list: (q: string) => ['accounts', 'list', q] as const, roles: ['roles'] as const };
export const approvalKeys = { all: ['admin-requests'] as const, list: (status: 'pending' | 'all') => ['admin-requests', status] as const };

const path = (id: string) => ({ params: { path: { id } } });

/** Requests awaiting (or, with 'all', past) a second administrator's decision, newest first. */
export function useApprovals(status: 'pending' | 'all') {
  return useInfiniteQuery({
    queryKey: approvalKeys.list(status),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/admin-requests', { params: { query: { status, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const approvalsApi = {
  approve: (id: string) => ok(api.POST('/api/admin-requests/{id}/approve', path(id))),
  reject: (id: string) => ok(api.POST('/api/admin-requests/{id}/reject', path(id))),
  cancel: (id: string) => ok(api.POST('/api/admin-requests/{id}/cancel', path(id))),
};

export function useAccounts(q: string) {
  return useInfiniteQuery({
    queryKey: accountKeys.list(q),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/accounts', { params: { query: { q, cursor: pageParam, limit: 20 } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: accountKeys.roles,
    queryFn: () => ok(api.GET('/api/roles')).then((r) => r.items),
    staleTime: 10 * 60_000,
    enabled,
  });
}

export const accountsApi = {
  // Member accounts are opened by the member's organization, so the system administrator creates staff and public ones only.
  create: (body: BodyOf<'/api/accounts', 'post'>) => ok(api.POST('/api/accounts', { body })),
  // Changes to a security or audit administrator answer 202 with the request awaiting approval.
  update: (id: string, body: { displayName?: string; status?: AccountStatus }) => ok(api.PATCH('/api/accounts/{id}', { ...path(id), body })),
  resetPassword: (id: string, password: string) => ok(api.POST('/api/accounts/{id}/reset-password', { ...path(id), body: { password } })),
  unlock: (id: string) => ok(api.POST('/api/accounts/{id}/unlock', path(id))),
  grant: (id: string, role: Role, orgId: string) => ok(api.POST('/api/accounts/{id}/roles', { ...path(id), body: { role, orgId } })),
  revoke: (id: string, grantId: string) => ok(api.DELETE('/api/accounts/{id}/roles/{grantId}', { params: { path: { id, grantId } } })),
};
