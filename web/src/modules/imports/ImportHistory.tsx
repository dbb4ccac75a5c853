// 我的导入记录: the caller's recent imports (GET /api/imports) with state, counts and time; each opens in the progress card.
import { dynLabel } from '@/i18n/enums';
import { Button, Grid, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { fmtCount, fmtDateTime } from '@/modules/common/format';
import { useMyImports, type ImportKind, type ImportListItem, type ImportMode } from './imports-api';

/** The words of an import's state; a valid_only import that wrote nothing counts as 未导入. */
export function stateKey(r: Pick<ImportListItem, 'state' | 'outcome' | 'rowsWritten'>): 'queued' | 'running' | 'imported' | 'partial' | 'rejected' | 'failed' {
  if (r.state === 'queued' || r.state === 'running' || r.state === 'failed') return r.state;
  if (r.outcome === 'partial' && r.rowsWritten === 0) return 'rejected';
  return r.outcome ?? 'imported';
}
const COLOR = { queued: 'default', running: 'processing', imported: 'success', partial: 'warning', rejected: 'error', failed: 'error' } as const;
/** Darker text than antd's preset tags, for WCAG AA contrast on their light backgrounds. */
const TEXT = { queued: undefined, running: undefined, imported: '#1f5c0a', partial: '#7a4100', rejected: undefined, failed: undefined } as const;

export function ImportHistory({ currentId, onOpen }: { currentId: string | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const list = useMyImports();
  const screens = Grid.useBreakpoint();
  const narrow = screens.sm === false;
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const rows = list.data?.items ?? [];
  if (!list.isPending && rows.length === 0) return <EmptyPanel title={t('imports.historyEmpty')} hint={t('imports.historyHint')} />;
  const columns: ColumnsType<ImportListItem> = [
    { title: t('imports.historyCols.createdAt'), dataIndex: 'createdAt', width: 150, responsive: ['sm'], render: fmtDateTime },
    { title: t('imports.historyCols.kind'), dataIndex: 'kind', width: 120, responsive: ['sm'], render: (v: ImportKind) => t(`imports.kind.${v}`) },
    { title: t('imports.historyCols.fileName'), dataIndex: 'fileName', ellipsis: !narrow,
      render: (v: string | null, r) => (narrow ? (
        <>
          <div style={{ overflowWrap: 'anywhere' }}>{v ?? t('imports.noFileName')}</div>
          <div className="muted small">{dynLabel(t, `imports.kind.${r.kind}`, r.kind)} · {fmtDateTime(r.createdAt)} · {t('imports.counts', { total: r.rowsTotal === null ? '—' : fmtCount(r.rowsTotal), written: fmtCount(r.rowsWritten) })}</div>
        </>
      ) : v ?? t('imports.noFileName')),
    },
    { title: t('imports.historyCols.mode'), dataIndex: 'mode', width: 170, responsive: ['md'], render: (v: ImportMode) => t(`imports.mode.${v}`) },
    { title: t('imports.historyCols.state'), key: 'state', width: 100, render: (_, r) => <Tag color={COLOR[stateKey(r)]} style={TEXT[stateKey(r)] ? { color: TEXT[stateKey(r)] } : undefined}>{t(`imports.state.${stateKey(r)}`)}</Tag> },
    {
      title: t('imports.historyCols.counts'), key: 'counts', width: 110, responsive: ['sm'],
      render: (_, r) => <span className="mono">{t('imports.counts', { total: r.rowsTotal === null ? '—' : fmtCount(r.rowsTotal), written: fmtCount(r.rowsWritten) })}</span>,
    },
    {
      title: t('imports.historyCols.action'), key: 'action', width: 80,
      render: (_, r) => (r.id === currentId
        ? <span className="muted">{t('imports.opened')}</span>
        : <Button type="link" size="small" onClick={() => onOpen(r.id)} aria-label={`${t('imports.open')} ${r.fileName ?? ''}`}>{t('imports.open')}</Button>),
    },
  ];
  return (
    <Table<ImportListItem>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      loading={list.isPending}
      pagination={false}
    />
  );
}
