// 审计日志 (audit administrator): filterable, keyset-paged log with before/after
// snapshots, and a check of the hash chain.
import { useState } from 'react';
import { Alert, Button, Card, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditQuery, AuditVerify } from '@/api/types';
import { AuditFilters } from '@/modules/audit/AuditFilters';
import { useAudit, verifyAudit } from '@/modules/audit/audit-api';
import { useAuditLabels } from '@/modules/audit/audit-labels';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { errorText } from '@/modules/common/errors';
import { fmtCount, fmtDateTime } from '@/modules/common/format';
import { PageHeader } from '@/modules/common/PageHeader';
import { ListFooter } from '@/modules/common/ListFooter';

export function AuditPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState<AuditQuery>({});
  const list = useAudit(q);
  const labels = useAuditLabels();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [verifying, setVerifying] = useState(false);
  const [result, setResult] = useState<{ ok: true; v: AuditVerify } | { ok: false; error: string } | null>(null);

  const verify = async () => {
    setVerifying(true);
    try {
      setResult({ ok: true, v: await verifyAudit() });
    } catch (e) {
      setResult({ ok: false, error: errorText(t, e) });
    } finally {
      setVerifying(false);
    }
  };

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.fields.at'), dataIndex: 'at', width: 170, render: fmtDateTime },
    { title: t('audit.fields.actor'), dataIndex: 'actorName', width: 140, render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.fields.action'), dataIndex: 'action', width: 170,
      render: (v: string) => <>{labels.action(v)}<div className="muted mono small">{v}</div></>,
    },
    { title: t('audit.fields.entityType'), dataIndex: 'entityType', width: 100, render: (v: string | null) => (v ? labels.entityType(v) : '—') },
    { title: t('audit.fields.entityId'), dataIndex: 'entityId', width: 100, render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
    { title: t('audit.fields.orgPath'), dataIndex: 'orgPath', width: 160, ellipsis: true, render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
    { title: t('audit.fields.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
  ];

  const verdict = result && (result.ok ? (
    <Alert
      type={result.v.ok ? 'success' : 'error'}
      showIcon
      className="form-alert"
      role="status"
      title={result.v.ok
        ? t('audit.verifyOk', { count: fmtCount(result.v.checked) })
        : t('audit.verifyBroken', { count: fmtCount(result.v.checked), id: result.v.firstBrokenId ?? result.v.firstBrokenSeq ?? '—' })}
      description={[
        result.v.problem ? t(`audit.problem.${result.v.problem}`) : null,
        result.v.anchors.latestSeq
          ? t('audit.anchorLatest', { anchors: fmtCount(result.v.anchors.checked), seq: fmtCount(Number(result.v.anchors.latestSeq)), at: fmtDateTime(result.v.anchors.latestAt!) })
          : t('audit.anchorNone'),
      ].filter(Boolean).join(' ')}
    />
  ) : <Alert type="error" showIcon className="form-alert" title={result.error} />);

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={<Button type="primary" icon={<SafetyOutlined aria-hidden />} loading={verifying} onClick={verify} data-testid="audit-verify">{t('audit.verify')}</Button>}
      />
      {verdict}
      <Card size="small" className="filter-card"><AuditFilters onSearch={setQ} /></Card>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} /> : !list.isPending && rows.length === 0 ? (
        <EmptyPanel title={t('common.noData')} hint={t('audit.emptyHint')} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 1000 }}
          expandable={{
            columnTitle: <span className="visually-hidden">{t('audit.detailColumn')}</span>,
            expandedRowRender: (r) => (
              <div className="audit-diff">
                <div><div className="audit-diff-title">{t('audit.fields.before')}</div><pre>{json(r.before, t('audit.noChange'))}</pre></div>
                <div><div className="audit-diff-title">{t('audit.fields.after')}</div><pre>{json(r.after, t('audit.noChange'))}</pre></div>
              </div>
            ),
            rowExpandable: (r) => r.before != null || r.after != null,
          }}
          footer={() => (
            <ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />
          )}
        />
      )}
    </>
  );
}

function json(v: unknown, none: string): string {
  return v === null || v === undefined ? none : JSON.stringify(v, null, 2);
}
