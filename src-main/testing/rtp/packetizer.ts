// Test support (not used at runtime): an independent RTP packetizer for H.264/H.265/AAC, so
// depacketizer tests can feed real encoder output through hand-built packets.
import { isVclNal } from '../../media/codec/nal.js';
import type { VideoCodec } from '../../media/types.js';
import { buildRtpPacket, parseRtpPacket, type RtpPacket } from '../../media/rtp/rtp-packet.js';

export interface PacketizeOptions {
  mtu?: number;
  /** Aggregate consecutive small NAL units (STAP-A / AP). */
  aggregate?: boolean;
  /** H.265: add DONL/DOND fields. */
  donl?: boolean;
}

/** RTP payloads for one access unit (marker belongs on the last one). */
export function packetizeAccessUnit(codec: VideoCodec, nalus: Uint8Array[], opts: PacketizeOptions = {}): Uint8Array[] {
  const mtu = opts.mtu ?? 1200;
  const out: Uint8Array[] = [];
  let don = 0;
  let small: Uint8Array[] = [];
  const flushSmall = () => {
    if (small.length === 1) out.push(single(codec, small[0], opts.donl ? don++ : undefined));
    else if (small.length > 1) {
      out.push(aggregate(codec, small, opts.donl ? don : undefined));
      don += small.length;
    }
    small = [];
  };
  for (const nal of nalus) {
    if (nal.length > mtu) {
      flushSmall();
      for (const f of fragment(codec, nal, mtu, opts.donl ? don++ : undefined)) out.push(f);
    } else if (opts.aggregate && nal.length < 200) {
      small.push(nal);
    } else {
      flushSmall();
      out.push(single(codec, nal, opts.donl ? don++ : undefined));
    }
  }
  flushSmall();
  return out;
}

function single(codec: VideoCodec, nal: Uint8Array, don?: number): Uint8Array {
  if (codec === 'h264' || don === undefined) return nal;
  return concat([nal.subarray(0, 2), u16(don), nal.subarray(2)]);
}

function aggregate(codec: VideoCodec, nalus: Uint8Array[], don?: number): Uint8Array {
  if (codec === 'h264') {
    const nri = Math.max(...nalus.map((n) => n[0] & 0x60));
    return concat([new Uint8Array([nri | 24]), ...nalus.flatMap((n) => [u16(n.length), n])]);
  }
  const header = new Uint8Array([48 << 1, 1]); // type 48, layer 0, TID 1
  const parts: Uint8Array[] = [header];
  nalus.forEach((n, i) => {
    if (don !== undefined) parts.push(i === 0 ? u16(don) : new Uint8Array([0]));
    parts.push(u16(n.length), n);
  });
  return concat(parts);
}

function fragment(codec: VideoCodec, nal: Uint8Array, mtu: number, don?: number): Uint8Array[] {
  const headerLen = codec === 'h264' ? 1 : 2;
  const body = nal.subarray(headerLen);
  const out: Uint8Array[] = [];
  for (let o = 0; o < body.length; o += mtu) {
    const start = o === 0;
    const end = o + mtu >= body.length;
    const flags = (start ? 0x80 : 0) | (end ? 0x40 : 0);
    const chunk = body.subarray(o, o + mtu);
    if (codec === 'h264') {
      out.push(concat([new Uint8Array([(nal[0] & 0xe0) | 28, flags | (nal[0] & 0x1f)]), chunk]));
    } else {
      const type = (nal[0] >> 1) & 0x3f;
      const hdr = new Uint8Array([(nal[0] & 0x81) | (49 << 1), nal[1], flags | type]);
      out.push(concat(start && don !== undefined ? [hdr, u16(don), chunk] : [hdr, chunk]));
    }
  }
  return out;
}

/** Wraps an H.265 payload in a PACI packet (RFC 7798 4.4.4) with `phes` extension bytes. */
export function wrapPaci(payload: Uint8Array, phes: Uint8Array): Uint8Array {
  const cType = (payload[0] >> 1) & 0x3f;
  const a = payload[0] >> 7;
  const hdr = new Uint8Array([(payload[0] & 0x81) | (50 << 1), payload[1], (a << 7) | (cType << 1) | (phes.length >> 4), (phes.length & 0x0f) << 4]);
  return concat([hdr, phes, payload.subarray(2)]);
}

/** Groups Annex-B NAL units into access units (first slice of a picture starts a new one). */
export function groupAccessUnits(codec: VideoCodec, nalus: Uint8Array[]): Uint8Array[][] {
  const units: Uint8Array[][] = [];
  let current: Uint8Array[] = [];
  let hasVcl = false;
  for (const nal of nalus) {
    const vcl = isVclNal(codec, nal);
    const firstSlice = vcl && (codec === 'h264' ? (nal[1] & 0x80) !== 0 : (nal[2] & 0x80) !== 0);
    if (hasVcl && (!vcl || firstSlice)) {
      units.push(current);
      current = [];
      hasVcl = false;
    }
    current.push(nal);
    if (vcl) hasVcl = true;
  }
  if (current.length) units.push(current);
  return units;
}

export interface StreamOptions extends PacketizeOptions {
  ssrc?: number;
  firstSeq?: number;
  firstTimestamp?: number;
  ticksPerUnit?: number;
  payloadType?: number;
}

/** Packetizes whole access units into parsed RTP packets, marker on each unit's last packet. */
export function packetizeStream(codec: VideoCodec, units: Uint8Array[][], opts: StreamOptions = {}): RtpPacket[][] {
  let seq = opts.firstSeq ?? 1000;
  let ts = opts.firstTimestamp ?? 12345;
  return units.map((u) => {
    const payloads = packetizeAccessUnit(codec, u, opts);
    const packets = payloads.map((payload, i) =>
      parseRtpPacket(buildRtpPacket({ payloadType: opts.payloadType ?? 96, sequenceNumber: seq++ & 0xffff, timestamp: ts >>> 0, ssrc: opts.ssrc ?? 0x1234, marker: i === payloads.length - 1, payload })),
    );
    ts += opts.ticksPerUnit ?? 3600;
    return packets;
  });
}

function u16(v: number): Uint8Array {
  return new Uint8Array([(v >> 8) & 0xff, v & 0xff]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
