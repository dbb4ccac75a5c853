// 流动党员管理 (F-03/F-04): the out-flows of the caller's subtree with 登记外出 / 登记返回 and the
// online branch (网络党支部) of those away; and the six-month alert (自行脱党预警) with the
// organizational-life and dues records. The tab is kept in the address (?tab=alerts).
import { useState } from 'react';
import { Button, Card, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ExportButton } from '@/modules/common/ExportButton';
import { PageHeader } from '@/modules/common/PageHeader';
import { FlowFilters, toFlowQuery, type FlowFilterValues } from '@/modules/flows/FlowFilters';
import { FlowForm } from '@/modules/flows/FlowForm';
import { FlowTable } from '@/modules/flows/FlowTable';
import { InactiveAlerts } from '@/modules/flows/InactiveAlerts';
import { OnlineBranchModal } from '@/modules/flows/OnlineBranchModal';
import { ReturnModal } from '@/modules/flows/ReturnModal';
import { useFlowList, type Flow } from '@/modules/flows/flows-api';

export function FlowsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'alerts' ? 'alerts' : 'flows';
  const canWrite = hasPerm(me, 'member.write');
  const [filters, setFilters] = useState<FlowFilterValues>({ state: 'open' });
  const [creating, setCreating] = useState(false);
  const [returning, setReturning] = useState<Flow | null>(null);
  const [online, setOnline] = useState<Flow | null>(null);

  const query = toFlowQuery(filters);
  const list = useFlowList(query);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;

  const flowsTab = (
    <>
      <Card size="small" className="filter-card">
        <FlowFilters
          initial={filters}
          onSearch={setFilters}
          extra={<ExportButton path="/api/exports/flows.xlsx" query={{ ...query }} fileName={t('flows.exportFlowsFile')} testId="flow-export" />}
        />
      </Card>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <FlowTable
          rows={rows}
          total={total}
          loading={list.isPending}
          hasMore={!!list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          canWrite={canWrite}
          onMore={() => void list.fetchNextPage()}
          onReturn={setReturning}
          onOnline={setOnline}
        />
      )}
    </>
  );

  return (
    <>
      <PageHeader
        title={t('flows.title')}
        extra={canWrite && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)} data-testid="flow-new">
            {t('flows.create')}
          </Button>
        )}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'alerts' ? { tab: 'alerts' } : {}, { replace: true })}
        items={[
          { key: 'flows', label: t('flows.tabs.flows'), children: flowsTab },
          { key: 'alerts', label: t('flows.tabsShort.alerts'), children: <InactiveAlerts canWrite={canWrite} /> },
        ]}
      />
      <FlowForm open={creating} onClose={() => setCreating(false)} />
      <ReturnModal flow={returning} onClose={() => setReturning(null)} />
      <OnlineBranchModal flow={online} canWrite={canWrite} onClose={() => setOnline(null)} />
    </>
  );
}
