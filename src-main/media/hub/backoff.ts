// Reconnect delays: exponential from 1 s to 30 s with ±20% jitter, so that sources which
// dropped together do not come back in lockstep. Every failed attempt, even one that fails
// instantly, waits the next delay; the ladder only resets after a connection stayed up
// (the source decides how long that is, see source.ts).

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
  /** Relative jitter: 0.2 draws each delay from [0.8, 1.2] x the nominal step (capped at maxMs). */
  jitter?: number;
  /** Uniform [0, 1) source; injectable for tests. */
  random?: () => number;
}

export class ReconnectBackoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly random: () => number;
  private failures = 0;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 1000;
    this.maxMs = options.maxMs ?? 30_000;
    this.factor = options.factor ?? 2;
    this.jitter = options.jitter ?? 0.2;
    this.random = options.random ?? Math.random;
  }

  /** The nominal (un-jittered) delay for the n-th consecutive failure, n from 0. */
  nominal(n: number): number {
    return Math.min(this.maxMs, this.initialMs * this.factor ** n);
  }

  /** Delay before the next attempt; each call counts one more failure. */
  next(): number {
    const base = this.nominal(this.failures);
    this.failures++;
    const jittered = base * (1 + this.jitter * (2 * this.random() - 1));
    return Math.round(Math.min(this.maxMs, jittered));
  }

  /** Consecutive failures counted so far. */
  get attempts(): number {
    return this.failures;
  }

  reset(): void {
    this.failures = 0;
  }
}
