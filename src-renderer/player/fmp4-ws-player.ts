// Skywall's own MSE appender for the gateway's fMP4-over-WebSocket stream (one moof+mdat per
// frame). Each frame is appended the moment it arrives; LiveEdgeController holds the buffer at
// a couple of frames by nudging playbackRate, and jumps when far behind. See docs/player.md.
import { PlayerEmitter } from './emitter.js';
import { isH265CodecString } from './gateway-protocol.js';
import { GatewayStreamReader } from './gateway-stream-reader.js';
import { gapSkipTarget, type LiveEdgeConfig, LiveEdgeController } from './live-edge-controller.js';
import { bufferAheadMs, mp4Mime, pickMediaSource, readRanges, resetVideoElement } from './mse-support.js';
import { SourceBufferQueue } from './source-buffer-queue.js';
import { ArrivalLog, RateWindow, RecentSamples } from './stats-math.js';
import type { Player, PlayerErrorCode, PlayerEvent, PlayerEventMap, PlayerState, PlayerStats } from './types.js';
import { VideoObserver } from './video-observer.js';

export interface Fmp4WsPlayerOptions {
  /** ws://127.0.0.1:<port>/live/<id>?token=... (never logged). */
  url: string;
  liveEdge?: Partial<LiveEdgeConfig>;
  /** Seconds kept behind currentTime; older data is removed every trimIntervalMs. */
  backBufferSec?: number;
  trimIntervalMs?: number;
  /** No media for this long: state 'stalled'. */
  stalledAfterMs?: number;
  /** No media for this long: fatal 'no_data'. */
  noDataTimeoutMs?: number;
  /** Set MediaSource.duration = Infinity (Chromium renders live streams in low-delay mode). */
  infiniteDuration?: boolean;
}

const WATCHDOG_MS = 500;
/** Buffer ahead that is always cut back, even while paused, ms. */
const MAX_AHEAD_WHILE_IDLE_MS = 5000;

export class Fmp4WsPlayer implements Player {
  private readonly emitter = new PlayerEmitter();
  private readonly controller: LiveEdgeController;
  private readonly opts: Required<Omit<Fmp4WsPlayerOptions, 'liveEdge'>>;
  private state: PlayerState = 'idle';
  private video: HTMLVideoElement | null = null;
  private observer: VideoObserver | null = null;
  private ws: WebSocket | null = null;
  private ms: MediaSource | null = null;
  private objectUrl: string | null = null;
  private queue: SourceBufferQueue | null = null;
  private sb: SourceBuffer | null = null;
  private readonly reader = new GatewayStreamReader();
  private pending: { bytes: Uint8Array; offset: number | null }[] = [];
  private started = false;
  private t0 = 0;
  private startedAt = 0;
  private lastDataAt = 0;
  private lastTrimAt = 0;
  private jumps = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private readonly bytes = new RateWindow(2000);
  private readonly arrivals = new ArrivalLog();
  private readonly receiveLatency = new RecentSamples(50);
  private readonly ingestLatency = new RecentSamples(50);

  constructor(options: Fmp4WsPlayerOptions) {
    this.controller = new LiveEdgeController(options.liveEdge);
    this.opts = {
      url: options.url,
      backBufferSec: options.backBufferSec ?? 10,
      trimIntervalMs: options.trimIntervalMs ?? 4000,
      stalledAfterMs: options.stalledAfterMs ?? 2000,
      noDataTimeoutMs: options.noDataTimeoutMs ?? 10_000,
      infiniteDuration: options.infiniteDuration ?? true,
    };
  }

  on<E extends PlayerEvent>(event: E, cb: (payload: PlayerEventMap[E]) => void): () => void {
    return this.emitter.on(event, cb);
  }

  attach(video: HTMLVideoElement): void {
    if (this.state !== 'idle') throw new Error(`Fmp4WsPlayer.attach: player is ${this.state}; a Player is single-use`);
    this.video = video;
    this.t0 = this.lastDataAt = this.lastTrimAt = performance.now();
    this.setState('connecting');
    const choice = pickMediaSource();
    if (!choice) return this.fail('mse_unavailable', 'this environment has no MediaSource');
    this.ms = new choice.ctor();
    if (choice.managed) video.disableRemotePlayback = true;
    this.ms.addEventListener('sourceopen', this.onSourceOpen, { once: true });
    this.objectUrl = URL.createObjectURL(this.ms);
    video.src = this.objectUrl;
    this.observer = new VideoObserver(video, this.t0, {
      onFirstFrame: (elapsedMs) => {
        this.setState('playing');
        this.emitter.emit('firstFrame', { elapsedMs });
      },
      onStall: () => this.controller.noteStall(performance.now()),
      onMediaError: (code, message) => this.fail(code === 4 ? 'unsupported_codec' : 'decode', message),
      onFrame: (f) => this.onPresented(f.mediaTime, f.expectedDisplayTime),
    });
    // Connect in parallel with MediaSource opening: both take a few ms and the first frame needs both.
    const ws = new WebSocket(this.opts.url);
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (ev: MessageEvent) => this.onMessage(ev.data);
    ws.onclose = (ev: CloseEvent) => this.fail('network', `gateway closed the connection (code ${ev.code}${ev.reason ? `: ${ev.reason}` : ''})`);
    this.ws = ws;
    this.watchdog = setInterval(this.tick, WATCHDOG_MS);
  }

