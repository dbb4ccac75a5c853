// 收件箱: incoming messages, newest first, within the account's scope, each with the member it came from (matched by
// phone) or 「未匹配」, and the keyword it carried (退订 / 恢复订阅). Province staff can show only the unmatched ones.
import { useState } from 'react';
import { Button, Card, Checkbox, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ListFooter } from '@/modules/common/ListFooter';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag } from '@/modules/common/StatusTag';
import { useInbound, type Inbound } from './sms-api';
import { ScrollRegion } from './ScrollRegion';
import { chinaDateTime } from './sms-format';

export function InboxPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [unmatched, setUnmatched] = useState(false);
  const list = useInbound(unmatched);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  // Unmatched messages are the province's: the filter is offered to staff whose grant sits at the top.
  const provinceStaff = me.roles.some((r) => (r.role === 'org_admin' || r.role === 'org_viewer') && r.orgPath.split('/').filter(Boolean).length === 1);
  const F = (k: string) => t(`sms.inbox.fields.${k}` as 'sms.inbox.fields.text');

  const columns: ColumnsType<Inbound> = [
    { title: F('receivedAt'), dataIndex: 'receivedAt', width: 170, render: (v: string) => <span className="mono">{chinaDateTime(v)}</span> },
    {
      title: F('person'), dataIndex: 'personName', width: 120,
      render: (v: string | null) => (v ? <span data-testid="inbound-person">{v}</span> : <StatusTag tone="grey">{t('sms.inbox.unmatched')}</StatusTag>),
    },
    { title: F('org'), dataIndex: 'orgName', width: 200, ellipsis: true, render: (v: string | null) => v ?? <span className="muted">—</span> },
    { title: F('phone'), dataIndex: 'phone', width: 130, render: (v: string) => <span className="mono">{v}</span> },
    {
      title: F('text'), dataIndex: 'text',
      render: (v: string, r) => (
        <span className="wrap-anywhere">
          {r.keyword && <StatusTag tone={r.keyword === 'opt_out' ? 'red' : 'green'}>{t(`sms.inbox.keywords.${r.keyword}`)}</StatusTag>}
          {v}
          {r.missingParts > 0 && <span className="muted small"> （{t('sms.inbox.missingParts', { count: r.missingParts })}）</span>}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('sms.inbox.title')}
        extra={<Button icon={<ReloadOutlined aria-hidden />} onClick={() => void list.refetch()} loading={list.isRefetching}>{t('sms.inbox.refresh')}</Button>}
      />
      {provinceStaff && (
        <Card size="small" className="filter-card">
          <Space>
            <Checkbox checked={unmatched} onChange={(e) => setUnmatched(e.target.checked)} data-testid="inbox-unmatched">{t('sms.inbox.unmatchedOnly')}</Checkbox>
          </Space>
        </Card>
      )}
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.isPending && rows.length === 0 ? (
        <EmptyPanel title={t('sms.inbox.emptyTitle')} hint={t('sms.inbox.emptyHint')} />
      ) : (
        <>
          <ScrollRegion label={t('sms.inbox.title')}>
            <Table<Inbound>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={list.isPending}
              pagination={false}
              style={{ minWidth: 900 }}
              onRow={() => ({ 'data-testid': 'inbound-row' }) as React.HTMLAttributes<HTMLElement>}
            />
          </ScrollRegion>
          <div className="table-footer-outside"><ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} /></div>
        </>
      )}
    </>
  );
}
