// Calls of the accounts part of the contract (system administrator).
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { Account, AccountStatus, ApprovalRequest, Items, Page, PendingApproval, Role, RoleInfo } from '@/api/types';

export const accountKeys = { all: ['accounts'] as const, list: (q: string) => ['accounts', 'list', q] as const, roles: ['roles'] as const };
export const approvalKeys = { all: ['admin-requests'] as const, list: (status: 'pending' | 'all') => ['admin-requests', status] as const };

/** Requests awaiting (or, with 'all', past) a second administrator's decision, newest first. */
export function useApprovals(status: 'pending' | 'all') {
  return useInfiniteQuery({
    queryKey: approvalKeys.list(status),
    queryFn: ({ pageParam, signal }) => api.get<Page<ApprovalRequest>>('/api/admin-requests', { status, cursor: pageParam, limit: 20 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const approvalsApi = {
  approve: (id: string) => api.post<ApprovalRequest>(`/api/admin-requests/${id}/approve`),
  reject: (id: string) => api.post<ApprovalRequest>(`/api/admin-requests/${id}/reject`),
  cancel: (id: string) => api.post<ApprovalRequest>(`/api/admin-requests/${id}/cancel`),
};

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
  // Member accounts are opened by the member's organization, so the system administrator creates staff and public ones only.
  create: (body: { username: string; displayName: string; kind: 'staff' | 'public'; password: string }) => api.post<Account>('/api/accounts', body),
  // Changes to a security or audit administrator answer 202 with the request awaiting approval.
  update: (id: string, body: { displayName?: string; status?: AccountStatus }) => api.patch<Account | PendingApproval>(`/api/accounts/${id}`, body),
  resetPassword: (id: string, password: string) => api.post<void | PendingApproval>(`/api/accounts/${id}/reset-password`, { password }),
  unlock: (id: string) => api.post<Account>(`/api/accounts/${id}/unlock`),
  grant: (id: string, role: Role, orgId: string) => api.post<Account | PendingApproval>(`/api/accounts/${id}/roles`, { role, orgId }),
  revoke: (id: string, grantId: string) => api.delete<Account | PendingApproval>(`/api/accounts/${id}/roles/${grantId}`),
};
