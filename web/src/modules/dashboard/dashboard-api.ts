import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import type { Dashboard } from '@/api/types';

export function useDashboard(orgId: string | null) {
  return useQuery({
    queryKey: ['dashboard', orgId],
    queryFn: () => api.get<Dashboard>('/api/dashboard', { orgId }),
    enabled: !!orgId,
    placeholderData: (prev) => prev, // keep the old figures on screen while another org loads
  });
}
