// Turns the writer's byte counts into what the progress bar shows: bytes done, speed and time
// remaining. Both passes (write, then read back) count, so the bar does not stall at 100 %
// while the file is being verified. Speed is smoothed over the last few seconds.
import type { ExportProgress } from '../../export/writer/index.js';

export interface ExportProgressView {
  exportId: string;
  phase: 'download' | 'write';
  /** Download phase: recorder time fetched so far, of the span asked for. */
  recordedMs?: number;
  spanMs?: number;
  /** Bytes written plus bytes read back, out of 2 x totalBytes. */
  doneBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  secondsLeft: number;
}

const WINDOW_MS = 3000;

export class ProgressMeter {
  private samples: Array<{ at: number; done: number }> = [];
  private lastEmit = 0;
  private downloadStart: number | undefined;

  constructor(
    private readonly exportId: string,
    private readonly emit: (view: ExportProgressView) => void,
    private readonly now: () => number = Date.now,
    private readonly everyMs = 200,
  ) {}

  /** Recorder downloads: how much of the span has come down; time left from the pace so far. */
  download(recordedMs: number, spanMs: number): void {
    const at = this.now();
    this.downloadStart ??= at;
    if (at - this.lastEmit < this.everyMs) return;
    this.lastEmit = at;
    const pace = recordedMs / Math.max(1, at - this.downloadStart);
    this.emit({
      exportId: this.exportId,
      phase: 'download',
      recordedMs,
      spanMs,
      doneBytes: 0,
      totalBytes: 0,
      bytesPerSecond: 0,
      secondsLeft: pace > 0 ? Math.ceil((spanMs - recordedMs) / pace / 1000) : 0,
    });
  }

  update(p: ExportProgress, force = false): void {
    const at = this.now();
    const done = p.writtenBytes + p.verifiedBytes;
    this.samples.push({ at, done });
    while (this.samples.length > 2 && at - this.samples[0].at > WINDOW_MS) this.samples.shift();
    if (!force && at - this.lastEmit < this.everyMs) return;
    this.lastEmit = at;
    const first = this.samples[0];
    const seconds = (at - first.at) / 1000;
    const bytesPerSecond = seconds > 0 ? Math.round((done - first.done) / seconds) : 0;
    const left = 2 * p.totalBytes - done;
    this.emit({
      exportId: this.exportId,
      phase: 'write',
      doneBytes: done,
      totalBytes: 2 * p.totalBytes,
      bytesPerSecond,
      secondsLeft: bytesPerSecond > 0 ? Math.ceil(left / bytesPerSecond) : 0,
    });
  }
}
