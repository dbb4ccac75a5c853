// "导出Excel" for a filtered list: downloads the server's .xlsx for the same filters the
// list shows (the server masks personal data unless the actor may reveal, and audits the export).
import { useState } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Query } from '@/api/client';
import { downloadFile } from '@/api/download';
import { errorText } from './errors';

export function ExportButton({ path, query, fileName, label, testId }: { path: string; query?: Query; fileName: string; label?: string; testId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const r = await downloadFile(path, query, fileName);
      message.success(r.rows === null ? t('common.exported', { name: r.fileName }) : t('common.exportedRows', { name: r.fileName, count: r.rows }));
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void run()} data-testid={testId}>
      {label ?? t('common.exportXlsx')}
    </Button>
  );
}
