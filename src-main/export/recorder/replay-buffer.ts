// The replay buffer of one watched stream: a hub consumer that keeps the last N minutes
// (default 5) of video on local disk in segments, oldest dropped first, with a size cap.
// When the disk falls behind it returns false to the hub, which queues (bounded) and skips to
// the next keyframe if the backlog grows too large; we resume it once the backlog drains.
import type { HubConsumer, HubStatus, StreamHub, Subscription } from '../../media/hub/index.js';
import type { MediaSample, TrackInfo, VideoTrackInfo } from '../../media/types.js';
import { sampleBytes } from '../mux/sample-bytes.js';
import { SegmentStore, type Segment, type SegmentStoreOptions } from './segment-store.js';
import { UnifiedTimeline } from './unified-timeline.js';

export interface ReplayBufferOptions extends Partial<Omit<SegmentStoreOptions, 'dir'>> {
  hub: StreamHub;
  /** Hub source key, e.g. `cam7:main`. */
  key: string;
  /** Local folder for this stream's segments (emptied at start). */
  dir: string;
  /** Above this many unwritten bytes the buffer tells the hub it is busy (default 4 MiB). */
  highWaterBytes?: number;
}

export interface ReplayBufferStats {
  segments: number;
  bytes: number;
  pictures: number;
  /** Wall-clock span held, ms. */
  spanMs: number;
  skips: number;
  dropped: number;
  error?: string;
}

/** A piece of the buffer pinned for export: its pictures in order, read from the segment files. */
export interface BufferedRange {
  track: VideoTrackInfo;
  segments: Array<{ segment: Segment; from: number }>;
  release(): void;
}

/** The buffer has nothing to export (no picture yet, or recording to local disk failed). */
export class NoVideoError extends Error {
  override name = 'NoVideoError';
}

export class ReplayBuffer {
  private readonly store: SegmentStore;
  private readonly timeline = new UnifiedTimeline();
  private track: VideoTrackInfo | undefined;
  private subscription: Subscription | undefined;
  private busy = false;
  private lastStatus: HubStatus | undefined;

  private constructor(private readonly options: ReplayBufferOptions) {
    this.store = new SegmentStore({
      dir: options.dir,
      keepMs: options.keepMs ?? 5 * 60_000,
      maxBytes: options.maxBytes ?? 1024 ** 3,
      segmentMs: options.segmentMs ?? 10_000,
    });
  }

  static async start(options: ReplayBufferOptions): Promise<ReplayBuffer> {
    const buffer = new ReplayBuffer(options);
    await buffer.store.init();
    buffer.subscription = options.hub.subscribe(options.key, buffer.consumer());
    return buffer;
  }

  get key(): string {
    return this.options.key;
  }

  get status(): HubStatus | undefined {
    return this.lastStatus;
  }

  private consumer(): HubConsumer {
    return {
      onTracks: (tracks: TrackInfo) => this.onTracks(tracks),
      onSample: (sample: MediaSample) => this.onSample(sample),
      onStatus: (status: HubStatus) => {
        if (status.state !== 'live' && this.lastStatus?.state === 'live') this.timeline.markBreak();
        this.lastStatus = status;
      },
    };
  }

  private onTracks(tracks: TrackInfo): void {
    const v = tracks.video;
    if (!v) return;
    const same = this.track && sameTrack(this.track, v);
    if (!same) this.track = v;
    this.timeline.markBreak();
  }

  private onSample(sample: MediaSample): boolean {
    if (sample.kind !== 'video' || !this.track || this.store.error) return true;
    if (sample.codec !== this.track.codec) return true;
    const at = this.timeline.place(sample.dts90k, sample.pts90k, sample.receivedAt);
    this.store.append(this.track, sampleBytes(sample.nalus), { ...at, keyframe: sample.keyframe }, () => this.onWritten());
    if (this.store.unflushedBytes > (this.options.highWaterBytes ?? 4 * 1024 * 1024)) this.busy = true;
    return !this.busy;
  }

  private onWritten(): void {
    if (this.busy && this.store.unflushedBytes < (this.options.highWaterBytes ?? 4 * 1024 * 1024) / 4) {
      this.busy = false;
      this.subscription?.resume();
    }
  }

  stats(): ReplayBufferStats {
    const segs = this.store.segments;
    const first = segs[0]?.samples[0];
    const lastSeg = segs[segs.length - 1];
    const last = lastSeg?.samples[lastSeg.samples.length - 1];
    const hub = this.subscription?.stats();
    return {
      segments: segs.length,
      bytes: this.store.totalBytes,
      pictures: segs.reduce((n, s) => n + s.samples.length, 0),
      spanMs: first && last ? last.wallMs - first.wallMs : 0,
      skips: hub?.skips ?? 0,
      dropped: hub?.dropped ?? 0,
      ...(this.store.error ? { error: this.store.error.message } : {}),
    };
  }

  /**
   * Pins the last `lastMs` of video (from the keyframe at or before the cut, so the clip is at
   * least that long when the buffer holds it) and waits until those bytes are on disk.
   * Only the newest run of one track is used: a resolution change starts a new clip.
   */
  async range(lastMs: number): Promise<BufferedRange> {
    if (this.store.error) throw new NoVideoError(`replay buffer for ${this.key} failed: ${this.store.error.message}`);
    const segs = this.store.segments;
    if (segs.length === 0) throw new NoVideoError(`replay buffer for ${this.key} holds no video yet`);
    const track = segs[segs.length - 1].track;
    let firstUsable = segs.length - 1;
    while (firstUsable > 0 && segs[firstUsable - 1].track === track) firstUsable--;
    const newest = segs[segs.length - 1].samples.at(-1)!;
    const cut = newest.wallMs - lastMs;
    // The latest keyframe at or before the cut; segments start at keyframes.
    let startSeg = firstUsable;
    let startIndex = 0;
    for (let s = firstUsable; s < segs.length; s++) {
      segs[s].samples.forEach((smp, i) => {
        if (smp.keyframe && smp.wallMs <= cut) {
          startSeg = s;
          startIndex = i;
        }
      });
    }
    // A snapshot: pictures appended after this call are not part of the clip.
    const picked = segs.slice(startSeg).map((segment, k) => ({ segment: { ...segment, samples: segment.samples.slice() }, from: k === 0 ? startIndex : 0 }));
    const release = this.store.pin(segs.slice(startSeg));
    await this.store.flushed();
    return { track, segments: picked, release };
  }

  /** Stops consuming the stream and keeps what it holds readable (a manual recording's end). */
  detach(): void {
    this.subscription?.();
    this.subscription = undefined;
  }

  /** Stops consuming and closes files; the segments stay until the folder is reused. */
  async stop(): Promise<void> {
    this.subscription?.();
    this.subscription = undefined;
    await this.store.close();
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sameTrack(a: VideoTrackInfo, b: VideoTrackInfo): boolean {
  return a.codec === b.codec && a.width === b.width && a.height === b.height && sameBytes(a.sps, b.sps) && sameBytes(a.pps, b.pps) && sameBytes(a.vps, b.vps);
}
