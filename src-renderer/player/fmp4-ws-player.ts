// Skywall's own MSE appender for the gateway's fMP4-over-WebSocket stream (one moof+mdat per
// frame). Each frame is appended the moment it arrives; LiveEdgeController holds the buffer at
// a couple of frames by nudging playbackRate, and jumps when far behind. See docs/player.md.
import { PlayerEmitter } from './emitter.js';
import { GatewayStreamReader, type ReaderAction } from './gateway-stream-reader.js';
import { gapSkipTarget, type LiveEdgeConfig, LiveEdgeController } from './live-edge-controller.js';
import { MseSession } from './mse-session.js';
import { bufferAheadMs, readRanges, resetVideoElement } from './mse-support.js';
import { elementStats } from './player-stats.js';
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
  /**
   * No frame presented for this long while frames are expected: state 'stalled'. Measured from
   * what the compositor showed (requestVideoFrameCallback), so a socket that still delivers
   * bytes the decoder cannot show never hides a frozen picture.
   */
  stalledAfterMs?: number;
  /** No media for this long: fatal 'no_data'. */
  noDataTimeoutMs?: number;
  /** Set MediaSource.duration = Infinity (Chromium renders live streams in low-delay mode). */
  infiniteDuration?: boolean;
}

/** Often enough that a stall shows within stalledAfterMs + 250 ms. */
const WATCHDOG_MS = 250;
/** Frames received this soon after the first one are the start-up burst, not the stream's rate, ms. */
const STARTUP_MS = 3000;
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
  private mse: MseSession | null = null;
  private queue: SourceBufferQueue | null = null;
  private readonly reader = new GatewayStreamReader();
  private pending: { bytes: Uint8Array; offset: number | null }[] = [];
  private started = false;
  private t0 = 0;
  private startedAt = 0;
  private lastDataAt = 0;
  /** performance.now() of the last presented frame (rVFC), or of the last data where rVFC is missing. */
  private lastFrameAt = 0;
  private lastTrimAt = 0;
  private jumps = 0;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private readonly bytes = new RateWindow(2000);
  private readonly frames = new RateWindow(2000);
  /** The gateway said it sends keyframes only (the page is overloaded). */
  private keyframesOnly = false;
  /** Start of the last fragment appended, s (SourceBuffer timeline), and the interval between the last two keyframes, ms. */
  private lastFragmentSec: number | null = null;
  private lastKeyframeSec: number | null = null;
  private keyIntervalMs = 0;
  private readonly arrivals = new ArrivalLog();
  private readonly receiveLatency = new RecentSamples(50);
  private readonly ingestLatency = new RecentSamples(50);

  constructor(options: Fmp4WsPlayerOptions) {
    this.controller = new LiveEdgeController(options.liveEdge);
    this.opts = {
      url: options.url,
      backBufferSec: options.backBufferSec ?? 10,
      trimIntervalMs: options.trimIntervalMs ?? 4000,
      stalledAfterMs: options.stalledAfterMs ?? 1500,
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
    this.mse = MseSession.open(video, () => this.createSourceBuffer());
    if (!this.mse) return this.fail('mse_unavailable', 'this environment has no MediaSource');
    this.observer = new VideoObserver(video, this.t0, {
      onFirstFrame: (elapsedMs) => {
        this.setState('playing');
        this.emitter.emit('firstFrame', { elapsedMs });
      },
      onStall: () => this.controller.noteStall(performance.now()),
      onMediaError: (code, message) => this.fail(code === 4 ? 'unsupported_codec' : 'decode', message),
      onFrame: (f) => {
        this.lastFrameAt = performance.now();
        if (this.state === 'stalled') this.setState('playing');
        this.onPresented(f.mediaTime, f.expectedDisplayTime);
      },
    });
    // Connect in parallel with MediaSource opening: both take a few ms and the first frame needs both.
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.opts.url);
    } catch (err) {
      return this.fail('network', `cannot open the gateway socket: ${(err as Error).name}`);
    }
    ws.binaryType = 'arraybuffer';
    ws.onmessage = (ev: MessageEvent) => this.onMessage(ev.data);
    ws.onclose = (ev: CloseEvent) => this.fail('network', `gateway closed the connection (code ${ev.code}${ev.reason ? `: ${ev.reason}` : ''})`);
    this.ws = ws;
    this.watchdog = setInterval(this.tick, WATCHDOG_MS);
  }

  detach(): void {
    if (this.state === 'closed') return;
    this.release();
    this.mse?.close();
    this.mse = null;
    if (this.video) resetVideoElement(this.video);
    this.setState('closed');
    this.emitter.clear();
  }

  stats(): PlayerStats {
    const now = performance.now();
    return {
      ...elementStats('fmp4-ws', this.state, this.video, this.observer),
      bitrateBps: this.bytes.perSecond(now) * 8,
      bytesReceived: this.bytes.count,
      receiveToDisplayMs: this.receiveLatency.median(),
      ingestToDisplayMs: this.ingestLatency.median(),
      jumps: this.jumps,
      receivedFps: this.frames.perSecond(now),
      keyframesOnly: this.keyframesOnly,
      ...(this.reader.facts?.audioCodec ? { audioNotPlayed: this.reader.facts.audioCodec } : {}),
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

  /** Needs both an open MediaSource and the gateway's facts; runs when the later of the two arrives. */
  private createSourceBuffer(): void {
    const facts = this.reader.facts;
    if (!this.mse?.isOpen || !facts || this.queue || this.isOver()) return;
    const created = this.mse.createBuffer(facts.codecString, this.opts.infiniteDuration);
    if (!created.ok) return this.fail(created.code, created.message);
    this.queue = new SourceBufferQueue(created.sb, {
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
    if (!this.observer?.watchesFrames) {
      this.lastFrameAt = now;
      if (this.state === 'stalled') this.setState('playing');
    }
    this.act(this.reader.binary(new Uint8Array(data)), now);
  }

  private act(action: ReaderAction, now: number): void {
    switch (action.kind) {
      case 'fail':
        return this.fail(action.code, action.message);
      case 'facts':
        return this.createSourceBuffer();
      case 'rate':
        this.keyframesOnly = action.keyframesOnly;
        return;
      case 'init':
        return this.enqueue(action.bytes, null);
      case 'fragment':
        // Slack seen by this frame: how long it will wait before being shown (the controller's input).
        if (this.started && this.video) this.controller.noteSlack(now, this.aheadMs(this.video));
        // The start-up burst (the hub's GOP cache, jumped over) is no measure of the decoder: count from after it.
        if (this.started && now - this.startedAt > STARTUP_MS) this.frames.add(now, 1);
        this.noteFragment(action.placed.startSec, action.info.keyframe === true);
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
      aheadMs: this.aheadMs(v),
      frameMs: this.reader.frameMs,
      sinceStartMs: now - this.startedAt,
    });
    if (decision.kind === 'jump') {
      const end = v.buffered.end(v.buffered.length - 1);
      // Keyframes only: the newest keyframe is the live picture, shown from its start.
      const target = this.keyframesOnly && this.lastFragmentSec !== null ? this.lastFragmentSec : end - decision.aheadMs / 1000;
      v.currentTime = Math.max(v.buffered.start(v.buffered.length - 1), target);
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
    if (this.state === 'playing' && now - this.lastFrameAt > this.stallLimitMs()) this.setState('stalled');
    this.boundAhead();
    if (now - this.lastTrimAt >= this.opts.trimIntervalMs) {
      this.lastTrimAt = now;
      this.trimBackBuffer();
    }
  };

  /**
   * How far playback is behind the newest frame, ms. With every frame that is the buffer ahead;
   * with keyframes only, the last keyframe's duration spans its whole GOP (until the next one), so
   * the distance to its start counts: a picture on screen from the newest keyframe is live.
   */
  private aheadMs(v: HTMLVideoElement): number {
    if (!this.keyframesOnly || this.lastFragmentSec === null) return bufferAheadMs(v);
    return Math.max(0, (this.lastFragmentSec - v.currentTime) * 1000);
  }

  private noteFragment(startSec: number, keyframe: boolean): void {
    this.lastFragmentSec = startSec;
    if (!keyframe) return;
    if (this.lastKeyframeSec !== null && startSec > this.lastKeyframeSec) this.keyIntervalMs = (startSec - this.lastKeyframeSec) * 1000;
    this.lastKeyframeSec = startSec;
  }

  /**
   * A slow stream (1 fps) is not stalled between its frames; with keyframes only, neither between
   * two keyframes (a 2 s GOP shows a new picture every 2 s).
   */
  private stallLimitMs(): number {
    // Before two keyframes were seen, a GOP of up to 2 s is not taken for a stall.
    const frameMs = this.keyframesOnly ? Math.max(this.reader.frameMs, this.keyIntervalMs || 2000) : this.reader.frameMs;
    return Math.max(this.opts.stalledAfterMs, 2.5 * frameMs);
  }

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

  /** Remove data older than backBufferSec (from a keyframe on) so memory stays flat for days. */
  private trimBackBuffer(): void {
    const v = this.video;
    if (!v || !this.queue || v.buffered.length === 0) return;
    const range = this.reader.fragmentTimeline?.trimRange(v.buffered.start(0), v.currentTime - this.opts.backBufferSec, 1);
    if (range) this.queue.remove(range.start, range.end);
  }

  /** On QuotaExceededError: everything up to the keyframe before currentTime may go. */
  private quotaRange(): { start: number; end: number } | null {
    const v = this.video;
    if (!v || v.buffered.length === 0) return null;
    return this.reader.fragmentTimeline?.trimRange(v.buffered.start(0), v.currentTime - 0.5, 0) ?? null;
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
