// A hub Producer that re-encodes another hub stream to H.264 (for H.265 cameras that browsers
// here cannot decode and that have no H.264 sub-stream). It subscribes to the camera's direct
// key, writes the access units to ffmpeg's stdin as Annex-B and reads H.264 from its stdout.
// So the camera has one RTSP session however many tiles show it, transcoded or not, and ffmpeg
// never sees a URL or a password. One object = one attempt = at most one ffmpeg, as the hub expects.
import { videoTrackInfo, H264_NAL, h264NalType } from '../codec/index.js';
import type { HubConsumer, HubStatus } from '../hub/hub-types.js';
import { ProducerBase } from '../hub/producer-base.js';
import type { ProducerError } from '../hub/producer.js';
import type { MediaSample, TrackInfo, VideoAccessUnit, VideoCodec, VideoTrackInfo } from '../types.js';
import { AccessUnitReader, type StreamedAccessUnit } from './access-unit-reader.js';
import { buildTranscodeArgs } from './ffmpeg-args.js';
import type { FfmpegInfo } from './ffmpeg-detect.js';
import { FfmpegProcess } from './ffmpeg-process.js';
import { sourceVerdict } from './source-status.js';
import { StdinFeeder, type FeederStats } from './stdin-feeder.js';
import { TimingQueue } from './timing-queue.js';

/** Subscribes a consumer to the stream to transcode (e.g. `(c) => hub.subscribe('cam7:main', c)`); returns the unsubscribe function. */
export type TranscodeSource = (consumer: HubConsumer) => () => void;

export interface TranscodeProducerOptions {
  source: TranscodeSource;
  /** From detectFfmpeg(); picks the binary and version-specific options. Default: ffmpegCommand(). */
  ffmpeg?: FfmpegInfo;
  /** Redacted stderr lines, for logs. */
  onLog?: (line: string) => void;
  /** Bound of the bytes waiting for ffmpeg's stdin (default 6 MiB); beyond it units are dropped up to the next keyframe. */
  maxBacklogBytes?: number;
  /** Output keyframe interval in frames (default 25). */
  gop?: number;
}

export interface TranscodeStats extends FeederStats {
  /** Pictures written to ffmpeg and not yet back. */
  inFlight: number;
  /** Pictures emitted. */
  emitted: number;
}

/** Units arriving in a burst still get distinct, increasing times (1 ms apart). */
const MIN_STEP_90K = 90;

export class TranscodeProducer extends ProducerBase {
  private readonly reader = new AccessUnitReader('h264');
  private readonly timing = new TimingQueue();
  private started = false;
  private closed = false;
  private unsubscribe: (() => void) | undefined;
  private ffmpeg: FfmpegProcess | undefined;
  private feeder: StdinFeeder | undefined;
  private inputCodec: VideoCodec | undefined;
  private inputTrack: VideoTrackInfo | undefined;
  private sps: Uint8Array | undefined;
  private pps: Uint8Array | undefined;
  private tracks: TrackInfo | undefined;
  private live = false;
  private lastPts = -Infinity;
  private emitted = 0;

  constructor(private readonly opts: TranscodeProducerOptions) {
    super();
  }

  /** The ffmpeg process id while it runs (tests, diagnostics); undefined before the source's tracks arrived. */
  get pid(): number | undefined {
    return this.ffmpeg?.pid;
  }

  /** Resolves when ffmpeg has exited (at once if it never started). */
  whenExited(): Promise<void> {
    return this.ffmpeg?.whenExited() ?? Promise.resolve();
  }

  stats(): TranscodeStats {
    const feeder = this.feeder?.stats() ?? { written: 0, dropped: 0, skips: 0, backlogBytes: 0 };
    return { ...feeder, inFlight: this.timing.size, emitted: this.emitted };
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.emit('status', { state: 'connecting' });
    // Subscribing calls back at once (status, tracks, cached GOP), and start() itself runs inside
    // the hub's producer launch: subscribe once that hub call has returned.
    queueMicrotask(() => this.subscribe());
  }

  protected onStop(): void {
    this.release();
  }

