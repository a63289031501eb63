// Maps a source's 90 kHz decode times onto an output timeline that starts at 0 for each
// consumer and never runs backwards. A reconnect (clock restarts) or a wild jump re-anchors
// the timeline right after the previous sample, so a player's buffer stays contiguous.
// Gaps below `maxGap90k` (e.g. frames skipped for a slow consumer) are kept as real time.

export interface TimelineOptions {
  /** Duration used for the first sample and after a discontinuity (3600 = 25 fps). */
  nominalDuration90k?: number;
  /** A forward jump larger than this is treated as a discontinuity (default 10 s). */
  maxGap90k?: number;
}

export class DecodeTimeline {
  /** Output of the last advance(): decode time on the output timeline. */
  dts = 0;
  /** Output of the last advance(): pts - dts (composition offset), may be negative. */
  cts = 0;
  /** Output of the last advance(): duration of this sample (delta to the previous sample). */
  duration = 0;

  private readonly nominal: number;
  private readonly maxGap: number;
  private anchor = 0;
  private lastIn = 0;
  private started = false;

  constructor(options: TimelineOptions = {}) {
    this.nominal = Math.max(1, Math.round(options.nominalDuration90k ?? 3600));
    this.maxGap = options.maxGap90k ?? 10 * 90_000;
  }

  /** Places one sample; read the result from dts, cts and duration (no allocation). */
  advance(dts90k: number, pts90k: number): void {
    if (!this.started) {
      this.started = true;
      this.anchor = dts90k;
      this.duration = this.nominal;
    } else {
      const delta = dts90k - this.lastIn;
      if (delta <= 0 || delta > this.maxGap) {
        // Continue one nominal frame after the previous output sample.
        this.anchor = dts90k - (this.dts + this.duration);
        this.duration = this.nominal;
      } else {
        this.duration = delta;
      }
    }
    this.lastIn = dts90k;
    this.dts = dts90k - this.anchor;
    this.cts = pts90k - dts90k;
  }

  /** Forget the history: the next sample starts the timeline at 0 again. */
  reset(): void {
    this.started = false;
    this.dts = 0;
    this.cts = 0;
    this.duration = 0;
  }
}
