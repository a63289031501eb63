// Keeps an MSE live stream at the live edge with ONE mechanism: playback rate slightly above 1
// proportional to the excess buffer, plus a jump when far behind. Pure: the player feeds it
// measurements and applies its decisions.
//
// The signal is the *slack*: buffered.end - currentTime sampled just before a new frame is
// appended. That is how long the new frame will wait before it is shown, i.e. the latency this
// player adds. The minimum slack over a short window is the excess we can safely drain (jitter
// makes single samples noisy; the minimum is what the worst recent frame needed).

export interface LiveEdgeConfig {
  /** Slack to keep when the next frame arrives, ms. Smaller = lower latency, more stalls. */
  targetSlackMs: number;
  /** No rate change while the excess is within this, ms (avoids rate flapping). */
  deadbandMs: number;
  /** Rate boost per second of excess slack: 1.0 means 50 ms excess -> rate 1.05 (drains with a ~1 s time constant). */
  gainPerSecond: number;
  /** Upper bound for the rate; 1.1 is invisible to operators on CCTV motion. */
  maxRate: number;
  /** Window over which the minimum slack is taken, ms. */
  windowMs: number;
  /** Need this many slack samples in the window before speeding up. */
  minSamples: number;
  /** Jump to the live edge when buffered.end - currentTime exceeds this, ms (e.g. after a hidden tab). */
  jumpAboveMs: number;
  /** During start-up (GOP-cache burst) jump much earlier: nobody has seen the old frames yet. */
  startupJumpAboveMs: number;
  startupMs: number;
  /** Each stall within stallMemoryMs widens the target slack by this much, up to stallMarginMaxMs. */
  stallMarginStepMs: number;
  stallMarginMaxMs: number;
  stallMemoryMs: number;
}

export const DEFAULT_LIVE_EDGE: LiveEdgeConfig = {
  targetSlackMs: 15,
  deadbandMs: 10,
  gainPerSecond: 1,
  maxRate: 1.1,
  windowMs: 1500,
  minSamples: 8,
  jumpAboveMs: 500,
  startupJumpAboveMs: 160,
  startupMs: 3000,
  stallMarginStepMs: 10,
  stallMarginMaxMs: 40,
  stallMemoryMs: 30_000,
};

export type LiveEdgeDecision =
  | { kind: 'rate'; rate: number }
  /** Seek so that buffered.end - currentTime becomes `aheadMs`; rate back to 1. */
  | { kind: 'jump'; aheadMs: number };

export interface LiveEdgeInput {
  nowMs: number;
  /** buffered.end - currentTime right now, ms. */
  aheadMs: number;
  /** Current frame interval estimate, ms. */
  frameMs: number;
  /** Time since the first frame was appended, ms. */
  sinceStartMs: number;
}

export class LiveEdgeController {
  readonly config: LiveEdgeConfig;
  private slack: { at: number; ms: number }[] = [];
  private stalls: number[] = [];

  constructor(config: Partial<LiveEdgeConfig> = {}) {
    this.config = { ...DEFAULT_LIVE_EDGE, ...config };
  }

  /** Record the slack seen just before appending a newly arrived frame. */
  noteSlack(nowMs: number, slackMs: number): void {
    this.slack.push({ at: nowMs, ms: slackMs });
    this.forget(nowMs);
  }

  noteStall(nowMs: number): void {
    this.stalls.push(nowMs);
    this.forget(nowMs);
  }

  /** Target slack after widening for recent stalls, ms. */
  marginMs(nowMs: number): number {
    const c = this.config;
    const recent = this.stalls.filter((t) => nowMs - t <= c.stallMemoryMs).length;
    return c.targetSlackMs + Math.min(c.stallMarginMaxMs, recent * c.stallMarginStepMs);
  }

  /** Minimum slack over the window, or null with too few samples. */
  minSlackMs(nowMs: number): number | null {
    const inWindow = this.slack.filter((s) => nowMs - s.at <= this.config.windowMs);
    if (inWindow.length < this.config.minSamples) return null;
    return Math.min(...inWindow.map((s) => s.ms));
  }

  decide(input: LiveEdgeInput): LiveEdgeDecision {
    const c = this.config;
    const margin = this.marginMs(input.nowMs);
    const jumpAbove = input.sinceStartMs < c.startupMs ? c.startupJumpAboveMs : c.jumpAboveMs;
    if (input.aheadMs > jumpAbove + input.frameMs) {
      // Old samples describe the pre-jump buffer; start measuring afresh.
      this.slack = [];
      return { kind: 'jump', aheadMs: margin + input.frameMs };
    }
    const minSlack = this.minSlackMs(input.nowMs);
    if (minSlack === null) return { kind: 'rate', rate: 1 };
    const excessMs = minSlack - margin;
    if (excessMs <= c.deadbandMs) return { kind: 'rate', rate: 1 };
    const rate = Math.min(c.maxRate, 1 + (c.gainPerSecond * excessMs) / 1000);
    return { kind: 'rate', rate: quantizeRate(rate) };
  }

  private forget(nowMs: number): void {
    const keepSlack = this.config.windowMs;
    while (this.slack.length > 0 && nowMs - this.slack[0]!.at > keepSlack) this.slack.shift();
    while (this.stalls.length > 0 && nowMs - this.stalls[0]! > this.config.stallMemoryMs) this.stalls.shift();
  }
}

/** Rates move in 0.01 steps so tiny measurement noise does not touch playbackRate every frame. */
export function quantizeRate(rate: number): number {
  return Math.round(rate * 100) / 100;
}

/**
 * A hole in the buffered ranges (the camera skipped, a fragment was lost) stops MSE playback for
 * good. When currentTime sits in no range, or at the very end of one with a later range waiting,
 * return the start of the next range to seek to; otherwise null.
 */
export function gapSkipTarget(ranges: ReadonlyArray<readonly [number, number]>, currentTime: number, toleranceSec = 0.05): number | null {
  for (let i = 0; i < ranges.length; i++) {
    const [start, end] = ranges[i]!;
    const next = ranges[i + 1];
    if (currentTime < start) return start; // before the first range, or in a hole before this one
    if (currentTime <= end) {
      if (next && end - currentTime <= toleranceSec) return next[0];
      return null;
    }
  }
  return null;
}
