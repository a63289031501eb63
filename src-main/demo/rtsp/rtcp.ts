// RTCP sender report + SDES CNAME compound packet (RFC 3550 6.4.1, 6.5), which lets a client
// map RTP timestamps to wall-clock time.

/** Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
const NTP_UNIX_OFFSET_S = 2_208_988_800;

export interface SenderReportInput {
  ssrc: number;
  /** Wall-clock time of the report, ms since the Unix epoch. */
  wallClockMs: number;
  /** RTP timestamp that corresponds to wallClockMs. */
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
  cname: string;
}

export function buildSenderReport(r: SenderReportInput): Uint8Array {
  const cname = new TextEncoder().encode(r.cname.slice(0, 255));
  // SDES chunk: SSRC, CNAME item (type, length, text), end-of-list, padded to 32 bits.
  const chunkBytes = 4 + 2 + cname.length + 1;
  const sdesBytes = 4 + Math.ceil(chunkBytes / 4) * 4;
  const out = new Uint8Array(28 + sdesBytes);
  const v = new DataView(out.buffer);

  v.setUint8(0, 0x80); // V=2, P=0, RC=0
  v.setUint8(1, 200); // SR
  v.setUint16(2, 28 / 4 - 1);
  v.setUint32(4, r.ssrc >>> 0);
  const seconds = Math.floor(r.wallClockMs / 1000) + NTP_UNIX_OFFSET_S;
  const fraction = Math.floor(((r.wallClockMs % 1000) / 1000) * 2 ** 32);
  v.setUint32(8, seconds >>> 0);
  v.setUint32(12, fraction >>> 0);
  v.setUint32(16, r.rtpTimestamp >>> 0);
  v.setUint32(20, r.packetCount >>> 0);
  v.setUint32(24, r.octetCount >>> 0);

  v.setUint8(28, 0x81); // V=2, SC=1
  v.setUint8(29, 202); // SDES
  v.setUint16(30, sdesBytes / 4 - 1);
  v.setUint32(32, r.ssrc >>> 0);
  v.setUint8(36, 1); // CNAME
  v.setUint8(37, cname.length);
  out.set(cname, 38);
  // Remaining bytes are already zero: the end-of-list item and padding.
  return out;
}
