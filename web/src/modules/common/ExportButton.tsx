// "导出Excel" for a filtered list: downloads the server's .xlsx for the same filters the
// list shows, as a POST (the server masks personal data unless the actor may reveal, and audits the export).
// With `reveal` (given only to accounts that may reveal), a menu beside it offers the same export with full
// numbers after a confirmation: the server still decides row by row and writes the reveal to the audit log.
import type { ReactNode } from 'react';
import { App, Button, Dropdown, Space } from 'antd';
import { DownOutlined, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Query } from '@/api/client';
import { useDownload } from './DownloadButton';

interface RevealChoice {
  /** the menu item, e.g. 导出完整号码 */
  label: string;
  /** what the confirmation says (full numbers, audited) */
  confirm: ReactNode;
}

export function ExportButton({ path, query, fileName, label, testId, reveal }: {
  path: string; query?: Query; fileName: string; label?: string; testId?: string; reveal?: RevealChoice;
}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const { busy, run } = useDownload({
    path, method: 'POST', fileName,
    done: (r) => (r.rows === null ? t('common.exported', { name: r.fileName }) : t('common.exportedRows', { name: r.fileName, count: r.rows })),
  });
  const plain = (
    <Button icon={<DownloadOutlined aria-hidden />} loading={busy} onClick={() => void run(query)} data-testid={testId}>
      {label ?? t('common.exportXlsx')}
    </Button>
  );
  if (!reveal) return plain;
  const askReveal = () => {
    modal.confirm({
      title: reveal.label,
      content: <span data-testid={testId && `${testId}-reveal-confirm`}>{reveal.confirm}</span>,
      okText: t('common.export'),
      onOk: () => run({ ...query, reveal: true }),
    });
  };
  return (
    <Space.Compact>
      {plain}
      <Dropdown
        trigger={['click']}
        disabled={busy}
        menu={{ items: [{ key: 'reveal', label: <span data-testid={testId && `${testId}-reveal`}>{reveal.label}</span> }], onClick: askReveal }}
      >
        <Button icon={<DownOutlined aria-hidden />} aria-label={reveal.label} data-testid={testId && `${testId}-more`} />
      </Dropdown>
    </Space.Compact>
  );
}
