// Reuses <video> elements and caps how many are live at once. Chromium limits live media
// players per renderer process (75 on desktop in some versions); past the cap new players
// silently fail or evict others, so the pool refuses before that and says so.
import { resetVideoElement } from './mse-support.js';

/** Chromium's per-renderer live media player limit we count against. */
export const CHROMIUM_LIVE_PLAYER_CAP = 75;

export interface VideoElementPoolOptions {
  /** Most elements handed out at once. Default 64: headroom under Chromium's 75 for previews etc. */
  cap?: number;
  /** Idle elements kept for reuse. */
  keepIdle?: number;
  /** Element factory (tests; or a different document). */
  create?: () => HTMLVideoElement;
}

export interface PoolCounts {
  live: number;
  idle: number;
  cap: number;
}

export class VideoElementPool {
  readonly cap: number;
  private readonly keepIdle: number;
  private readonly create: () => HTMLVideoElement;
  private readonly live = new Set<HTMLVideoElement>();
  private readonly idle: HTMLVideoElement[] = [];
  private readonly listeners = new Set<(c: PoolCounts) => void>();

  constructor(options: VideoElementPoolOptions = {}) {
    this.cap = Math.min(options.cap ?? 64, CHROMIUM_LIVE_PLAYER_CAP);
    this.keepIdle = options.keepIdle ?? 16;
    this.create = options.create ?? (() => document.createElement('video'));
  }

  /** An element ready for a Player, or null when `cap` elements are already live. */
  acquire(): HTMLVideoElement | null {
    if (this.live.size >= this.cap) return null;
    const el = this.idle.pop() ?? this.fresh();
    this.live.add(el);
    this.changed();
    return el;
  }

  /** Give an element back. Call after Player.detach(); resets it anyway and takes it out of the DOM. */
  release(el: HTMLVideoElement): void {
    if (!this.live.delete(el)) return; // not ours or already released
    resetVideoElement(el); // pause, drop src, load(): the element gives up its media player slot
    el.muted = true;
    el.remove();
    if (this.idle.length < this.keepIdle) this.idle.push(el);
    this.changed();
  }

  get liveCount(): number {
    return this.live.size;
  }

  get idleCount(): number {
    return this.idle.length;
  }

  counts(): PoolCounts {
    return { live: this.live.size, idle: this.idle.length, cap: this.cap };
  }

  /** Notified whenever the counts change (e.g. to show "64/64 players" in a status bar). */
  subscribe(cb: (c: PoolCounts) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Drops idle elements (e.g. when the wall shrinks for good). */
  trimIdle(): void {
    this.idle.length = 0;
    this.changed();
  }

  private fresh(): HTMLVideoElement {
    const el = this.create();
    // A wall tile is muted and inline; muted is what lets play() start without a gesture.
    el.muted = true;
    el.defaultMuted = true;
    el.playsInline = true;
    el.autoplay = false;
    el.controls = false;
    el.preload = 'auto';
    el.disablePictureInPicture = true;
    el.disableRemotePlayback = true;
    return el;
  }

  private changed(): void {
    const c = this.counts();
    for (const cb of [...this.listeners]) cb(c);
  }
}
