// The names of audit actions and object types come from the server: each module's manifest declares the
// actions it writes with their Chinese and English names (GET /api/audit/labels), so a new module's actions are
// named where they are declared and the console never shows a bare key for lack of a translation here.
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '@/api/client';
import { currentLang } from '@/i18n';

type Label = { zh: string; en: string };

export function useAuditLabels() {
  const q = useQuery({
    queryKey: ['audit', 'labels'],
    queryFn: ({ signal }) => ok(api.GET('/api/audit/labels', { signal })),
    staleTime: Infinity,
  });
  const pick = (l: Label | undefined, fallback: string) => (l ? (currentLang() === 'en' ? l.en : l.zh) : fallback);
  const data = q.data;
  return {
    action: (key: string) => pick(data?.actions[key], key),
    entityType: (key: string) => pick(data?.entityTypes[key], key),
    actionOptions: Object.keys(data?.actions ?? {}).map((value) => ({ value, label: pick(data?.actions[value], value) })),
    entityTypeOptions: Object.keys(data?.entityTypes ?? {}).map((value) => ({ value, label: pick(data?.entityTypes[value], value) })),
  };
}
