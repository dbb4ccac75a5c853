// Chooses a video of the media library for a lesson, a live event's recording or a TV episode (docs/media.md, "For
// other modules"): a select that searches the videos of the account's subtree by title (GET /api/media?kind=video&q=…,
// keyset pages loaded as the list scrolls), each with its duration and status — only ready videos can be chosen, as
// the server accepts only those — and 上传新视频, which opens the upload and chooses the video once it is transcoded.
// The value is the asset's id (a form control: value / onChange); `onPick` also hears the asset, e.g. for its duration.
import { useMemo, useState } from 'react';
import { Button, Modal, Select, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { StatusTag, type Tone } from '@/modules/common/StatusTag';
import { useDebounced } from '@/modules/common/useDebounced';
import { fmtDuration, mediaApi, mediaKeys, useMediaList, type MediaAsset, type MediaRow, type MediaStatus } from './media-api';
import { MediaUpload } from './MediaUpload';

const TONE: Record<MediaStatus, Tone> = { uploading: 'grey', processing: 'blue', ready: 'green', failed: 'red' };

export interface PickedVideo { id: string; title: string; durationSeconds: number | null }

export interface MediaPickerProps {
  value?: string | null;
  onChange?: (id: string | null) => void;
  /** The chosen video (null when cleared). */
  onPick?: (video: PickedVideo | null) => void;
  id?: string;
  /** Who may watch a video uploaded here (the upload's own choice starts at this). */
  uploadVisibility?: MediaAsset['visibility'];
}

export function MediaPicker({ value, onChange, onPick, id, uploadVisibility = 'staff' }: MediaPickerProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 300);
  const [uploading, setUploading] = useState(false);
  const list = useMediaList({ kind: 'video', ...(q ? { q } : {}) });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  // The current video when it is not among the rows loaded (an edited lesson's): its title, or that it is gone.
  const known = !value || rows.some((r) => r.id === value);
  const current = useQuery({ queryKey: ['media', 'one', value], queryFn: () => mediaApi.get(value!), enabled: !known, retry: false });

  const label = (r: Pick<MediaRow, 'title' | 'durationSeconds'>) => `${r.title}（${fmtDuration(r.durationSeconds)}）`;
  const options = rows.map((r) => ({ value: r.id, label: label(r), row: r, disabled: r.status !== 'ready' }));
  if (value && !known) {
    const a = current.data;
    options.unshift({ value, label: a ? label(a) : current.isError ? t('media.picker.missing', { id: value }) : t('media.picker.loading'), row: a as MediaRow, disabled: false });
  }

  const choose = (v: PickedVideo | null) => {
    onChange?.(v?.id ?? null);
    onPick?.(v);
  };

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
      <Select<string>
        id={id}
        style={{ flex: '1 1 240px', minWidth: 0 }}
        value={value ?? undefined}
        placeholder={t('media.picker.placeholder')}
        allowClear
        showSearch={{ filterOption: false, onSearch: setTyped }}
        loading={list.isFetching}
        onChange={(v) => {
          const r = rows.find((x) => x.id === v);
          choose(v ? { id: v, title: r?.title ?? '', durationSeconds: r?.durationSeconds ?? null } : null);
        }}
        onOpenChange={(open) => { if (!open) setTyped(''); }}
        onPopupScroll={(e) => {
          const el = e.currentTarget;
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - 32 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
        }}
        notFoundContent={list.isFetching ? t('media.picker.loading') : t('media.picker.empty')}
        options={options}
        optionRender={(o) => {
          const r = (o.data as { row?: MediaRow }).row;
          if (!r) return o.label;
          return (
            <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <Typography.Text ellipsis={{ tooltip: r.title }} style={{ flex: '1 1 auto', minWidth: 0 }}>{r.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ flex: 'none' }}>{fmtDuration(r.durationSeconds)}</Typography.Text>
              <span style={{ flex: 'none' }}>
                <StatusTag tone={TONE[r.status]}>{r.status === 'processing' ? `${t('media.statuses.processing')} ${r.progress}%` : t(`media.statuses.${r.status}`)}</StatusTag>
              </span>
            </div>
          );
        }}
        data-testid="media-picker"
      />
      <Button icon={<UploadOutlined aria-hidden />} onClick={() => setUploading(true)} data-testid="media-picker-upload">{t('media.picker.upload')}</Button>
      <Modal open={uploading} title={t('media.picker.upload')} footer={null} onCancel={() => setUploading(false)} destroyOnHidden>
        <MediaUpload
          defaultVisibility={uploadVisibility}
          videoOnly
          onDone={(a) => {
            void qc.invalidateQueries({ queryKey: mediaKeys.all });
            // A failed video or a document stays in the dialog with its reason; a ready video is chosen.
            if (a.kind !== 'video' || a.status !== 'ready') return;
            choose({ id: a.id, title: a.title, durationSeconds: a.durationSeconds });
            setUploading(false);
          }}
        />
      </Modal>
    </div>
  );
}
