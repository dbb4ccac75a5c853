// The organization tree of list pages: lazily loaded levels, plus a name search
// (GET /api/orgs?q=) whose hits replace the tree until the search is cleared.
import { useEffect, useState } from 'react';
import { Button, Empty, Input, Spin, Tree } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgSummary } from '@/api/types';
import { OrgTitle } from './OrgTitle';
import { useOrgSearch } from './orgs-api';
import { useLazyOrgTree, type OrgNode } from './useLazyOrgTree';

interface Props {
  selectedId?: string | null;
  onSelect: (org: OrgSummary) => void;
  height?: number;
  /** Ancestor ids (top first) to open, so that the selected organization shows in the tree. */
  expandTo?: string[];
}

export function OrgTree({ selectedId, onSelect, height = 520, expandTo }: Props) {
  const { t } = useTranslation();
  const tree = useLazyOrgTree();
  const [expanded, setExpanded] = useState<string[]>([]);
  const [q, setQ] = useState('');
  const search = useOrgSearch(q);
  const firstRoot = tree.roots.data?.[0];

  // Open the top of the scope so the user sees its first level straight away.
  useEffect(() => {
    if (!firstRoot || expanded.length > 0) return;
    setExpanded([firstRoot.id]);
    if (firstRoot.childCount > 0) void tree.load(firstRoot.id);
    // Runs only when the roots arrive; the other values are read at that moment on purpose.
  }, [firstRoot?.id]); // eslint-disable-line react-hooks/exhaustive-deps -- see the comment above

  // Open the path down to the selection, one level at a time; ancestors above the
  // account's scope are not in the tree and are skipped.
  const pathKey = expandTo?.join('.') ?? '';
  useEffect(() => {
    if (!expandTo?.length || !tree.roots.data) return;
    let live = true;
    void (async () => {
      for (const id of expandTo) {
        if (!live) return;
        if (!tree.names.has(id)) continue;
        await tree.load(id);
        setExpanded((prev) => (prev.includes(id) ? prev : [...prev, id]));
      }
    })();
    return () => {
      live = false;
    };
  }, [pathKey, tree.roots.data]); // eslint-disable-line react-hooks/exhaustive-deps -- `pathKey` stands for `expandTo` (a new array each render); `tree` is read at that moment

  const titleOf = (n: OrgNode) => <OrgTitle org={n.org} showCount />;

  return (
    <div className="org-tree">
      <Input.Search
        allowClear
        placeholder={t('members.orgSearch')}
        aria-label={t('members.orgSearch')}
        onSearch={(v) => setQ(v.trim())}
        onChange={(e) => e.target.value === '' && setQ('')}
        className="org-tree-search"
      />
      {q ? (
        search.isPending ? (
          <div className="page-fallback" role="status"><Spin /></div>
        ) : (
          search.data?.length ? (
            <ul className="org-hits">
              {search.data.map((org) => (
                <li key={org.id} className={org.id === selectedId ? 'org-hit org-hit-selected' : 'org-hit'}>
                  <Button type="text" block className="org-hit-btn" aria-current={org.id === selectedId} onClick={() => onSelect(org)}>
                    <OrgTitle org={org} />
                    <span className="org-hit-full">{org.fullName}</span>
                  </Button>
                </li>
              ))}
            </ul>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} />
          )
        )
      ) : tree.roots.isPending ? (
        <div className="page-fallback" role="status"><Spin /></div>
      ) : (
        <Tree<OrgNode>
          treeData={tree.nodes}
          titleRender={titleOf}
          loadData={(node) => tree.load(node.key)}
          loadedKeys={tree.loaded}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys.map(String))}
          selectedKeys={selectedId ? [selectedId] : []}
          onSelect={(_, info) => onSelect(info.node.org)}
          height={height}
          blockNode
          aria-label={t('members.orgTree')}
        />
      )}
    </div>
  );
}
