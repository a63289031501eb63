// Streaming access-unit reader for an Annex-B byte stream (an encoder's pipe output). A unit is
// closed as soon as the first bytes of the next unit's first NAL unit have arrived: an AUD, a
// parameter set, SEI, or the first slice of the next picture. That costs about one frame of
// latency (the encoder writes the next picture one frame interval later), which is the price of
// a format without lengths or end markers.
import { isKeyframeNal, isVclNal } from '../codec/index.js';
import type { VideoCodec } from '../types.js';
import { AnnexBSplitter } from './annexb-splitter.js';
import { headBytesNeeded, startsNextAccessUnit } from './nal-boundaries.js';

export interface StreamedAccessUnit {
  /** NAL units in stream order, without start codes (AUDs kept). */
  nalus: Uint8Array[];
  /** Contains an IDR (H.264) or IRAP (H.265) slice. */
  keyframe: boolean;
}

export class AccessUnitReader {
  private readonly splitter = new AnnexBSplitter();
  private readonly headSize: number;
  private current: Uint8Array[] = [];
  private hasSlice = false;
  private keyframe = false;
  /** The unit in progress was already closed by peeking at its first bytes. */
  private pendingSeen = false;

  constructor(private readonly codec: VideoCodec) {
    this.headSize = headBytesNeeded(codec);
  }

  /** Feeds bytes; returns the access units they completed, in order. */
  push(chunk: Uint8Array): StreamedAccessUnit[] {
    const out: StreamedAccessUnit[] = [];
    for (const nal of this.splitter.push(chunk)) this.take(nal, out);
    // Look at the unit still in progress: if it opens the next picture, this one is done now.
    const head = this.splitter.pendingHead(this.headSize);
    // Two zero bytes are no NAL header but the next start code (an empty unit): wait for more.
    if (head && head.length >= this.headSize && !this.pendingSeen && !(head[0] === 0 && head[1] === 0)) {
      this.pendingSeen = true;
      if (this.hasSlice && startsNextAccessUnit(this.codec, head)) this.close(out);
    }
    return out;
  }

  /** End of stream: returns what is left as a last unit if it has a slice. */
  end(): StreamedAccessUnit[] {
    const out: StreamedAccessUnit[] = [];
    for (const nal of this.splitter.end()) this.take(nal, out);
    this.close(out);
    return out;
  }

  private take(nal: Uint8Array, out: StreamedAccessUnit[]): void {
    // A unit already peeked at has been judged; otherwise judge it now.
    if (!this.pendingSeen && this.hasSlice && startsNextAccessUnit(this.codec, nal)) this.close(out);
    this.pendingSeen = false;
    this.current.push(nal);
    if (isVclNal(this.codec, nal)) {
      this.hasSlice = true;
      if (isKeyframeNal(this.codec, nal)) this.keyframe = true;
    }
  }

  private close(out: StreamedAccessUnit[]): void {
    // A group without any slice (e.g. parameter sets at the very end) is no picture: dropped.
    if (this.hasSlice && this.current.length > 0) out.push({ nalus: this.current, keyframe: this.keyframe });
    this.current = [];
    this.hasSlice = false;
    this.keyframe = false;
  }
}
