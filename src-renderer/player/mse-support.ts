// Small MediaSource helpers shared by the appender and the codec probe.

export interface MediaSourceChoice {
  ctor: typeof MediaSource;
  /** ManagedMediaSource: needs disableRemotePlayback on the element. */
  managed: boolean;
}

/**
 * MediaSource first: Chromium/Electron has it, and the browser-managed variant may evict
 * buffered data and asks pages to pause appending ('endstreaming'), which a live wall must not
 * do. ManagedMediaSource only where plain MediaSource is missing (iOS Safari).
 */
export function pickMediaSource(scope: object = globalThis): MediaSourceChoice | null {
  const g = scope as { MediaSource?: typeof MediaSource; ManagedMediaSource?: typeof MediaSource };
  if (typeof g.MediaSource === 'function') return { ctor: g.MediaSource, managed: false };
  if (typeof g.ManagedMediaSource === 'function') return { ctor: g.ManagedMediaSource, managed: true };
  return null;
}

export function mp4Mime(codec: string): string {
  return `video/mp4; codecs="${codec}"`;
}

export type Ranges = Array<[number, number]>;

export function readRanges(tr: TimeRanges): Ranges {
  const out: Ranges = [];
  for (let i = 0; i < tr.length; i++) out.push([tr.start(i), tr.end(i)]);
  return out;
}

/** buffered.end of the last range minus currentTime, ms (0 when nothing is buffered). */
export function bufferAheadMs(video: HTMLVideoElement): number {
  const b = video.buffered;
  if (b.length === 0) return 0;
  return Math.max(0, (b.end(b.length - 1) - video.currentTime) * 1000);
}

/** Puts the element back to empty: no src, no decoder, no player slot held. */
export function resetVideoElement(video: HTMLVideoElement): void {
  try {
    video.pause();
  } catch {
    // a detached or already-reset element may refuse; nothing to undo
  }
  video.removeAttribute('src');
  video.srcObject = null;
  video.load();
  video.playbackRate = 1;
  video.defaultPlaybackRate = 1;
}
