// County-platform HLS through video.js (its VHS engine), loaded lazily: it is ~2 MB and most
// walls never need it. No video.js CSS and no UI components: the tile draws its own chrome.
// video.js wraps the element in a <div> and, on dispose, strips and removes it; we put the
// pooled element back exactly where and how it was so the pool can reuse it.
import { LibraryPlayer } from './library-player.js';
import type { PlayerErrorCode, PlayerStats } from './types.js';

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

export class HlsPlayer extends LibraryPlayer {
  private vjs: VjsPlayer | null = null;
  private snapshot: Snapshot | null = null;
  private bytesTimer: ReturnType<typeof setInterval> | null = null;
  protected readonly transport = 'hls' as const;

  constructor(private readonly options: HlsPlayerOptions) {
    super();
  }

  attach(video: HTMLVideoElement): void {
    this.snapshot = { attributes: Array.from(video.attributes, (a) => [a.name, a.value]), muted: video.muted };
    // HLS delivers whole segments: silences of a segment duration are normal. Media errors are
    // left to video.js, which reports the same error with more detail.
    this.attachWith(video, { stalledAfterMs: this.options.stalledAfterMs ?? 8000, noDataTimeoutMs: this.options.noDataTimeoutMs ?? 30_000 });
  }

  protected start(video: HTMLVideoElement): void {
    // Without this video.js injects a <style> element, which the app's CSP (style-src 'self') refuses.
    (window as unknown as { VIDEOJS_NO_DYNAMIC_STYLE?: boolean }).VIDEOJS_NO_DYNAMIC_STYLE = true;
    import('video.js').then(
      (mod) => this.startWith(mod.default as unknown as Videojs, video),
      (err: unknown) => this.fail('mse_unavailable', `loading video.js failed: ${(err as Error).message}`),
    );
  }

  private startWith(videojs: Videojs, video: HTMLVideoElement): void {
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

  override stats(): PlayerStats {
    this.sampleBytes();
    return super.stats();
  }


  private sampleBytes(): void {
    const transferred = this.vjs?.tech({ IWillNotUseThisInPlugins: true })?.vhs?.stats?.mediaBytesTransferred;
    if (typeof transferred === 'number') this.bytes.record(performance.now(), transferred);
  }

  protected teardownLibrary(): void {
    if (this.bytesTimer) clearInterval(this.bytesTimer);
    this.bytesTimer = null;
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

}
