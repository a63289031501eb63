// FLV file structure (Adobe FLV spec v10.1, annex E): a 9-byte header, PreviousTagSize0,
// then tags of 11-byte header + body + 4-byte PreviousTagSize. Timestamps are milliseconds
// (24 bits + 8 extended bits).

export const TAG_AUDIO = 8;
export const TAG_VIDEO = 9;
export const TAG_SCRIPT = 18;
export const TAG_HEADER_SIZE = 11;

/** FLV header + PreviousTagSize0 (13 bytes). */
export function flvHeader(hasAudio: boolean, hasVideo: boolean): Uint8Array {
  const b = new Uint8Array(13);
  b.set([0x46, 0x4c, 0x56, 1, (hasAudio ? 4 : 0) | (hasVideo ? 1 : 0), 0, 0, 0, 9]);
  return b; // bytes 9..12 stay 0: PreviousTagSize0
}

/** Writes the 11-byte tag header at the start of `b`. */
export function writeTagHeader(b: Uint8Array, type: number, bodySize: number, timestampMs: number): void {
  if (bodySize > 0xffffff) throw new Error(`FLV tag body too large: ${bodySize} bytes`);
  const ts = Math.max(0, Math.round(timestampMs)) >>> 0;
  b[0] = type;
  b[1] = (bodySize >>> 16) & 0xff;
  b[2] = (bodySize >>> 8) & 0xff;
  b[3] = bodySize & 0xff;
  b[4] = (ts >>> 16) & 0xff;
  b[5] = (ts >>> 8) & 0xff;
  b[6] = ts & 0xff;
  b[7] = (ts >>> 24) & 0xff; // TimestampExtended
  b[8] = 0; // StreamID
  b[9] = 0;
  b[10] = 0;
}

/** Writes PreviousTagSize (11 + bodySize) at `o`. */
export function writePreviousTagSize(b: Uint8Array, o: number, bodySize: number): void {
  const prev = TAG_HEADER_SIZE + bodySize;
  b[o] = prev >>> 24;
  b[o + 1] = (prev >>> 16) & 0xff;
  b[o + 2] = (prev >>> 8) & 0xff;
  b[o + 3] = prev & 0xff;
}

/** Allocates a whole tag for a body of `bodySize` bytes and fills header and trailer; the caller writes the body at offset 11. */
export function allocTag(type: number, bodySize: number, timestampMs: number): Buffer {
  const b = Buffer.allocUnsafe(TAG_HEADER_SIZE + bodySize + 4);
  writeTagHeader(b, type, bodySize, timestampMs);
  writePreviousTagSize(b, TAG_HEADER_SIZE + bodySize, bodySize);
  return b;
}

/** A complete tag from a ready body. */
export function tagFromBody(type: number, body: Uint8Array, timestampMs: number): Buffer {
  const b = allocTag(type, body.length, timestampMs);
  b.set(body, TAG_HEADER_SIZE);
  return b;
}
