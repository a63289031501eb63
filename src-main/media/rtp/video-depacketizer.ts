// Turns RTP packets of one H.264/H.265 track into VideoAccessUnits.
// - An access unit closes on the RTP marker bit (no waiting for the next frame), or, as a
//   fallback for senders that forget the marker, when the timestamp changes.
// - Repeated SPS/PPS inside an access unit (multi-slice keyframes) never split it; identical
//   repeats after the first slice are left out so the unit stays conformant.
// - After packet loss the damaged unit and everything up to the next keyframe is dropped.
// - A unit that outgrows the reassembly limits (size, NAL count, time) is given up at once,
//   the rest of it ignored, and counted in stats.oversizeDropped.
// - Nothing is emitted before a keyframe whose parameter sets are known (SDP or in-band);
//   onTrackInfo fires before that keyframe, and again when the parameter sets change.
import { SkywallError } from '../../common/model/errors.js';
import { checkSupportedPicture } from '../codec/format-limits.js';
import { isKeyframeNal, isVclNal, parameterSetKind } from '../codec/nal.js';
import { videoTrackInfo } from '../codec/track-info.js';
import type { VideoAccessUnit, VideoCodec, VideoTrackInfo } from '../types.js';
import { type DepacketizerStats, emptyDepacketizerStats } from './depacketizer-stats.js';
import { H264PayloadReader } from './h264-payload.js';
import { H265PayloadReader } from './h265-payload.js';
import type { NalPayloadReader } from './nal-payload-reader.js';
import { DEFAULT_REASSEMBLY_LIMITS, type ReassemblyLimits } from './reassembly-limits.js';
import type { RtpPacket } from './rtp-packet.js';
import { SequenceCheck } from './sequence-check.js';
import { TimestampUnwrapper } from './timestamp-unwrapper.js';

export interface VideoDepacketizerOptions {
  codec: VideoCodec;
  /** Parameter sets from the SDP (sprop-*), if any; in-band ones replace them. */
  vps?: Uint8Array;
  sps?: Uint8Array;
  pps?: Uint8Array;
  /** H.265: payloads carry DONL/DOND fields (sprop-max-don-diff > 0). */
  donl?: boolean;
  onTrackInfo: (info: VideoTrackInfo) => void;
  onAccessUnit: (au: VideoAccessUnit) => void;
  /** The track cannot be played: a SkywallError unsupported_format (unreadable parameter sets, or a picture out of bounds). */
  onError: (err: SkywallError) => void;
  /** Overrides of DEFAULT_REASSEMBLY_LIMITS (tests). */
  limits?: Partial<ReassemblyLimits>;
}

interface PendingUnit {
  timestamp: number;
  nalus: Uint8Array[];
  /** Bytes of the complete NAL units in `nalus`. */
  bytes: number;
  damaged: boolean;
  /** Over a limit: what is left of this unit is ignored until it closes. */
  discarding: boolean;
  firstAt: number;
  receivedAt: number;
}

const DEFAULT_FRAME_TICKS = 3600; // 40 ms at 90 kHz

export class VideoDepacketizer {
  readonly stats: DepacketizerStats = emptyDepacketizerStats();
  private readonly reader: NalPayloadReader;
  private readonly sequence = new SequenceCheck();
  private readonly clock = new TimestampUnwrapper();
  private readonly params: { vps?: Uint8Array; sps?: Uint8Array; pps?: Uint8Array };
  private readonly limits: ReassemblyLimits;
  private announcedKey = '';
  private pending: PendingUnit | undefined;
  private nextDamaged = false;
  private waitingForKeyframe = true;
  private ssrc: number | undefined;
  private lastPts: number | undefined;
  private lastStep = DEFAULT_FRAME_TICKS;
  private failed = false;
  /** Parameter sets / SEI sent under their own timestamp or marker: they join the next picture. */
  private carried: Uint8Array[] = [];

  constructor(private readonly opts: VideoDepacketizerOptions) {
    this.reader = opts.codec === 'h264' ? new H264PayloadReader() : new H265PayloadReader(opts.donl ?? false);
    this.params = { vps: opts.vps, sps: opts.sps, pps: opts.pps };
    this.limits = { ...DEFAULT_REASSEMBLY_LIMITS, ...opts.limits };
  }

  /** Bytes held for the access unit being assembled (complete NAL units plus an open fragment). */
  get heldBytes(): number {
    return (this.pending?.bytes ?? 0) + this.reader.fragmentBytes;
  }

  /** Maps this raw RTP timestamp to pts 0 (RTP-Info rtptime from PLAY keeps tracks in sync). */
  setTimestampBase(rtpTime: number): void {
    this.clock.setBase(rtpTime);
  }

