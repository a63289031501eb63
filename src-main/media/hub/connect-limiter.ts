// One limiter shared by all sources: at most `ratePerSec` connection attempts in any sliding
// window, so 64 cameras dropping together (switch reboot, NVR restart) reconnect as a gentle
// ramp instead of a storm against the NVR. Waiters run in FIFO order.
//
// The window is 1.1 s by default, not 1 s: the promise "10 attempts per second" is kept where
// the camera counts them (TCP accepts), and a connect that lands a few milliseconds late must
// not put an 11th accept into some second. A token bucket (the earlier design) allowed its
// burst on top of the rate, i.e. up to 2x the rate in the worst second.

export interface ConnectLimiterOptions {
  /** Attempts allowed in any window of `windowMs` (default 10). */
  ratePerSec?: number;
  /** Length of the sliding window (default 1100 ms: 1 s plus slack for connect jitter). */
  windowMs?: number;
  now?: () => number;
}

interface Waiter {
  run: () => void;
  cancelled: boolean;
}

export class ConnectLimiter {
  private readonly rate: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  /** Grant times inside the current window, oldest first (never more than `rate`). */
  private readonly recent: number[] = [];
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private granted = 0;

  constructor(options: ConnectLimiterOptions = {}) {
    const rate = options.ratePerSec ?? 10;
    if (!(rate >= 1)) throw new Error('ratePerSec must be at least 1');
    this.rate = Math.floor(rate);
    this.windowMs = options.windowMs ?? 1100;
    if (!(this.windowMs > 0)) throw new Error('windowMs must be positive');
    this.now = options.now ?? Date.now;
  }

  /** Runs `run` as soon as the window has room (maybe synchronously). Returns a cancel function. */
  schedule(run: () => void): () => void {
    const waiter: Waiter = { run, cancelled: false };
    this.queue.push(waiter);
    this.pump();
    return () => {
      waiter.cancelled = true;
    };
  }

  /** Attempts waiting for their turn. */
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

  private pump(): void {
    const t = this.now();
    while (this.recent.length > 0 && t - this.recent[0] >= this.windowMs) this.recent.shift();
    while (this.queue.length > 0) {
      const head = this.queue[0];
      if (head.cancelled) {
        this.queue.shift();
        continue;
      }
      if (this.recent.length >= this.rate) break;
      this.queue.shift();
      this.recent.push(t);
      this.granted++;
      head.run();
    }
    if (this.queue.length > 0 && !this.timer) {
      // Room again when the oldest grant in the window leaves it.
      const waitMs = Math.max(1, this.recent[0] + this.windowMs - this.now());
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, waitMs);
      this.timer.unref?.();
    }
  }
}
