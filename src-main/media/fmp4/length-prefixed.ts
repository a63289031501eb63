// NAL units as MP4/FLV sample data: each unit prefixed by its 4-byte big-endian length
// (ISO/IEC 14496-15, lengthSizeMinusOne = 3). Access unit delimiters are dropped: the
// container already marks where a picture starts, and decoders do not need them.
import type { VideoCodec } from '../types.js';

function isAud(codec: VideoCodec, nal: Uint8Array): boolean {
  return codec === 'h264' ? (nal[0] & 0x1f) === 9 : ((nal[0] >> 1) & 0x3f) === 35;
}

function kept(codec: VideoCodec, nal: Uint8Array): boolean {
  return nal.length > 0 && !isAud(codec, nal);
}

function writeU32(out: Uint8Array, o: number, n: number): void {
  out[o] = n >>> 24;
  out[o + 1] = (n >>> 16) & 0xff;
  out[o + 2] = (n >>> 8) & 0xff;
  out[o + 3] = n & 0xff;
}

/** Bytes that writeLengthPrefixed() will write for these NAL units. */
export function lengthPrefixedSize(codec: VideoCodec, nalus: readonly Uint8Array[]): number {
  let size = 0;
  for (let i = 0; i < nalus.length; i++) if (kept(codec, nalus[i])) size += 4 + nalus[i].length;
  return size;
}

/** NAL units that will be written (for sizing the prefix area of lengthPrefixedParts()). */
export function keptNalCount(codec: VideoCodec, nalus: readonly Uint8Array[]): number {
  let n = 0;
  for (let i = 0; i < nalus.length; i++) if (kept(codec, nalus[i])) n++;
  return n;
}

/** Writes the NAL units into `out` from `offset`; returns the offset after the last byte. */
export function writeLengthPrefixed(codec: VideoCodec, nalus: readonly Uint8Array[], out: Uint8Array, offset: number): number {
  let o = offset;
  for (let i = 0; i < nalus.length; i++) {
    const nal = nalus[i];
    if (!kept(codec, nal)) continue;
    writeU32(out, o, nal.length);
    out.set(nal, o + 4);
    o += 4 + nal.length;
  }
  return o;
}

/**
 * Zero-copy variant for the wire: `head` holds the caller's header in [0, headerSize) and
 * room for 4 x keptNalCount() length prefixes after it. Appends to `parts` the header with
 * the first prefix, then each NAL unit (not copied) with the next prefix between them, so
 * that the parts concatenated equal header + writeLengthPrefixed() output.
 */
export function lengthPrefixedParts(codec: VideoCodec, nalus: readonly Uint8Array[], head: Uint8Array, headerSize: number, parts: Uint8Array[]): void {
  let p = headerSize;
  for (let i = 0; i < nalus.length; i++) {
    const nal = nalus[i];
    if (!kept(codec, nal)) continue;
    writeU32(head, p, nal.length);
    parts.push(p === headerSize ? head.subarray(0, p + 4) : head.subarray(p, p + 4));
    parts.push(nal);
    p += 4;
  }
  if (p === headerSize) parts.push(head.subarray(0, headerSize));
}
