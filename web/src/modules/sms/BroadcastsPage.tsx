// 群发短信: the list of broadcasts (/admin/sms/broadcasts), the editor (…/new) and a broadcast's page (…/:id).
import { useState } from 'react';
import { Route, Routes, useNavigate } from 'react-router';
import { Button, Card, Form, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ListFooter } from '@/modules/common/ListFooter';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag } from '@/modules/common/StatusTag';
import { fmtCount } from '@/modules/common/format';
import { ComposePage } from './ComposePage';
import { BroadcastDetailPage } from './BroadcastDetailPage';
import { BROADCAST_STATES, useBroadcastList, type BroadcastState, type BroadcastSummary } from './sms-api';
import { chinaDateTime, STATE_TONE } from './sms-format';

export function BroadcastsPage({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<BroadcastList me={me} />} />
      <Route path="new" element={<ComposePage me={me} />} />
      <Route path=":id" element={<BroadcastDetailPage me={me} />} />
    </Routes>
  );
}

function BroadcastList({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canSend = hasPerm(me, 'sms.send');
  const [state, setState] = useState<BroadcastState | undefined>();
  const list = useBroadcastList(state);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const open = (id: string) => void navigate(`/admin/sms/broadcasts/${id}`);

  const columns: ColumnsType<BroadcastSummary> = [
    { title: t('sms.list.fields.text'), dataIndex: 'text', render: (v: string, r) => (
      <Button type="link" className="sms-list-text" onClick={() => open(r.id)} data-testid="broadcast-open">{v}</Button>
    ) },
    { title: t('sms.list.fields.state'), dataIndex: 'state', width: 120, render: (v: BroadcastState) => <StatusTag tone={STATE_TONE[v]}>{t(`sms.states.${v}`)}</StatusTag> },
    { title: t('sms.list.fields.recipients'), dataIndex: 'recipients', width: 96, align: 'right', render: (v: number, r) => (r.state === 'resolving' ? '—' : fmtCount(v)) },
    { title: t('sms.list.fields.lane'), dataIndex: 'lane', width: 96, render: (v: BroadcastSummary['lane']) => (v === 'emergency' ? <StatusTag tone="red">{t('sms.lanes.emergency')}</StatusTag> : t('sms.lanes.bulk')) },
    { title: t('sms.list.fields.org'), dataIndex: 'orgName', width: 160, ellipsis: true },
    { title: t('sms.list.fields.createdBy'), dataIndex: 'createdByName', width: 170, ellipsis: true },
    { title: t('sms.list.fields.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => <span className="mono">{chinaDateTime(v)}</span> },
  ];

  return (
    <>
      <PageHeader
        title={t('sms.list.title')}
        extra={canSend && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/admin/sms/broadcasts/new')} data-testid="broadcast-new">
            {t('sms.list.create')}
          </Button>
        )}
      />
      <Card size="small" className="filter-card">
        <Form layout="inline">
          <Form.Item label={t('sms.list.stateFilter')} htmlFor="sms-state-filter" style={{ marginBottom: 0 }}>
            <Select<BroadcastState | ''>
              id="sms-state-filter"
              style={{ width: 180 }}
              value={state ?? ''}
              onChange={(v) => setState(v || undefined)}
              options={[{ value: '', label: t('sms.list.anyState') }, ...BROADCAST_STATES.map((s) => ({ value: s, label: t(`sms.states.${s}`) }))]}
              data-testid="broadcast-state-filter"
            />
          </Form.Item>
        </Form>
      </Card>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.isPending && rows.length === 0 ? (
        <EmptyPanel title={t('sms.list.emptyTitle')} hint={canSend ? t('sms.list.emptyHint') : t('sms.list.emptyHintReadOnly')} />
      ) : (
        <Table<BroadcastSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 1000 }}
          onRow={() => ({ 'data-testid': 'broadcast-row' }) as React.HTMLAttributes<HTMLElement>}
          footer={() => <ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />}
        />
      )}
    </>
  );
}
