// Watches one <video> for what every player reports the same way: first frame, presented-frame
// rate, stalls, decode errors, decoded/dropped counters. Uses requestVideoFrameCallback where
// available (it fires when a frame goes to the compositor, which is what the operator sees).
import { RateWindow } from './stats-math.js';

export interface PresentedFrame {
  /** Presentation timestamp of the frame, seconds (SourceBuffer timeline). */
  mediaTime: number;
  /** performance.now()-based time at which the frame is expected to be visible. */
  expectedDisplayTime: number;
}

export interface VideoObserverHooks {
  onFirstFrame(elapsedMs: number): void;
  onStall(): void;
  onMediaError(code: number, message: string): void;
  /** Every presented frame (rVFC only). Keep it cheap: it runs per frame per tile. */
  onFrame?(frame: PresentedFrame): void;
}

const MEDIA_ERR_NAMES: Record<number, string> = { 1: 'aborted', 2: 'network', 3: 'decode', 4: 'src_not_supported' };

export class VideoObserver {
  private readonly fpsWindow = new RateWindow(2000);
  private readonly fallbackFrames = new RateWindow(2000);
  private rvfcHandle: number | null = null;
  private firstFrameAt: number | null = null;
  private stopped = false;
  stalls = 0;

  constructor(
    private readonly video: HTMLVideoElement,
    /** performance.now() at attach(). */
    private readonly t0: number,
    private readonly hooks: VideoObserverHooks,
  ) {
    video.addEventListener('waiting', this.onWaiting);
    video.addEventListener('error', this.onError);
    if (typeof video.requestVideoFrameCallback === 'function') {
      this.rvfcHandle = video.requestVideoFrameCallback(this.onVideoFrame);
    } else {
      video.addEventListener('loadeddata', this.onLoadedData);
    }
  }

  /** True while presented frames are reported one by one (requestVideoFrameCallback). */
  get watchesFrames(): boolean {
    return this.rvfcHandle !== null;
  }

  get firstFrameMs(): number | null {
    return this.firstFrameAt === null ? null : this.firstFrameAt - this.t0;
  }

  /** Presented (rVFC) or decoded (quality counters) frames per second. */
  fps(now: number): number {
    if (this.rvfcHandle !== null) return this.fpsWindow.perSecond(now);
    this.fallbackFrames.record(now, this.quality().decoded);
    return this.fallbackFrames.perSecond(now);
  }

  quality(): { decoded: number; dropped: number } {
    const q = typeof this.video.getVideoPlaybackQuality === 'function' ? this.video.getVideoPlaybackQuality() : null;
    return { decoded: q?.totalVideoFrames ?? 0, dropped: q?.droppedVideoFrames ?? 0 };
  }

  stop(): void {
    this.stopped = true;
    this.video.removeEventListener('waiting', this.onWaiting);
    this.video.removeEventListener('error', this.onError);
    this.video.removeEventListener('loadeddata', this.onLoadedData);
    if (this.rvfcHandle !== null && typeof this.video.cancelVideoFrameCallback === 'function') {
      this.video.cancelVideoFrameCallback(this.rvfcHandle);
    }
    this.rvfcHandle = null;
  }

  private markFirstFrame(at: number): void {
    if (this.firstFrameAt !== null) return;
    this.firstFrameAt = at;
    this.hooks.onFirstFrame(at - this.t0);
  }

  private readonly onVideoFrame = (now: DOMHighResTimeStamp, meta: VideoFrameCallbackMetadata): void => {
    if (this.stopped) return;
    this.rvfcHandle = this.video.requestVideoFrameCallback(this.onVideoFrame);
    this.fpsWindow.record(now, meta.presentedFrames);
    this.markFirstFrame(meta.expectedDisplayTime);
    this.hooks.onFrame?.({ mediaTime: meta.mediaTime, expectedDisplayTime: meta.expectedDisplayTime });
  };

  private readonly onLoadedData = (): void => {
    this.markFirstFrame(performance.now());
  };

  private readonly onWaiting = (): void => {
    // Seeks (start-up, live-edge jumps) also fire 'waiting'; those are ours, not stalls.
    if (this.firstFrameAt === null || this.video.seeking) return;
    this.stalls++;
    this.hooks.onStall();
  };

  private readonly onError = (): void => {
    const err = this.video.error;
    if (!err) return;
    const name = MEDIA_ERR_NAMES[err.code] ?? `code_${err.code}`;
    this.hooks.onMediaError(err.code, `media element error ${name}${err.message ? `: ${err.message}` : ''}`);
  };
}
