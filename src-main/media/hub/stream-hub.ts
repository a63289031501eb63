// StreamHub: one producer per source key, shared by refcounted consumers. The first
// subscriber starts the pull, the last one leaving stops it after a grace period (so a tile
// re-layout does not reconnect the camera), and a GOP cache lets every new consumer start
// at the latest keyframe at once.
import { ReconnectBackoff, type BackoffOptions } from './backoff.js';
import type { StreamBudget } from './budget.js';
import { ConnectLimiter } from './connect-limiter.js';
import { ConsumerSlot } from './consumer-slot.js';
import type { HubConsumer, HubStatus, SubscribeOptions, Subscription } from './hub-types.js';
import type { ProducerFactory } from './producer.js';
import { HubSource, type SourceBlock, type SourceGate } from './source.js';

export interface StreamHubOptions {
  producerFactory: ProducerFactory;
  /** Keep pulling this long after the last consumer left (default 10 s). */
  graceMs?: number;
  /** Bound of each source's GOP cache (default 4 MiB). */
  gopCacheMaxBytes?: number;
  /** Default bound of a busy consumer's queue (default 2 MiB). */
  consumerQueueMaxBytes?: number;
  /** No media for this long while live -> 'stalled' (default 3 s). */
  stallAfterMs?: number;
  /** No media for this long (connecting or live) -> drop the attempt and reconnect (default 10 s). */
  deadAfterMs?: number;
  /** A connection live for this long resets the backoff ladder (default 10 s). */
  stableAfterMs?: number;
  backoff?: BackoffOptions;
  /** Shared attempt limiter; by default one attempt every 110 ms (at most 10 in any 1.1 s). */
  limiter?: ConnectLimiter;
  /** Per-device stream and bandwidth limits and the transcode cap; absent: no limits. */
  budget?: StreamBudget;
  /** After waiting tiles were told there is room, look again this long after for the rest (default 5 s). */
  budgetRecheckMs?: number;
  /** A source stopped for good (grace over, or made room): a platform can end its play session. */
  onSourceIdle?: (key: string) => void;
  now?: () => number;
}

export interface HubStats {
  sources: number;
  consumers: number;
  gopBytes: number;
  attempts: number;
}

type StatusListener = (status: HubStatus) => void;

export class StreamHub {
  private readonly sources = new Map<string, HubSource>();
  private readonly blocked = new Map<string, SourceBlock>();
  private readonly listeners = new Set<StatusListener>();
  /** Keys the budget refused whose sources are gone: told when there is room again. */
  private readonly refused = new Set<string>();
  private reclaiming = false;
  private recheck: ReturnType<typeof setTimeout> | undefined;
  private readonly limiter: ConnectLimiter;
  private readonly now: () => number;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(private readonly options: StreamHubOptions) {
    this.now = options.now ?? Date.now;
    this.limiter = options.limiter ?? new ConnectLimiter({ now: this.now });
  }

  /** Starts delivering `key` to `consumer` (pulling it if nobody else does). Call the result to unsubscribe. */
  subscribe(key: string, consumer: HubConsumer, opts: SubscribeOptions = {}): Subscription {
    if (this.closed) throw new Error('StreamHub is closed');
    const slot = new ConsumerSlot(consumer, opts.maxQueueBytes ?? this.options.consumerQueueMaxBytes ?? 2 * 1024 * 1024);
    let source = this.sources.get(key);
    if (!source) {
      source = this.createSource(key);
      this.sources.set(key, source);
      this.startWatchdog();
    }
    const owner = source;
    let done = false;
    const unsubscribe = (): void => {
      if (done) return;
      done = true;
      owner.remove(slot);
    };
    owner.add(slot, this.blocked.get(key));
    return Object.assign(unsubscribe, {
      unsubscribe,
      resume: () => slot.resume(),
      skipToKeyframe: () => slot.skipToKeyframe(),
      stats: () => slot.stats(),
    });
  }

  /** Listen to every source's status changes; returns a function that stops listening. */
  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Current status of a source, or undefined when nobody is subscribed to it. */
  status(key: string): HubStatus | undefined {
    return this.sources.get(key)?.status;
  }

  /** Clears an auth or format block and reconnects now: call it after the device of `key` changed. */
  retry(key: string): void {
    this.blocked.delete(key);
    this.sources.get(key)?.retry();
  }

  keys(): string[] {
    return [...this.sources.keys()];
  }

  stats(): HubStats {
    let consumers = 0;
    let gopBytes = 0;
    let attempts = 0;
    for (const s of this.sources.values()) {
      consumers += s.consumerCount;
      gopBytes += s.gopBytes;
      attempts += s.attempts;
    }
    return { sources: this.sources.size, consumers, gopBytes, attempts };
  }

  /** Stops every pull at once (no grace); consumers get 'offline'. */
  close(): void {
    this.closed = true;
    for (const s of this.sources.values()) s.close();
    this.sources.clear();
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = undefined;
    if (this.recheck) clearTimeout(this.recheck);
    this.recheck = undefined;
    if (!this.options.limiter) this.limiter.dispose();
  }

  /** The budget in use (absent: no limits). */
  get budget(): StreamBudget | undefined {
    return this.options.budget;
  }

