import { useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';

export function useDashboard(orgId: string | null) {
  return useQuery({
    queryKey: ['dashboard', orgId],
    queryFn: () => ok(api.GET('/api/dashboard', { params: { query: { orgId: orgId ?? undefined } } })),
    enabled: !!orgId,
    placeholderData: (prev) => prev, // keep the old figures on screen while another org loads
  });
}
