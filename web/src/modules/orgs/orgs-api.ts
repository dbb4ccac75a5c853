// Calls of the organizations part of the contract. Tree levels are cached one query per
// parent, so invalidating ['orgs'] after a change refreshes every level already opened.
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import type { BodyOf, OrgInput } from '@/api/types';

export const orgKeys = {
  all: ['orgs'] as const,
  roots: ['orgs', 'roots'] as const,
  children: (id: string) => ['orgs', 'children', id] as const,
  search: (q: string) => ['orgs', 'search', q] as const,
  detail: (id: string) => ['orgs', 'detail', id] as const,
};

export const fetchRoots = () => ok(api.GET('/api/orgs/roots')).then((r) => r.items);
export const fetchChildren = (id: string) => ok(api.GET('/api/orgs/{id}/children', { params: { path: { id } } })).then((r) => r.items);

export function useOrgRoots() {
  return useQuery({ queryKey: orgKeys.roots, queryFn: fetchRoots, staleTime: 5 * 60_000 });
}

export function useOrgSearch(q: string) {
  return useQuery({
    queryKey: orgKeys.search(q),
    queryFn: () => ok(api.GET('/api/orgs', { params: { query: { q, limit: 30 } } })).then((r) => r.items),
    enabled: q.trim().length > 0,
  });
}

export function useOrg(id: string | null) {
  return useQuery({ queryKey: orgKeys.detail(id ?? ''), queryFn: () => ok(api.GET('/api/orgs/{id}', { params: { path: { id: id! } } })), enabled: !!id });
}

export type OrgPatch = BodyOf<'/api/orgs/{id}', 'patch'>;

export const orgsApi = {
  create: (input: OrgInput) => ok(api.POST('/api/orgs', { body: input })),
  update: (id: string, patch: OrgPatch) => ok(api.PATCH('/api/orgs/{id}', { params: { path: { id } }, body: patch })),
  /** `version`: the organization as the user saw it; the server refuses the move if it has changed since. */
  move: (id: string, parentId: string, version?: number) => ok(api.POST('/api/orgs/{id}/move', { params: { path: { id } }, body: { parentId, version } })),
  deactivate: (id: string) => ok(api.POST('/api/orgs/{id}/deactivate', { params: { path: { id } } })),
};