  detach(): void {
    if (this.state === 'closed') return;
    this.release();
    if (this.ms && this.sb && this.ms.readyState === 'open') {
      try {
        if (this.sb.updating) this.sb.abort();
        this.ms.removeSourceBuffer(this.sb);
      } catch {
        // the element reset below frees it anyway
      }
    }
    if (this.video) resetVideoElement(this.video);
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = null;
    this.sb = null;
    this.ms = null;
    this.setState('closed');
    this.emitter.clear();
  }

  stats(): PlayerStats {
    const v = this.video;
    const now = performance.now();
    const q = this.observer?.quality() ?? { decoded: 0, dropped: 0 };
    return {
      transport: 'fmp4-ws',
      state: this.state,
      width: v?.videoWidth ?? 0,
      height: v?.videoHeight ?? 0,
      fps: this.observer?.fps(now) ?? 0,
      bitrateBps: this.bytes.perSecond(now) * 8,
      bytesReceived: this.bytes.count,
      bufferAheadMs: v ? bufferAheadMs(v) : 0,
      receiveToDisplayMs: this.receiveLatency.median(),
      ingestToDisplayMs: this.ingestLatency.median(),
      decodedFrames: q.decoded,
      droppedFrames: q.dropped,
      stalls: this.observer?.stalls ?? 0,
      jumps: this.jumps,
      playbackRate: v?.playbackRate ?? 1,
      firstFrameMs: this.observer?.firstFrameMs ?? null,
    };
  }

  /** Internals of the latency loop, for diagnostics overlays and the harness. */
  liveEdgeDebug(): { minSlackMs: number | null; marginMs: number; frameMs: number; coalescedAppends: number; maxCoalesced: number } {
    const now = performance.now();
    return {
      minSlackMs: this.controller.minSlackMs(now),
      marginMs: this.controller.marginMs(now),
      frameMs: this.reader.frameMs,
      coalescedAppends: this.queue?.coalescedAppends ?? 0,
      maxCoalesced: this.queue?.maxCoalesced ?? 0,
    };
  }

  private readonly onSourceOpen = (): void => {
    if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    this.objectUrl = null;
    this.createSourceBuffer();
  };

  private createSourceBuffer(): void {
    const ms = this.ms;
    const facts = this.reader.facts;
    if (!ms || ms.readyState !== 'open' || !facts || this.sb || this.isOver()) return;
    const codec = facts.codec;
    const ctor = ms.constructor as typeof MediaSource;
    if (!ctor.isTypeSupported(mp4Mime(codec))) {
      const h265 = isH265CodecString(codec);
      return this.fail(h265 ? 'h265_unsupported' : 'unsupported_codec', `this platform cannot decode ${codec} through MSE`);
    }
    try {
      this.sb = ms.addSourceBuffer(mp4Mime(codec));
      this.sb.mode = 'segments';
      if (this.opts.infiniteDuration) ms.duration = Infinity;
    } catch (err) {
      return this.fail('unsupported_codec', `addSourceBuffer(${codec}) failed: ${(err as Error).name}`);
    }
    this.queue = new SourceBufferQueue(this.sb, {
      onDone: (kind) => kind === 'append' && this.afterAppend(),
      onQuota: () => this.quotaRange(),
      onError: (kind, message) => this.fail(kind === 'quota' ? 'quota' : 'decode', message),
    });
    for (const p of this.pending) this.queue.append(p.bytes, p.offset);
    this.pending = [];
  }

  private onMessage(data: unknown): void {
    if (this.isOver()) return;
    const now = performance.now();
    if (typeof data === 'string') return this.act(this.reader.text(data), now);
    if (!(data instanceof ArrayBuffer)) return;
    this.lastDataAt = now;
    this.bytes.add(now, data.byteLength);
    if (this.state === 'stalled') this.setState('playing');
    this.act(this.reader.binary(new Uint8Array(data)), now);
  }

  private act(action: ReturnType<GatewayStreamReader['text']>, now: number): void {
    switch (action.kind) {
      case 'fail':
        return this.fail(action.code, action.message);
      case 'facts':
        return this.createSourceBuffer();
      case 'init':
        return this.enqueue(action.bytes, null);
      case 'fragment':
        // Slack seen by this frame: how long it will wait before being shown (the controller's input).
        if (this.started && this.video) this.controller.noteSlack(now, bufferAheadMs(this.video));
        this.arrivals.add({ mediaSec: action.placed.startSec, arrivedMs: now, ingestWallMs: action.ingestWallMs });
        return this.enqueue(action.bytes, action.placed.timestampOffset);
      default:
        return;
    }
  }

  private enqueue(bytes: Uint8Array, offset: number | null): void {
    if (this.queue) this.queue.append(bytes, offset);
    else this.pending.push({ bytes, offset });
  }

