// The transfer list: letter number, member, both organizations, state, dates; keyset paging
// with 加载更多. Scrolls sideways on a phone with the member name kept in view.
import { Button, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { fmtDate, fmtDateTime } from '@/modules/common/format';
import { StatusTag } from '@/modules/common/StatusTag';
import { TransferStateTag } from './TransferStateTag';
import type { TransferSummary } from './transfers-api';
import { ListFooter } from '@/modules/common/ListFooter';

interface Props {
  rows: TransferSummary[];
  loading: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
  onOpen: (t: TransferSummary) => void;
  emptyHint: string;
}

export function TransferTable({ rows, loading, hasMore, loadingMore, onMore, onOpen, emptyHint }: Props) {
  const { t } = useTranslation();
  const columns: ColumnsType<TransferSummary> = [
    {
      title: t('transfers.fields.memberName'), dataIndex: 'memberName', fixed: 'left', width: 96,
      render: (name: string, r) => (
        <Button type="link" className="cell-link" onClick={(e) => { e.stopPropagation(); onOpen(r); }}>{name}</Button>
      ),
    },
    { title: t('transfers.fields.state'), dataIndex: 'state', width: 112, render: (v: TransferSummary['state']) => <TransferStateTag state={v} /> },
    { title: t('transfers.fields.letterNo'), dataIndex: 'letterNo', width: 170, render: (v: string) => <span className="mono">{v}</span> },
    { title: t('transfers.fields.fromOrgName'), dataIndex: 'fromOrgName', width: 200, ellipsis: true },
    {
      title: t('transfers.fields.toOrgName'), dataIndex: 'toOrgName', width: 220, ellipsis: true,
      render: (v: string, r) => (
        <>{r.destination === 'outside' && <StatusTag tone="blue">{t('transfers.outsideTag')}</StatusTag>}{v}</>
      ),
    },
    { title: t('transfers.fields.createdAt'), dataIndex: 'createdAt', width: 150, render: fmtDateTime },
    { title: t('transfers.fields.expiresOn'), dataIndex: 'expiresOn', width: 108, render: (v: string | null) => fmtDate(v) },
  ];

  if (!loading && rows.length === 0) return <EmptyPanel title={t('transfers.emptyTitle')} hint={emptyHint} />;

  return (
    <Table<TransferSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 1060 }}
      onRow={(r) => ({ onClick: () => onOpen(r), 'data-testid': 'transfer-row', 'data-state': r.state, className: 'clickable-row' }) as React.HTMLAttributes<HTMLElement>}
      footer={() => <ListFooter loaded={rows.length} hasMore={hasMore} loadingMore={loadingMore} onMore={onMore} />}
    />
  );
}
