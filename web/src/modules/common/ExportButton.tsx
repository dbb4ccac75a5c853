// "导出Excel" for a filtered list: downloads the server's .xlsx for the same filters the
// list shows, as a POST (the server masks personal data unless the actor may reveal, and audits the export).
import { useTranslation } from 'react-i18next';
import type { Query } from '@/api/client';
import { DownloadButton } from './DownloadButton';

export function ExportButton({ path, query, fileName, label, testId }: { path: string; query?: Query; fileName: string; label?: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <DownloadButton
      path={path}
      query={query}
      method="POST"
      fileName={fileName}
      testId={testId}
      done={(r) => (r.rows === null ? t('common.exported', { name: r.fileName }) : t('common.exportedRows', { name: r.fileName, count: r.rows }))}
    >
      {label ?? t('common.exportXlsx')}
    </DownloadButton>
  );
}
