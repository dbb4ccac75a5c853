// The video player (F-70; docs/media.md): HLS with several qualities where the browser needs hls.js (loaded only
// then, its own chunk, never in the first load), Safari's own HLS, or the MP4. `onTick` hears the playhead every
// second while playing (and once when it stops), so a lesson can send learning heartbeats.
import { useEffect, useRef, useState } from 'react';
import { Alert, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { mediaApi } from './media-api';

export interface VideoSources { hls?: string | null; mp4?: string | null; poster?: string | null }
export interface PlayerTick { position: number; playing: boolean }

export interface VideoPlayerProps {
  /** The asset to play (its sources are asked from /api/media/{id}/player), or… */
  assetId?: string;
  /** …its sources as another module already has them. */
  sources?: VideoSources;
  onTick?: (t: PlayerTick) => void;
  /** Accessible name of the video element. */
  title?: string;
  autoPlay?: boolean;
}

const HLS_TYPE = 'application/vnd.apple.mpegurl';

export function VideoPlayer({ assetId, sources, onTick, title, autoPlay }: VideoPlayerProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const tick = useRef(onTick);
  tick.current = onTick;
  const [loaded, setLoaded] = useState<VideoSources | null>(sources ?? null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (sources) { setLoaded(sources); return; }
    if (!assetId) return;
    let live = true;
    mediaApi.player(assetId).then((p) => { if (live) setLoaded(p.sources); }, () => { if (live) setFailed(true); });
    return () => { live = false; };
  }, [assetId, sources]);

  // Attach the source: native HLS (Safari, iOS), hls.js where Media Source Extensions exist, else the MP4.
  useEffect(() => {
    const el = video.current;
    if (!el || !loaded) return;
    let destroy: (() => void) | undefined;
    let cancelled = false;
    const mp4 = () => { if (loaded.mp4) el.src = loaded.mp4; else setFailed(true); };
    if (loaded.hls && el.canPlayType(HLS_TYPE)) el.src = loaded.hls;
    else if (loaded.hls) {
      void import('hls.js').then(({ default: Hls }) => {
        if (cancelled) return;
        if (!Hls.isSupported()) return mp4();
        const hls = new Hls({ capLevelToPlayerSize: true, enableWorker: false }) // no worker: the CSP allows no blob: scripts;
        hls.on(Hls.Events.ERROR, (_e, data) => {
          if (!data.fatal) return;
          hls.destroy();
          mp4();
        });
        hls.loadSource(loaded.hls!);
        hls.attachMedia(el);
        destroy = () => hls.destroy();
      }, mp4);
    } else mp4();
    return () => { cancelled = true; destroy?.(); el.removeAttribute('src'); el.load(); };
  }, [loaded]);

  // The playhead every second while playing, and once on pause or end.
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const report = () => tick.current?.({ position: el.currentTime, playing: !el.paused && !el.ended });
    const start = () => { clearInterval(timer); report(); timer = setInterval(report, 1000); };
    const stop = () => { clearInterval(timer); timer = undefined; report(); };
    el.addEventListener('playing', start);
    el.addEventListener('pause', stop);
    el.addEventListener('ended', stop);
    return () => {
      clearInterval(timer);
      el.removeEventListener('playing', start);
      el.removeEventListener('pause', stop);
      el.removeEventListener('ended', stop);
    };
  }, []);

  if (failed) return <Alert type="error" showIcon message={t('media.playerError')} />;
  return (
    <div className="video-player" style={{ position: 'relative', width: '100%', aspectRatio: '16 / 9', background: '#000' }}>
      {!loaded && <Spin style={{ position: 'absolute', inset: 0, margin: 'auto', height: 32 }} />}
      <video
        ref={video}
        controls
        playsInline
        preload="metadata"
        autoPlay={autoPlay}
        poster={loaded?.poster ?? undefined}
        aria-label={title}
        style={{ width: '100%', height: '100%', display: 'block' }}
        onError={() => { if (loaded && !loaded.hls) setFailed(true); }}
        data-testid="video-player"
      />
    </div>
  );
}
