// Calls of the 远程教育终端站点 part of the contract, their shapes and cache keys.
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/api/client';

export const STATION_TYPES = ['township', 'village', 'enterprise', 'community', 'household'] as const;
export type StationType = (typeof STATION_TYPES)[number];
export const STATION_STATUSES = ['active', 'suspended', 'fault'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];

export interface Station {
  id: string;
  orgId: string;
  orgName: string;
  name: string;
  type: StationType;
  address: string | null;
  equipment: string | null;
  status: StationStatus;
  managerName: string | null;
  contactPhone: string | null;
  createdAt: string;
  /** send back unchanged in PATCH: a stale value gives 409 */
  updatedAt: string;
}

export interface StationPage { items: Station[]; nextCursor: string | null; total: number }

export interface StationQuery { orgId?: string; type?: StationType; status?: StationStatus; q?: string }

export interface StationInput {
  orgId: string;
  name: string;
  type: StationType;
  address?: string | null;
  equipment?: string | null;
  managerName?: string | null;
  contactPhone?: string | null;
}

export const stationKeys = {
  all: ['stations'] as const,
  list: (q: StationQuery) => ['stations', 'list', q] as const,
};

const PAGE_SIZE = 20;

export function useStationList(q: StationQuery) {
  return useInfiniteQuery({
    queryKey: stationKeys.list(q),
    queryFn: ({ pageParam, signal }) => api.get<StationPage>('/api/stations', { ...q, cursor: pageParam, limit: PAGE_SIZE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export const stationsApi = {
  get: (id: string) => api.get<Station>(`/api/stations/${id}`),
  create: (input: StationInput) => api.post<Station>('/api/stations', input),
  update: (id: string, patch: Partial<StationInput> & { updatedAt: string }) => api.patch<Station>(`/api/stations/${id}`, patch),
  setStatus: (id: string, status: StationStatus, reason?: string) => api.post<Station>(`/api/stations/${id}/status`, { status, ...(reason ? { reason } : {}) }),
};
