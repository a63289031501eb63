// One pulled source (camera + profile): owns the current producer, the GOP cache, the
// consumers, the reconnect ladder and the status. The hub creates it on first subscribe and
// drops it when it went idle (last consumer gone + grace period).
import type { StreamState } from '../../common/contract/stream.js';
import { isSkywallError, type ErrorCode } from '../../common/model/errors.js';
import type { MediaSample, TrackInfo } from '../types.js';
import type { ReconnectBackoff } from './backoff.js';
import { refusalParams, type BudgetVerdict } from './budget.js';
import type { ConnectLimiter } from './connect-limiter.js';
import type { ConsumerSlot } from './consumer-slot.js';
import { GopCache } from './gop-cache.js';
import type { HubStatus } from './hub-types.js';
import type { Producer, ProducerError, ProducerFactory, ProducerStatus } from './producer.js';

export interface SourceSettings {
  key: string;
  factory: ProducerFactory;
  limiter: ConnectLimiter;
  backoff: ReconnectBackoff;
  gopCacheMaxBytes: number;
  graceMs: number;
  stallAfterMs: number;
  deadAfterMs: number;
  stableAfterMs: number;
  now: () => number;
  /** Every status change (the hub re-broadcasts it). */
  onStatus: (status: HubStatus) => void;
  /** Credentials refused or format unsupported: the hub remembers it until retry(). */
  onBlocked: (block: SourceBlock) => void;
  /** Grace period over with no consumer: the hub forgets this source. */
  onIdle: () => void;
  /** The stream budget's say before pulling, and the release after; absent: no budget. */
  gate?: SourceGate | undefined;
}

/** A source asks before it pulls and gives back when it stops (media/hub/budget.ts). */
export interface SourceGate {
  admit(): BudgetVerdict;
  release(): void;
  /** The last viewer left a pulling source: a parked one may take its room now instead of after the grace period. */
  unwatched(): void;
}

const NO_RETRY_AUTH: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['auth_failed', 'auth_locked']);

/** Why a source does not retry until the device changes (hub.retry). */
export interface SourceBlock {
  state: 'auth_failed' | 'unsupported';
  errorCode: ErrorCode;
  errorParams?: Record<string, string | number>;
}

