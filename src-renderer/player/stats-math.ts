// Pure arithmetic behind PlayerStats: rates over a sliding window, percentiles, and the
// arrival log that lets the player say how long each frame waited before being shown.

/** Rate of a monotonically increasing counter (bytes, frames) over the last windowMs. */
export class RateWindow {
  private samples: { at: number; total: number }[] = [];
  private total = 0;

  constructor(private readonly windowMs = 2000) {}

  /** Add `amount` to the counter at time `at` (ms). */
  add(at: number, amount: number): void {
    this.total += amount;
    this.record(at, this.total);
  }

  /** Record an absolute counter value (e.g. presentedFrames) at time `at` (ms). */
  record(at: number, total: number): void {
    this.total = total;
    this.samples.push({ at, total });
    // Keep one sample older than the window so the rate spans the whole window.
    while (this.samples.length > 2 && at - this.samples[1]!.at >= this.windowMs) this.samples.shift();
  }

  get count(): number {
    return this.total;
  }

  /** Units per second over the window ending at `now`; 0 with less than two samples or when idle past the window. */
  perSecond(now: number): number {
    const last = this.samples[this.samples.length - 1];
    if (!last || this.samples.length < 2) return 0;
    // A stream that went silent has rate 0, not its last known rate.
    if (now - last.at > this.windowMs) return 0;
    const first = this.samples[0]!;
    const spanMs = Math.max(now, last.at) - first.at;
    if (spanMs <= 0) return 0;
    return ((last.total - first.total) * 1000) / spanMs;
  }
}

/** Nearest-rank percentile (p in 0..100); null for an empty list. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Arrival {
  /** Start of the fragment on the SourceBuffer timeline, seconds. */
  mediaSec: number;
  /** performance.now() when its bytes reached this renderer. */
  arrivedMs: number;
  /** Date.now()-based time the gateway received it from the camera, when the gateway tells. */
  ingestWallMs: number | null;
}

/**
 * Remembers when each fragment arrived, keyed by its media time (seconds on the SourceBuffer
 * timeline). When requestVideoFrameCallback reports a presented frame's mediaTime, lookup()
 * finds its arrival. Bounded: old entries fall off.
 */
export class ArrivalLog {
  private entries: Arrival[] = [];

  constructor(private readonly capacity = 256) {}

  add(entry: Arrival): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** The arrival of the frame at mediaSec (within toleranceSec), searching newest first. */
  lookup(mediaSec: number, toleranceSec = 0.002): Arrival | null {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i]!;
      if (Math.abs(e.mediaSec - mediaSec) <= toleranceSec) return e;
      if (e.mediaSec < mediaSec - 1) break; // entries are in media order; nothing older can match
    }
    return null;
  }

  clear(): void {
    this.entries = [];
  }
}

/** Keeps the last N latency samples and reports their median. */
export class RecentSamples {
  private values: number[] = [];

  constructor(private readonly capacity = 50) {}

  push(v: number): void {
    this.values.push(v);
    if (this.values.length > this.capacity) this.values.shift();
  }

  median(): number | null {
    return percentile(this.values, 50);
  }

  clear(): void {
    this.values = [];
  }
}

/**
 * Wall-clock (Date.now() ms) at which the gateway received the frame with decode time `dts`,
 * from the gateway's latest {dts, wallMs} pair. Assumes the media clock runs at wall speed.
 */
export function ingestWallMs(clock: { dts: number; wallMs: number }, dts: number, timescale: number): number {
  return clock.wallMs + ((dts - clock.dts) * 1000) / timescale;
}
