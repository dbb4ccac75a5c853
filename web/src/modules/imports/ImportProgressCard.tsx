// 导入进度 and 导入结果 of one import: a progress bar with the phase and the counts while the job
// runs (polled every second), then the outcome in plain words, the first errors and the error report.
import { dynLabel } from '@/i18n/enums';
import { Alert, Button, Progress, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/client';
import { DownloadButton } from '@/modules/common/DownloadButton';
import { errorText } from '@/modules/common/errors';
import { fmtCount, fmtDateTime } from '@/modules/common/format';
import { errorReportPath, isRunning, useImportStatus, type ImportRowError, type ImportStatus } from './imports-api';

/** Percentage and the "N/M" text of the bar: checking counts rows processed, writing counts rows written. */
export function progressOf(s: ImportStatus): { percent: number; done: number; total: number } {
  if (s.state === 'succeeded') {
    const total = s.rowsTotal ?? s.progress.total ?? 0;
    return { percent: 100, done: total, total };
  }
  if (s.phase === 'writing') {
    const valid = s.rowsValid ?? 0;
    return { percent: valid ? Math.min(99, Math.floor((s.rowsWritten / valid) * 100)) : 99, done: s.rowsWritten, total: valid };
  }
  const total = s.progress.total ?? 0;
  return { percent: total ? Math.min(99, Math.floor((s.progress.processed / total) * 100)) : 0, done: s.progress.processed, total };
}

/**
 * Seconds left, from the pace so far: checking counts as the first half of the work and writing as
 * the second (about how the measured 10,000-row import splits). Null until there is a pace to go by.
 */
export function secondsLeft(s: ImportStatus, now: number): number | null {
  if (!s.progress.total || !isRunning(s)) return null;
  const p = progressOf(s); // rows checked while checking, rows written while writing
  const frac = p.total ? Math.min(1, p.done / p.total) : 0;
  const overall = s.phase === 'writing' ? 0.5 + 0.5 * frac : s.phase === 'validating' ? 0.5 * frac : 0;
  const elapsed = (now - new Date(s.createdAt).getTime()) / 1000;
  if (overall < 0.05 || elapsed < 2) return null;
  return Math.max(1, Math.round((elapsed * (1 - overall)) / overall));
}

export function ImportProgressCard({ id, onNew }: { id: string; onNew: () => void }) {
  const { t } = useTranslation();
  const status = useImportStatus(id);
  if (status.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (status.isError) {
    const gone = isApiError(status.error) && (status.error.status === 403 || status.error.status === 404);
    return (
      <Alert
        type="error"
        showIcon
        title={gone ? t('imports.notFound') : errorText(t, status.error)}
        action={gone ? <Button size="small" onClick={onNew}>{t('imports.newImport')}</Button> : <Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={() => void status.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  const s = status.data;
  const p = progressOf(s);
  const running = isRunning(s);
  return (
    <div>
      <Typography.Paragraph className="muted" style={{ marginBottom: 8, overflowWrap: 'anywhere' }}>
        {t('imports.fileOf', { name: s.fileName ?? t('imports.noFileName') })} · {dynLabel(t, `imports.kind.${s.kind}`, s.kind)} · {t(`imports.mode.${s.mode}`)} · {fmtDateTime(s.createdAt)}
      </Typography.Paragraph>
      <Progress
        data-testid="import-progress"
        aria-label={t('imports.progressLabel')}
        aria-valuetext={`${p.done}/${p.total}`}
        percent={p.percent}
        status={s.state === 'failed' ? 'exception' : running ? 'active' : s.outcome === 'rejected' || (s.outcome === 'partial' && s.rowsWritten === 0) ? 'exception' : 'success'}
        format={() => (s.progress.total === null && running ? '…' : `${p.done}/${p.total}`)}
      />
      <div role="status" aria-live="polite" style={{ margin: '8px 0 12px' }}>
        <strong>{s.phase === 'validating' && s.progress.total === null ? t('imports.phase.reading') : t(`imports.phase.${s.phase}`)}</strong>
        {s.progress.total !== null && <span>　{t('imports.checked', { processed: fmtCount(s.progress.processed), total: fmtCount(s.progress.total) })}</span>}
        {(s.phase === 'writing' || (s.rowsWritten > 0 && s.rowsValid !== null)) && (
          <span>　{t('imports.written', { written: fmtCount(s.rowsWritten), valid: fmtCount(s.rowsValid ?? 0) })}</span>
        )}
        {s.progress.errors > 0 && <span>　{t('imports.errorsSoFar', { count: s.progress.errors })}</span>}
        {running && <Estimate s={s} />}
        {running && <div className="muted small">{t('imports.reloadHint')}</div>}
      </div>
      {!running && <ImportResult s={s} onNew={onNew} />}
    </div>
  );
}

function ImportResult({ s, onNew }: { s: ImportStatus; onNew: () => void }) {
  const { t } = useTranslation();
  const total = s.rowsTotal ?? 0;
  const errors = s.errors.total;
  let type: 'success' | 'warning' | 'error' = 'success';
  let text: string;
  if (s.state === 'failed') {
    type = 'error';
    text = t('imports.result.failed', { reason: s.failure ?? t('common.unknownError') });
  } else if (s.outcome === 'rejected') {
    type = 'error';
    text = s.mode === 'valid_only' ? t('imports.result.rejectedValidOnly') : t('imports.result.rejected', { count: fmtCount(errors) });
  } else if (s.outcome === 'partial' && s.rowsWritten === 0) {
    type = 'error';
    text = t('imports.result.rejectedValidOnly');
  } else if (s.outcome === 'partial') {
    type = 'warning';
    text = t('imports.result.partial', { total: fmtCount(total), written: fmtCount(s.rowsWritten), bad: fmtCount(total - (s.rowsValid ?? 0)) });
  } else if (total === 0) {
    type = 'warning';
    text = t('imports.result.emptyFile');
  } else {
    text = t('imports.result.imported', { total: fmtCount(total), written: fmtCount(s.rowsWritten) });
  }
  return (
    <>
      <Alert type={type} showIcon title={<span data-testid="import-result">{text}</span>} className="form-alert" role={type === 'success' ? 'status' : 'alert'} />
      {errors > 0 && <ErrorTable s={s} />}
      <Button onClick={onNew} style={{ marginTop: 12 }}>{t('imports.newImport')}</Button>
    </>
  );
}

function ErrorTable({ s }: { s: ImportStatus }) {
  const { t } = useTranslation();
  const columns: ColumnsType<ImportRowError> = [
    { title: t('imports.errorCols.row'), dataIndex: 'row', width: 60, render: (v: number) => <span className="mono">{v}</span> },
    { title: t('imports.errorCols.column'), dataIndex: 'column', width: 96 },
    { title: t('imports.errorCols.message'), dataIndex: 'message' },
  ];
  const shown = s.errors.items.length;
  return (
    <section aria-labelledby="import-errors-title" style={{ marginTop: 12 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Title level={2} id="import-errors-title" style={{ fontSize: 16, margin: 0 }}>{t('imports.errorsTitle')}</Typography.Title>
        <DownloadButton path={errorReportPath(s.id)} fileName={t('imports.errorReportFile', { id: s.id })} testId="import-error-report">{t('imports.errorReport')}</DownloadButton>
      </div>
      <p className="muted small">
        {s.errors.total > shown ? t('imports.errorsShown', { total: fmtCount(s.errors.total), shown: fmtCount(shown) }) : t('imports.errorsAll', { total: fmtCount(s.errors.total) })}
      </p>
      <Table<ImportRowError>
        data-testid="import-errors"
        rowKey={(r) => `${r.row}-${r.column}-${r.message}`}
        size="small"
        columns={columns}
        dataSource={s.errors.items}
        pagination={s.errors.items.length > 20 ? { pageSize: 20, showSizeChanger: false, size: 'small' } : false}
      />
    </section>
  );
}

function Estimate({ s }: { s: ImportStatus }) {
  const { t } = useTranslation();
  const left = secondsLeft(s, Date.now()); // re-rendered by every poll
  if (left === null) return null;
  return <div className="small">{left < 60 ? t('imports.etaSeconds', { count: left }) : t('imports.etaMinutes', { count: Math.ceil(left / 60) })}</div>;
}
