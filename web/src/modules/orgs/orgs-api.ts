// Calls of the organizations part of the contract. Tree levels are cached one query per
// parent, so invalidating ['orgs'] after a change refreshes every level already opened.
import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { Items, OrgDetail, OrgInput, OrgSummary } from '@/api/types';

export const orgKeys = {
  all: ['orgs'] as const,
  roots: ['orgs', 'roots'] as const,
  children: (id: string) => ['orgs', 'children', id] as const,
  search: (q: string) => ['orgs', 'search', q] as const,
  detail: (id: string) => ['orgs', 'detail', id] as const,
};

export const fetchRoots = () => api.get<Items<OrgSummary>>('/api/orgs/roots').then((r) => r.items);
export const fetchChildren = (id: string) => api.get<Items<OrgSummary>>(`/api/orgs/${id}/children`).then((r) => r.items);

export function useOrgRoots() {
  return useQuery({ queryKey: orgKeys.roots, queryFn: fetchRoots, staleTime: 5 * 60_000 });
}

export function useOrgSearch(q: string) {
  return useQuery({
    queryKey: orgKeys.search(q),
    queryFn: () => api.get<Items<OrgSummary>>('/api/orgs', { q, limit: 30 }).then((r) => r.items),
    enabled: q.trim().length > 0,
  });
}

export function useOrg(id: string | null) {
  return useQuery({ queryKey: orgKeys.detail(id ?? ''), queryFn: () => api.get<OrgDetail>(`/api/orgs/${id}`), enabled: !!id });
}

export type OrgPatch = Partial<Omit<OrgInput, 'parentId'>> & { version: number };

export const orgsApi = {
  create: (input: OrgInput) => api.post<OrgDetail>('/api/orgs', input),
  update: (id: string, patch: OrgPatch) => api.patch<OrgDetail>(`/api/orgs/${id}`, patch),
  /** `version`: the organization as the user saw it; the server refuses the move if it has changed since. */
  move: (id: string, parentId: string, version?: number) => api.post<OrgDetail>(`/api/orgs/${id}/move`, { parentId, version }),
  deactivate: (id: string) => api.post<OrgDetail>(`/api/orgs/${id}/deactivate`),
};
