// A token bucket shared by all sources: at most `ratePerSec` connection attempts per second
// (plus a small burst), so 64 cameras dropping together (switch reboot, NVR restart)
// reconnect as a gentle ramp instead of a storm against the NVR. Waiters run in FIFO order.

export interface ConnectLimiterOptions {
  ratePerSec?: number;
  burst?: number;
  now?: () => number;
}

interface Waiter {
  run: () => void;
  cancelled: boolean;
}

export class ConnectLimiter {
  private readonly ratePerMs: number;
  private readonly burst: number;
  private readonly now: () => number;
  private tokens: number;
  private refilledAt: number;
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private granted = 0;

  constructor(options: ConnectLimiterOptions = {}) {
    const rate = options.ratePerSec ?? 10;
    if (!(rate > 0)) throw new Error('ratePerSec must be positive');
    this.ratePerMs = rate / 1000;
    this.burst = Math.max(1, options.burst ?? rate);
    this.now = options.now ?? Date.now;
    this.tokens = this.burst;
    this.refilledAt = this.now();
  }

  /** Runs `run` as soon as a token is free (maybe synchronously). Returns a cancel function. */
  schedule(run: () => void): () => void {
    const waiter: Waiter = { run, cancelled: false };
    this.queue.push(waiter);
    this.pump();
    return () => {
      waiter.cancelled = true;
    };
  }

  /** Attempts waiting for a token. */
  get waiting(): number {
    return this.queue.filter((w) => !w.cancelled).length;
  }

  /** Attempts let through since creation. */
  get grantedTotal(): number {
    return this.granted;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.queue.length = 0;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + (t - this.refilledAt) * this.ratePerMs);
    this.refilledAt = t;
  }

  private pump(): void {
    this.refill();
    while (this.queue.length > 0) {
      const head = this.queue[0];
      if (head.cancelled) {
        this.queue.shift();
        continue;
      }
      if (this.tokens < 1) break;
      this.tokens -= 1;
      this.queue.shift();
      this.granted++;
      head.run();
    }
    if (this.queue.length > 0 && !this.timer) {
      const waitMs = Math.max(1, Math.ceil((1 - this.tokens) / this.ratePerMs));
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, waitMs);
      this.timer.unref?.();
    }
  }
}