  private afterAppend(): void {
    const v = this.video;
    if (!v || this.isOver() || v.buffered.length === 0) return;
    if (!this.started) {
      // First keyframe is in: start exactly there instead of waiting for currentTime 0.
      this.started = true;
      this.startedAt = performance.now();
      v.currentTime = v.buffered.start(0);
      v.play().catch((err: Error) => console.warn(`player: play() refused (${err.name}); is the element muted?`));
      return;
    }
    this.steer(v);
  }

  /** One latency mechanism: rate nudges and, when far behind, a jump. */
  private steer(v: HTMLVideoElement): void {
    if (v.seeking || v.paused) return;
    const now = performance.now();
    const gap = gapSkipTarget(readRanges(v.buffered), v.currentTime);
    if (gap !== null) {
      v.currentTime = gap;
      return;
    }
    const decision = this.controller.decide({
      nowMs: now,
      aheadMs: bufferAheadMs(v),
      frameMs: this.reader.frameMs,
      sinceStartMs: now - this.startedAt,
    });
    if (decision.kind === 'jump') {
      const end = v.buffered.end(v.buffered.length - 1);
      v.currentTime = Math.max(v.buffered.start(v.buffered.length - 1), end - decision.aheadMs / 1000);
      this.jumps++;
      this.setRate(v, 1);
      return;
    }
    this.setRate(v, decision.rate);
  }

  private setRate(v: HTMLVideoElement, rate: number): void {
    if (Math.abs(v.playbackRate - rate) > 0.001) v.playbackRate = rate;
  }

  private onPresented(mediaTime: number, displayAt: number): void {
    const a = this.arrivals.lookup(mediaTime);
    if (!a) return;
    this.receiveLatency.push(displayAt - a.arrivedMs);
    if (a.ingestWallMs !== null) this.ingestLatency.push(performance.timeOrigin + displayAt - a.ingestWallMs);
  }

  private readonly tick = (): void => {
    const now = performance.now();
    const silentMs = now - this.lastDataAt;
    if (silentMs > this.opts.noDataTimeoutMs) return this.fail('no_data', `no media from the gateway for ${Math.round(silentMs / 1000)} s`);
    if (silentMs > this.opts.stalledAfterMs && (this.state === 'playing' || this.state === 'connecting') && this.started) this.setState('stalled');
    this.boundAhead();
    if (now - this.lastTrimAt >= this.opts.trimIntervalMs) {
      this.lastTrimAt = now;
      this.trimBackBuffer();
    }
  };

  /**
   * A paused element (background tab, Chromium's background-video pause) keeps receiving frames
   * and steer() does not run; without this the buffer ahead would grow until the quota error.
   */
  private boundAhead(): void {
    const v = this.video;
    if (!v || !this.started || v.seeking || v.buffered.length === 0) return;
    if (bufferAheadMs(v) <= MAX_AHEAD_WHILE_IDLE_MS) return;
    const last = v.buffered.length - 1;
    v.currentTime = Math.max(v.buffered.start(last), v.buffered.end(last) - 0.1);
    this.jumps++;
  }

  /** Remove data older than backBufferSec, cut at a keyframe so nothing ahead is lost. */
  private trimBackBuffer(): void {
    const v = this.video;
    const timeline = this.reader.fragmentTimeline;
    if (!v || !this.queue || !timeline || v.buffered.length === 0) return;
    const cut = timeline.keyframeAtOrBefore(v.currentTime - this.opts.backBufferSec);
    const start = v.buffered.start(0);
    // 10 ms before the keyframe: float rounding must never take the keyframe itself.
    if (cut !== null && cut - 0.01 > start + 1) {
      this.queue.remove(start, cut - 0.01);
      timeline.forgetBefore(cut);
    }
  }

  private quotaRange(): { start: number; end: number } | null {
    const v = this.video;
    const timeline = this.reader.fragmentTimeline;
    if (!v || !timeline || v.buffered.length === 0) return null;
    const cut = timeline.keyframeAtOrBefore(v.currentTime - 0.5);
    const start = v.buffered.start(0);
    if (cut === null || cut - 0.01 <= start) return null;
    timeline.forgetBefore(cut);
    return { start, end: cut - 0.01 };
  }

  private isOver(): boolean {
    return this.state === 'error' || this.state === 'closed';
  }

  private fail(code: PlayerErrorCode, message: string): void {
    if (this.isOver()) return;
    this.release();
    this.setState('error');
    this.emitter.emit('error', { code, message, fatal: true });
  }

  /** Stops network, timers and listeners; the element keeps its last frame until detach(). */
  private release(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    this.queue?.dispose();
    this.queue = null;
    this.observer?.stop();
    this.ms?.removeEventListener('sourceopen', this.onSourceOpen);
    if (this.ws) {
      this.ws.onmessage = null;
      this.ws.onclose = null;
      if (this.ws.readyState === WebSocket.CONNECTING || this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    }
    this.ws = null;
    this.pending = [];
  }

  private setState(next: PlayerState): void {
    if (this.state === next) return;
    this.state = next;
    this.emitter.emit('state', next);
  }
}
