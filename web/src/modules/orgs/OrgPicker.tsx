// A form control choosing one organization: a lazily loaded tree, or, while the user
// types, the hits of the name search. Its value is the organization id.
import { useId, useState } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgSummary } from '@/api/types';
import { useDebounced } from '@/modules/common/useDebounced';
import { useOrgSearch } from './orgs-api';
import { useLazyOrgTree } from './useLazyOrgTree';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (id: string | undefined, org?: OrgSummary) => void;
  /** Name to show for the initial value before its level has been loaded. */
  initialLabel?: string;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  /** Organizations that may not be chosen (e.g. an org and its subtree when moving it). */
  isDisabled?: (org: OrgSummary) => boolean;
  'aria-label'?: string;
  /** On the field; each option in the list carries `org-option-<id>` (browser tests pick an organization by it). */
  'data-testid'?: string;
  style?: React.CSSProperties;
}

export function OrgPicker({ id, value, onChange, initialLabel, placeholder, allowClear, disabled, isDisabled, style, ...rest }: Props) {
  const { t } = useTranslation();
  const autoId = useId();
  const inputId = id ?? `org-picker-${autoId.replace(/:/g, '')}`;
  const tree = useLazyOrgTree();
  const [input, setInput] = useState('');
  const q = useDebounced(input.trim());
  const search = useOrgSearch(q);
  const orgs = new Map<string, OrgSummary>();

  type Opt = { key: string; value: string; title: React.ReactNode; isLeaf: boolean; disabled?: boolean; children?: Opt[] };
  const toOpt = (o: OrgSummary, children?: Opt[], leaf?: boolean): Opt => {
    orgs.set(o.id, o);
    const text = q ? t('common.withNote', { main: o.name, note: o.fullName }) : o.name;
    // The span keeps the hover title a string title would give.
    const title = <span data-testid={`org-option-${o.id}`} title={text}>{text}</span>;
    return { key: o.id, value: o.id, title, isLeaf: leaf ?? o.childCount === 0, disabled: isDisabled?.(o), children };
  };
  const fromTree = (nodes: typeof tree.nodes): Opt[] => nodes.map((n) => toOpt(n.org, n.children && fromTree(n.children)));
  const treeData = q ? (search.data ?? []).map((o) => toOpt(o, undefined, true)) : fromTree(tree.nodes);
  if (q && search.data) tree.remember(search.data);

  const label = value ? tree.names.get(value) ?? initialLabel ?? value : undefined;
  return (
    <TreeSelect
      id={inputId}
      labelInValue
      value={value ? { value, label } : undefined}
      onChange={(v: { value: string; label?: React.ReactNode } | undefined) => {
        setInput('');
        onChange?.(v?.value, v ? orgs.get(v.value) : undefined);
      }}
      treeData={treeData}
      loadData={q ? undefined : (node) => tree.load(String(node.value))}
      treeLoadedKeys={q ? undefined : tree.loaded}
      showSearch={{ searchValue: input, onSearch: setInput, filterTreeNode: false, autoClearSearchValue: true }}
      notFoundContent={q && search.isPending ? t('common.loading') : t('common.noData')}
      placeholder={placeholder ?? t('common.orgPlaceholder')}
      allowClear={allowClear}
      disabled={disabled}
      aria-label={rest['aria-label'] ?? t('common.orgPickerLabel')}
      data-testid={rest['data-testid']}
      style={{ width: '100%', ...style }}
      // The combobox points aria-controls/aria-owns at `${id}_list`, which TreeSelect never
      // renders (axe: aria-valid-attr-value); give the popup that id. Rendering the popup
      // beside the field keeps it inside the page's landmarks (axe: region).
      popupRender={(menu) => <div id={`${inputId}_list`}>{menu}</div>}
      getPopupContainer={(trigger: HTMLElement) => trigger.parentElement ?? document.body}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 16px)', minWidth: 260 } } }}
    />
  );
}
