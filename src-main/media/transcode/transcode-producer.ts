// A hub Producer that pulls an RTSP camera through ffmpeg and re-encodes its video to H.264
// (for H.265 cameras that browsers here cannot decode and that have no H.264 sub-stream).
// One object = one ffmpeg process = one attempt, as the hub expects.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { videoTrackInfo, H264_NAL, h264NalType } from '../codec/index.js';
import type { Producer, ProducerError, ProducerEvents } from '../hub/producer.js';
import type { TrackInfo, VideoAccessUnit } from '../types.js';
import { AccessUnitReader, type StreamedAccessUnit } from './access-unit-reader.js';
import { terminate, track } from './child-reaper.js';
import { buildTranscodeArgs } from './ffmpeg-args.js';
import { ffmpegCommand, type FfmpegInfo } from './ffmpeg-detect.js';
import { ffmpegExitError, redactFfmpegText } from './ffmpeg-errors.js';

export interface TranscodeProducerOptions {
  /** rtsp:// URL (credentials inline or separate). */
  url: string;
  username?: string;
  password?: string;
  /** Socket timeout handed to ffmpeg (default 5000 ms). */
  timeoutMs?: number;
  /** From detectFfmpeg(); picks the binary and version-specific options. Default: ffmpegCommand(). */
  ffmpeg?: FfmpegInfo;
  /** Redacted stderr lines, for logs. */
  onLog?: (line: string) => void;
}

const STDERR_TAIL_CHARS = 4096;
const MAX_LOG_LINES = 20;
/** Units arriving in a burst still get distinct, increasing times (1 ms apart). */
const MIN_STEP_90K = 90;

export class TranscodeProducer implements Producer {
  private readonly events = new EventEmitter();
  private readonly reader = new AccessUnitReader('h264');
  private child: ChildProcess | undefined;
  private stopped = false;
  private closed = false;
  private exited: Promise<void> = Promise.resolve();
  private stderrTail = '';
  private partialLine = '';
  private logLines = 0;
  private sps: Uint8Array | undefined;
  private pps: Uint8Array | undefined;
  private tracks: TrackInfo | undefined;
  private live = false;
  private clockStart = 0;
  private lastPts = -Infinity;

  constructor(private readonly opts: TranscodeProducerOptions) {}

  /** The ffmpeg process id while it runs (tests, diagnostics). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Resolves when ffmpeg has exited (at once if it never started). */
  whenExited(): Promise<void> {
    return this.exited;
  }

  start(): void {
    if (this.child || this.stopped) return;
    this.emit('status', { state: 'connecting' });
    const args = buildTranscodeArgs(this.opts, this.opts.ffmpeg);
    const child = spawn(this.opts.ffmpeg?.path ?? ffmpegCommand(), args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    this.child = child;
    track(child);
    this.exited = new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
    });
    child.stdout!.on('data', (chunk: Buffer) => this.onData(chunk));
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => this.onStderr(text));
    child.once('error', (e: NodeJS.ErrnoException) => {
      this.finish({ code: 'internal', message: `ffmpeg could not be started (${e.code ?? e.message}); install ffmpeg or set SKYWALL_FFMPEG to its path` });
    });
    child.once('exit', (code, signal) => {
      this.finish(ffmpegExitError({ code, signal, stderr: this.stderrTail, ...(this.opts.password ? { password: this.opts.password } : {}) }));
    });
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.events.removeAllListeners();
    if (this.child) void terminate(this.child);
  }

  on<E extends keyof ProducerEvents>(event: E, listener: ProducerEvents[E]): this {
    this.events.on(event, listener);
    return this;
  }

  off<E extends keyof ProducerEvents>(event: E, listener: ProducerEvents[E]): this {
    this.events.off(event, listener);
    return this;
  }

  private onData(chunk: Buffer): void {
    if (this.stopped) return;
    const receivedAt = Date.now();
    const now = performance.now();
    for (const unit of this.reader.push(chunk)) this.onUnit(unit, now, receivedAt);
  }

  private onUnit(unit: StreamedAccessUnit, now: number, receivedAt: number): void {
    if (this.stopped || this.closed) return;
    this.noteParameterSets(unit);
    if (!this.tracks) return; // nothing decodable before the first SPS/PPS
    if (!this.live) {
      if (!unit.keyframe) return; // start at a keyframe
      this.live = true;
      this.clockStart = now;
      this.emit('status', { state: 'live' });
    }
    // 90 kHz from the monotonic arrival clock: ffmpeg's raw H.264 output has no timestamps.
    const pts = Math.max(Math.round((now - this.clockStart) * 90), this.lastPts + MIN_STEP_90K);
    this.lastPts = pts;
    const sample: VideoAccessUnit = { kind: 'video', codec: 'h264', nalus: unit.nalus, pts90k: pts, dts90k: pts, keyframe: unit.keyframe, receivedAt };
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

  private onStderr(text: string): void {
    this.stderrTail = (this.stderrTail + text).slice(-STDERR_TAIL_CHARS);
    if (!this.opts.onLog) return;
    // Whole lines only: a URL cut in two would slip past the redaction.
    const lines = (this.partialLine + text).split(/\r?\n/);
    this.partialLine = (lines.pop() ?? '').slice(-STDERR_TAIL_CHARS);
    for (const line of lines) {
      if (!line.trim()) continue;
      // A damaged stream can make the decoder complain every frame: keep the log readable.
      if (++this.logLines <= MAX_LOG_LINES) this.opts.onLog(redactFfmpegText(line, this.opts.password));
      else if (this.logLines === MAX_LOG_LINES + 1) this.opts.onLog(`(further ffmpeg messages of this attempt suppressed)`);
    }
  }

  private fail(error: ProducerError): void {
    this.finish(error);
    if (this.child) void terminate(this.child);
  }

  private finish(error: ProducerError | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('status', error ? { state: 'closed', error } : { state: 'closed' });
  }

  private emit<E extends keyof ProducerEvents>(event: E, ...args: Parameters<ProducerEvents[E]>): void {
    if (!this.stopped) this.events.emit(event, ...args);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
