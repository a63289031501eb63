// For players whose bytes we do not see (mpegts.js, video.js): a stream is alive while the
// element's picture keeps advancing. Reports 'stalled' after a short silence and a fatal
// 'no_data' after a long one.

export interface ProgressWatchdogOptions {
  stalledAfterMs: number;
  noDataTimeoutMs: number;
  intervalMs?: number;
}

export interface ProgressWatchdogHooks {
  onStalled(): void;
  onResumed(): void;
  onDead(silentMs: number): void;
}

/** Decides from (time, progress counter) samples; separate from the timer so it can be tested. */
export class ProgressTracker {
  private lastValue = -1;
  private lastChangeAt: number;
  private stalled = false;

  constructor(
    private readonly opts: ProgressWatchdogOptions,
    startedAt: number,
  ) {
    this.lastChangeAt = startedAt;
  }

  /** `progress` is any counter that grows while frames flow (decoded frames + currentTime). */
  sample(now: number, progress: number): 'stalled' | 'resumed' | 'dead' | null {
    if (progress !== this.lastValue) {
      this.lastValue = progress;
      this.lastChangeAt = now;
      if (this.stalled) {
        this.stalled = false;
        return 'resumed';
      }
      return null;
    }
    const silent = now - this.lastChangeAt;
    if (silent > this.opts.noDataTimeoutMs) return 'dead';
    if (!this.stalled && silent > this.opts.stalledAfterMs) {
      this.stalled = true;
      return 'stalled';
    }
    return null;
  }

  silentMs(now: number): number {
    return now - this.lastChangeAt;
  }
}

export function watchVideoProgress(video: HTMLVideoElement, opts: ProgressWatchdogOptions, hooks: ProgressWatchdogHooks): () => void {
  const tracker = new ProgressTracker(opts, performance.now());
  const timer = setInterval(() => {
    const now = performance.now();
    const q = typeof video.getVideoPlaybackQuality === 'function' ? video.getVideoPlaybackQuality().totalVideoFrames : 0;
    switch (tracker.sample(now, q + video.currentTime)) {
      case 'stalled':
        return hooks.onStalled();
      case 'resumed':
        return hooks.onResumed();
      case 'dead':
        return hooks.onDead(tracker.silentMs(now));
      default:
        return;
    }
  }, opts.intervalMs ?? 500);
  return () => clearInterval(timer);
}
