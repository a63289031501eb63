// County-platform HLS through video.js (its VHS engine), loaded lazily: it is ~2 MB and most
// walls never need it. No video.js CSS and no UI components: the tile draws its own chrome.
// video.js wraps the element in a <div> and, on dispose, strips and removes it; we put the
// pooled element back exactly where and how it was so the pool can reuse it.
import { PlayerEmitter } from './emitter.js';
import { resetVideoElement } from './mse-support.js';
import { elementStats } from './player-stats.js';
import { watchVideoProgress } from './progress-watchdog.js';
import { RateWindow } from './stats-math.js';
import type { Player, PlayerErrorCode, PlayerEvent, PlayerEventMap, PlayerState, PlayerStats } from './types.js';
import { VideoObserver } from './video-observer.js';

export interface HlsPlayerOptions {
  url: string;
  stalledAfterMs?: number;
  noDataTimeoutMs?: number;
}

/** The few video.js calls we make; its bundled types are much wider than we need. */
interface VjsPlayer {
  el(): HTMLElement;
  on(event: string, cb: () => void): void;
  error(): { code: number; message?: string } | null;
  pause(): void;
  play(): Promise<void> | undefined;
  dispose(): void;
  tech(opts: { IWillNotUseThisInPlugins: true }): { vhs?: { stats?: { mediaBytesTransferred?: number } } } | undefined;
}
type Videojs = (el: HTMLVideoElement, options: object) => VjsPlayer;

interface Snapshot {
  attributes: [string, string][];
  muted: boolean;
}

export class HlsPlayer implements Player {
  private readonly emitter = new PlayerEmitter();
  private state: PlayerState = 'idle';
  private video: HTMLVideoElement | null = null;
  private observer: VideoObserver | null = null;
  private vjs: VjsPlayer | null = null;
  private snapshot: Snapshot | null = null;
  private stopWatchdog: (() => void) | null = null;
  private bytesTimer: ReturnType<typeof setInterval> | null = null;
  private readonly bytes = new RateWindow(2000);

  constructor(private readonly options: HlsPlayerOptions) {}

  on<E extends PlayerEvent>(event: E, cb: (payload: PlayerEventMap[E]) => void): () => void {
    return this.emitter.on(event, cb);
  }

  attach(video: HTMLVideoElement): void {
    if (this.state !== 'idle') throw new Error(`HlsPlayer.attach: player is ${this.state}; a Player is single-use`);
    this.video = video;
    this.snapshot = { attributes: Array.from(video.attributes, (a) => [a.name, a.value]), muted: video.muted };
    this.setState('connecting');
    this.observer = new VideoObserver(video, performance.now(), {
      onFirstFrame: (elapsedMs) => {
        this.setState('playing');
        this.emitter.emit('firstFrame', { elapsedMs });
      },
      onStall: () => undefined,
      onMediaError: () => undefined, // video.js reports the same error with more detail
    });
    this.stopWatchdog = watchVideoProgress(
      video,
      // HLS delivers whole segments: silences of a segment duration are normal.
      { stalledAfterMs: this.options.stalledAfterMs ?? 8000, noDataTimeoutMs: this.options.noDataTimeoutMs ?? 30_000 },
      {
        onStalled: () => this.state === 'playing' && this.setState('stalled'),
        onResumed: () => this.state === 'stalled' && this.setState('playing'),
        onDead: (ms) => this.fail('no_data', `no new frames for ${Math.round(ms / 1000)} s`),
      },
    );
    // Without this video.js injects a <style> element, which the app's CSP (style-src 'self') refuses.
    (window as unknown as { VIDEOJS_NO_DYNAMIC_STYLE?: boolean }).VIDEOJS_NO_DYNAMIC_STYLE = true;
    import('video.js').then(
      (mod) => this.start(mod.default as unknown as Videojs, video),
      (err: unknown) => this.fail('mse_unavailable', `loading video.js failed: ${(err as Error).message}`),
    );
  }

  private start(videojs: Videojs, video: HTMLVideoElement): void {
    if (this.isOver()) return;
    const vjs = videojs(video, {
      controls: false,
      muted: true,
      preload: 'auto',
      children: ['mediaLoader'], // no control bar, spinner, poster, error display...
      liveui: false,
      html5: { vhs: { overrideNative: true, limitRenditionByPlayerDimensions: true }, nativeAudioTracks: false, nativeVideoTracks: false },
      sources: [{ src: this.options.url, type: 'application/x-mpegURL' }],
    });
    this.vjs = vjs;
    const wrapper = vjs.el();
    wrapper.style.width = '100%';
    wrapper.style.height = '100%';
    vjs.on('error', () => {
      const e = vjs.error();
      const code: PlayerErrorCode = e?.code === 2 ? 'network' : e?.code === 4 ? 'unsupported_codec' : 'decode';
      this.fail(code, `video.js error ${e?.code ?? '?'}${e?.message ? `: ${e.message.replace(/https?:\/\/\S+/gi, '<url>')}` : ''}`);
    });
    // VHS only exposes a running byte total; sample it so stats() has a rate.
    this.bytesTimer = setInterval(() => this.sampleBytes(), 1000);
    const played = vjs.play();
    if (played) played.catch((err: Error) => console.warn(`player: play() refused (${err.name}); is the element muted?`));
  }

  detach(): void {
    if (this.state === 'closed') return;
    this.teardown();
    if (this.video) resetVideoElement(this.video);
    this.setState('closed');
    this.emitter.clear();
  }

  stats(): PlayerStats {
    this.sampleBytes();
    return {
      ...elementStats('hls', this.state, this.video, this.observer),
      bitrateBps: this.bytes.perSecond(performance.now()) * 8,
      bytesReceived: this.bytes.count,
    };
  }


  private sampleBytes(): void {
    const transferred = this.vjs?.tech({ IWillNotUseThisInPlugins: true })?.vhs?.stats?.mediaBytesTransferred;
    if (typeof transferred === 'number') this.bytes.record(performance.now(), transferred);
  }

  private teardown(): void {
    if (this.bytesTimer) clearInterval(this.bytesTimer);
    this.bytesTimer = null;
    this.stopWatchdog?.();
    this.stopWatchdog = null;
    this.observer?.stop();
    const vjs = this.vjs;
    this.vjs = null;
    const video = this.video;
    if (!vjs || !video) return;
    const wrapper = vjs.el();
    const parent = wrapper?.parentNode ?? null;
    const next = wrapper?.nextSibling ?? null;
    try {
      vjs.pause();
      vjs.dispose(); // removes the wrapper and the element, clears src, calls load()
    } catch (err) {
      console.warn('player: video.js dispose failed', err);
    }
    this.restoreElement(video, parent, next);
  }

  private restoreElement(video: HTMLVideoElement, parent: Node | null, next: Node | null): void {
    const snap = this.snapshot;
    if (snap) {
      for (const name of video.getAttributeNames()) video.removeAttribute(name);
      for (const [name, value] of snap.attributes) video.setAttribute(name, value);
      video.muted = snap.muted;
    }
    if (parent && !video.isConnected) parent.insertBefore(video, next);
  }

  private isOver(): boolean {
    return this.state === 'error' || this.state === 'closed';
  }

  private fail(code: PlayerErrorCode, message: string): void {
    if (this.isOver()) return;
    setTimeout(() => this.teardown(), 0); // not from inside video.js's own event dispatch
    this.setState('error');
    this.emitter.emit('error', { code, message, fatal: true });
  }

  private setState(next: PlayerState): void {
    if (this.state === next) return;
    this.state = next;
    this.emitter.emit('state', next);
  }
}
