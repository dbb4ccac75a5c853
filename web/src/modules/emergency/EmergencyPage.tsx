// 应急动员: the list of alerts (/admin/emergency), the form of a new one (…/new) and an alert's live board (…/:id).
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
import { chinaDateTime, fmtCount, fmtPercent } from '@/modules/common/format';
import { AlertForm } from './AlertForm';
import { AlertBoard } from './AlertBoard';
import { useAlertList, type AlertKind, type AlertState, type AlertSummary } from './emergency-api';

export function EmergencyPage({ me }: { me: Me }) {
  return (
    <Routes>
      <Route index element={<AlertList me={me} />} />
      <Route path="new" element={<AlertForm me={me} />} />
      <Route path=":id" element={<AlertBoard me={me} />} />
    </Routes>
  );
}

function AlertList({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canSend = hasPerm(me, 'emergency.send');
  const [state, setState] = useState<AlertState | undefined>();
  const list = useAlertList(state);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const open = (id: string) => void navigate(`/admin/emergency/${id}`);
  const F = (k: string) => t(`emergency.list.fields.${k}` as 'emergency.list.fields.title');

  const columns: ColumnsType<AlertSummary> = [
    { title: F('title'), dataIndex: 'title', render: (v: string, r) => <Button type="link" className="sms-list-text" onClick={() => open(r.id)} data-testid="alert-open">{v}</Button> },
    { title: F('kind'), dataIndex: 'kind', width: 96, render: (v: AlertKind) => <StatusTag tone="red">{t(`emergency.kinds.${v}`)}</StatusTag> },
    { title: F('state'), dataIndex: 'state', width: 90, render: (v: AlertState) => <StatusTag tone={v === 'open' ? 'blue' : 'grey'}>{t(`emergency.states.${v}`)}</StatusTag> },
    {
      title: F('confirmed'), key: 'confirmed', width: 170, align: 'right',
      render: (_: unknown, r) => (r.sentAt ? <span>{fmtCount(r.confirmed)} / {fmtCount(r.recipients)}<span className="muted small">（{fmtPercent(r.confirmed, r.recipients)}）</span></span> : '—'),
    },
    { title: F('org'), dataIndex: 'orgName', width: 150, ellipsis: true },
    { title: F('createdBy'), dataIndex: 'createdByName', width: 150, ellipsis: true },
    { title: F('createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => <span className="mono">{chinaDateTime(v, true)}</span> },
  ];

  return (
    <>
      <PageHeader
        title={t('emergency.list.title')}
        extra={canSend && (
          <Button type="primary" danger icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/admin/emergency/new')} data-testid="alert-new">
            {t('emergency.list.create')}
          </Button>
        )}
      />
      <Card size="small" className="filter-card">
        <Form layout="inline">
          <Form.Item label={t('emergency.list.stateFilter')} htmlFor="alert-state-filter" style={{ marginBottom: 0 }}>
            <Select<AlertState | ''>
              id="alert-state-filter"
              style={{ width: 140 }}
              value={state ?? ''}
              onChange={(v) => setState(v || undefined)}
              options={[{ value: '', label: t('emergency.list.anyState') }, ...(['open', 'closed'] as const).map((s) => ({ value: s, label: t(`emergency.states.${s}`) }))]}
            />
          </Form.Item>
        </Form>
      </Card>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.isPending && rows.length === 0 ? (
        <EmptyPanel title={t('emergency.list.emptyTitle')} hint={canSend ? t('emergency.list.emptyHint') : t('emergency.list.emptyHintReadOnly')} />
      ) : (
        <Table<AlertSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 960 }}
          onRow={() => ({ 'data-testid': 'alert-row' }) as React.HTMLAttributes<HTMLElement>}
          footer={() => <ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />}
        />
      )}
    </>
  );
}
