// Resumable upload of a video or a file (F-70; docs/media.md): the file goes up in chunks with a progress bar; a
// broken chunk is retried from the offset the server reports, and choosing the same file again after a reload resumes
// the same upload (its id is kept in localStorage by name, size and date). Then the transcoding is followed until
// the video is ready or has failed.
import { useRef, useState } from 'react';
import { Alert, Button, Progress, Select, Space, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorText } from '@/modules/common/errors';
import { mediaApi, MEDIA_VISIBILITIES, type MediaAsset, type MediaVisibility } from './media-api';

const RETRIES = 5;
const POLL_MS = 2000;
const VIDEO_ACCEPT = '.mp4,.m4v,.mov,.webm,.mkv,.avi,.ts,.flv';
const ACCEPT = `${VIDEO_ACCEPT},.pdf,.docx,.xlsx,.pptx`;

type Phase = { kind: 'idle' } | { kind: 'uploading'; name: string; percent: number; note?: string } | { kind: 'processing'; percent: number }
  | { kind: 'ready' } | { kind: 'failed'; reason: string } | { kind: 'error'; reason: string };

const resumeKey = (f: File) => `dj.media.upload:${f.name}:${f.size}:${f.lastModified}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `videoOnly`: the file chooser offers videos only (a video to pick for a lesson or an episode). */
export function MediaUpload({ onDone, defaultVisibility = 'staff', videoOnly = false }: { onDone?: (asset: MediaAsset) => void; defaultVisibility?: MediaVisibility; videoOnly?: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [visibility, setVisibility] = useState<MediaVisibility>(defaultVisibility);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const busy = phase.kind === 'uploading' || phase.kind === 'processing';

  async function start(file: File) {
    const pct = (n: number) => Math.floor((n / file.size) * 100);
    try {
      let id = localStorage.getItem(resumeKey(file));
      let offset = 0;
      let chunkBytes = 8 * 1024 * 1024;
      let note: string | undefined;
      if (id) {
        try {
          offset = await mediaApi.offset(id);
          note = offset > 0 ? t('media.resumed', { percent: `${pct(offset)}%` }) : undefined;
        } catch { id = null; }
      }
      if (!id) {
        const created = await mediaApi.createUpload({ fileName: file.name, size: file.size, type: file.type || undefined, visibility });
        id = created.id;
        chunkBytes = created.chunkBytes;
        localStorage.setItem(resumeKey(file), id);
      }
      let status: string = 'uploading';
      let failures = 0;
      setPhase({ kind: 'uploading', name: file.name, percent: pct(offset), note });
      while (offset < file.size) {
        try {
          const r = await mediaApi.chunk(id, offset, file.slice(offset, Math.min(file.size, offset + chunkBytes)));
          offset = r.offset;
          status = r.status;
          failures = 0;
          setPhase({ kind: 'uploading', name: file.name, percent: pct(offset), note });
        } catch (e) {
          // A refusal (wrong type, too large…) is final; a network break is retried from the server's offset.
          if (!(e instanceof TypeError) || ++failures > RETRIES) throw e;
          setPhase({ kind: 'uploading', name: file.name, percent: pct(offset), note: t('media.retrying', { n: failures }) });
          await sleep(1000 * 2 ** failures);
          offset = await mediaApi.offset(id).catch(() => offset);
        }
      }
      localStorage.removeItem(resumeKey(file));
      if (status === 'uploading') status = 'processing';
      for (;;) {
        const a = await mediaApi.get(id);
        if (a.status === 'ready') { setPhase({ kind: 'ready' }); onDone?.(a); return; }
        if (a.status === 'failed') { setPhase({ kind: 'failed', reason: a.error ?? '' }); onDone?.(a); return; }
        setPhase({ kind: 'processing', percent: a.progress });
        await sleep(POLL_MS);
      }
    } catch (e) {
      setPhase({ kind: 'error', reason: errorText(t, e) });
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t(videoOnly ? 'media.acceptVideo' : 'media.accept')}</Typography.Paragraph>
      <Space wrap>
        <label htmlFor="media-visibility">{t('media.visibility')}</label>
        <Select<MediaVisibility>
          id="media-visibility"
          value={visibility}
          onChange={setVisibility}
          disabled={busy}
          style={{ minWidth: 180 }}
          options={MEDIA_VISIBILITIES.map((v) => ({ value: v, label: t(`media.visibilities.${v}`) }))}
        />
        <Button type="primary" icon={<UploadOutlined aria-hidden />} disabled={busy} onClick={() => input.current?.click()} data-testid="media-choose">
          {t('media.chooseFile')}
        </Button>
        <input
          ref={input}
          type="file"
          accept={videoOnly ? VIDEO_ACCEPT : ACCEPT}
          hidden
          onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void start(f); }}
          data-testid="media-file"
        />
      </Space>
      {phase.kind === 'uploading' && (
        <div role="status">
          <div>{t('media.uploading', { name: phase.name })}</div>
          <Progress percent={phase.percent} status="active" />
          {phase.note && <Typography.Text type="secondary">{phase.note}</Typography.Text>}
        </div>
      )}
      {phase.kind === 'processing' && (
        <div role="status">
          <div>{t('media.transcoding', { percent: phase.percent })}</div>
          <Progress percent={phase.percent} status="active" strokeColor="#1677ff" />
        </div>
      )}
      {phase.kind === 'ready' && <Alert type="success" showIcon message={t('media.ready')} />}
      {phase.kind === 'failed' && <Alert type="error" showIcon message={t('media.failed', { reason: phase.reason })} />}
      {phase.kind === 'error' && <Alert type="error" showIcon message={t('media.uploadFailed', { reason: phase.reason })} />}
    </Space>
  );
}
