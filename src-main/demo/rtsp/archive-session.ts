// Replays a span of the demo archive to one client, as an ONVIF recorder does: every packet
// carries the 0xABAC extension (recorder time, clean point, discontinuity after a gap, end of
// section, termination), and an RTCP BYE follows the last picture. With `Rate-Control: no` the
// pictures go out as fast as the client reads them; otherwise at real time divided by Scale.
// RTP timestamps run on as if the recording had no gaps (as some recorders send them): only
// the extension tells where the gaps are.
import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { buildReplayExtension } from '../../media/rtsp/onvif-replay-extension.js';
import type { ArchiveFrame, DemoArchive } from './archive.js';
import { RtpPacketizer } from './rtp-packetizer.js';
import { RTP_PAYLOAD_TYPE } from './sdp.js';

export interface ArchivePlay {
  span: { fromMs: number; toMs: number };
  rateControl: boolean;
  scale: number;
  /** CSeq of the PLAY request, echoed in the extension (low 8 bits). */
  cseq: number;
}

export interface ArchiveSessionOptions {
  archive: DemoArchive;
  rtpChannel: number;
  rtcpChannel: number;
  maxPayload: number;
  aggregate: boolean;
  write: (channel: number, packet: Uint8Array) => boolean;
  backlogBytes: () => number;
  /** Resolves when the client's socket has taken what was queued (or is gone). */
  drained: () => Promise<void>;
}

/** Unsent bytes above which a fast replay waits for the client to read. */
const HIGH_WATER_BYTES = 1024 * 1024;
/** Pictures sent per turn of the event loop in a fast replay. */
const BATCH = 50;

export class ArchiveSession {
  readonly ssrc = randomInt(1, 2 ** 32 - 1);
  private readonly ts0 = randomInt(0, 2 ** 32 - 1);
  private readonly packetizer: RtpPacketizer;
  private play: ArchivePlay | undefined;
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  framesSent = 0;

  constructor(private readonly opts: ArchiveSessionOptions) {
    this.packetizer = new RtpPacketizer({
      codec: opts.archive.clip.codec,
      ssrc: this.ssrc,
      payloadType: RTP_PAYLOAD_TYPE,
      initialSeq: randomInt(0, 0x10000),
      maxPayload: opts.maxPayload,
      aggregate: opts.aggregate,
    });
  }

  get firstPacketInfo(): { seq: number; rtptime: number } {
    return { seq: this.packetizer.nextSeq, rtptime: this.ts0 };
  }

  get playing(): boolean {
    return this.running;
  }

  /** Set by the PLAY answer, before start(). */
  prepare(play: ArchivePlay): void {
    this.play = play;
  }

  start(): void {
    if (this.running || !this.play) return;
    this.running = true;
    const frames = this.opts.archive.frames(this.play.span);
    if (this.play.rateControl) this.paced(frames, performance.now());
    else void this.fast(frames);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
  }

  /** Archives do not stall; the live fault switch has nothing to pause here. */
  stall(): void {}

  private async fast(frames: Generator<ArchiveFrame>): Promise<void> {
    let n = 0;
    for (const frame of frames) {
      if (!this.running || !this.send(frame)) return;
      if (this.opts.backlogBytes() > HIGH_WATER_BYTES) await this.opts.drained();
      else if (++n % BATCH === 0) await new Promise((r) => setImmediate(r));
    }
    this.finish();
  }

  private paced(frames: Generator<ArchiveFrame>, startMono: number): void {
    const frameMs = 1000 / this.opts.archive.clip.fps / this.play!.scale;
    const tick = (): void => {
      while (this.running) {
        const due = startMono + this.framesSent * frameMs;
        if (due > performance.now()) {
          this.timer = setTimeout(tick, due - performance.now());
          return;
        }
        const next = frames.next();
        if (next.done) {
          this.finish();
          return;
        }
        if (!this.send(next.value)) return;
      }
    };
    tick();
  }

  private send(frame: ArchiveFrame): boolean {
    const rtpTime = (this.ts0 + Math.round((this.framesSent * 90000) / this.opts.archive.clip.fps)) >>> 0;
    const packets = this.packetizer.packetize(frame.unit.nalus, rtpTime, (first, last) =>
      buildReplayExtension({
        recordedAtMs: frame.timeMs,
        cleanPoint: frame.unit.keyframe,
        discontinuity: frame.afterGap && first,
        endOfSection: frame.endOfSection && last,
        termination: frame.last && last,
        cseq: this.play!.cseq,
      }),
    );
    for (const p of packets) {
      if (!this.opts.write(this.opts.rtpChannel, p)) {
        this.stop();
        return false;
      }
    }
    this.framesSent++;
    return true;
  }

  /** The span is played: RTCP BYE, so the client knows the stream ended rather than stalled. */
  private finish(): void {
    if (!this.running) return;
    this.running = false;
    const bye = new Uint8Array(8);
    const view = new DataView(bye.buffer);
    bye[0] = 0x81; // V=2, SC=1
    bye[1] = 203; // BYE
    view.setUint16(2, 1);
    view.setUint32(4, this.ssrc >>> 0);
    this.opts.write(this.opts.rtcpChannel, bye);
  }
}
