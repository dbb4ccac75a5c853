// A button that downloads a file the API produces (exports, templates, error reports): busy
// while it loads, and the server's Chinese reason as a message when it refuses.
import { useState, type ReactNode } from 'react';
import { App, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Query } from '@/api/client';
import { downloadFile } from '@/api/download';
import { errorText } from './errors';

interface Props {
  path: string;
  query?: Query;
  /** POST sends `query` as a JSON body (every export); GET puts it in the URL */
  method?: 'GET' | 'POST';
  /** used when the server names no file */
  fileName: string;
  children: ReactNode;
  testId?: string;
  block?: boolean;
  /** what to say once saved (nothing when left out) */
  done?: (r: { fileName: string; rows: number | null }) => string;
}

/** The download behind a button: busy while it loads, the server's reason as a message when it refuses. */
export function useDownload({ path, method, fileName, done }: Pick<Props, 'path' | 'method' | 'fileName' | 'done'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (query: Query | undefined) => {
    setBusy(true);
    try {
      const r = await downloadFile(path, query, fileName, method);
      if (done) message.success(done(r));
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

export function DownloadButton({ path, query, method, fileName, children, testId, block, done }: Props) {
  const { busy, run } = useDownload({ path, method, fileName, done });
  return (
    <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void run(query)} data-testid={testId} block={block}>
      {children}
    </Button>
  );
}
