// Incremental reader of an FLV byte stream carrying H.264 (what `ffmpeg -f flv pipe:1` writes):
// yields one access unit per video tag, the moment its tag is complete. FLV frames every picture
// with its size, so no unit waits for the next one's start code (that would cost a frame).

export interface FlvVideoUnit {
  /** NAL units without start codes or length prefixes. */
  nalus: Uint8Array[];
  keyframe: boolean;
  /** FLV timestamp (ms), the decode time. */
  dtsMs: number;
}

export interface AvcParameterSets {
  sps: Uint8Array;
  pps: Uint8Array;
}

const FLV_HEADER_BYTES = 9 + 4; // header + PreviousTagSize0
const TAG_HEADER_BYTES = 11;
const TAG_VIDEO = 9;
const CODEC_AVC = 7;

export class FlvH264Reader {
  private buf: Buffer = Buffer.alloc(0);
  private headerSeen = false;
  private lengthSize = 4;
  /** Parameter sets from the AVC sequence header, once seen. */
  params: AvcParameterSets | undefined;

  /** Feeds bytes; returns every complete picture. Throws on a stream that is not FLV. */
  push(chunk: Buffer): FlvVideoUnit[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: FlvVideoUnit[] = [];
    if (!this.headerSeen) {
      if (this.buf.length < FLV_HEADER_BYTES) return out;
      if (this.buf.toString('latin1', 0, 3) !== 'FLV') throw new Error('clock encoder output is not FLV');
      this.buf = this.buf.subarray(this.buf.readUInt32BE(5) + 4);
      this.headerSeen = true;
    }
    while (this.buf.length >= TAG_HEADER_BYTES) {
      const size = this.buf.readUIntBE(1, 3);
      const total = TAG_HEADER_BYTES + size + 4;
      if (this.buf.length < total) break;
      const type = this.buf[0] & 0x1f;
      const dtsMs = this.buf.readUIntBE(4, 3) + this.buf[7] * 2 ** 24;
      const body = this.buf.subarray(TAG_HEADER_BYTES, TAG_HEADER_BYTES + size);
      this.buf = this.buf.subarray(total);
      if (type !== TAG_VIDEO || body.length < 5 || (body[0] & 0x0f) !== CODEC_AVC) continue;
      const keyframe = body[0] >> 4 === 1;
      const packetType = body[1];
      const payload = body.subarray(5);
      if (packetType === 0) this.readConfig(payload);
      else if (packetType === 1) out.push({ nalus: this.splitNalus(payload), keyframe, dtsMs });
    }
    return out;
  }

  /** AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1): NAL length size, first SPS and PPS. */
  private readConfig(rec: Buffer): void {
    if (rec.length < 7) return;
    this.lengthSize = (rec[4] & 3) + 1;
    let o = 5;
    const spsCount = rec[o++] & 0x1f;
    let sps: Uint8Array | undefined;
    for (let i = 0; i < spsCount; i++) {
      const len = rec.readUInt16BE(o);
      sps ??= Uint8Array.from(rec.subarray(o + 2, o + 2 + len));
      o += 2 + len;
    }
    const ppsCount = rec[o++];
    let pps: Uint8Array | undefined;
    for (let i = 0; i < ppsCount; i++) {
      const len = rec.readUInt16BE(o);
      pps ??= Uint8Array.from(rec.subarray(o + 2, o + 2 + len));
      o += 2 + len;
    }
    if (sps && pps) this.params = { sps, pps };
  }

  private splitNalus(data: Buffer): Uint8Array[] {
    const nalus: Uint8Array[] = [];
    let o = 0;
    while (o + this.lengthSize <= data.length) {
      const len = data.readUIntBE(o, this.lengthSize);
      o += this.lengthSize;
      if (len > 0 && o + len <= data.length) nalus.push(Uint8Array.from(data.subarray(o, o + len)));
      o += len;
    }
    return nalus;
  }
}
