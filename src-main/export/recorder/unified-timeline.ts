// One timeline for a replay buffer across reconnects. Within one RTSP session the 90 kHz
// decode times are exact; a new session starts its clock near 0 again. At such a break
// (backwards, or more than 10 s forward) the timeline continues by the wall-clock time that
// passed, so a reconnect becomes a gap of its real length rather than a jump or an overlap.
const BREAK_AFTER_90K = 10 * 90_000;
const NOMINAL_STEP_90K = 3600;

export interface TimelinePoint {
  /** Unified decode time, 90 kHz, from 0 at the first picture. */
  dts90k: number;
  pts90k: number;
  /** Wall-clock time of this picture (ms since the epoch), on the same scale as the timeline. */
  wallMs: number;
}

export class UnifiedTimeline {
  private last: { sourceDts: number; dts90k: number; receivedAt: number } | undefined;
  private anchor = { dts90k: 0, wallMs: 0 };
  private step = NOMINAL_STEP_90K;

  /** Call when the source restarted (new tracks, reconnect): the next picture re-anchors. */
  markBreak(): void {
    if (this.last) this.last.sourceDts = Number.NaN;
  }

  place(sourceDts: number, sourcePts: number, receivedAt: number): TimelinePoint {
    const prev = this.last;
    let dts: number;
    if (!prev) {
      dts = 0;
      this.anchor = { dts90k: 0, wallMs: receivedAt };
    } else {
      const delta = sourceDts - prev.sourceDts;
      if (delta > 0 && delta <= BREAK_AFTER_90K) {
        dts = prev.dts90k + delta;
        this.step = delta;
      } else {
        dts = prev.dts90k + Math.max(this.step, Math.round((receivedAt - prev.receivedAt) * 90));
        this.anchor = { dts90k: dts, wallMs: receivedAt };
      }
    }
    this.last = { sourceDts, dts90k: dts, receivedAt };
    return { dts90k: dts, pts90k: dts + (sourcePts - sourceDts), wallMs: this.anchor.wallMs + (dts - this.anchor.dts90k) / 90 };
  }
}
