// The two search-as-you-type pickers of the transfer form: a member of the caller's scope
// (GET /api/members?q=) and a receiving branch anywhere in the province
// (GET /api/transfers/destinations?q=). Both are form controls whose value is the id.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberSummary } from '@/api/types';
import { useDebounced } from '@/modules/common/useDebounced';
import { useDestinations, useMemberSearch, type Destination } from './transfers-api';

interface PickerProps<T> {
  id?: string;
  value?: string | null;
  onChange?: (id: string | undefined, item?: T) => void;
  /** Label of the initial value (e.g. the destination of a returned transfer). */
  initialLabel?: string;
  disabled?: boolean;
  testId?: string;
  'aria-label'?: string;
  'aria-describedby'?: string;
}

interface Opt { value: string; label: ReactNode; text: string; disabled?: boolean }

function RemoteSelect<T>({
  id, value, onChange, initialLabel, disabled, testId, options, items, loading, typing, empty, placeholder, onSearch, search, ...aria
}: PickerProps<T> & {
  options: Opt[]; items: Map<string, T>; loading: boolean; typing: boolean; empty: string; placeholder: string; search: string; onSearch: (s: string) => void;
}) {
  const { t } = useTranslation();
  const auto = useId();
  const inputId = id ?? `picker-${auto.replace(/:/g, '')}`;
  const labels = useRef(new Map<string, string>());
  for (const o of options) labels.current.set(o.value, o.text);
  // rc-select keeps unknown props on its wrapper; the e2e test types into the input itself.
  useEffect(() => {
    if (testId) document.getElementById(inputId)?.setAttribute('data-testid', testId);
  });
  const label = value ? labels.current.get(value) ?? initialLabel ?? value : undefined;
  return (
    <Select
      id={inputId}
      labelInValue
      value={value ? { value, label } : undefined}
      onChange={(v: { value: string; label?: ReactNode } | undefined) => { onSearch(''); onChange?.(v?.value, v ? items.get(v.value) : undefined); }}
      options={options}
      showSearch={{ searchValue: search, onSearch, filterOption: false, autoClearSearchValue: true }}
      notFoundContent={loading ? t('transfers.form.memberSearching') : typing ? empty : placeholder}
      placeholder={placeholder}
      allowClear
      disabled={disabled}
      aria-label={aria['aria-label']}
      aria-describedby={aria['aria-describedby']}
      style={{ width: '100%' }}
      popupRender={(menu) => <div id={`${inputId}_list`}>{menu}</div>}
      getPopupContainer={(trigger: HTMLElement) => trigger.parentElement ?? document.body}
    />
  );
}

export function MemberPicker(props: PickerProps<MemberSummary>) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const q = useDebounced(input.trim());
  const found = useMemberSearch(q);
  const items = new Map((found.data?.items ?? []).map((m) => [m.id, m]));
  const options: Opt[] = q ? [...items.values()].map((m) => ({
    value: m.id,
    text: t('common.withNote', { main: m.name, note: m.orgName }),
    label: (
      <div className="org-hit-btn" data-testid="transfer-member-option" style={{ padding: 0 }}>
        <span>{m.name} <span className="mono small muted">{m.idNumber}</span></span>
        <span className="org-hit-full">{m.orgName}</span>
      </div>
    ),
  })) : [];
  return (
    <RemoteSelect<MemberSummary>
      {...props}
      options={options}
      items={items}
      loading={!!q && found.isFetching}
      typing={!!q}
      empty={t('transfers.form.memberNone')}
      placeholder={t('transfers.form.memberPlaceholder')}
      search={input}
      onSearch={setInput}
    />
  );
}

export function DestinationPicker({ excludeId, ...props }: PickerProps<Destination> & { excludeId?: string }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const q = useDebounced(input.trim());
  const found = useDestinations(q);
  const items = new Map((found.data?.items ?? []).map((d) => [d.id, d]));
  const options: Opt[] = q.length >= 2 ? [...items.values()].map((d) => ({
    value: d.id,
    text: d.fullName || d.name,
    disabled: d.id === excludeId,
    label: (
      <div className="org-hit-btn" data-testid="transfer-dest-option" style={{ padding: 0 }}>
        <span>{d.name}</span>
        <span className="org-hit-full">{[...d.ancestors, d.fullName !== d.name ? d.fullName : null].filter(Boolean).join(' › ')}</span>
      </div>
    ),
  })) : [];
  return (
    <RemoteSelect<Destination>
      {...props}
      options={options}
      items={items}
      loading={q.length >= 2 && found.isFetching}
      typing={q.length >= 2}
      empty={t('transfers.form.toOrgNone')}
      placeholder={q.length === 1 ? t('transfers.form.toOrgTypeMore') : t('transfers.form.toOrgPlaceholder')}
      search={input}
      onSearch={setInput}
    />
  );
}
