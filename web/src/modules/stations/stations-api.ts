// Calls of the 远程教育终端站点 part of the contract, their shapes and cache keys.
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import { valuesOf, type BodyOf, type QueryOf, type Station } from '@/api/types';

export type { Station };
export const STATION_TYPES = valuesOf<Station['type']>()(['township', 'village', 'enterprise', 'community', 'household']);
export type StationType = Station['type'];
export const STATION_STATUSES = valuesOf<Station['status']>()(['active', 'suspended', 'fault']);
export type StationStatus = Station['status'];

export type StationQuery = Pick<QueryOf<'/api/stations', 'get'>, 'orgId' | 'type' | 'status' | 'q'>;
export type StationInput = BodyOf<'/api/stations', 'post'>;

export const stationKeys = {
  all: ['stations'] as const,
  list: (q: StationQuery) => ['stations', 'list', q] as const,
};

const PAGE_SIZE = 20;

export function useStationList(q: StationQuery) {
  return useInfiniteQuery({
    queryKey: stationKeys.list(q),
    queryFn: ({ pageParam, signal }) => ok(api.GET('/api/stations', { params: { query: { ...q, cursor: pageParam, limit: PAGE_SIZE } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const stationsApi = {
  get: (id: string) => ok(api.GET('/api/stations/{id}', { params: { path: { id } } })),
  create: (input: StationInput) => ok(api.POST('/api/stations', { body: input })),
  update: (id: string, patch: BodyOf<'/api/stations/{id}', 'patch'>) => ok(api.PATCH('/api/stations/{id}', { params: { path: { id } }, body: patch })),
  setStatus: (id: string, status: StationStatus, reason?: string) =>
    ok(api.POST('/api/stations/{id}/status', { params: { path: { id } }, body: { status, ...(reason ? { reason } : {}) } })),
};
