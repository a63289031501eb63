// Turns access units into RTP packets: H.264 per RFC 6184 (single NAL unit, STAP-A, FU-A) and
// H.265 per RFC 7798 (single NAL unit, AP type 48, FU type 49). Marker bit on the last packet
// of each access unit. AUDs are not sent (cameras do not send them either).
import type { RtpHeaderExtension } from '../../media/rtp/rtp-packet.js';
import type { VideoCodec } from '../../media/types.js';
import { isAccessUnitDelimiter, isVcl } from './nal-units.js';

export interface RtpPacketizerOptions {
  codec: VideoCodec;
  ssrc: number;
  payloadType: number;
  initialSeq: number;
  /** Largest RTP payload in bytes (without the 12-byte RTP header). */
  maxPayload: number;
  /** Send leading parameter sets / SEI aggregated (STAP-A or AP) instead of one packet each. */
  aggregate: boolean;
}

const RTP_HEADER_BYTES = 12;

export class RtpPacketizer {
  private seq: number;
  /** Packets and payload octets sent so far, for RTCP sender reports. */
  packetCount = 0;
  octetCount = 0;

  constructor(private readonly opts: RtpPacketizerOptions) {
    this.seq = opts.initialSeq & 0xffff;
  }

  /** Sequence number the next packet will carry. */
  get nextSeq(): number {
    return this.seq;
  }

  /**
   * All RTP packets (header included) for one access unit at the given 32-bit timestamp;
   * `extension` adds a header extension to a packet (replays: ONVIF 0xABAC).
   */
  packetize(nalus: readonly Uint8Array[], timestamp: number, extension?: (first: boolean, last: boolean) => RtpHeaderExtension): Uint8Array[] {
    const payloads: Uint8Array[] = [];
    const sendable = nalus.filter((n) => n.length > 0 && !isAccessUnitDelimiter(this.opts.codec, n));
    let i = 0;
    while (i < sendable.length) {
      if (this.opts.aggregate) {
        const group = this.takeAggregatable(sendable, i);
        if (group.length > 1) {
          payloads.push(this.aggregationPacket(group));
          i += group.length;
          continue;
        }
      }
      const nal = sendable[i++];
      if (nal.length <= this.opts.maxPayload) payloads.push(nal);
      else payloads.push(...this.fragment(nal));
    }
    return payloads.map((p, k) => {
      const last = k === payloads.length - 1;
      return this.withHeader(p, timestamp, last, extension?.(k === 0, last));
    });
  }

  /** Consecutive small non-VCL NAL units from `start` that fit in one aggregation packet. */
  private takeAggregatable(nalus: readonly Uint8Array[], start: number): Uint8Array[] {
    const headerBytes = this.opts.codec === 'h264' ? 1 : 2;
    let size = headerBytes;
    const group: Uint8Array[] = [];
    for (let i = start; i < nalus.length; i++) {
      const nal = nalus[i];
      if (isVcl(this.opts.codec, nal) || size + 2 + nal.length > this.opts.maxPayload) break;
      size += 2 + nal.length;
      group.push(nal);
    }
    return group;
  }

  private aggregationPacket(group: readonly Uint8Array[]): Uint8Array {
    const h264 = this.opts.codec === 'h264';
    const headerBytes = h264 ? 1 : 2;
    const out = new Uint8Array(headerBytes + group.reduce((s, n) => s + 2 + n.length, 0));
    if (h264) {
      // STAP-A: F is OR of the parts, NRI is the highest of the parts.
      const f = group.reduce((v, n) => v | (n[0] & 0x80), 0);
      const nri = group.reduce((v, n) => Math.max(v, n[0] & 0x60), 0);
      out[0] = f | nri | 24;
    } else {
      // AP (type 48): LayerId and TID are the lowest of the parts.
      const layer = group.reduce((v, n) => Math.min(v, ((n[0] & 1) << 5) | (n[1] >> 3)), 63);
      const tid = group.reduce((v, n) => Math.min(v, n[1] & 7), 7);
      out[0] = (48 << 1) | (layer >> 5);
      out[1] = ((layer & 0x1f) << 3) | tid;
    }
    let o = headerBytes;
    for (const nal of group) {
      out[o] = nal.length >> 8;
      out[o + 1] = nal.length & 0xff;
      out.set(nal, o + 2);
      o += 2 + nal.length;
    }
    return out;
  }

  /** FU-A (H.264) or FU type 49 (H.265) fragments of one NAL unit. */
  private fragment(nal: Uint8Array): Uint8Array[] {
    const h264 = this.opts.codec === 'h264';
    const nalHeaderBytes = h264 ? 1 : 2;
    const fuHeaderBytes = h264 ? 2 : 3;
    const chunk = this.opts.maxPayload - fuHeaderBytes;
    const body = nal.subarray(nalHeaderBytes);
    const type = h264 ? nal[0] & 0x1f : (nal[0] >> 1) & 0x3f;
    const out: Uint8Array[] = [];
    for (let off = 0; off < body.length; off += chunk) {
      const part = body.subarray(off, Math.min(off + chunk, body.length));
      const start = off === 0 ? 0x80 : 0;
      const end = off + chunk >= body.length ? 0x40 : 0;
      const pkt = new Uint8Array(fuHeaderBytes + part.length);
      if (h264) {
        pkt[0] = (nal[0] & 0xe0) | 28;
        pkt[1] = start | end | type;
      } else {
        pkt[0] = (nal[0] & 0x81) | (49 << 1);
        pkt[1] = nal[1];
        pkt[2] = start | end | type;
      }
      pkt.set(part, fuHeaderBytes);
      out.push(pkt);
    }
    return out;
  }

  private withHeader(payload: Uint8Array, timestamp: number, marker: boolean, extension?: RtpHeaderExtension): Uint8Array {
    const extBytes = extension ? 4 + extension.data.length : 0;
    const pkt = new Uint8Array(RTP_HEADER_BYTES + extBytes + payload.length);
    const view = new DataView(pkt.buffer);
    pkt[0] = 0x80 | (extension ? 0x10 : 0); // version 2, no padding, no CSRC
    pkt[1] = (marker ? 0x80 : 0) | (this.opts.payloadType & 0x7f);
    view.setUint16(2, this.seq);
    view.setUint32(4, timestamp >>> 0);
    view.setUint32(8, this.opts.ssrc >>> 0);
    if (extension) {
      view.setUint16(RTP_HEADER_BYTES, extension.profile);
      view.setUint16(RTP_HEADER_BYTES + 2, extension.data.length / 4);
      pkt.set(extension.data, RTP_HEADER_BYTES + 4);
    }
    pkt.set(payload, RTP_HEADER_BYTES + extBytes);
    this.seq = (this.seq + 1) & 0xffff;
    this.packetCount++;
    this.octetCount += payload.length;
    return pkt;
  }
}
