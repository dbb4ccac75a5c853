// 远程教育站点 (F-07): the receiving stations of the caller's subtree with filters, export,
// and — for those holding org.write — 新增 / 编辑 / 变更状态 and the link to the import page.
import { useState } from 'react';
import { Button, Card, Space } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ExportButton } from '@/modules/common/ExportButton';
import { PageHeader } from '@/modules/common/PageHeader';
import { StationFilters } from '@/modules/stations/StationFilters';
import { StationForm } from '@/modules/stations/StationForm';
import { StationStatusModal } from '@/modules/stations/StationStatusModal';
import { StationTable } from '@/modules/stations/StationTable';
import { useStationList, type Station, type StationQuery } from '@/modules/stations/stations-api';

const IMPORT_PATH = '/admin/imports?kind=stations';

export function StationsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canWrite = hasPerm(me, 'org.write');
  const [query, setQuery] = useState<StationQuery>({});
  const [editing, setEditing] = useState<Station | null | undefined>(undefined); // undefined: closed; null: new
  const [statusOf, setStatusOf] = useState<Station | null>(null);
  const list = useStationList(query);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;

  return (
    <>
      <PageHeader
        title={t('stations.title')}
        extra={canWrite && (
          <Space wrap>
            <Button
              href={IMPORT_PATH}
              icon={<UploadOutlined aria-hidden />}
              onClick={(e) => { e.preventDefault(); void navigate(IMPORT_PATH); }}
              data-testid="station-import"
            >
              {t('stations.import')}
            </Button>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)} data-testid="station-new">
              {t('stations.create')}
            </Button>
          </Space>
        )}
      />
      <Card size="small" className="filter-card">
        <StationFilters
          onSearch={setQuery}
          extra={<ExportButton path="/api/exports/stations.xlsx" query={{ ...query }} fileName={t('stations.exportFile')} testId="station-export" />}
        />
      </Card>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <StationTable
          rows={rows}
          total={total}
          loading={list.isPending}
          hasMore={!!list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          canWrite={canWrite}
          onMore={() => void list.fetchNextPage()}
          onEdit={setEditing}
          onStatus={setStatusOf}
        />
      )}
      <StationForm open={editing !== undefined} station={editing ?? null} onClose={() => setEditing(undefined)} />
      <StationStatusModal station={statusOf} onClose={() => setStatusOf(null)} />
    </>
  );
}
