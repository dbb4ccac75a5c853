// Calls of the accounts part of the contract (system administrator).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { Account, AccountKind, AccountStatus, Items, Page, Role, RoleInfo } from '@/api/types';

export const accountKeys = { all: ['accounts'] as const, list: (q: string) => ['accounts', 'list', q] as const, roles: ['roles'] as const };

export function useAccounts(q: string) {
  return useInfiniteQuery({
    queryKey: accountKeys.list(q),
    queryFn: ({ pageParam, signal }) => api.get<Page<Account>>('/api/accounts', { q, cursor: pageParam, limit: 20 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: accountKeys.roles,
    queryFn: () => api.get<Items<RoleInfo>>('/api/roles').then((r) => r.items),
    staleTime: 10 * 60_000,
    enabled,
  });
}

export const accountsApi = {
  create: (body: { username: string; displayName: string; kind: AccountKind; password: string }) => api.post<Account>('/api/accounts', body),
  update: (id: string, body: { displayName?: string; status?: AccountStatus }) => api.patch<Account>(`/api/accounts/${id}`, body),
  resetPassword: (id: string, password: string) => api.post<void>(`/api/accounts/${id}/reset-password`, { password }),
  unlock: (id: string) => api.post<Account>(`/api/accounts/${id}/unlock`),
  grant: (id: string, role: Role, orgId: string) => api.post<Account>(`/api/accounts/${id}/roles`, { role, orgId }),
  revoke: (id: string, grantId: string) => api.delete<Account>(`/api/accounts/${id}/roles/${grantId}`),
};
