// The organization tree, loaded one level at a time (a county can hold hundreds of
// villages; the province holds 246,000 organizations). Each opened level is its own
// cached query, so the tree and the pickers share what has been fetched.
import { useCallback, useMemo, useRef, useState } from 'react';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import type { OrgSummary } from '@/api/types';
import { fetchChildren, orgKeys, useOrgRoots } from './orgs-api';

export interface OrgNode {
  key: string;
  value: string;
  org: OrgSummary;
  isLeaf: boolean;
  children?: OrgNode[];
}

export function useLazyOrgTree() {
  const queryClient = useQueryClient();
  const roots = useOrgRoots();
  const [loaded, setLoaded] = useState<string[]>([]);
  const names = useRef(new Map<string, string>());

  const levels = useQueries({
    queries: loaded.map((id) => ({ queryKey: orgKeys.children(id), queryFn: () => fetchChildren(id), staleTime: 5 * 60_000 })),
  });

  // `levels` is a new array on every render; the fetch times say when its data changed.
  const signature = levels.map((l) => l.dataUpdatedAt).join(',');
  const childMap = useMemo(() => {
    const m = new Map<string, OrgSummary[]>();
    loaded.forEach((id, i) => {
      const data = levels[i]?.data;
      if (data) m.set(id, data);
    });
    return m;
  }, [loaded, signature]); // eslint-disable-line react-hooks/exhaustive-deps -- `signature` stands for `levels`, a new array on every render

  const nodes = useMemo(() => {
    const build = (list: OrgSummary[]): OrgNode[] =>
      list.map((org) => {
        names.current.set(org.id, org.name);
        const kids = childMap.get(org.id);
        return { key: org.id, value: org.id, org, isLeaf: org.childCount === 0, children: kids ? build(kids) : undefined };
      });
    return build(roots.data ?? []);
  }, [roots.data, childMap]);

  /** Fetches one level (used as antd's loadData) and keeps it in the tree. */
  const load = useCallback(
    async (id: string) => {
      const kids = await queryClient.fetchQuery({ queryKey: orgKeys.children(id), queryFn: () => fetchChildren(id), staleTime: 5 * 60_000 });
      // Known at once (not only after the next render), so a caller opening a path can go on.
      kids.forEach((o) => names.current.set(o.id, o.name));
      setLoaded((prev) => (prev.includes(id) ? prev : [...prev, id]));
    },
    [queryClient],
  );

  const remember = useCallback((orgs: { id: string; name: string }[]) => {
    orgs.forEach((o) => names.current.set(o.id, o.name));
  }, []);

  return { roots, nodes, loaded, load, names: names.current, remember };
}
