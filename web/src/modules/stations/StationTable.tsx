// The station list: keyset paging with "加载更多"; 编辑 / 变更状态 for those who may write.
import { Link } from 'react-router';
import { Button, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { enumLabel } from '@/i18n/enums';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { StatusTag, type Tone } from '@/modules/common/StatusTag';
import type { Station, StationStatus } from './stations-api';
import { ListFooter } from '@/modules/common/ListFooter';

const TONE: Record<StationStatus, Tone> = { active: 'green', suspended: 'grey', fault: 'red' };

interface Props {
  rows: Station[];
  total: number | undefined;
  loading: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  canWrite: boolean;
  onMore: () => void;
  onEdit: (s: Station) => void;
  onStatus: (s: Station) => void;
}

export function StationTable({ rows, total, loading, hasMore, loadingMore, canWrite, onMore, onEdit, onStatus }: Props) {
  const { t } = useTranslation();
  const L = (k: string) => t(`stations.fields.${k}` as 'stations.fields.name');
  const text = (v: string | null) => v ?? <span className="muted">—</span>;
  const columns: ColumnsType<Station> = [
    { title: L('name'), dataIndex: 'name', fixed: 'left', width: 160, render: (v: string) => <span className="wrap-anywhere">{v}</span> },
    { title: L('type'), dataIndex: 'type', width: 72, render: (v: string) => enumLabel(t, 'stationType', v) },
    { title: L('org'), dataIndex: 'orgName', width: 180, ellipsis: true },
    { title: L('address'), dataIndex: 'address', width: 220, ellipsis: true, render: text },
    {
      title: L('managerName'), dataIndex: 'managerName', width: 120,
      render: (v: string | null, r) => <>{text(v)}{r.contactPhone && <div className="mono small">{r.contactPhone}</div>}</>,
    },
    { title: L('equipment'), dataIndex: 'equipment', width: 200, ellipsis: true, render: text },
    { title: L('status'), dataIndex: 'status', width: 80, render: (v: StationStatus) => <StatusTag tone={TONE[v] ?? 'grey'}>{enumLabel(t, 'stationStatus', v)}</StatusTag> },
    {
      title: t('viewings.stationSessions'), key: 'viewings', width: 110,
      render: (_: unknown, s: Station) => <Link to={`/admin/viewings?stationId=${s.id}`} aria-label={`${t('viewings.stationSessions')}：${s.name}`} data-testid="station-viewings">{t('viewings.title')}</Link>,
    },
    ...(canWrite ? [{
      title: t('common.actions'), key: 'actions', width: 150,
      render: (_: unknown, s: Station) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => onEdit(s)} aria-label={`${t('stations.actions.edit')}：${s.name}`} data-testid="station-edit">{t('stations.actions.edit')}</Button>
          <Button type="link" size="small" onClick={() => onStatus(s)} aria-label={`${t('stations.actions.status')}：${s.name}`} data-testid="station-status">{t('stations.actions.status')}</Button>
        </Space>
      ),
    }] : []),
  ];

  if (!loading && rows.length === 0) {
    return <EmptyPanel title={t('stations.emptyTitle')} hint={canWrite ? t('stations.emptyHint') : t('stations.emptyHintReadOnly')} />;
  }

  return (
    <Table<Station>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: canWrite ? 1180 : 1030 }}
      onRow={() => ({ 'data-testid': 'station-row' }) as React.HTMLAttributes<HTMLElement>}
      footer={() => <ListFooter loaded={rows.length} total={total} hasMore={hasMore} loadingMore={loadingMore} onMore={onMore} />}
    />
  );
}
