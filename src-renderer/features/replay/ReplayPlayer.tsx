// The replay over a live tile: the clip in its own <video>, the true time of the picture on
// screen (start of the clip + position; gaps keep their length in the file), how far behind
// live that is, pause/play, one frame back or forward, 10 s back, and 回到直播.
import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t.js';
import { frameIndexAt, positionOfFrame, replayClockText } from './replay-time.js';

export interface LoadedReplay {
  /** blob: URL of the MP4. */
  src: string;
  startMs: number;
  durationMs: number;
  frames: number;
  frameMs: number;
  newestMs: number;
}

export function ReplayPlayer({ clip, asked, onLive }: { clip: LoadedReplay; asked: number; onLive(): void }) {
  const t = useT();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [position, setPosition] = useState(0);
  const [paused, setPaused] = useState(false);
  const [ended, setEnded] = useState(false);
  const [now, setNow] = useState(Date.now());
  // The position of the picture on screen; the media clock may already be past it.
  const presented = useRef(0);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    const v = videoRef.current;
    if (!v) return;
    let frameRequest = 0;
    // The position of the picture actually presented, not of the decoder.
    const onFrame = (_: number, meta: VideoFrameCallbackMetadata) => {
      presented.current = meta.mediaTime;
      setPosition(meta.mediaTime);
      frameRequest = v.requestVideoFrameCallback(onFrame);
    };
    frameRequest = v.requestVideoFrameCallback(onFrame);
    const onSeeked = () => {
      presented.current = v.currentTime;
      setPosition(v.currentTime);
    };
    // Paused, the clock is put on the picture shown, so steps count from what the operator sees.
    const onPause = () => {
      setPaused(true);
      if (!v.ended && !v.seeking) v.currentTime = positionOfFrame(frameIndexAt(presented.current, clip.frameMs), clip.frameMs);
    };
    const onPlay = () => {
      setPaused(false);
      setEnded(false);
    };
    const onEnded = () => setEnded(true);
    v.addEventListener('seeked', onSeeked);
    v.addEventListener('pause', onPause);
    v.addEventListener('play', onPlay);
    v.addEventListener('ended', onEnded);
    v.src = clip.src;
    void v.play().catch(() => setPaused(true));
    return () => {
      v.cancelVideoFrameCallback(frameRequest);
      v.removeEventListener('seeked', onSeeked);
      v.removeEventListener('pause', onPause);
      v.removeEventListener('play', onPlay);
      v.removeEventListener('ended', onEnded);
      v.removeAttribute('src');
      v.load();
    };
  }, [clip.src, clip.frameMs]);

  const video = () => videoRef.current;
  const step = (by: number) => {
    const v = video();
    if (!v) return;
    v.pause();
    const k = Math.min(clip.frames - 1, Math.max(0, frameIndexAt(presented.current, clip.frameMs) + by));
    // Counted as shown at once, so quick steps add up before each seek completes.
    presented.current = positionOfFrame(k, clip.frameMs);
    v.currentTime = presented.current;
  };
  const back10 = () => {
    const v = video();
    if (v) v.currentTime = Math.max(0, v.currentTime - 10);
  };
  const togglePause = () => {
    const v = video();
    if (!v) return;
    if (v.paused) {
      if (v.ended) v.currentTime = 0;
      void v.play();
    } else v.pause();
  };

  const shownMs = Math.round(clip.startMs + position * 1000);
  const behind = Math.max(0, Math.round((now - shownMs) / 1000));
  const heldSeconds = Math.round((clip.newestMs - clip.startMs) / 1000);
  const stop = (e: React.SyntheticEvent) => e.stopPropagation();

  return (
    <div className="sw-replay" data-testid="replay" data-replay-ms={shownMs} data-replay-start-ms={clip.startMs} data-replay-newest-ms={clip.newestMs} data-replay-frame={frameIndexAt(position, clip.frameMs)} data-paused={paused} onDoubleClick={stop}>
      <video ref={videoRef} className="sw-replay-video" muted playsInline data-testid="replay-video" />
      <div className="sw-replay-plate">
        <span className="sw-replay-badge">{t('replay.badge')}</span>
        <span className="sw-replay-clock" data-testid="replay-clock">
          {replayClockText(shownMs)}
        </span>
        <span className="sw-replay-behind" data-testid="replay-behind">
          {t('replay.behind', { n: behind })}
        </span>
        {heldSeconds + 1 < asked && <span className="sw-replay-note">{t('replay.short', { n: heldSeconds })}</span>}
        {ended && <span className="sw-replay-note">{t('replay.ended')}</span>}
      </div>
      <div className="sw-replay-bar" onClick={stop}>
        <button type="button" data-testid="replay-back10" onClick={back10}>
          {t('replay.back10')}
        </button>
        <button type="button" data-testid="replay-step-back" onClick={() => step(-1)}>
          {t('replay.stepBack')}
        </button>
        <button type="button" data-testid="replay-pause" onClick={togglePause}>
          {paused ? t('replay.play') : t('replay.pause')}
        </button>
        <button type="button" data-testid="replay-step-forward" onClick={() => step(1)}>
          {t('replay.stepForward')}
        </button>
        <button type="button" className="sw-replay-live" data-testid="replay-live" onClick={onLive}>
          {t('replay.live')}
        </button>
      </div>
    </div>
  );
}
