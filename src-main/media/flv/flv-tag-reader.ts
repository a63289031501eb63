// Splits an FLV byte stream (HTTP body chunks or WebSocket messages, cut anywhere) into tags.
// The 9-byte header is checked once; every tag is framed by its 11-byte header and the 4-byte
// PreviousTagSize after it. A tag body is bounded so a hostile size field cannot make us buffer
// without end.
import { SkywallError } from '../../common/model/errors.js';
import { TAG_AUDIO, TAG_HEADER_SIZE, TAG_SCRIPT, TAG_VIDEO } from './flv-tags.js';

/** Largest tag body accepted: a 4K keyframe at a very high bitrate fits with room to spare. */
export const MAX_TAG_BODY_BYTES = 8 * 1024 * 1024;

export interface FlvTag {
  type: typeof TAG_AUDIO | typeof TAG_VIDEO | typeof TAG_SCRIPT;
  /** Milliseconds (24 bits + the extended byte). */
  timestampMs: number;
  body: Uint8Array;
}

export interface FlvHeaderFlags {
  audio: boolean;
  video: boolean;
}

const SIGNATURE = [0x46, 0x4c, 0x56]; // "FLV"

export class FlvTagReader {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private header: FlvHeaderFlags | undefined;
  private skip = 0;

  /** The header's audio/video flags once read (informative: streams often set them wrong). */
  get flags(): FlvHeaderFlags | undefined {
    return this.header;
  }

  /** Feeds bytes; returns every tag completed by them. Throws SkywallError('protocol') on bytes that are not FLV. */
  push(chunk: Uint8Array): FlvTag[] {
    if (chunk.length === 0) return [];
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    const tags: FlvTag[] = [];
    for (;;) {
      if (!this.header) {
        if (!this.readHeader()) break;
        continue;
      }
      if (this.skip > 0) {
        const n = Math.min(this.skip, this.pendingBytes);
        this.consume(n);
        this.skip -= n;
        if (this.skip > 0) break;
      }
      if (this.pendingBytes < TAG_HEADER_SIZE) break;
      const head = this.peek(TAG_HEADER_SIZE);
      const type = head[0] & 0x1f; // the upper bits are reserved / the filter flag
      if (head[0] & 0x20) throw new SkywallError('protocol', 'FLV stream is encrypted (filter flag set)');
      const size = (head[1] << 16) | (head[2] << 8) | head[3];
      if (size > MAX_TAG_BODY_BYTES) throw new SkywallError('protocol', `FLV tag of ${size} bytes exceeds ${MAX_TAG_BODY_BYTES}`);
      const total = TAG_HEADER_SIZE + size + 4;
      if (this.pendingBytes < total) break;
      const whole = this.take(total);
      const timestampMs = ((whole[7] << 24) | (whole[4] << 16) | (whole[5] << 8) | whole[6]) >>> 0;
      if (type === TAG_AUDIO || type === TAG_VIDEO || type === TAG_SCRIPT) {
        tags.push({ type, timestampMs, body: whole.subarray(TAG_HEADER_SIZE, TAG_HEADER_SIZE + size) });
      }
      // other tag types are skipped (the spec reserves them)
    }
    return tags;
  }

  private readHeader(): boolean {
    if (this.pendingBytes < 9) {
      // Refuse early when what came so far cannot be the start of an FLV stream.
      const have = this.peek(Math.min(3, this.pendingBytes));
      for (let i = 0; i < have.length; i++) if (have[i] !== SIGNATURE[i]) throw notFlv();
      return false;
    }
    const h = this.peek(9);
    if (h[0] !== SIGNATURE[0] || h[1] !== SIGNATURE[1] || h[2] !== SIGNATURE[2]) throw notFlv();
    const dataOffset = ((h[5] << 24) | (h[6] << 16) | (h[7] << 8) | h[8]) >>> 0;
    if (dataOffset < 9 || dataOffset > 1024) throw new SkywallError('protocol', `FLV header size ${dataOffset} is not plausible`);
    this.header = { audio: (h[4] & 4) !== 0, video: (h[4] & 1) !== 0 };
    this.consume(Math.min(9, this.pendingBytes));
    this.skip = dataOffset - 9 + 4; // the rest of the header, then PreviousTagSize0
    return true;
  }

  private peek(n: number): Uint8Array {
    const first = this.pending[0];
    if (first && first.length >= n) return first.subarray(0, n);
    return this.joined(n);
  }

  private take(n: number): Uint8Array {
    const first = this.pending[0]!;
    let out: Uint8Array;
    if (first.length >= n) {
      out = first.subarray(0, n);
    } else {
      out = this.joined(n);
    }
    this.consume(n);
    return out;
  }

  /** Copies the first n pending bytes into one array. */
  private joined(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let o = 0;
    for (const part of this.pending) {
      const k = Math.min(part.length, n - o);
      out.set(part.subarray(0, k), o);
      o += k;
      if (o === n) break;
    }
    return out;
  }

  private consume(n: number): void {
    this.pendingBytes -= n;
    while (n > 0) {
      const first = this.pending[0]!;
      if (first.length <= n) {
        n -= first.length;
        this.pending.shift();
      } else {
        this.pending[0] = first.subarray(n);
        n = 0;
      }
    }
  }
}

function notFlv(): SkywallError {
  return new SkywallError('protocol', 'the stream is not FLV (no FLV signature)');
}
