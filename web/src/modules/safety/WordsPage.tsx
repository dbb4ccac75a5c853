// 敏感词库: the security administrator's word list — search, add (typed or imported from a text file), import from
// Excel (the platform's import engine: template, upload, per-row errors, progress that survives a reload through
// ?import=<id>), export, remove — and a box to try a text against it. Every change is audited by the server, which checks
// every rule again.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Drawer, Form, Grid, Input, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { FileExcelOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Me, ResponseOf } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ExportButton } from '@/modules/common/ExportButton';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { applyFieldErrors, errorText } from '@/modules/common/errors';
import { chinaDateTime } from '@/modules/common/format';
import { ListFooter } from '@/modules/common/ListFooter';
import { PageHeader } from '@/modules/common/PageHeader';
import { ImportForm } from '@/modules/imports/ImportForm';
import { ImportProgressCard } from '@/modules/imports/ImportProgressCard';
import { useImportStatus } from '@/modules/imports/imports-api';
import { safetyApi, safetyKeys, useWords, wordsOfFile, type SensitiveWord } from './safety-api';

type AddForm = { lines: string; note?: string };
type Skipped = ResponseOf<'/api/safety/words', 'post'>['skipped'];
type Screened = ResponseOf<'/api/safety/words/test', 'post'>;

const linesOf = (s: string | undefined) => (s ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);

export function WordsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canWrite = hasPerm(me, 'security.write');
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const [skipped, setSkipped] = useState<Skipped>([]);
  const [params, setParams] = useSearchParams();
  const importId = params.get('import');
  const [importing, setImporting] = useState(!!importId);
  const setImportId = (id: string | null) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    if (id) next.set('import', id);
    else next.delete('import');
    return next;
  });
  const list = useWords(q);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;
  const W = (k: keyof typeof import('@/i18n/sections/safety.zh-CN').safetyZh.words.fields) => t(`safety.words.fields.${k}`);

  const remove = async (w: SensitiveWord) => {
    try {
      await safetyApi.removeWord(w.id);
      message.success(t('safety.words.removed', { word: w.word }));
      await queryClient.invalidateQueries({ queryKey: safetyKeys.words });
    } catch (e) {
      message.error(errorText(t, e));
    }
  };

  const columns: ColumnsType<SensitiveWord> = [
    { title: W('word'), dataIndex: 'word', render: (v: string) => <strong className="wrap-anywhere">{v}</strong> },
    { title: W('note'), dataIndex: 'note', render: (v: string | null) => v ?? <span className="muted">—</span> },
    { title: W('createdBy'), dataIndex: 'createdBy', width: 140, responsive: ['md'], render: (v: string | null) => v ?? '—' },
    { title: W('createdAt'), dataIndex: 'createdAt', width: 170, responsive: ['md'], render: (v: string) => <span className="mono">{chinaDateTime(v, false)}</span> },
    ...(canWrite ? [{
      title: W('actions'), key: 'actions', width: 90,
      render: (_: unknown, r: SensitiveWord) => (
        <Popconfirm title={t('safety.words.removeConfirm', { word: r.word })} onConfirm={() => remove(r)} okText={t('safety.words.remove')} cancelText={t('safety.words.cancel')} okButtonProps={{ danger: true }}>
          <Button type="link" size="small" danger aria-label={`${t('safety.words.remove')}：${r.word}`} data-testid="word-remove">{t('safety.words.remove')}</Button>
        </Popconfirm>
      ),
    }] : []),
  ];

  return (
    <>
      <PageHeader
        title={t('safety.words.title')}
        extra={(
          <Space wrap>
            {rows.length > 0 && <ExportButton path="/api/exports/sensitive-words.xlsx" query={q ? { q } : {}} fileName={t('safety.words.exportFile')} testId="words-export" />}
            {canWrite && <Button icon={<FileExcelOutlined aria-hidden />} onClick={() => setImporting(true)} data-testid="words-import">{t('safety.words.excelImport')}</Button>}
            {canWrite && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)} data-testid="words-add">{t('safety.words.add')}</Button>}
          </Space>
        )}
      />
      <Typography.Paragraph type="secondary">{t('safety.words.intro')}</Typography.Paragraph>
      {skipped.length > 0 && (
        <Alert type="warning" showIcon closable onClose={() => setSkipped([])} className="form-alert" style={{ marginBottom: 12 }}
          title={t('safety.words.skippedTitle', { count: skipped.length })}
          description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{skipped.slice(0, 20).map((s, i) => <li key={i}>{s.word}：{s.reason}</li>)}</ul>} />
      )}
      <Card size="small" className="filter-card">
        <Form name="words-filter" layout="inline" role="search" aria-label={t('safety.words.title')} onFinish={(v: { q?: string }) => setQ(v.q?.trim() ?? '')}>
          <Form.Item name="q" label={t('safety.words.q')}><Input allowClear maxLength={50} placeholder={t('safety.words.qPlaceholder')} data-testid="words-q" /></Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>{t('safety.words.search')}</Button>
        </Form>
      </Card>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        : !list.isPending && rows.length === 0 ? <EmptyPanel title={q ? t('safety.words.emptyFound', { q }) : t('safety.words.emptyTitle')} hint={q || !canWrite ? undefined : t('safety.words.emptyHint')} />
        : (
          <Table<SensitiveWord> rowKey="id" size="middle" columns={columns} dataSource={rows} loading={list.isPending} pagination={false}
            onRow={() => ({ 'data-testid': 'word-row' }) as React.HTMLAttributes<HTMLElement>}
            footer={() => <ListFooter loaded={rows.length} total={total} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />} />
        )}
      <TestCard />
      <AddDrawer open={adding} onClose={() => setAdding(false)} onSkipped={setSkipped} />
      {canWrite && <ImportDrawer me={me} open={importing} onClose={() => setImporting(false)} importId={importId} onImportId={setImportId} />}
    </>
  );
}

