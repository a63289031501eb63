// One set-up track of an RTSP session: its interleaved channels, depacketizer, reception
// statistics for RTCP, and the handling of its RTP and RTCP data.
import type { SkywallError } from '../../common/model/errors.js';
import type { MediaSample, VideoTrackInfo } from '../types.js';
import { AudioDepacketizer } from '../rtp/audio-depacketizer.js';
import type { DepacketizerStats } from '../rtp/depacketizer-stats.js';
import { ReceptionStats } from '../rtp/reception-stats.js';
import { buildReceiverReport, parseRtcp } from '../rtp/rtcp.js';
import { parseRtpPacket } from '../rtp/rtp-packet.js';
import { VideoDepacketizer } from '../rtp/video-depacketizer.js';
import { ReplayClock } from './replay-clock.js';
import type { TrackSpec } from './sdp-tracks.js';

export interface TrackSink {
  onSample(sample: MediaSample): void;
  onVideoInfo(info: VideoTrackInfo): void;
  /** The track cannot be played (unsupported_format). */
  onFatal(err: SkywallError): void;
}

export class MediaTrack {
  readonly reception: ReceptionStats;
  private readonly depacketizer: VideoDepacketizer | AudioDepacketizer;
  /** Malformed RTP/RTCP packets or unexpected payload types on this track's channels. */
  badPackets = 0;
  byeReceived = false;
  /** Replays: recorder time per sample from the 0xABAC extension. */
  private readonly replayClock: ReplayClock | undefined;

  constructor(
    readonly spec: TrackSpec,
    readonly rtpChannel: number,
    readonly rtcpChannel: number,
    sink: TrackSink,
    options: { replay?: boolean } = {},
  ) {
    this.reception = new ReceptionStats(spec.clockRate);
    this.replayClock = options.replay ? new ReplayClock(spec.clockRate) : undefined;
    const clock = this.replayClock;
    const onSample = clock ? (sample: MediaSample) => sink.onSample(stampRecorderTime(clock, sample)) : (sample: MediaSample) => sink.onSample(sample);
    if (spec.kind === 'video') {
      this.depacketizer = new VideoDepacketizer({
        codec: spec.codec,
        vps: spec.vps,
        sps: spec.sps,
        pps: spec.pps,
        donl: spec.donl,
        onAccessUnit: onSample,
        onTrackInfo: (info) => sink.onVideoInfo(info),
        onError: (e) => sink.onFatal(e),
      });
    } else {
      this.depacketizer = new AudioDepacketizer({ codec: spec.codec, aac: spec.aac, onFrame: onSample });
    }
  }

  get stats(): DepacketizerStats {
    return this.depacketizer.stats;
  }

  get ssrc(): number | undefined {
    return this.reception.ssrc;
  }

  setTimestampBase(rtpTime: number): void {
    this.depacketizer.setTimestampBase(rtpTime);
    this.replayClock?.setBase(rtpTime);
  }

  /** Closes a pending access unit (end of stream). */
  flush(): void {
    if (this.depacketizer instanceof VideoDepacketizer) this.depacketizer.flush();
  }

  /** Returns false for data that is not usable RTP for this track. */
  handleRtp(data: Uint8Array, now: number): boolean {
    let pkt;
    try {
      pkt = parseRtpPacket(data);
    } catch {
      this.badPackets++;
      return false;
    }
    if (pkt.payloadType !== this.spec.payloadType) {
      this.badPackets++;
      return false;
    }
    this.reception.onPacket(pkt.ssrc, pkt.sequenceNumber, pkt.timestamp, now);
    if (this.replayClock) {
      // Without RTP-Info both clocks start at the first packet, so their times agree.
      if (!this.replayClock.hasBase) this.setTimestampBase(pkt.timestamp);
      this.replayClock.onPacket(pkt);
    }
    this.depacketizer.push(pkt, now);
    return true;
  }

  handleRtcp(data: Uint8Array, now: number): void {
    let packets;
    try {
      packets = parseRtcp(data);
    } catch {
      this.badPackets++;
      return;
    }
    for (const p of packets) {
      if (p.type === 'sr') this.reception.onSenderReport(p.ssrc, p.ntpMsw, p.ntpLsw, now);
      if (p.type === 'bye' && this.ssrc !== undefined && p.ssrcs.includes(this.ssrc)) this.byeReceived = true;
    }
  }

  /** Compound RR + SDES for this track's RTP session, or undefined before any packet. */
  receiverReport(ownSsrc: number, cname: string, now: number): Uint8Array | undefined {
    const block = this.reception.report(now);
    return block ? buildReceiverReport(ownSsrc, [block], cname) : undefined;
  }
}

function stampRecorderTime(clock: ReplayClock, sample: MediaSample): MediaSample {
  const t = clock.timeOf(sample.kind === 'video' ? sample.pts90k : sample.pts);
  if (!t) return sample;
  sample.recordedAtMs = t.recordedAtMs;
  if (sample.kind === 'video' && t.discontinuity) sample.afterGap = true;
  return sample;
}
