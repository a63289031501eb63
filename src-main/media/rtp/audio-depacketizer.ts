// Audio depacketizers: AAC in RFC 3640 mpeg4-generic (AAC-hbr / AAC-lbr) and G.711 (RFC 3551
// PCMU/PCMA, passed through as-is; the consumer decides whether to transcode or drop it).
// Audio needs no keyframes: after loss the next complete frame is emitted again.
import type { AudioCodec, AudioFrame } from '../types.js';
import { type DepacketizerStats, emptyDepacketizerStats } from './depacketizer-stats.js';
import { MAX_AAC_FRAME_BYTES } from './reassembly-limits.js';
import type { RtpPacket } from './rtp-packet.js';
import { SequenceCheck } from './sequence-check.js';
import { TimestampUnwrapper } from './timestamp-unwrapper.js';

export interface AacPayloadFormat {
  /** AU-header field widths in bits (AAC-hbr: 13/3/3, AAC-lbr: 6/2/2). */
  sizeLength: number;
  indexLength: number;
  indexDeltaLength: number;
  /** Samples per AAC frame (constantDuration, 1024 for AAC-LC). */
  frameDuration: number;
}

export const AAC_HBR: AacPayloadFormat = { sizeLength: 13, indexLength: 3, indexDeltaLength: 3, frameDuration: 1024 };

export interface AudioDepacketizerOptions {
  codec: AudioCodec;
  /** AAC only; defaults to AAC-hbr. */
  aac?: AacPayloadFormat;
  onFrame: (frame: AudioFrame) => void;
}

interface AacFragment {
  timestamp: number;
  size: number;
  parts: Uint8Array[];
  have: number;
}

export class AudioDepacketizer {
  readonly stats: DepacketizerStats = emptyDepacketizerStats();
  private readonly sequence = new SequenceCheck();
  private readonly clock = new TimestampUnwrapper();
  private readonly aac: AacPayloadFormat;
  private ssrc: number | undefined;
  private fragment: AacFragment | undefined;
  private lastPts: number | undefined;
  private lastDuration = 0;

  constructor(private readonly opts: AudioDepacketizerOptions) {
    this.aac = opts.aac ?? AAC_HBR;
  }

  setTimestampBase(rtpTime: number): void {
    this.clock.setBase(rtpTime);
  }

  push(pkt: RtpPacket, receivedAt: number = Date.now()): void {
    if (this.ssrc !== undefined && pkt.ssrc !== this.ssrc) {
      this.sequence.reset();
      this.fragment = undefined;
      if (this.lastPts !== undefined) this.clock.rebase(pkt.timestamp, this.lastPts + this.lastDuration);
    }
    this.ssrc = pkt.ssrc;
    this.clock.unwrap(pkt.timestamp); // the first packet seen is time zero, even if it is dropped
    const verdict = this.sequence.check(pkt.sequenceNumber);
    if (verdict.kind === 'late') {
      this.stats.packetsLate++;
      return;
    }
    this.stats.packets++;
    this.stats.bytes += pkt.payload.length;
    if (verdict.kind === 'gap') {
      this.stats.packetsLost += verdict.lost;
      if (this.fragment) {
        this.fragment = undefined;
        this.stats.framesDropped++;
      }
    }
    if (this.opts.codec === 'aac') this.readAac(pkt, receivedAt);
    else this.emit(pkt.payload.slice(), pkt.timestamp, 0, receivedAt);
  }

  private emit(data: Uint8Array, rtpTimestamp: number, offset: number, receivedAt: number): void {
    const pts = this.clock.unwrap(rtpTimestamp) + offset;
    this.lastPts = pts;
    // G.711 is one byte per sample; an AAC frame has a fixed sample count
    this.lastDuration = this.opts.codec === 'aac' ? this.aac.frameDuration : data.length;
    this.stats.frames++;
    this.opts.onFrame({ kind: 'audio', codec: this.opts.codec, data, pts, receivedAt });
  }

  private readAac(pkt: RtpPacket, receivedAt: number): void {
    const p = pkt.payload;
    if (this.fragment && this.continueFragment(pkt, receivedAt)) return;
    const sizes = this.readAuHeaders(p);
    if (!sizes) {
      this.stats.badPayloads++;
      return;
    }
    let o = sizes.dataOffset;
    if (sizes.sizes.length === 1 && o + sizes.sizes[0] > p.length) {
      if (sizes.sizes[0] > MAX_AAC_FRAME_BYTES) {
        // A wide sizeLength from the SDP could announce frames of megabytes: never collect those.
        this.stats.oversizeDropped++;
        return;
      }
      // One access unit split over several packets (RFC 3640 3.2.3): collect until complete.
      this.fragment = { timestamp: pkt.timestamp, size: sizes.sizes[0], parts: [p.slice(o)], have: p.length - o };
      return;
    }
    for (let i = 0; i < sizes.sizes.length; i++) {
      const size = sizes.sizes[i];
      if (o + size > p.length) {
        this.stats.badPayloads++;
        return;
      }
      this.emit(p.slice(o, o + size), pkt.timestamp, i * this.aac.frameDuration, receivedAt);
      o += size;
    }
  }

  /** Returns true if the packet was consumed as a continuation of the open fragment. */
  private continueFragment(pkt: RtpPacket, receivedAt: number): boolean {
    const f = this.fragment!;
    if (pkt.timestamp !== f.timestamp) {
      this.fragment = undefined;
      this.stats.framesDropped++;
      return false;
    }
    const sizes = this.readAuHeaders(pkt.payload);
    if (!sizes) {
      this.fragment = undefined;
      this.stats.badPayloads++;
      return true;
    }
    const body = pkt.payload.slice(sizes.dataOffset);
    f.parts.push(body);
    f.have += body.length;
    if (f.have >= f.size || pkt.marker) {
      this.fragment = undefined;
      if (f.have !== f.size) {
        this.stats.badPayloads++;
        return true;
      }
      const data = new Uint8Array(f.size);
      let o = 0;
      for (const part of f.parts) {
        data.set(part, o);
        o += part.length;
      }
      this.emit(data, f.timestamp, 0, receivedAt);
    }
    return true;
  }

  /** AU-headers-length (bits), then one header per AU: size + index (first) or index-delta. */
  private readAuHeaders(p: Uint8Array): { sizes: number[]; dataOffset: number } | undefined {
    if (p.length < 2) return undefined;
    const headerBits = (p[0] << 8) | p[1];
    const headerBytes = Math.ceil(headerBits / 8);
    if (headerBits === 0 || 2 + headerBytes > p.length) return undefined;
    const { sizeLength, indexLength, indexDeltaLength } = this.aac;
    const sizes: number[] = [];
    let bit = 0;
    while (bit < headerBits) {
      const width = sizeLength + (sizes.length === 0 ? indexLength : indexDeltaLength);
      if (bit + width > headerBits) return undefined;
      sizes.push(readBits(p, 16 + bit, sizeLength));
      bit += width;
    }
    return { sizes, dataOffset: 2 + headerBytes };
  }
}

function readBits(data: Uint8Array, bitOffset: number, n: number): number {
  let v = 0;
  for (let i = 0; i < n; i++) {
    const pos = bitOffset + i;
    v = (v << 1) | ((data[pos >> 3] >> (7 - (pos & 7))) & 1);
  }
  return v;
}
