// RTCP (RFC 3550 6): builds the client's compound receiver report (RR + SDES CNAME) and reads
// sender reports and BYE from the server. The RR carries the client's own SSRC; putting the
// camera's SSRC there made GStreamer's server switch SSRC and drop seconds of video.
import type { ReportBlock } from './reception-stats.js';

const PT_SR = 200;
const PT_RR = 201;
const PT_SDES = 202;
const PT_BYE = 203;

export function buildReceiverReport(ownSsrc: number, blocks: readonly ReportBlock[], cname: string): Uint8Array {
  const count = Math.min(blocks.length, 31);
  const rrLength = 8 + count * 24;
  const cnameBytes = new TextEncoder().encode(cname).subarray(0, 255);
  // SDES chunk: SSRC, CNAME item (type, length, text), END item, padded to 32 bits.
  const chunkLength = Math.ceil((4 + 2 + cnameBytes.length + 1) / 4) * 4;
  const sdesLength = 4 + chunkLength;
  const out = new Uint8Array(rrLength + sdesLength);
  const view = new DataView(out.buffer);

  out[0] = 0x80 | count;
  out[1] = PT_RR;
  view.setUint16(2, rrLength / 4 - 1);
  view.setUint32(4, ownSsrc >>> 0);
  for (let i = 0; i < count; i++) {
    const b = blocks[i];
    const o = 8 + i * 24;
    view.setUint32(o, b.ssrc >>> 0);
    view.setUint32(o + 4, ((b.fractionLost & 0xff) << 24) | (b.cumulativeLost & 0xffffff));
    view.setUint32(o + 8, b.extendedHighestSeq >>> 0);
    view.setUint32(o + 12, b.jitter >>> 0);
    view.setUint32(o + 16, b.lastSr >>> 0);
    view.setUint32(o + 20, b.delaySinceLastSr >>> 0);
  }

  const s = rrLength;
  out[s] = 0x81; // one chunk
  out[s + 1] = PT_SDES;
  view.setUint16(s + 2, sdesLength / 4 - 1);
  view.setUint32(s + 4, ownSsrc >>> 0);
  out[s + 8] = 1; // CNAME
  out[s + 9] = cnameBytes.length;
  out.set(cnameBytes, s + 10);
  // The END item and padding are the zero bytes already there.
  return out;
}

export type RtcpPacket =
  | { type: 'sr'; ssrc: number; ntpMsw: number; ntpLsw: number; rtpTimestamp: number }
  | { type: 'rr'; ssrc: number }
  | { type: 'bye'; ssrcs: number[] }
  | { type: 'other'; payloadType: number };

export class RtcpParseError extends Error {
  override name = 'RtcpParseError';
}

/** Splits a compound RTCP packet. Throws RtcpParseError on malformed lengths or versions. */
export function parseRtcp(data: Uint8Array): RtcpPacket[] {
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  const out: RtcpPacket[] = [];
  let o = 0;
  while (o + 4 <= data.length) {
    if (data[o] >> 6 !== 2) throw new RtcpParseError('RTCP version is not 2');
    const count = data[o] & 0x1f;
    const pt = data[o + 1];
    const length = (view.getUint16(o + 2) + 1) * 4;
    if (o + length > data.length) throw new RtcpParseError('RTCP packet runs past the data');
    if (pt === PT_SR && length >= 28) {
      out.push({ type: 'sr', ssrc: view.getUint32(o + 4), ntpMsw: view.getUint32(o + 8), ntpLsw: view.getUint32(o + 12), rtpTimestamp: view.getUint32(o + 16) });
    } else if (pt === PT_RR && length >= 8) {
      out.push({ type: 'rr', ssrc: view.getUint32(o + 4) });
    } else if (pt === PT_BYE) {
      const ssrcs: number[] = [];
      for (let i = 0; i < count && o + 8 + i * 4 <= o + length; i++) ssrcs.push(view.getUint32(o + 4 + i * 4));
      out.push({ type: 'bye', ssrcs });
    } else {
      out.push({ type: 'other', payloadType: pt });
    }
    o += length;
  }
  if (o !== data.length) throw new RtcpParseError('trailing bytes after RTCP packets');
  return out;
}

/** A random 32-bit SSRC for the client, different from every SSRC given. */
export function randomSsrc(avoid: Iterable<number>, random: () => number): number {
  const taken = new Set(avoid);
  for (;;) {
    const ssrc = Math.floor(random() * 2 ** 32) >>> 0;
    if (ssrc !== 0 && !taken.has(ssrc)) return ssrc;
  }
}
