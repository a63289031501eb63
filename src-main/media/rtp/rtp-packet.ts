// RTP fixed header parser (RFC 3550 5.1): version, padding, extension, CSRC list, marker.

export interface RtpHeaderExtension {
  /** "defined by profile" field, e.g. 0xABAC for ONVIF replay NTP timestamps, 0xBEDE for RFC 8285. */
  profile: number;
  data: Uint8Array;
}

export interface RtpPacket {
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  /** 32-bit RTP timestamp, unsigned. */
  timestamp: number;
  ssrc: number;
  csrcs: number[];
  extension?: RtpHeaderExtension;
  /** Payload with padding removed. A view into the packet's buffer. */
  payload: Uint8Array;
}

export class RtpParseError extends Error {
  override name = 'RtpParseError';
}

/** Parses one RTP packet. Throws RtpParseError for anything that is not well-formed RTP v2. */
export function parseRtpPacket(data: Uint8Array): RtpPacket {
  if (data.length < 12) throw new RtpParseError(`RTP packet too short (${data.length} bytes)`);
  const b0 = data[0];
  const version = b0 >> 6;
  if (version !== 2) throw new RtpParseError(`RTP version ${version}, expected 2`);
  const padding = (b0 & 0x20) !== 0;
  const hasExtension = (b0 & 0x10) !== 0;
  const csrcCount = b0 & 0x0f;
  const view = new DataView(data.buffer, data.byteOffset, data.length);

  let offset = 12;
  if (data.length < offset + csrcCount * 4) throw new RtpParseError('RTP CSRC list runs past the packet');
  const csrcs: number[] = [];
  for (let i = 0; i < csrcCount; i++) csrcs.push(view.getUint32(12 + i * 4));
  offset += csrcCount * 4;

  let extension: RtpHeaderExtension | undefined;
  if (hasExtension) {
    if (data.length < offset + 4) throw new RtpParseError('RTP extension header runs past the packet');
    const profile = view.getUint16(offset);
    const words = view.getUint16(offset + 2);
    const end = offset + 4 + words * 4;
    if (data.length < end) throw new RtpParseError('RTP extension runs past the packet');
    extension = { profile, data: data.subarray(offset + 4, end) };
    offset = end;
  }

  let end = data.length;
  if (padding) {
    const padLength = data[data.length - 1];
    if (padLength === 0 || end - padLength < offset) throw new RtpParseError(`bad RTP padding length ${padLength}`);
    end -= padLength;
  }

  return {
    marker: (data[1] & 0x80) !== 0,
    payloadType: data[1] & 0x7f,
    sequenceNumber: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    csrcs,
    extension,
    payload: data.subarray(offset, end),
  };
}

/** Serializes an RTP packet; used by tests and fake servers to build traffic. */
export function buildRtpPacket(p: {
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  marker?: boolean;
  payload: Uint8Array;
  csrcs?: number[];
  extension?: RtpHeaderExtension;
  padding?: number;
}): Uint8Array {
  const csrcs = p.csrcs ?? [];
  const extLen = p.extension ? 4 + p.extension.data.length : 0;
  if (p.extension && p.extension.data.length % 4 !== 0) throw new Error('RTP extension data must be whole 32-bit words');
  const pad = p.padding ?? 0;
  const out = new Uint8Array(12 + csrcs.length * 4 + extLen + p.payload.length + pad);
  const view = new DataView(out.buffer);
  out[0] = 0x80 | (pad ? 0x20 : 0) | (p.extension ? 0x10 : 0) | csrcs.length;
  out[1] = (p.marker ? 0x80 : 0) | (p.payloadType & 0x7f);
  view.setUint16(2, p.sequenceNumber & 0xffff);
  view.setUint32(4, p.timestamp >>> 0);
  view.setUint32(8, p.ssrc >>> 0);
  let o = 12;
  for (const c of csrcs) {
    view.setUint32(o, c >>> 0);
    o += 4;
  }
  if (p.extension) {
    view.setUint16(o, p.extension.profile);
    view.setUint16(o + 2, p.extension.data.length / 4);
    out.set(p.extension.data, o + 4);
    o += extLen;
  }
  out.set(p.payload, o);
  if (pad) out[out.length - 1] = pad;
  return out;
}
