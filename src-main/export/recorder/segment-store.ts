// The replay buffer's pictures on local disk: segment files of whole GOPs, an index in memory,
// oldest segments dropped first when the buffer is longer than its duration or bigger than its
// size cap. All file work goes through one queue, so appends, rotation and deletion stay in
// order. A segment an export is reading is pinned and deleted only after the export is done.
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { VideoTrackInfo } from '../../media/types.js';

export interface StoredSample {
  offset: number;
  size: number;
  dts90k: number;
  pts90k: number;
  keyframe: boolean;
  wallMs: number;
}

export interface Segment {
  id: number;
  file: string;
  track: VideoTrackInfo;
  samples: StoredSample[];
  bytes: number;
  pins: number;
  dropped: boolean;
}

export interface SegmentStoreOptions {
  dir: string;
  /** Keep at least this much history (default 5 minutes). */
  keepMs: number;
  /** Never more than this on disk (default 1 GiB); wins over keepMs. */
  maxBytes: number;
  /** Start a new segment at the first keyframe after this long (default 10 s). */
  segmentMs: number;
}

export class SegmentStore {
  private readonly list: Segment[] = [];
  private nextId = 1;
  private queue: Promise<void> = Promise.resolve();
  private handle: { segment: Segment; fh: FileHandle } | undefined;
  private pendingBytes = 0;
  private failure: Error | undefined;

  constructor(private readonly options: SegmentStoreOptions) {}

  async init(): Promise<void> {
    // Leftovers of an earlier run are not evidence of anything: the buffer starts empty.
    await rm(this.options.dir, { recursive: true, force: true });
    await mkdir(this.options.dir, { recursive: true });
  }

  get segments(): readonly Segment[] {
    return this.list;
  }

  get error(): Error | undefined {
    return this.failure;
  }

  /** Bytes accepted but not yet on disk. */
  get unflushedBytes(): number {
    return this.pendingBytes;
  }

  get totalBytes(): number {
    return this.list.reduce((n, s) => n + s.bytes, 0);
  }

  /** Appends one picture; a keyframe may open a new segment (new track, or the segment is long enough). */
  append(track: VideoTrackInfo, bytes: Uint8Array, sample: Omit<StoredSample, 'offset' | 'size'>, onWritten: () => void): void {
    let seg = this.list[this.list.length - 1];
    const rotate = sample.keyframe && (!seg || seg.track !== track || sample.wallMs - seg.samples[0].wallMs >= this.options.segmentMs);
    if (!seg && !sample.keyframe) return; // the buffer starts at a keyframe
    if (rotate) {
      seg = { id: this.nextId++, file: '', track, samples: [], bytes: 0, pins: 0, dropped: false };
      seg.file = path.join(this.options.dir, `segment-${String(seg.id).padStart(6, '0')}.bin`);
      this.list.push(seg);
    }
    seg.samples.push({ ...sample, offset: seg.bytes, size: bytes.length });
    seg.bytes += bytes.length;
    this.enforceLimits();
    this.pendingBytes += bytes.length;
    const target = seg;
    this.enqueue(async () => {
      if (this.handle?.segment !== target) {
        await this.handle?.fh.close();
        this.handle = { segment: target, fh: await open(target.file, 'a') };
      }
      await this.handle.fh.write(bytes);
    }).finally(() => {
      this.pendingBytes -= bytes.length;
      onWritten();
    });
  }

  /** Resolves when everything appended so far is on disk (or failed). */
  flushed(): Promise<void> {
    return this.queue;
  }

  pin(segments: Segment[]): () => void {
    for (const s of segments) s.pins++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const s of segments) {
        s.pins--;
        if (s.dropped && s.pins === 0) this.deleteFile(s);
      }
    };
  }

  async close(): Promise<void> {
    await this.enqueue(async () => {
      await this.handle?.fh.close();
      this.handle = undefined;
    });
  }

  /** Drops oldest segments while the rest still covers keepMs, or while over maxBytes; never the newest. */
  private enforceLimits(): void {
    const { keepMs, maxBytes } = this.options;
    while (this.list.length > 1) {
      const newest = this.list[this.list.length - 1];
      const second = this.list[1];
      const coveredWithout = newest.samples[newest.samples.length - 1].wallMs - second.samples[0].wallMs;
      if (coveredWithout < keepMs && this.totalBytes <= maxBytes) break;
      const oldest = this.list.shift()!;
      oldest.dropped = true;
      if (oldest.pins === 0) this.deleteFile(oldest);
    }
  }

  private deleteFile(segment: Segment): void {
    void this.enqueue(async () => {
      if (this.handle?.segment === segment) {
        await this.handle.fh.close();
        this.handle = undefined;
      }
      await rm(segment.file, { force: true });
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.failure) return;
      try {
        await step();
      } catch (e) {
        this.failure = e as Error;
      }
    });
    this.queue = run;
    return run;
  }
}
