// The lesson's player. A lesson with an uploaded video (media_asset_id) plays in the media module's VideoPlayer (HLS in
// several qualities through hls.js, Safari's own HLS, or the MP4 the transcoder made); a lesson with only a video
// address (video_url) plays that MP4 in a plain HTML5 <video>. Either reports the playhead with
// onTick({ position, playing }) on play, pause, end and every second while it plays (the lesson page decides when to
// send a heartbeat), so coverage counts the same way.
import { useEffect, useRef } from 'react';
import { VideoPlayer } from '@/modules/media/VideoPlayer';

export interface Tick { position: number; playing: boolean }

export interface LessonVideoProps {
  /** the uploaded video (media module); preferred when present */
  mediaAssetId?: string | null;
  /** an MP4 address, for lessons without an uploaded video */
  src?: string | null;
  poster?: string | null;
  onTick: (t: Tick) => void;
  startAt?: number;
  /** accessible name of the video */
  title?: string;
}

export function LessonVideo({ mediaAssetId, src, poster, onTick, startAt = 0, title }: LessonVideoProps) {
  if (mediaAssetId) {
    return <div data-testid="lesson-video"><VideoPlayer assetId={mediaAssetId} onTick={onTick} title={title} /></div>;
  }
  return src ? <PlainVideo src={src} poster={poster} onTick={onTick} startAt={startAt} title={title} /> : null;
}

function PlainVideo({ src, poster, onTick, startAt, title }: { src: string; poster?: string | null; onTick: (t: Tick) => void; startAt: number; title?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  const tick = useRef(onTick);
  useEffect(() => { tick.current = onTick; }, [onTick]);

  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    const report = () => tick.current({ position: v.currentTime, playing: !v.paused && !v.ended });
    const seekStart = () => { if (startAt > 0 && v.currentTime === 0) v.currentTime = startAt; };
    const timer = window.setInterval(() => { if (!v.paused && !v.ended) report(); }, 1000);
    v.addEventListener('loadedmetadata', seekStart);
    for (const e of ['play', 'pause', 'ended']) v.addEventListener(e, report);
    return () => {
      window.clearInterval(timer);
      v.removeEventListener('loadedmetadata', seekStart);
      for (const e of ['play', 'pause', 'ended']) v.removeEventListener(e, report);
    };
  }, [src, startAt]);

  return (
    <video ref={ref} src={src} poster={poster ?? undefined} controls playsInline preload="metadata" className="lesson-video" data-testid="lesson-video" aria-label={title}>
      <track kind="captions" />
    </video>
  );
}
