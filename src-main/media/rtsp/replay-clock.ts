// Recorder time for each access unit of a replay: packets carrying the ONVIF 0xABAC extension
// give anchors (RTP time -> recorder time); a picture takes the time of its own anchor, or,
// for a packet without the extension, the nearest earlier anchor plus the RTP time since.
// RTP times are unwrapped from the same base as the depacketizer's, so a sample's pts matches.
import type { RtpPacket } from '../rtp/rtp-packet.js';
import { TimestampUnwrapper } from '../rtp/timestamp-unwrapper.js';
import { readReplayExtension } from './onvif-replay-extension.js';

interface Anchor {
  pts: number;
  recordedAtMs: number;
  discontinuity: boolean;
}

export interface RecorderTime {
  recordedAtMs: number;
  /** The first picture after a gap in the recording (the recorder's D bit). */
  discontinuity: boolean;
}

/** Anchors kept: pictures are closed long before this many newer ones arrive. */
const MAX_ANCHORS = 512;

export class ReplayClock {
  /** @param clockRate the track's RTP clock (90 000 for video, the sample rate for audio). */
  constructor(private readonly clockRate: number) {}

  private readonly unwrapper = new TimestampUnwrapper();
  private based = false;
  private readonly anchors: Anchor[] = [];

  /** True once a base is set; the track sets it from the first packet when RTP-Info gave none. */
  get hasBase(): boolean {
    return this.based;
  }

  setBase(rtpTime: number): void {
    this.unwrapper.setBase(rtpTime);
    this.based = true;
  }

  onPacket(pkt: RtpPacket): void {
    const pts = this.unwrapper.unwrap(pkt.timestamp);
    const t = readReplayExtension(pkt.extension);
    if (!t) return;
    const last = this.anchors[this.anchors.length - 1];
    if (last && last.pts === pts) {
      last.discontinuity ||= t.discontinuity;
      return;
    }
    this.anchors.push({ pts, recordedAtMs: t.recordedAtMs, discontinuity: t.discontinuity });
    if (this.anchors.length > MAX_ANCHORS) this.anchors.shift();
  }

  /** The recorder time of the sample at `pts` (track clock), or undefined before any anchor. */
  timeOf(pts: number): RecorderTime | undefined {
    for (let i = this.anchors.length - 1; i >= 0; i--) {
      const a = this.anchors[i];
      if (a.pts === pts) return { recordedAtMs: a.recordedAtMs, discontinuity: a.discontinuity };
      if (a.pts < pts) return { recordedAtMs: a.recordedAtMs + ((pts - a.pts) * 1000) / this.clockRate, discontinuity: false };
    }
    return undefined;
  }
}