  push(pkt: RtpPacket, receivedAt: number = Date.now()): void {
    if (this.failed) return;
    if (this.ssrc !== undefined && pkt.ssrc !== this.ssrc) this.sourceChanged(pkt);
    this.ssrc = pkt.ssrc;

    const verdict = this.sequence.check(pkt.sequenceNumber);
    if (verdict.kind === 'late') {
      this.stats.packetsLate++;
      return;
    }
    this.stats.packets++;
    this.stats.bytes += pkt.payload.length;
    if (verdict.kind === 'gap') {
      this.stats.packetsLost += verdict.lost;
      // The lost packets belong to the open unit or to the one this packet starts: both are suspect.
      if (this.pending) this.pending.damaged = true;
      this.nextDamaged = true;
      this.reader.reset();
    }

    if (this.pending && this.pending.timestamp !== pkt.timestamp) this.close();
    if (!this.pending) {
      this.pending = { timestamp: pkt.timestamp, nalus: [], bytes: 0, damaged: this.nextDamaged, discarding: false, firstAt: receivedAt, receivedAt };
    }
    this.nextDamaged = false;
    const unit = this.pending;
    unit.receivedAt = receivedAt;
    if (!unit.discarding) {
      const before = unit.nalus.length;
      if (!this.reader.read(pkt.payload, unit.nalus)) {
        this.stats.badPayloads++;
        unit.damaged = true;
      }
      for (let i = before; i < unit.nalus.length; i++) unit.bytes += unit.nalus[i].length;
      if (this.overLimit(unit)) this.discard(unit);
    }
    if (pkt.marker) this.close();
  }

  private overLimit(unit: PendingUnit): boolean {
    const l = this.limits;
    const fragment = this.reader.fragmentBytes;
    return fragment > l.maxNalBytes || unit.bytes + fragment > l.maxUnitBytes || unit.nalus.length > l.maxNalsPerUnit || unit.receivedAt - unit.firstAt > l.maxUnitSpanMs;
  }

  /** Frees what the unit holds; it is dropped when it closes (marker or new timestamp). */
  private discard(unit: PendingUnit): void {
    this.stats.oversizeDropped++;
    unit.discarding = true;
    unit.damaged = true;
    unit.nalus = [];
    unit.bytes = 0;
    this.reader.reset();
  }

  /** Closes an open access unit (end of stream). */
  flush(): void {
    if (this.pending) this.close();
  }

  private sourceChanged(pkt: RtpPacket): void {
    // A new SSRC (encoder restart): its timestamps and sequence numbers start anywhere.
    if (this.pending) {
      this.pending.damaged = true;
      this.close();
    }
    this.sequence.reset();
    this.reader.reset();
    this.waitingForKeyframe = true;
    if (this.lastPts !== undefined) this.clock.rebase(pkt.timestamp, this.lastPts + this.lastStep);
  }

  private close(): void {
    const unit = this.pending!;
    this.pending = undefined;
    if (this.reader.midFragment) {
      unit.damaged = true;
      this.reader.reset();
    }
    if (unit.nalus.length === 0) {
      if (unit.damaged) this.drop(); // nothing whole survived, but the picture is still lost
      return;
    }
    if (!unit.damaged && !unit.nalus.some((n) => isVclNal(this.opts.codec, n))) {
      for (const nal of unit.nalus) this.carried.push(nal);
      if (this.carried.length > 32) this.carried.splice(0, this.carried.length - 32); // bounded
      return;
    }
    if (this.carried.length > 0) {
      unit.nalus.unshift(...this.carried);
      this.carried = [];
    }

    const pts = this.clock.unwrap(unit.timestamp);
    let keyframe = false;
    let sliceSeen = false;
    const kept: Uint8Array[] = [];
    for (const nal of unit.nalus) {
      const kind = parameterSetKind(this.opts.codec, nal);
      if (kind) {
        // Encoders that repeat SPS/PPS before every slice of a keyframe make an access unit
        // that ffmpeg-style parsers split in two; identical repeats after a slice carry nothing.
        if (sliceSeen && sameBytes(this.params[kind], nal)) continue;
        this.params[kind] = nal;
      } else if (isVclNal(this.opts.codec, nal)) {
        sliceSeen = true;
        if (isKeyframeNal(this.opts.codec, nal)) keyframe = true;
      }
      kept.push(nal);
    }
    unit.nalus = kept;

    if (unit.damaged || (this.waitingForKeyframe && !keyframe)) {
      this.drop();
      return;
    }
    if (keyframe && !this.announceParameterSets()) {
      this.drop();
      return;
    }
    this.waitingForKeyframe = false;

    if (this.lastPts !== undefined && pts > this.lastPts) this.lastStep = pts - this.lastPts;
    this.lastPts = pts;
    this.stats.frames++;
    if (keyframe) this.stats.keyframes++;
    this.opts.onAccessUnit({
      kind: 'video',
      codec: this.opts.codec,
      nalus: unit.nalus,
      pts90k: pts,
      dts90k: pts,
      keyframe,
      receivedAt: unit.receivedAt,
    });
  }

  private drop(): void {
    this.stats.framesDropped++;
    this.waitingForKeyframe = true;
  }

  /** Emits track info when the parameter sets differ from the last announced ones. False if not ready. */
  private announceParameterSets(): boolean {
    const { vps, sps, pps } = this.params;
    if (!sps || !pps || (this.opts.codec === 'h265' && !vps)) return false;
    const key = [vps, sps, pps].map((p) => (p ? Buffer.from(p).toString('base64') : '')).join('|');
    if (key === this.announcedKey) return true;
    let info: VideoTrackInfo;
    try {
      info = videoTrackInfo(this.opts.codec, { vps, sps, pps });
    } catch (e) {
      this.failed = true;
      this.opts.onError(new SkywallError('unsupported_format', `unreadable ${this.opts.codec} parameter sets: ${(e as Error).message}`, { reason: 'parameter_sets' }));
      return false;
    }
    try {
      checkSupportedPicture(info);
    } catch (e) {
      this.failed = true;
      this.opts.onError(e as SkywallError);
      return false;
    }
    this.announcedKey = key;
    this.opts.onTrackInfo(info);
    return true;
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
