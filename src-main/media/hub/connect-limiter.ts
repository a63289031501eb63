// One limiter shared by all sources: connection attempts are paced one every
// `windowMs / ratePerSec` (110 ms by default), so any window of `windowMs` holds at most
// `ratePerSec` of them and 64 cameras dropping together (switch reboot, NVR restart) come back
// as an even ramp instead of a storm against the NVR. Waiters run in FIFO order.
//
// Why paced and not "10 at once, then wait": the promise (10 attempts in any second) is kept
// where the camera counts them, at its TCP accepts, and those lag our grants by whatever the
// network and the camera's own load add. Ten simultaneous attempts arrive as a clump whose tail
// is late; evenly spaced ones have 100 ms of slack each. The window is 1.1 s, not 1 s, for the
// same reason. (A token bucket, the earlier design, let its burst through on top of the rate:
// up to 19 attempts in the worst second.)

export interface ConnectLimiterOptions {
  /** Attempts allowed in any window of `windowMs` (default 10). */
  ratePerSec?: number;
  /** The window (default 1100 ms: 1 s plus slack for connect jitter). */
  windowMs?: number;
  now?: () => number;
}

interface Waiter {
  run: () => void;
  cancelled: boolean;
}

export class ConnectLimiter {
  private readonly spacingMs: number;
  private readonly now: () => number;
  private lastGrantAt = -Infinity;
  private readonly queue: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private granted = 0;

  constructor(options: ConnectLimiterOptions = {}) {
    const rate = options.ratePerSec ?? 10;
    const windowMs = options.windowMs ?? 1100;
    if (!(rate > 0)) throw new Error('ratePerSec must be positive');
    if (!(windowMs > 0)) throw new Error('windowMs must be positive');
    this.spacingMs = windowMs / rate;
    this.now = options.now ?? Date.now;
  }

  /** Runs `run` as soon as its turn comes (maybe synchronously). Returns a cancel function. */
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
    while (this.queue.length > 0 && this.queue[0].cancelled) this.queue.shift();
    if (this.queue.length === 0 || this.timer) return;
    const wait = this.lastGrantAt + this.spacingMs - this.now();
    if (wait <= 0) {
      const head = this.queue.shift()!;
      this.lastGrantAt = this.now();
      this.granted++;
      head.run();
      if (this.queue.length === 0) return;
    }
    // A timer that fires early (clock granularity) just re-arms for the remainder.
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.pump();
      },
      Math.max(1, Math.ceil(wait > 0 ? wait : this.spacingMs)),
    );
    this.timer.unref?.();
  }
}