  /** Device limits changed (edited): parked sources that now fit start, waiting tiles hear it. */
  budgetChanged(): void {
    this.budgetFreed();
  }

  private createSource(key: string): HubSource {
    const o = this.options;
    const source: HubSource = new HubSource({
      key,
      factory: o.producerFactory,
      limiter: this.limiter,
      backoff: new ReconnectBackoff(o.backoff),
      gopCacheMaxBytes: o.gopCacheMaxBytes ?? 4 * 1024 * 1024,
      graceMs: o.graceMs ?? 10_000,
      stallAfterMs: o.stallAfterMs ?? 3000,
      deadAfterMs: o.deadAfterMs ?? 10_000,
      stableAfterMs: o.stableAfterMs ?? 10_000,
      now: this.now,
      onStatus: (st) => {
        for (const l of this.listeners) l(st);
      },
      onBlocked: (block) => this.blocked.set(key, block),
      gate: o.budget ? this.gateFor(key, o.budget) : undefined,
      onIdle: () => {
        const current = this.sources.get(key) === source;
        if (current) this.sources.delete(key);
        if (this.sources.size === 0 && this.watchdog) {
          clearInterval(this.watchdog);
          this.watchdog = undefined;
        }
        if (current) o.onSourceIdle?.(key);
      },
    });
    return source;
  }

  private gateFor(key: string, budget: StreamBudget): SourceGate {
    return {
      admit: () => {
        let verdict = budget.acquire(key);
        if (!verdict.ok && this.reclaimFor(key, budget)) verdict = budget.acquire(key);
        if (verdict.ok) this.refused.delete(key);
        else this.refused.add(key);
        return verdict;
      },
      release: () => {
        budget.release(key);
        if (!this.reclaiming) this.budgetFreed();
      },
      unwatched: () => {
        // Someone of the same device waits (a parked source, or a tile holding a refusal): the
        // unwatched stream gives way now instead of keeping its room through the grace period.
        if (this.someoneWaitsOn(key, budget)) this.sources.get(key)?.stopIfUnwatched();
      },
    };
  }

  /** A parked source or a refused key that the room of `key` could serve. */
  private someoneWaitsOn(key: string, budget: StreamBudget): boolean {
    const transcode = key.endsWith('/x264');
    const group = budget.groupOf(key);
    const shares = (k: string): boolean => (transcode && k.endsWith('/x264')) || (group !== undefined && budget.groupOf(k) === group);
    if ([...this.refused].some(shares)) return true;
    return [...this.sources].some(([k, s]) => s.parked && shares(k));
  }

  /** Stops sources of the same device (or re-encodes) that nobody watches any more; true if any stopped. */
  private reclaimFor(key: string, budget: StreamBudget): boolean {
    const transcode = key.endsWith('/x264');
    const group = budget.groupOf(key);
    let stopped = false;
    this.reclaiming = true;
    try {
      for (const [k, s] of [...this.sources]) {
        if (k === key) continue;
        const same = transcode ? k.endsWith('/x264') : group !== undefined && budget.groupOf(k) === group;
        if (same && s.stopIfUnwatched()) stopped = true;
      }
    } finally {
      this.reclaiming = false;
    }
    return stopped;
  }

  /**
   * Room in the budget: parked sources with viewers start (oldest first); then refused keys without
   * a source hear 'connecting', but only as many as fit, oldest refusal first, so a tile that would
   * be refused again keeps saying why instead of flickering through "connecting".
   */
  private budgetFreed(): void {
    if (this.closed) return;
    const budget = this.options.budget;
    for (const s of [...this.sources.values()]) if (s.parked) s.admitParked();
    const told: string[] = [];
    this.reclaiming = true; // the trial holds below give back without calling in here again
    try {
      for (const key of [...this.refused]) {
        if (this.sources.get(key)?.parked) continue;
        if (this.sources.has(key)) {
          this.refused.delete(key);
          continue;
        }
        if (budget && !budget.acquire(key).ok) continue; // still no room for this one: it keeps waiting
        told.push(key);
      }
      for (const key of told) budget?.release(key);
    } finally {
      this.reclaiming = false;
    }
    const since = this.now();
    for (const key of told) {
      this.refused.delete(key);
      // Nothing pulls it: the tile that asked holds its refusal and opens again on this.
      for (const l of this.listeners) l({ key, state: 'connecting', since });
    }
    // A told tile may never come back (cleared meanwhile): look again later for the others.
    if (told.length > 0 && this.refused.size > 0) this.scheduleRecheck();
  }

  private scheduleRecheck(): void {
    if (this.recheck) return;
    this.recheck = setTimeout(() => {
      this.recheck = undefined;
      this.budgetFreed();
    }, this.options.budgetRecheckMs ?? 5000);
    this.recheck.unref?.();
  }

  private startWatchdog(): void {
    if (this.watchdog) return;
    const period = Math.max(100, Math.min(1000, Math.floor((this.options.stallAfterMs ?? 3000) / 3)));
    this.watchdog = setInterval(() => {
      const t = this.now();
      for (const s of this.sources.values()) s.tick(t);
    }, period);
    this.watchdog.unref?.();
  }
}
