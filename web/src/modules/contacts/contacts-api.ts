// Calls of the 通讯录 part of the contract (党内职务, 村干部名册, 联系人分组, 退订), their shapes and cache keys.
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import { valuesOf, type BodyOf, type ContactGroup, type ContactGroupEntry, type PartyPosition, type QueryOf, type VillageOfficial } from '@/api/types';

export type { ContactGroup, ContactGroupEntry, PartyPosition, VillageOfficial };
export const POSITIONS = valuesOf<PartyPosition['position']>()(['secretary', 'deputy_secretary', 'organization_member', 'publicity_member', 'discipline_member', 'youth_member', 'united_front_member', 'secrecy_member', 'committee_member']);
export const OFFICIAL_ROLES = valuesOf<VillageOfficial['role']>()(['two_committees', 'college_graduate', 'first_secretary', 'reserve_cadre', 'grid_worker', 'other']);

export type PositionQuery = Omit<QueryOf<'/api/contacts/positions', 'get'>, 'cursor' | 'limit'>;
export type OfficialQuery = Omit<QueryOf<'/api/contacts/officials', 'get'>, 'cursor' | 'limit'>;
export type GroupQuery = Omit<QueryOf<'/api/contacts/groups', 'get'>, 'cursor' | 'limit'>;
export type PositionInput = BodyOf<'/api/contacts/positions', 'post'>;
export type OfficialInput = BodyOf<'/api/contacts/officials', 'post'>;
export type Person = { kind: 'member' | 'official'; id: string; name: string; orgName: string; phone: string | null; optedOut: boolean };

export const contactKeys = {
  all: ['contacts'] as const,
  positions: (q: PositionQuery) => ['contacts', 'positions', q] as const,
  officials: (q: OfficialQuery) => ['contacts', 'officials', q] as const,
  groups: (q: GroupQuery) => ['contacts', 'groups', q] as const,
  entries: (id: string) => ['contacts', 'entries', id] as const,
};
const PAGE = 20;
const next = (last: { nextCursor: string | null }) => last.nextCursor ?? undefined;

export function usePositions(q: PositionQuery) {
  return useInfiniteQuery({
    queryKey: contactKeys.positions(q), initialPageParam: undefined as string | undefined, getNextPageParam: next,
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/contacts/positions', { params: { query: { ...q, cursor: pageParam, limit: PAGE } }, signal })),
  });
}
export function useOfficials(q: OfficialQuery) {
  return useInfiniteQuery({
    queryKey: contactKeys.officials(q), initialPageParam: undefined as string | undefined, getNextPageParam: next,
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/contacts/officials', { params: { query: { ...q, cursor: pageParam, limit: PAGE } }, signal })),
  });
}
export function useGroups(q: GroupQuery) {
  return useInfiniteQuery({
    queryKey: contactKeys.groups(q), initialPageParam: undefined as string | undefined, getNextPageParam: next,
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/contacts/groups', { params: { query: { ...q, cursor: pageParam, limit: PAGE } }, signal })),
  });
}
export function useEntries(groupId: string | null) {
  return useInfiniteQuery({
    queryKey: contactKeys.entries(groupId ?? ''), enabled: !!groupId, initialPageParam: undefined as string | undefined, getNextPageParam: next,
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/contacts/groups/{id}/entries', { params: { path: { id: groupId! }, query: { cursor: pageParam, limit: 50 } }, signal })),
  });
}

export const contactsApi = {
  createPosition: (body: PositionInput) => ok(api.POST('/api/contacts/positions', { body })),
  updatePosition: (id: string, body: BodyOf<'/api/contacts/positions/{id}', 'patch'>) => ok(api.PATCH('/api/contacts/positions/{id}', { params: { path: { id } }, body })),
  deletePosition: (id: string) => ok(api.DELETE('/api/contacts/positions/{id}', { params: { path: { id } } })),
  createOfficial: (body: OfficialInput) => ok(api.POST('/api/contacts/officials', { body })),
  updateOfficial: (id: string, body: BodyOf<'/api/contacts/officials/{id}', 'patch'>) => ok(api.PATCH('/api/contacts/officials/{id}', { params: { path: { id } }, body })),
  deleteOfficial: (id: string) => ok(api.DELETE('/api/contacts/officials/{id}', { params: { path: { id } } })),
  revealOfficial: (id: string) => ok(api.POST('/api/contacts/officials/{id}/reveal', { params: { path: { id } } })),
  createGroup: (body: BodyOf<'/api/contacts/groups', 'post'>) => ok(api.POST('/api/contacts/groups', { body })),
  updateGroup: (id: string, body: BodyOf<'/api/contacts/groups/{id}', 'patch'>) => ok(api.PATCH('/api/contacts/groups/{id}', { params: { path: { id } }, body })),
  deleteGroup: (id: string) => ok(api.DELETE('/api/contacts/groups/{id}', { params: { path: { id } } })),
  addEntry: (id: string, body: BodyOf<'/api/contacts/groups/{id}/entries', 'post'>) => ok(api.POST('/api/contacts/groups/{id}/entries', { params: { path: { id } }, body })),
  removeEntry: (id: string, entryId: string) => ok(api.DELETE('/api/contacts/groups/{id}/entries/{entryId}', { params: { path: { id, entryId } } })),
  people: (q: string, kind?: 'member' | 'official') => ok(api.GET('/api/contacts/people', { params: { query: { q, ...(kind ? { kind } : {}), limit: 20 } } })),
  setOptOut: (body: BodyOf<'/api/contacts/optouts', 'post'>) => ok(api.POST('/api/contacts/optouts', { body })),
};
