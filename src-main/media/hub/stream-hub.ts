// StreamHub: one producer per source key, shared by refcounted consumers. The first
// subscriber starts the pull, the last one leaving stops it after a grace period (so a tile
// re-layout does not reconnect the camera), and a GOP cache lets every new consumer start
// at the latest keyframe at once.
import { ReconnectBackoff, type BackoffOptions } from './backoff.js';
import { ConnectLimiter } from './connect-limiter.js';
import { ConsumerSlot } from './consumer-slot.js';
import type { HubConsumer, HubStatus, SubscribeOptions, Subscription } from './hub-types.js';
import type { ProducerFactory } from './producer.js';
import { HubSource, type SourceBlock } from './source.js';

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
    if (!this.options.limiter) this.limiter.dispose();
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
      onIdle: () => {
        if (this.sources.get(key) === source) this.sources.delete(key);
        if (this.sources.size === 0 && this.watchdog) {
          clearInterval(this.watchdog);
          this.watchdog = undefined;
        }
      },
    });
    return source;
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