/** Excel 导入: the platform's import form for this one kind, then the import's progress and row errors. */
function ImportDrawer({ me, open, onClose, importId, onImportId }: { me: Me; open: boolean; onClose: () => void; importId: string | null; onImportId: (id: string | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const status = useImportStatus(importId);
  const finished = status.data?.state === 'succeeded' && (status.data.rowsWritten ?? 0) > 0;
  // The list shows the imported words as soon as the import has written them.
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: safetyKeys.words });
  }, [finished, queryClient]);
  return (
    <Drawer open={open} onClose={onClose} title={t('safety.words.excelImportTitle')} size={screens.md ? 560 : '100%'} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('safety.words.excelImportHint')}</Typography.Paragraph>
      {importId ? (
        <ImportProgressCard key={importId} id={importId} onNew={() => onImportId(null)} />
      ) : (
        <ImportForm me={me} kind="sensitive-words" lockKind onKindChange={() => {}} onStarted={onImportId} />
      )}
    </Drawer>
  );
}

function TestCard() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [result, setResult] = useState<Screened | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    try {
      setResult(await safetyApi.test(text));
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <Card size="small" title={<h2 className="card-h2">{t('safety.words.testTitle')}</h2>} style={{ marginTop: 16 }}>
      <Input.TextArea value={text} onChange={(e) => { setText(e.target.value); setResult(null); }} rows={3} maxLength={5000}
        placeholder={t('safety.words.testPlaceholder')} aria-label={t('safety.words.testTitle')} data-testid="words-test-text" />
      <Space style={{ marginTop: 8 }} wrap>
        <Button onClick={run} disabled={!text.trim()} data-testid="words-test">{t('safety.words.test')}</Button>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Space>
      {result && (
        <div role="status" style={{ marginTop: 8 }} data-testid="words-test-result">
          {result.held ? (
            <>
              <Typography.Text type="danger">{t('safety.words.testHeld', { count: result.matches.length })}</Typography.Text>
              <p className="wrap-anywhere" style={{ margin: '4px 0 0' }}>{highlight(text, result.matches)}</p>
            </>
          ) : <Typography.Text type="success">{t('safety.words.testClean')}</Typography.Text>}
        </div>
      )}
    </Card>
  );
}

/** The text with every match marked (overlapping matches merged). */
export function highlight(text: string, matches: readonly { start: number; end: number }[]) {
  const spans = [...matches].sort((a, b) => a.start - b.start).reduce<{ start: number; end: number }[]>((acc, m) => {
    const last = acc[acc.length - 1];
    if (last && m.start <= last.end) last.end = Math.max(last.end, m.end);
    else acc.push({ start: m.start, end: m.end });
    return acc;
  }, []);
  const out: React.ReactNode[] = [];
  let at = 0;
  spans.forEach((s, i) => {
    if (s.start > at) out.push(text.slice(at, s.start));
    out.push(<mark key={i}>{text.slice(s.start, s.end)}</mark>);
    at = s.end;
  });
  out.push(text.slice(at));
  return out;
}

function AddDrawer({ open, onClose, onSkipped }: { open: boolean; onClose: () => void; onSkipped: (s: Skipped) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<AddForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lines = Form.useWatch('lines', form);
  const screens = Grid.useBreakpoint();

  const save = async (v: AddForm) => {
    setBusy(true);
    setError(null);
    try {
      const res = await safetyApi.addWords(linesOf(v.lines), v.note?.trim() || undefined);
      message.success(t('safety.words.added', { added: res.added }));
      onSkipped(res.skipped);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: safetyKeys.words });
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const readFile = async (file: File) => {
    try {
      const words = wordsOfFile(await file.text());
      form.setFieldValue('lines', [...linesOf(form.getFieldValue('lines')), ...words].join('\n'));
      message.info(t('safety.words.imported', { count: words.length }));
    } catch {
      message.error(t('safety.words.badFile'));
    }
    return false;
  };

  return (
    <Drawer open={open} onClose={onClose} title={t('safety.words.drawerTitle')} size={screens.md ? 520 : '100%'} destroyOnHidden
      footer={<Space className="drawer-footer"><Button onClick={onClose}>{t('safety.words.cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="words-save">{t('safety.words.save')}</Button></Space>}>
      {error && <Alert type="error" showIcon title={error} className="form-alert" role="alert" />}
      <Form name="words-add" form={form} layout="vertical" onFinish={save} disabled={busy}>
        <Form.Item name="lines" label={t('safety.words.lines')} extra={t('safety.words.linesCount', { count: linesOf(lines).length })}
          rules={[{ validator: async (_, v: string | undefined) => { if (!linesOf(v).length) throw new Error(t('safety.words.linesRequired')); } }]}>
          <Input.TextArea rows={10} placeholder={t('safety.words.linesPlaceholder')} data-testid="words-lines" />
        </Form.Item>
        <Form.Item extra={t('safety.words.importHint')}>
          <Upload accept=".txt,.csv,text/plain,text/csv" showUploadList={false} beforeUpload={readFile}>
            <Button icon={<UploadOutlined aria-hidden />}>{t('safety.words.importFile')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item name="note" label={t('safety.words.noteLabel')}>
          <Input maxLength={100} placeholder={t('safety.words.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
