// 视频资源 (F-70): the videos and files of the caller's subtree — poster, status (with the transcoding percentage or
// the reason it failed), duration — with upload, preview and delete for those holding media.write. docs/media.md.
import { useState } from 'react';
import { App, Button, Card, Modal, Popconfirm, Progress, Select, Space, Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Me } from '@/api/types';
import { hasPerm } from '@/modules/auth/guards';
import { EmptyPanel } from '@/modules/common/EmptyPanel';
import { ErrorResult } from '@/modules/common/ErrorResult';
import { ListFooter } from '@/modules/common/ListFooter';
import { PageHeader } from '@/modules/common/PageHeader';
import { StatusTag, type Tone } from '@/modules/common/StatusTag';
import { errorText } from '@/modules/common/errors';
import { fmtDateTime } from '@/modules/common/format';
import { fmtBytes, fmtDuration, mediaApi, mediaKeys, useMediaList, type MediaQuery, type MediaRow, type MediaStatus } from './media-api';
import { MediaUpload } from './MediaUpload';
import { VideoPlayer } from './VideoPlayer';

const TONE: Record<MediaStatus, Tone> = { uploading: 'grey', processing: 'blue', ready: 'green', failed: 'red' };
const STATUSES: MediaStatus[] = ['ready', 'processing', 'uploading', 'failed'];

export function MediaPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const canWrite = hasPerm(me, 'media.write');
  const [query, setQuery] = useState<MediaQuery>({});
  const [uploading, setUploading] = useState(false);
  const [preview, setPreview] = useState<MediaRow | null>(null);
  const list = useMediaList(query);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const refresh = () => void qc.invalidateQueries({ queryKey: mediaKeys.all });

  async function remove(r: MediaRow) {
    try {
      await mediaApi.remove(r.id);
      message.success(t('media.deleted'));
      refresh();
    } catch (e) {
      message.error(errorText(t, e));
    }
  }

  const F = (k: 'poster' | 'title' | 'status' | 'duration' | 'visibility' | 'org' | 'createdAt' | 'actions') => t(`media.fields.${k}`);
  const columns: ColumnsType<MediaRow> = [
    {
      title: F('poster'), dataIndex: 'posterUrl', width: 96,
      render: (v: string | null, r) => (v
        ? <img src={v} alt={r.title} width={80} height={45} style={{ objectFit: 'cover', borderRadius: 4, display: 'block' }} loading="lazy" />
        : <div className="muted small" style={{ width: 80, height: 45, background: '#f5f5f5', borderRadius: 4, display: 'grid', placeItems: 'center' }}>{t('media.noPoster')}</div>),
    },
    { title: F('title'), dataIndex: 'title', width: 200, render: (v: string, r) => <><div className="wrap-anywhere">{v}</div><div className="muted small">{t(`media.kinds.${r.kind}`)} · {fmtBytes(r.sizeBytes)}</div></> },
    {
      title: F('status'), dataIndex: 'status', width: 150,
      render: (s: MediaStatus, r) => (
        <>
          {s === 'failed' && r.error ? <Tooltip title={r.error}><span><StatusTag tone={TONE[s]}>{t(`media.statuses.${s}`)}</StatusTag></span></Tooltip> : <StatusTag tone={TONE[s]}>{t(`media.statuses.${s}`)}</StatusTag>}
          {s === 'processing' && <Progress percent={r.progress} size="small" />}
          {s === 'uploading' && <Progress percent={Math.floor((r.receivedBytes / r.sizeBytes) * 100)} size="small" status="normal" />}
          {s === 'failed' && r.error && <div className="small wrap-anywhere" style={{ color: '#A8071A' }}>{r.error}</div>}
        </>
      ),
    },
    { title: F('duration'), dataIndex: 'durationSeconds', width: 80, render: (v: number | null) => <span className="mono">{fmtDuration(v)}</span> },
    { title: F('visibility'), dataIndex: 'visibility', width: 130, render: (v: MediaRow['visibility']) => t(`media.visibilities.${v}`) },
    { title: F('org'), dataIndex: 'orgName', width: 160, ellipsis: true },
    { title: F('createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string, r) => <>{fmtDateTime(v)}<div className="muted small">{r.uploadedByName}</div></> },
    {
      title: F('actions'), key: 'actions', width: 140, fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={0} wrap>
          {r.status === 'ready' && r.kind === 'video' && <Button type="link" size="small" onClick={() => setPreview(r)}>{t('media.preview')}</Button>}
          {canWrite && (
            <Popconfirm title={t('media.deleteConfirm', { title: r.title })} onConfirm={() => remove(r)} okButtonProps={{ danger: true }}>
              <Button type="link" size="small" danger>{t('media.delete')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('media.title')}
        extra={canWrite && (
          <Button type="primary" icon={<UploadOutlined aria-hidden />} onClick={() => setUploading(true)} data-testid="media-upload">{t('media.upload')}</Button>
        )}
      />
      <Card size="small" className="filter-card">
        <Select<MediaStatus | ''>
          aria-label={F('status')}
          value={query.status ?? ''}
          onChange={(v) => setQuery({ ...query, status: v || undefined })}
          style={{ minWidth: 160 }}
          options={[{ value: '', label: t('media.filterAll') }, ...STATUSES.map((s) => ({ value: s, label: t(`media.statuses.${s}`) }))]}
        />
      </Card>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.isPending && rows.length === 0 ? (
        <EmptyPanel title={t('media.emptyTitle')} hint={canWrite ? t('media.emptyHint') : undefined} />
      ) : (
        <Table<MediaRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending}
          pagination={false}
          scroll={{ x: 1010 }}
          onRow={() => ({ 'data-testid': 'media-row' }) as React.HTMLAttributes<HTMLElement>}
          footer={() => <ListFooter loaded={rows.length} hasMore={!!list.hasNextPage} loadingMore={list.isFetchingNextPage} onMore={() => void list.fetchNextPage()} />}
        />
      )}
      <Modal open={uploading} title={t('media.uploadTitle')} onCancel={() => { setUploading(false); refresh(); }} footer={null} destroyOnHidden width={560}>
        <MediaUpload onDone={refresh} />
      </Modal>
      <Modal open={!!preview} title={preview?.title} onCancel={() => setPreview(null)} footer={null} destroyOnHidden width={800}>
        {preview && <VideoPlayer assetId={preview.id} title={preview.title} />}
      </Modal>
    </>
  );
}

