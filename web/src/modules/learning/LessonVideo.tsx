// The lesson's player, behind one small component so that the media module's VideoPlayer (HLS, bitrates) can take
// its place: a plain HTML5 <video> playing an MP4, reporting the playhead with onTick({ position, playing }) on play,
// pause, end and every second while it plays (the lesson page decides when to send a heartbeat).
import { useEffect, useRef } from 'react';

export interface Tick { position: number; playing: boolean }

export function LessonVideo({ src, poster, onTick, startAt = 0 }: { src: string; poster?: string | null; onTick: (t: Tick) => void; startAt?: number }) {
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
    <video ref={ref} src={src} poster={poster ?? undefined} controls playsInline preload="metadata" className="lesson-video" data-testid="lesson-video">
      <track kind="captions" />
    </video>
  );
}
