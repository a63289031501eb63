// Writes access units into ffmpeg's stdin without ever buffering more than a fixed number of
// bytes in Node. When ffmpeg falls behind (a slow machine, a huge burst), the unit that would
// exceed the bound is dropped, and so is everything up to the next keyframe: a decoder can
// resume cleanly only there. Drops are counted for diagnostics.
import type { Writable } from 'node:stream';
import type { VideoAccessUnit, VideoTrackInfo } from '../types.js';
import { pipeBytes } from './pipe-input.js';

export interface FeederStats {
  /** Units written to stdin. */
  written: number;
  /** Units dropped because stdin's backlog was full (including the rest of their GOP). */
  dropped: number;
  /** Times writing stopped until the next keyframe. */
  skips: number;
  /** Bytes accepted but not yet taken by ffmpeg. */
  backlogBytes: number;
}

/**
 * Default bound: above the hub's 4 MiB GOP cache, so the GOP a new subscriber receives in one
 * burst always fits; a live stream normally keeps the backlog at a few kilobytes.
 */
export const DEFAULT_MAX_BACKLOG_BYTES = 6 * 1024 * 1024;

export class StdinFeeder {
  private awaitingKeyframe = true;
  private readonly counters = { written: 0, dropped: 0, skips: 0 };

  constructor(
    private readonly stdin: Writable,
    private readonly maxBacklogBytes = DEFAULT_MAX_BACKLOG_BYTES,
  ) {
    // A write after ffmpeg died fails with EPIPE; the process exit reports that attempt's end.
    stdin.on('error', () => undefined);
  }

  /** Writes the unit, or drops it; returns whether it went to ffmpeg (then its timing is expected back). */
  write(unit: VideoAccessUnit, track: VideoTrackInfo): boolean {
    if (this.stdin.destroyed || this.stdin.writableEnded) return false;
    if (this.awaitingKeyframe) {
      if (!unit.keyframe) {
        this.counters.dropped++;
        return false;
      }
      this.awaitingKeyframe = false;
    }
    const bytes = pipeBytes(unit, track);
    if (this.stdin.writableLength + bytes.length > this.maxBacklogBytes) {
      this.counters.skips++;
      this.counters.dropped++;
      this.awaitingKeyframe = true;
      return false;
    }
    // The return value of write() (false above 16 KiB) is not used: the byte bound above is ours.
    this.stdin.write(bytes);
    this.counters.written++;
    return true;
  }

  /** No more input: ffmpeg flushes and exits. */
  end(): void {
    if (!this.stdin.destroyed && !this.stdin.writableEnded) this.stdin.end();
  }

  stats(): FeederStats {
    return { ...this.counters, backlogBytes: this.stdin.writableLength };
  }
}