function toProducerError(e: unknown): ProducerError {
  if (isSkywallError(e)) return { code: e.code, message: e.message, ...(e.params ? { params: e.params } : {}) };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

export class HubSource {
  private readonly slots = new Set<ConsumerSlot>();
  private readonly gop: GopCache;
  private producer: Producer | undefined;
  private tracks: TrackInfo | undefined;
  private current: HubStatus;
  private active = false;
  private lastSampleAt = 0;
  private liveSince: number | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private cancelScheduled: (() => void) | undefined;
  private attemptCount = 0;
  private sampleCount = 0;
  /** Holds its share of the stream budget. */
  private admitted = false;
  /** Refused by the budget: waits, not pulling, until the hub finds room (admitParked). */
  private parkedNow = false;

  private readonly onTracks = (t: TrackInfo): void => this.handleTracks(t);
  private readonly onSample = (s: MediaSample): void => this.handleSample(s);
  private readonly onProducerStatus = (s: ProducerStatus): void => this.handleProducerStatus(s);

  constructor(private readonly cfg: SourceSettings) {
    this.gop = new GopCache(cfg.gopCacheMaxBytes);
    this.current = { key: cfg.key, state: 'offline', since: cfg.now() };
  }

  get status(): HubStatus {
    return this.current;
  }

  get consumerCount(): number {
    return this.slots.size;
  }

  get attempts(): number {
    return this.attemptCount;
  }

  get gopBytes(): number {
    return this.gop.bytes;
  }

  get parked(): boolean {
    return this.parkedNow;
  }

  /** Adds a consumer; it gets the status, the tracks and the cached GOP at once. */
  add(slot: ConsumerSlot, blockedBy: SourceBlock | undefined): void {
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    slot.joinedAt = this.sampleCount;
    this.slots.add(slot);
    if (!this.active) {
      this.active = true; // the status change below reaches the new slot too
      if (blockedBy) this.setStatus(blockedBy.state, blockedBy);
      else if (this.admit()) this.connect();
    } else {
      slot.status(this.current);
    }
    if (this.tracks) {
      slot.tracks(this.tracks);
      for (const s of this.gop.samples()) slot.offer(s);
    }
  }

  /** Removes a consumer; the last one leaving starts the grace period. */
  remove(slot: ConsumerSlot): void {
    if (!this.slots.delete(slot)) return;
    slot.close();
    if (this.slots.size > 0 || this.graceTimer) return;
    if (this.parkedNow) {
      // Nothing to keep warm: a parked source goes at once, and its tile asks again later.
      this.deactivate();
      this.cfg.onIdle();
      return;
    }
    if (this.admitted) this.cfg.gate?.unwatched();
    if (!this.active || this.slots.size > 0) return; // the room went to a parked source
    this.graceTimer = setTimeout(() => {
      this.graceTimer = undefined;
      if (this.slots.size === 0) {
        this.deactivate();
        this.cfg.onIdle();
      }
    }, this.cfg.graceMs);
    this.graceTimer.unref?.();
  }

  /** Reconnect now with a fresh backoff ladder (credentials changed, operator asked). */
  retry(): void {
    if (!this.active) return;
    this.clearRetry();
    this.stopProducer();
    this.cfg.backoff.reset();
    if (this.admit()) this.connect();
  }

  /** The budget has room again: a parked source with consumers starts pulling. */
  admitParked(): boolean {
    if (!this.active || !this.parkedNow || this.slots.size === 0) return false;
    if (!this.admit()) return false;
    this.connect();
    return true;
  }

  /** A source nobody watches (in its grace period) stops now to make room; false if it is watched. */
  stopIfUnwatched(): boolean {
    if (!this.active || this.slots.size > 0) return false;
    this.deactivate();
    this.cfg.onIdle();
    return true;
  }

  /** Watchdog, called about once a second by the hub. */
  tick(now: number): void {
    if (!this.producer) return;
    const idle = now - this.lastSampleAt;
    if (idle > this.cfg.deadAfterMs) {
      this.fail({ code: 'timeout', message: `no media for ${idle} ms` });
    } else if (this.current.state === 'live' && idle > this.cfg.stallAfterMs) {
      this.setStatus('stalled');
    }
  }

  /** Stops pulling and forgets state; consumers (if any) stay attached. */
  deactivate(): void {
    this.active = false;
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
    this.clearRetry();
    this.stopProducer();
    this.tracks = undefined;
    this.releaseBudget();
    this.parkedNow = false;
    this.setStatus('offline');
  }

  close(): void {
    for (const slot of this.slots) slot.close();
    this.slots.clear();
    this.deactivate();
  }

  private connect(): void {
    this.setStatus('connecting');
    this.cancelScheduled = this.cfg.limiter.schedule(() => {
      this.cancelScheduled = undefined;
      this.launch();
    });
  }

  private launch(): void {
    if (!this.active) return;
    this.attemptCount++;
    this.liveSince = undefined;
    this.lastSampleAt = this.cfg.now();
    let p: Producer;
    try {
      p = this.cfg.factory(this.cfg.key);
    } catch (e) {
      this.fail(toProducerError(e));
      return;
    }
    this.producer = p;
    p.on('tracks', this.onTracks);
    p.on('sample', this.onSample);
    p.on('status', this.onProducerStatus);
    try {
      p.start();
    } catch (e) {
      this.fail(toProducerError(e));
    }
  }

  private handleTracks(t: TrackInfo): void {
    this.tracks = t;
    this.gop.clear();
    for (const slot of this.slots) slot.tracks(t);
  }

  private handleSample(s: MediaSample): void {
    this.lastSampleAt = this.cfg.now();
    if (this.current.state !== 'live') this.markLive();
    this.gop.push(s);
    const seq = ++this.sampleCount;
    // A consumer that subscribed from inside this loop already got `s` with the GOP cache.
    for (const slot of this.slots) if (slot.joinedAt < seq) slot.offer(s);
  }

  private handleProducerStatus(s: ProducerStatus): void {
    if (s.state === 'live') this.markLive();
    else if (s.state === 'stalled') this.setStatus('stalled');
    else if (s.state === 'closed') this.fail(s.error);
  }

  private markLive(): void {
    this.liveSince ??= this.cfg.now();
    this.setStatus('live');
  }

  /** The current attempt is over: decide between retrying, auth_failed and offline. */
  private fail(error: ProducerError | undefined): void {
    const now = this.cfg.now();
    if (this.liveSince !== undefined && now - this.liveSince >= this.cfg.stableAfterMs) this.cfg.backoff.reset();
    this.stopProducer();
    this.gop.clear();
    for (const slot of this.slots) slot.restart();
    if (!this.active) return;
    if (error && NO_RETRY_AUTH.has(error.code)) {
      this.releaseBudget();
      this.block({ state: 'auth_failed', errorCode: error.code });
      return;
    }
    if (error?.code === 'unsupported_format') {
      this.releaseBudget();
      this.block({ state: 'unsupported', errorCode: error.code, ...(error.params ? { errorParams: error.params } : {}) });
      return;
    }
    if (error?.code === 'unsupported_codec') {
      this.releaseBudget();
      this.setStatus('offline', { errorCode: error.code });
      return;
    }
    const delay = this.cfg.backoff.next();
    this.setStatus('reconnecting', error ? { retryInMs: delay, errorCode: error.code } : { retryInMs: delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.active) this.connect();
    }, delay);
    this.retryTimer.unref?.();
  }

  /** Takes the source's share of the budget, or parks it with the reason; true when it may pull. */
  private admit(): boolean {
    const gate = this.cfg.gate;
    if (!gate || this.admitted) return true;
    const verdict = gate.admit();
    if (verdict.ok) {
      this.admitted = true;
      this.parkedNow = false;
      return true;
    }
    this.parkedNow = true;
    this.setStatus('offline', { errorCode: 'over_budget', errorParams: refusalParams(verdict) });
    return false;
  }

  private releaseBudget(): void {
    if (!this.admitted) return;
    this.admitted = false;
    this.cfg.gate?.release();
  }

  private block(b: SourceBlock): void {
    this.cfg.onBlocked(b);
    this.setStatus(b.state, b);
  }

  private stopProducer(): void {
    const p = this.producer;
    if (!p) return;
    this.producer = undefined;
    p.off('tracks', this.onTracks);
    p.off('sample', this.onSample);
    p.off('status', this.onProducerStatus);
    try {
      p.stop();
    } catch {
      // a producer that fails to stop is already gone for us; nothing else to release here
    }
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
  }

  private setStatus(state: StreamState, extra: { retryInMs?: number; errorCode?: ErrorCode; errorParams?: Record<string, string | number> } = {}): void {
    const prev = this.current;
    if (prev.state === state && prev.retryInMs === extra.retryInMs && prev.errorCode === extra.errorCode) return;
    const { retryInMs, errorCode, errorParams } = extra;
    this.current = {
      key: this.cfg.key,
      state,
      ...(retryInMs !== undefined ? { retryInMs } : {}),
      ...(errorCode !== undefined ? { errorCode } : {}),
      ...(errorParams !== undefined ? { errorParams } : {}),
      since: this.cfg.now(),
    };
    for (const slot of this.slots) slot.status(this.current);
    this.cfg.onStatus(this.current);
  }
}
