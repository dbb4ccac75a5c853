// 组织关系转接 (F-05): the list by side (待本方办理 / 转出 / 转入), the detail drawer with the
// steps the caller may take, the confirmation of each step, and the application form.
import { useState } from 'react';
import { Button, Card, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ExportButton } from '@/modules/common/ExportButton';
import { PageHeader } from '@/modules/common/PageHeader';
import { TransferActionModal } from '@/modules/transfers/TransferActionModal';
import { TransferDrawer } from '@/modules/transfers/TransferDrawer';
import { TransferFilters } from '@/modules/transfers/TransferFilters';
import { TransferForm } from '@/modules/transfers/TransferForm';
import { TransferTable } from '@/modules/transfers/TransferTable';
import { listQuery, useTransferList, type TransferAction, type TransferDetail, type TransferQuery, type TransferView } from '@/modules/transfers/transfers-api';

export function TransfersPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const canWrite = hasPerm(me, 'transfer.write');
  const views: TransferView[] = canWrite ? ['pending', 'outgoing', 'incoming', 'all'] : ['outgoing', 'incoming', 'all'];
  const [query, setQuery] = useState<TransferQuery>({ view: canWrite ? 'pending' : 'all' });
  const [openId, setOpenId] = useState<string | null>(null);
  const [step, setStep] = useState<{ transfer: TransferDetail; action: TransferAction } | null>(null);
  // undefined: form closed; null: a new application; a transfer: correct and resubmit it.
  const [editing, setEditing] = useState<TransferDetail | null | undefined>(undefined);

  const list = useTransferList(query);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const onAction = (transfer: TransferDetail, action: TransferAction) => {
    if (action === 'submit' && transfer.state === 'returned') setEditing(transfer);
    else setStep({ transfer, action });
  };

  return (
    <>
      <PageHeader
        title={t('transfers.title')}
        extra={
          <Space wrap>
            <ExportButton path="/api/exports/transfers.xlsx" query={listQuery(query)} fileName={t('transfers.exportFile')} testId="transfer-export" />
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)} data-testid="transfer-new">
                {t('transfers.create')}
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" className="filter-card" style={{ marginBottom: 12 }}>
        <TransferFilters query={query} views={views} onChange={setQuery} />
      </Card>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <TransferTable
          rows={rows}
          loading={list.isPending}
          hasMore={!!list.hasNextPage}
          loadingMore={list.isFetchingNextPage}
          onMore={() => void list.fetchNextPage()}
          onOpen={(r) => setOpenId(r.id)}
          emptyHint={query.view === 'pending' && !query.state && !query.q ? t('transfers.emptyHintPending') : t('transfers.emptyHint')}
        />
      )}
      <TransferDrawer transferId={openId} onClose={() => setOpenId(null)} onAction={onAction} />
      <TransferActionModal transfer={step?.transfer ?? null} action={step?.action ?? null} onClose={() => setStep(null)} />
      <TransferForm
        open={editing !== undefined}
        transfer={editing}
        onClose={() => setEditing(undefined)}
        onSaved={(saved) => { setEditing(undefined); setOpenId(saved.id); }}
      />
    </>
  );
}