  private subscribe(): void {
    if (this.stopped || this.closed) return;
    let subscribing = true;
    let unsubscribe: () => void;
    try {
      unsubscribe = this.opts.source({
        onTracks: (t) => this.onSourceTracks(t),
        onSample: (s) => this.onSourceSample(s),
        onStatus: (s) => this.onSourceStatus(s, subscribing),
      });
    } catch (e) {
      this.fail({ code: 'internal', message: `cannot subscribe to the camera stream: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    subscribing = false;
    // The status handed over at subscribe may already have ended this attempt.
    if (this.stopped || this.closed) unsubscribe();
    else this.unsubscribe = unsubscribe;
  }

  private onSourceStatus(status: HubStatus, first: boolean): void {
    if (this.stopped || this.closed) return;
    const verdict = sourceVerdict(status, first);
    if (verdict.action === 'stalled') {
      if (this.live) this.emit('status', { state: 'stalled' });
    } else if (verdict.action === 'close') {
      this.fail(verdict.error);
    }
  }

  private onSourceTracks(tracks: TrackInfo): void {
    if (this.stopped || this.closed) return;
    const video = tracks.video;
    if (!video) {
      this.fail({ code: 'unsupported_codec', message: 'the camera stream has no video track to transcode' });
      return;
    }
    if (this.inputCodec && this.inputCodec !== video.codec) {
      // ffmpeg was started for the other codec: end this attempt; the hub starts a fresh one.
      this.fail({ code: 'protocol', message: `the camera stream changed from ${this.inputCodec} to ${video.codec}` });
      return;
    }
    this.inputTrack = video; // newer parameter sets go in front of the next keyframe that lacks them
    if (!this.ffmpeg) this.spawn(video.codec);
  }

  private onSourceSample(sample: MediaSample): void {
    if (sample.kind !== 'video' || this.stopped || this.closed || !this.feeder || !this.inputTrack) return;
    if (sample.codec !== this.inputCodec) return;
    if (this.feeder.write(sample, this.inputTrack)) this.timing.push({ pts90k: sample.pts90k, receivedAt: sample.receivedAt });
  }

  private spawn(codec: VideoCodec): void {
    this.inputCodec = codec;
    const proc = new FfmpegProcess({
      ...(this.opts.ffmpeg ? { path: this.opts.ffmpeg.path } : {}),
      args: buildTranscodeArgs({ inputCodec: codec, ...(this.opts.gop ? { gop: this.opts.gop } : {}) }, this.opts.ffmpeg),
      ...(this.opts.onLog ? { onLog: this.opts.onLog } : {}),
      onEnd: (error) => {
        if (this.stopped) return;
        this.finish(error);
        this.release();
      },
    });
    this.ffmpeg = proc;
    this.feeder = new StdinFeeder(proc.stdin, this.opts.maxBacklogBytes);
    proc.stdout.on('data', (chunk: Buffer) => {
      if (this.stopped || this.closed) return;
      for (const unit of this.reader.push(chunk)) this.onOutputUnit(unit);
    });
  }

  private onOutputUnit(unit: StreamedAccessUnit): void {
    // Every picture out of ffmpeg consumes one input timing, even one we do not pass on.
    const timing = this.timing.take();
    this.noteParameterSets(unit);
    if (this.closed || !this.tracks) return; // nothing decodable before the first SPS/PPS
    if (!this.live) {
      if (!unit.keyframe) return; // start at a keyframe
      this.live = true;
      this.emit('status', { state: 'live' });
    }
    const pts = Math.max(timing?.pts90k ?? -Infinity, this.lastPts + MIN_STEP_90K, 0);
    this.lastPts = pts;
    const sample: VideoAccessUnit = { kind: 'video', codec: 'h264', nalus: unit.nalus, pts90k: pts, dts90k: pts, keyframe: unit.keyframe, receivedAt: timing?.receivedAt ?? Date.now() };
    this.emitted++;
    this.emit('sample', sample);
  }

  // x264 repeats SPS/PPS before each keyframe; tracks are (re)announced when they change.
  private noteParameterSets(unit: StreamedAccessUnit): void {
    let changed = false;
    for (const nal of unit.nalus) {
      const t = h264NalType(nal);
      if (t === H264_NAL.SPS && !sameBytes(nal, this.sps)) {
        this.sps = nal;
        changed = true;
      } else if (t === H264_NAL.PPS && !sameBytes(nal, this.pps)) {
        this.pps = nal;
        changed = true;
      }
    }
    if (!changed || !this.sps || !this.pps) return;
    try {
      this.tracks = { video: videoTrackInfo('h264', { sps: this.sps, pps: this.pps }) };
    } catch (e) {
      this.fail({ code: 'protocol', message: `ffmpeg produced an SPS that cannot be parsed: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    this.emit('tracks', this.tracks);
  }

  /** The attempt is over: report it and let go of the source and ffmpeg. */
  private fail(error: ProducerError | undefined): void {
    this.finish(error);
    this.release();
  }

  private finish(error: ProducerError | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('status', error ? { state: 'closed', error } : { state: 'closed' });
  }

  private release(): void {
    const unsubscribe = this.unsubscribe;
    this.unsubscribe = undefined;
    unsubscribe?.();
    if (this.ffmpeg) void this.ffmpeg.kill();
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
