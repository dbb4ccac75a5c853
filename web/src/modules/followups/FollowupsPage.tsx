// 督办事项: the list of follow-up items (/admin/followups) with its filters and export, and an item's page (…/:id).
import { useState } from 'react';
import { Link, Route, Routes } from 'react-router';
import { Button, Card, Checkbox, Form, Input, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import type { followupsZh } from '@/i18n/sections/followups.zh-CN';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ExportButton } from '@/modules/common/ExportButton';
import { ListFooter } from '@/modules/common/ListFooter';
import { PageHeader } from '@/modules/common/PageHeader';
import { useDebounced } from '@/modules/common/useDebounced';
import { OrgPicker } from '@/modules/orgs/OrgPicker';
import { FollowupDetailPage } from './FollowupDetailPage';
import { DueCell, StateTags } from './FollowupTags';
import { FOLLOWUP_STATES, useFollowupList, useSources, type FollowupFilter, type FollowupRow, type FollowupState } from './followups-api';

export function FollowupsPage({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<FollowupList />} />
      <Route path=":id" element={<FollowupDetailPage me={me} />} />
    </Routes>
  );
}

interface Filters { state?: FollowupState; overdue: boolean; escalated: boolean; source?: string; orgId?: string; mine: boolean; watching: boolean; q: string }
const EMPTY: Filters = { overdue: false, escalated: false, mine: false, watching: false, q: '' };

function FollowupList() {
  const { t } = useTranslation();
  const [f, setF] = useState<Filters>(EMPTY);
  const q = useDebounced(f.q.trim());
  const filter: FollowupFilter = {
    state: f.state, overdue: f.overdue || undefined, escalated: f.escalated || undefined, source: f.source, orgId: f.orgId,
    assignee: f.mine ? 'me' : undefined, watching: f.watching ? 'me' : undefined, q: q || undefined,
  };
  const list = useFollowupList(filter);
  const sources = useSources();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const set = (patch: Partial<Filters>) => setF((x) => ({ ...x, ...patch }));
  const L = (k: Exclude<keyof typeof followupsZh.list, 'fields'>) => t(`followups.list.${k}` as const);

  const columns: ColumnsType<FollowupRow> = [
    {
      title: t('followups.list.fields.title'), dataIndex: 'title', render: (v: string, r) => (
        <Link to={`/admin/followups/${r.id}`} className="followup-title" data-testid="followup-open">{v}</Link>
      ),
    },
    { title: t('followups.list.fields.state'), dataIndex: 'state', width: 190, render: (_: unknown, r) => <StateTags row={r} /> },
    { title: t('followups.list.fields.due'), dataIndex: 'dueOn', width: 190, render: (_: unknown, r) => <DueCell row={r} /> },
    { title: t('followups.list.fields.owner'), dataIndex: 'ownerOrgName', width: 170, ellipsis: true },
    { title: t('followups.list.fields.assignee'), dataIndex: 'assigneeName', width: 150, ellipsis: true, render: (v: string | null) => v ?? <span className="muted">—</span> },
    { title: t('followups.list.fields.source'), dataIndex: 'sourceLabel', width: 110, ellipsis: true },
  ];

  return (
    <>
      <PageHeader
        title={t('followups.list.title')}
        extra={<ExportButton path="/api/exports/followups.xlsx" query={{ ...filter }} fileName={t('followups.list.exportFile')} testId="followups-export" />}
      />
      <Card size="small" className="filter-card">
        <Form layout="inline" className="followup-filters">
          <Form.Item label={L('state')} htmlFor="fu-state">
            <Select<FollowupState | ''>
              id="fu-state" style={{ width: 130 }} value={f.state ?? ''} onChange={(v) => set({ state: v || undefined })} data-testid="followups-state"
              options={[{ value: '', label: L('anyState') }, ...FOLLOWUP_STATES.map((s) => ({ value: s, label: t(`followups.states.${s}`) }))]}
            />
          </Form.Item>
          <Form.Item label={L('source')} htmlFor="fu-source">
            <Select<string>
              id="fu-source" style={{ width: 140 }} value={f.source ?? ''} onChange={(v) => set({ source: v || undefined })}
              options={[{ value: '', label: L('anySource') }, ...(sources.data ?? []).map((s) => ({ value: s.source, label: s.label }))]}
            />
          </Form.Item>
          <Form.Item label={L('org')} htmlFor="fu-org">
            <OrgPicker id="fu-org" value={f.orgId} onChange={(id) => set({ orgId: id })} allowClear placeholder={L('orgPlaceholder')} style={{ width: 220 }} />
          </Form.Item>
          <Form.Item label={L('q')} htmlFor="fu-q">
            <Input id="fu-q" allowClear value={f.q} onChange={(e) => set({ q: e.target.value })} placeholder={L('qPlaceholder')} style={{ width: 200 }} maxLength={50} data-testid="followups-q" />
          </Form.Item>
        </Form>
        <div className="followup-checks">
          <Space wrap size={[12, 4]}>
            <Checkbox checked={f.overdue} onChange={(e) => set({ overdue: e.target.checked })} data-testid="followups-overdue">{L('overdue')}</Checkbox>
            <Checkbox checked={f.escalated} onChange={(e) => set({ escalated: e.target.checked })}>{L('escalated')}</Checkbox>
            <Checkbox checked={f.mine} onChange={(e) => set({ mine: e.target.checked })}>{L('mine')}</Checkbox>
            <Checkbox checked={f.watching} onChange={(e) => set({ watching: e.target.checked })}>{L('watching')}</Checkbox>
            <Button size="small" onClick={() => setF(EMPTY)}>{L('reset')}</Button>
          </Space>
        </div>
      </Card>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.isPending && rows.length === 0 ? (
        <EmptyPanel title={L('emptyTitle')} hint={L('emptyHint')} />
      ) : (
        <Table<FollowupRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending || list.isPlaceholderData}
          pagination={false}
          scroll={{ x: 1000 }}
          onRow={() => ({ 'data-testid': 'followup-row' }) as React.HTMLAttributes<HTMLElement>}
          footer={() => <ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />}
        />
      )}
    </>
  );
}
