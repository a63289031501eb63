// Plays one clip to one client over its interleaved channels, looping forever at real time.
// Frame k is due at start + k/fps on the monotonic clock (no drift from timer jitter), and its
// RTP timestamp is ts0 + k*90000/fps, so timestamps and sequence numbers run on across loops.
import { randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DemoClip } from './demo-clips.js';
import { buildSenderReport } from './rtcp.js';
import { RtpPacketizer } from './rtp-packetizer.js';
import { RTP_PAYLOAD_TYPE } from './sdp.js';

export interface MediaSessionOptions {
  clip: DemoClip;
  /** Clip picture to start at (the server points it at a keyframe near the stream's shared clock). */
  startUnit: number;
  rtpChannel: number;
  rtcpChannel: number;
  maxPayload: number;
  aggregate: boolean;
  senderReportIntervalMs: number;
  cname: string;
  /** Writes one interleaved frame to the client's socket; false when the socket is gone. */
  write: (channel: number, packet: Uint8Array) => boolean;
  /** Bytes queued on the client's socket that it has not read yet. */
  backlogBytes: () => number;
}

/** Past this much lag (event loop blocked) the session skips ahead instead of bursting. */
const MAX_CATCH_UP_MS = 1000;
/** A client this far behind reading gets frames dropped up to the next keyframe. */
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;

export class MediaSession {
  readonly ssrc = randomInt(1, 2 ** 32 - 1);
  private readonly ts0 = randomInt(0, 2 ** 32 - 1);
  private readonly packetizer: RtpPacketizer;
  private startMono = 0;
  private framesDue = 0;
  private needKeyframe = false;
  private stalledUntilMono = 0;
  private frameTimer: NodeJS.Timeout | undefined;
  private reportTimer: NodeJS.Timeout | undefined;
  private running = false;
  /** Pictures written to the socket so far. */
  framesSent = 0;

  constructor(private readonly opts: MediaSessionOptions) {
    this.packetizer = new RtpPacketizer({
      codec: opts.clip.codec,
      ssrc: this.ssrc,
      payloadType: RTP_PAYLOAD_TYPE,
      initialSeq: randomInt(0, 0x10000),
      maxPayload: opts.maxPayload,
      aggregate: opts.aggregate,
    });
  }

  /** Sequence number and RTP timestamp of the first packet PLAY will send (for RTP-Info). */
  get firstPacketInfo(): { seq: number; rtptime: number } {
    return { seq: this.packetizer.nextSeq, rtptime: this.ts0 };
  }

  get playing(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.startMono = performance.now();
    this.tick();
    this.reportTimer = setInterval(() => this.sendReport(), this.opts.senderReportIntervalMs);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.frameTimer);
    clearInterval(this.reportTimer);
  }

  /** Stops sending pictures for `ms` (Infinity: until stopped); resumes at a keyframe. */
  stall(ms: number): void {
    this.stalledUntilMono = Math.max(this.stalledUntilMono, performance.now() + ms);
  }

  private rtpTimeOfFrame(k: number): number {
    return (this.ts0 + Math.round((k * 90000) / this.opts.clip.fps)) >>> 0;
  }

  private tick(): void {
    if (!this.running) return;
    const frameMs = 1000 / this.opts.clip.fps;
    const elapsed = performance.now() - this.startMono;
    if (elapsed - this.framesDue * frameMs > MAX_CATCH_UP_MS) {
      this.framesDue = Math.floor(elapsed / frameMs);
      this.needKeyframe = true; // the skipped pictures were references
    }
    while (this.running && this.framesDue * frameMs <= elapsed) {
      this.sendFrame(this.framesDue);
      this.framesDue++;
    }
    if (!this.running) return;
    const wait = Math.max(0, this.startMono + this.framesDue * frameMs - performance.now());
    this.frameTimer = setTimeout(() => this.tick(), wait);
  }

  private sendFrame(k: number): void {
    const { units } = this.opts.clip;
    const unit = units[(this.opts.startUnit + k) % units.length];
    if (performance.now() < this.stalledUntilMono || this.opts.backlogBytes() > MAX_BACKLOG_BYTES) {
      this.needKeyframe = true;
      return;
    }
    if (this.needKeyframe && !unit.keyframe) return;
    this.needKeyframe = false;
    for (const packet of this.packetizer.packetize(unit.nalus, this.rtpTimeOfFrame(k))) {
      if (!this.opts.write(this.opts.rtpChannel, packet)) {
        this.stop();
        return;
      }
    }
    this.framesSent++;
  }

  private sendReport(): void {
    if (this.packetizer.packetCount === 0) return;
    const elapsedMs = performance.now() - this.startMono;
    const report = buildSenderReport({
      ssrc: this.ssrc,
      wallClockMs: Date.now(),
      rtpTimestamp: (this.ts0 + Math.round(elapsedMs * 90)) >>> 0,
      packetCount: this.packetizer.packetCount,
      octetCount: this.packetizer.octetCount,
      cname: this.opts.cname,
    });
    if (!this.opts.write(this.opts.rtcpChannel, report)) this.stop();
  }
}
