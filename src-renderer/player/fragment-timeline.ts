// Places fragments on the SourceBuffer timeline. We use 'segments' mode, so each fragment lands
// at its own tfdt: true timing survives (frame gaps stay gaps, the gateway clock maps to media
// time). The price is that a timestamp reset upstream would land frames in the past; this class
// detects such jumps and returns a timestampOffset that splices the new timeline onto the old one.
// It also remembers keyframe times so back-buffer trimming cuts at a keyframe (removing mid-GOP
// makes MSE drop every frame up to the next keyframe, including the ones being played).
import type { FragmentInfo } from './fmp4-boxes.js';

export interface PlacedFragment {
  /** Start on the SourceBuffer timeline, seconds (tfdt / timescale + offset). */
  startSec: number;
  endSec: number;
  /** timestampOffset to apply before appending this fragment. */
  timestampOffset: number;
  /** The offset changed for this fragment (a discontinuity was spliced). */
  spliced: boolean;
}

export interface TimelineConfig {
  /** A fragment starting this much before the previous end is a timestamp reset, s. */
  backwardJumpSec: number;
  /** A fragment starting this much after the previous end is a timestamp jump, s. */
  forwardJumpSec: number;
}

export class FragmentTimeline {
  private offset = 0;
  private lastEnd: number | null = null;
  private lastStart: number | null = null;
  private keyframes: number[] = [];
  private frameMsEstimate = 40;
  private lastSampleCount = 1;

  constructor(
    private readonly timescale: number,
    private readonly config: TimelineConfig = { backwardJumpSec: 0.5, forwardJumpSec: 5 },
  ) {}

  place(info: FragmentInfo): PlacedFragment {
    const rawStart = info.baseDecodeTime / this.timescale;
    let start = rawStart + this.offset;
    let spliced = false;
    if (this.lastEnd !== null && (start < this.lastEnd - this.config.backwardJumpSec || start > this.lastEnd + this.config.forwardJumpSec)) {
      this.offset = this.lastEnd - rawStart;
      start = this.lastEnd;
      spliced = true;
    }
    const durationSec = info.durationTicks > 0 ? info.durationTicks / this.timescale : this.frameMsEstimate / 1000;
    if (!spliced && this.lastStart !== null && info.sampleCount > 0) {
      const perFrameMs = ((start - this.lastStart) * 1000) / Math.max(1, this.lastSampleCount);
      // Smooth: a late-stamped frame should not swing the estimate.
      if (perFrameMs > 2 && perFrameMs < 2000) this.frameMsEstimate = this.frameMsEstimate * 0.9 + perFrameMs * 0.1;
    } else if (this.lastStart === null && info.durationTicks > 0 && info.sampleCount > 0) {
      this.frameMsEstimate = (durationSec * 1000) / info.sampleCount;
    }
    const end = start + durationSec;
    if (info.keyframe) this.noteKeyframe(start);
    this.lastStart = start;
    this.lastSampleCount = Math.max(1, info.sampleCount);
    this.lastEnd = end;
    return { startSec: start, endSec: end, timestampOffset: this.offset, spliced };
  }

  /** Estimated frame interval, ms. */
  get frameMs(): number {
    return this.frameMsEstimate;
  }

  get currentOffset(): number {
    return this.offset;
  }

  /** Latest keyframe at or before `sec`, or null. */
  keyframeAtOrBefore(sec: number): number | null {
    let found: number | null = null;
    for (const k of this.keyframes) {
      if (k <= sec) found = k;
      else break;
    }
    return found;
  }

  /**
   * The range to remove so that data from the last keyframe at or before `keepFromSec` stays.
   * It ends 10 ms before that keyframe: float rounding must never take the keyframe itself (MSE
   * would then drop every frame up to the next keyframe, including the ones being played).
   * Null when it would free less than `minGainSec`. Forgets the keyframes it removes.
   */
  trimRange(bufferedStart: number, keepFromSec: number, minGainSec: number): { start: number; end: number } | null {
    const cut = this.keyframeAtOrBefore(keepFromSec);
    if (cut === null || cut - 0.01 <= bufferedStart + minGainSec) return null;
    this.forgetBefore(cut);
    return { start: bufferedStart, end: cut - 0.01 };
  }

  /** Forget keyframes before `sec` (they were trimmed from the SourceBuffer). */
  forgetBefore(sec: number): void {
    const keepFrom = this.keyframes.findIndex((k) => k >= sec);
    this.keyframes = keepFrom < 0 ? [] : this.keyframes.slice(keepFrom);
  }

  private noteKeyframe(sec: number): void {
    // A splice may place a keyframe before an older one; keep the list sorted.
    while (this.keyframes.length > 0 && this.keyframes[this.keyframes.length - 1]! >= sec) this.keyframes.pop();
    this.keyframes.push(sec);
    if (this.keyframes.length > 1000) this.keyframes.shift();
  }
}
