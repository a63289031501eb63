// Decides when the page cannot decode its tiles at full rate, from what the players measure each
// second: frames presented on screen against frames received. A decoder that keeps up presents
// what it receives; one that cannot drops frames, stalls and jumps, and presents fewer. Pure:
// the monitor feeds it samples and applies the answer (overload-monitor.ts).
//
// Hysteresis: overloaded after `enterAfter` bad samples in a row. While overloaded only the
// watched tiles play every frame, so the measure cannot say whether the others would fit again;
// two ways back: the wall's demand falls under what the page managed to present when it fell
// behind (fewer tiles: its capacity), or, after `holdMs`, a try at full rate (the machine may have
// been busy with something else). A try that brings the overload back within `relapseMs` doubles
// the next hold, since each try costs the tiles a few seconds of stalls.

export interface TileRates {
  /** Frames presented per second (requestVideoFrameCallback). */
  fps: number;
  /** Frames received per second from the gateway. */
  receivedFps: number;
  /** Already on keyframes only. */
  keyframesOnly: boolean;
}

export interface OverloadConfig {
  /** Presented below this share of received frames, over the tiles at full rate: a bad sample. */
  keepUpRatio: number;
  /** Bad samples in a row before overload (one sample a second). */
  enterAfter: number;
  /** Fewer tiles at full rate than this are never called an overload (one bad camera is not the machine). */
  minTiles: number;
  /** Tiles receiving fewer frames than this per second do not count (nothing to judge). */
  minReceivedFps: number;
  holdMs: number;
  maxHoldMs: number;
  relapseMs: number;
}

export const DEFAULT_OVERLOAD: OverloadConfig = {
  keepUpRatio: 0.8,
  enterAfter: 3,
  minTiles: 4,
  minReceivedFps: 4,
  holdMs: 60_000,
  maxHoldMs: 600_000,
  relapseMs: 30_000,
};

export class OverloadDetector {
  readonly config: OverloadConfig;
  private overloaded = false;
  private strikes = 0;
  private since = 0;
  private tilesAtEntry = 0;
  /** Frames a second the page asked for, and presented, when it fell behind. */
  private demandAtEntry = 0;
  private capacity = 0;
  private hold: number;
  private lastExit: number | undefined;

  constructor(config: Partial<OverloadConfig> = {}) {
    this.config = { ...DEFAULT_OVERLOAD, ...config };
    this.hold = this.config.holdMs;
  }

  get isOverloaded(): boolean {
    return this.overloaded;
  }

  /** How long the current (or next) overload is held before full rate is tried again, ms. */
  get holdMs(): number {
    return this.hold;
  }

  /** One sample of every playing tile; returns whether the page is overloaded now. */
  sample(now: number, tiles: readonly TileRates[]): boolean {
    const c = this.config;
    if (this.overloaded) {
      // Every tile asked about the same share of the demand at entry: fewer tiles, less demand.
      const demand = (this.demandAtEntry * tiles.length) / Math.max(1, this.tilesAtEntry);
      const fits = demand <= c.keepUpRatio * this.capacity;
      if (fits || now - this.since >= this.hold) {
        this.overloaded = false;
        this.strikes = 0;
        this.lastExit = now;
      }
      return this.overloaded;
    }
    const judged = tiles.filter((t) => !t.keyframesOnly && t.receivedFps >= c.minReceivedFps);
    const received = judged.reduce((sum, t) => sum + t.receivedFps, 0);
    const presented = judged.reduce((sum, t) => sum + Math.min(t.fps, t.receivedFps), 0);
    const bad = judged.length >= c.minTiles && presented < c.keepUpRatio * received;
    this.strikes = bad ? this.strikes + 1 : 0;
    if (this.strikes >= c.enterAfter) {
      const relapse = this.lastExit !== undefined && now - this.lastExit < c.relapseMs;
      this.hold = relapse ? Math.min(this.hold * 2, c.maxHoldMs) : c.holdMs;
      this.overloaded = true;
      this.since = now;
      this.tilesAtEntry = tiles.length;
      this.demandAtEntry = received;
      this.capacity = presented;
    }
    return this.overloaded;
  }
}
