// The migrant list: one row per out-flow, masked contact phone, the online branch of those
// still away, keyset paging with "加载更多", and the row actions 登记返回 / 网络党支部.
import { Button, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { fmtDate } from '@/modules/common/format';
import { StatusTag } from '@/modules/common/StatusTag';
import type { Flow } from './flows-api';
import { destination } from './form-utils';
import { ListFooter } from '@/modules/common/ListFooter';

interface Props {
  rows: Flow[];
  total: number | undefined;
  loading: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  canWrite: boolean;
  onMore: () => void;
  onReturn: (f: Flow) => void;
  onOnline: (f: Flow) => void;
}

function OnlineCell({ flow }: { flow: Flow }) {
  const { t } = useTranslation();
  if (!flow.open) return <span className="muted">—</span>;
  return flow.onlineBranch ? <StatusTag tone="blue">{flow.onlineBranch.name}</StatusTag> : <span className="muted">{t('flows.notAttached')}</span>;
}

export function FlowTable({ rows, total, loading, hasMore, loadingMore, canWrite, onMore, onReturn, onOnline }: Props) {
  const { t } = useTranslation();
  const L = (k: string) => t(`flows.fields.${k}` as 'flows.fields.memberName');
  const columns: ColumnsType<Flow> = [
    { title: L('memberName'), dataIndex: 'memberName', fixed: 'left', width: 88 },
    { title: L('orgName'), dataIndex: 'orgName', width: 170, ellipsis: true },
    { title: L('flowType'), dataIndex: 'flowType', width: 116, render: (v: Flow['flowType']) => t(`flows.flowType.${v}`, { defaultValue: v }) },
    { title: L('destination'), key: 'dest', width: 190, render: (_, f) => <>{destination(f)}{f.workplace && <div className="muted small">{f.workplace}</div>}</> },
    { title: L('reason'), dataIndex: 'reason', width: 92, render: (v: Flow['reason']) => t(`flows.reason.${v}`, { defaultValue: v }) },
    { title: L('leftOn'), dataIndex: 'leftOn', width: 108, render: fmtDate },
    {
      title: L('contact'), key: 'contact', width: 150,
      render: (_, f) => (f.contactName || f.contactPhone
        ? <>{f.contactName ?? ''}{f.contactPhone && <div className="mono small">{f.contactPhone}</div>}</>
        : <span className="muted">—</span>),
    },
    { title: L('onlineBranch'), key: 'online', width: 170, render: (_, f) => <OnlineCell flow={f} /> },
    {
      title: L('state'), key: 'state', width: 116,
      render: (_, f) => (f.open
        ? <StatusTag tone="gold">{t('flows.state.open')}</StatusTag>
        : <><StatusTag tone="grey">{t('flows.state.returned')}</StatusTag><div className="muted small">{fmtDate(f.returnedOn)}</div></>),
    },
    {
      title: t('common.actions'), key: 'actions', width: canWrite ? 180 : 110,
      render: (_, f) => (
        <Space size={0} wrap>
          {canWrite && f.open && (
            <Button type="link" size="small" onClick={() => onReturn(f)} data-testid="flow-return" aria-label={`${t('flows.actions.returned')}：${f.memberName}`}>
              {t('flows.actions.returned')}
            </Button>
          )}
          {f.open && (
            <Button type="link" size="small" onClick={() => onOnline(f)} data-testid="flow-online" aria-label={`${t('flows.actions.online')}：${f.memberName}`}>
              {t('flows.actions.online')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  if (!loading && rows.length === 0) {
    return <EmptyPanel title={t('flows.emptyTitle')} hint={canWrite ? t('flows.emptyHint') : t('flows.emptyHintReadOnly')} />;
  }

  return (
    <Table<Flow>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: 1390 }}
      onRow={() => ({ 'data-testid': 'flow-row' }) as React.HTMLAttributes<HTMLElement>}
      footer={() => <ListFooter loaded={rows.length} total={total} hasMore={hasMore} loadingMore={loadingMore} onMore={onMore} />}
    />
  );
}
