// Platform streams (ws-flv, http-flv, MPEG-TS) through mpegts.js 1.8.2, loaded lazily.
// Teardown order matters (mpegts.js issue 181: detached MediaSource objects otherwise linger):
// pause, unload, detachMediaElement, destroy, then empty the element and load().
import type Mpegts from 'mpegts.js';
import { LibraryPlayer } from './library-player.js';
import { buildMpegtsSetup, type MpegtsLatencyOptions, type MpegtsTransport, silenceMpegtsLogging } from './mpegts-config.js';

export interface MpegtsPlayerOptions {
  url: string;
  transport: MpegtsTransport;
  latency?: Partial<MpegtsLatencyOptions>;
  stalledAfterMs?: number;
  noDataTimeoutMs?: number;
}

type MpegtsModule = typeof Mpegts;

export class MpegtsPlayer extends LibraryPlayer {
  private player: Mpegts.Player | null = null;
  private lastStatsAt = 0;
  protected readonly transport: MpegtsTransport;

  constructor(private readonly options: MpegtsPlayerOptions) {
    super();
    this.transport = options.transport;
  }

  attach(video: HTMLVideoElement): void {
    this.attachWith(video, { stalledAfterMs: this.options.stalledAfterMs ?? 1500, noDataTimeoutMs: this.options.noDataTimeoutMs ?? 15_000, intervalMs: 250 }, (code, message) => this.fail(code, message));
  }

  protected start(video: HTMLVideoElement): void {
    import('mpegts.js').then(
      (mod) => this.startWith(mod.default, video),
      (err: unknown) => this.fail('mse_unavailable', `loading mpegts.js failed: ${(err as Error).message}`),
    );
  }

  private startWith(mpegts: MpegtsModule, video: HTMLVideoElement): void {
    if (this.isOver()) return; // detached while the module was loading
    silenceMpegtsLogging(mpegts.LoggingControl);
    if (!mpegts.getFeatureList().mseLivePlayback) return this.fail('mse_unavailable', 'mpegts.js: no MSE live playback here');
    const { mediaDataSource, config } = buildMpegtsSetup(this.options.url, this.options.transport, this.options.latency);
    const player = mpegts.createPlayer(mediaDataSource, config);
    this.player = player;
    player.on(mpegts.Events.ERROR, (type: string, detail: string, info: unknown) => this.onMpegtsError(mpegts, type, detail, info));
    player.on(mpegts.Events.STATISTICS_INFO, (s: Mpegts.MSEPlayerReportStatisticsInfo) => this.onStatistics(s));
    player.on(mpegts.Events.LOADING_COMPLETE, () => this.fail('network', 'the live stream ended (server closed it)'));
    player.attachMediaElement(video);
    player.load();
    const played = player.play();
    if (played) played.catch((err: Error) => console.warn(`player: play() refused (${err.name}); is the element muted?`));
  }

  /** mpegts.js reports speed (KB/s) every ~600 ms; integrate it into a byte counter. */
  private onStatistics(s: Mpegts.MSEPlayerReportStatisticsInfo): void {
    const now = performance.now();
    const dt = this.lastStatsAt ? (now - this.lastStatsAt) / 1000 : 0;
    this.lastStatsAt = now;
    if (typeof s.speed === 'number' && dt > 0) this.bytes.add(now, s.speed * 1024 * dt);
  }

  private onMpegtsError(mpegts: MpegtsModule, type: string, detail: string, info: unknown): void {
    const text = `mpegts.js ${type}/${detail}${describe(info)}`;
    if (type === mpegts.ErrorTypes.NETWORK_ERROR) return this.fail('network', text);
    if (detail === mpegts.ErrorDetails.MEDIA_CODEC_UNSUPPORTED) {
      return this.fail(/hvc|hev|h\.?265|hevc/i.test(text) ? 'h265_unsupported' : 'unsupported_codec', text);
    }
    if (detail === mpegts.ErrorDetails.MEDIA_FORMAT_ERROR || detail === mpegts.ErrorDetails.MEDIA_FORMAT_UNSUPPORTED) return this.fail('protocol', text);
    this.fail('decode', text);
  }

  protected teardownLibrary(): void {
    const p = this.player;
    this.player = null;
    if (!p) return;
    // The order the field notes prescribe; each step may throw on a half-open player.
    for (const step of [() => p.pause(), () => p.unload(), () => p.detachMediaElement(), () => p.destroy()]) {
      try {
        step();
      } catch {
        // keep going: the remaining steps still free resources
      }
    }
  }

}

/** Error info without URLs (they carry the token). */
function describe(info: unknown): string {
  if (!info || typeof info !== 'object') return '';
  const { code, msg } = info as { code?: unknown; msg?: unknown };
  const text = [code, msg].filter((x) => x !== undefined && x !== '').join(' ');
  return text ? `: ${text.replace(/\b(?:wss?|https?):\/\/\S+/gi, '<url>')}` : '';
}
