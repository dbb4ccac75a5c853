// The member list: masked identity columns, keyset paging with "加载更多", and an
// empty state that says what to do. A row click (or its name button) opens the detail.
import { Button, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { MemberSummary } from '@/api/types';
import { enumLabel } from '@/i18n/enums';
import { fmtDate } from '@/modules/common/format';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { StatusTag } from '@/modules/common/StatusTag';
import { ListFooter } from '@/modules/common/ListFooter';

interface Props {
  rows: MemberSummary[];
  total: number | undefined;
  loading: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
  onOpen: (m: MemberSummary) => void;
}

export function MemberTable({ rows, total, loading, hasMore, loadingMore, onMore, onOpen }: Props) {
  const { t } = useTranslation();
  // Identity columns come early so that they are in view without scrolling on a laptop.
  const columns: ColumnsType<MemberSummary> = [
    {
      title: t('members.fields.name'), dataIndex: 'name', fixed: 'left', width: 96,
      render: (name: string, m) => (
        <Button type="link" className="cell-link" onClick={(e) => { e.stopPropagation(); onOpen(m); }}>{name}</Button>
      ),
    },
    { title: t('members.fields.gender'), dataIndex: 'gender', width: 60, render: (v: string) => enumLabel(t, 'gender', v) },
    { title: t('members.fields.category'), dataIndex: 'category', width: 96, render: (v: string) => enumLabel(t, 'category', v) },
    {
      title: t('members.fields.standing'), dataIndex: 'standing', width: 96,
      render: (v: string) => <StatusTag tone={v === 'normal' ? 'green' : 'red'}>{enumLabel(t, 'standing', v)}</StatusTag>,
    },
    { title: t('members.fields.idNumber'), dataIndex: 'idNumber', width: 176, render: (v: string) => <span className="mono">{v}</span> },
    { title: t('members.fields.mobile'), dataIndex: 'mobile', width: 124, render: (v: string) => <span className="mono">{v}</span> },
    { title: t('members.fields.orgName'), dataIndex: 'orgName', width: 180, ellipsis: true },
    { title: t('members.fields.birthDate'), dataIndex: 'birthDate', width: 108, render: fmtDate },
    { title: t('members.fields.education'), dataIndex: 'education', width: 100, render: (v: string) => enumLabel(t, 'education', v) },
    { title: t('members.fields.joinedOn'), dataIndex: 'joinedOn', width: 108, render: fmtDate },
    {
      title: t('members.fields.flags'), key: 'flags', width: 150,
      render: (_, m) => (
        <>
          {m.migrant && <StatusTag tone="blue">{t('members.fields.migrant')}</StatusTag>}
          {m.lostContact && <StatusTag tone="gold">{t('members.fields.lostContact')}</StatusTag>}
          {m.departedOn && <StatusTag tone="grey">{t('members.departedTag')}</StatusTag>}
        </>
      ),
    },
  ];

  if (!loading && rows.length === 0) return <EmptyPanel title={t('members.emptyTitle')} hint={t('members.emptyHint')} />;

  return (
    <Table<MemberSummary>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 1300 }}
      onRow={(m) => ({ onClick: () => onOpen(m), 'data-testid': 'member-row', className: 'clickable-row' }) as React.HTMLAttributes<HTMLElement>}
      footer={() => <ListFooter loaded={rows.length} total={total} hasMore={hasMore} loadingMore={loadingMore} onMore={onMore} />}
    />
  );
}
