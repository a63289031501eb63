// What the players built on a third-party library (mpegts.js, video.js) share: single-use
// state, first-frame and progress watching, fatal-error handling and the detach order. Each
// subclass loads its library, starts it, and knows how to tear it down.
import { PlayerEmitter } from './emitter.js';
import { resetVideoElement } from './mse-support.js';
import { elementStats } from './player-stats.js';
import { watchVideoProgress } from './progress-watchdog.js';
import { RateWindow } from './stats-math.js';
import type { Player, PlayerErrorCode, PlayerEvent, PlayerEventMap, PlayerState, PlayerStats, Transport } from './types.js';
import { VideoObserver } from './video-observer.js';

export interface WatchTimes {
  stalledAfterMs: number;
  noDataTimeoutMs: number;
  intervalMs?: number;
}

export abstract class LibraryPlayer implements Player {
  private readonly emitter = new PlayerEmitter();
  private state: PlayerState = 'idle';
  private observer: VideoObserver | null = null;
  private stopWatchdog: (() => void) | null = null;
  protected video: HTMLVideoElement | null = null;
  protected readonly bytes = new RateWindow(2000);

  protected abstract readonly transport: Transport;

  /** Load the library and start playing into `video` (check isOver() after any await). */
  protected abstract start(video: HTMLVideoElement): void;

  /** Stop and destroy the library's player; the element is reset afterwards. */
  protected abstract teardownLibrary(): void;

  on<E extends PlayerEvent>(event: E, cb: (payload: PlayerEventMap[E]) => void): () => void {
    return this.emitter.on(event, cb);
  }

  /** Shared attach: state, first-frame observer and progress watchdog, then start(). */
  protected attachWith(video: HTMLVideoElement, times: WatchTimes, onMediaError?: (code: PlayerErrorCode, message: string) => void): void {
    if (this.state !== 'idle') throw new Error(`${this.transport} player.attach: player is ${this.state}; a Player is single-use`);
    this.video = video;
    this.setState('connecting');
    this.observer = new VideoObserver(video, performance.now(), {
      onFirstFrame: (elapsedMs) => {
        this.setState('playing');
        this.emitter.emit('firstFrame', { elapsedMs });
      },
      onStall: () => undefined,
      onMediaError: (code, message) => onMediaError?.(code === 4 ? 'unsupported_codec' : 'decode', message),
    });
    this.stopWatchdog = watchVideoProgress(video, times, {
      onStalled: () => this.state === 'playing' && this.setState('stalled'),
      onResumed: () => this.state === 'stalled' && this.setState('playing'),
      onDead: (ms) => this.fail('no_data', `no new frames for ${Math.round(ms / 1000)} s`),
    });
    this.start(video);
  }

  abstract attach(video: HTMLVideoElement): void;

  detach(): void {
    if (this.state === 'closed') return;
    this.teardown();
    if (this.video) resetVideoElement(this.video);
    this.setState('closed');
    this.emitter.clear();
  }

  stats(): PlayerStats {
    return {
      ...elementStats(this.transport, this.state, this.video, this.observer),
      bitrateBps: this.bytes.perSecond(performance.now()) * 8,
      bytesReceived: Math.round(this.bytes.count),
    };
  }

  protected isOver(): boolean {
    return this.state === 'error' || this.state === 'closed';
  }

  protected fail(code: PlayerErrorCode, message: string): void {
    if (this.isOver()) return;
    // Often called from inside the library's own callback: destroy it after that returns.
    setTimeout(() => this.teardown(), 0);
    this.setState('error');
    this.emitter.emit('error', { code, message, fatal: true });
  }

  private teardown(): void {
    this.stopWatchdog?.();
    this.stopWatchdog = null;
    this.observer?.stop();
    this.teardownLibrary();
  }

  private setState(next: PlayerState): void {
    if (this.state === next) return;
    this.state = next;
    this.emitter.emit('state', next);
  }
}
