// Maps ffmpeg's output pictures back to the input pictures they came from. The raw H.264 that
// ffmpeg writes has no timestamps, but it keeps one output picture per input picture, in
// presentation order (-bf 0, passthrough timing). So output N takes the timing of the N-th input
// in presentation order: the earliest pts still waiting (for cameras without B-frames, simply
// the oldest entry). The output then carries the camera's pts and its arrival time, which keeps
// latency accounting honest (it includes the time spent in ffmpeg).

export interface InputTiming {
  pts90k: number;
  /** Date.now() when the source received the picture. */
  receivedAt: number;
}

/** More than this in flight means ffmpeg dropped pictures (a damaged input): forget the oldest. */
const MAX_IN_FLIGHT = 600;

export class TimingQueue {
  private entries: InputTiming[] = [];

  /** An input picture went to ffmpeg. */
  push(timing: InputTiming): void {
    this.entries.push(timing);
    if (this.entries.length > MAX_IN_FLIGHT) this.entries.shift();
  }

  /** Timing of the next output picture; undefined if ffmpeg emitted more pictures than it got. */
  take(): InputTiming | undefined {
    if (this.entries.length === 0) return undefined;
    let best = 0;
    for (let i = 1; i < this.entries.length; i++) if (this.entries[i]!.pts90k < this.entries[best]!.pts90k) best = i;
    return this.entries.splice(best, 1)[0];
  }

  get size(): number {
    return this.entries.length;
  }
}
