// Reads the decoder configuration records that FLV sequence headers carry: avcC (ISO/IEC
// 14496-15 5.3.3.1) and hvcC (8.3.3.1). Gives the parameter sets and the NAL length size the
// coded frames use. Records are bounds-checked; a short or inconsistent one is a protocol error.
import { SkywallError } from '../../common/model/errors.js';
import type { ParameterSets } from '../codec/track-info.js';

export interface DecoderConfig extends ParameterSets {
  /** Bytes of each NAL unit's length prefix in coded frames (1, 2 or 4). */
  lengthSize: number;
}

class RecordCursor {
  o = 0;
  constructor(
    private readonly b: Uint8Array,
    private readonly what: string,
  ) {}

  u8(): number {
    this.need(1);
    return this.b[this.o++]!;
  }

  u16(): number {
    this.need(2);
    const v = (this.b[this.o]! << 8) | this.b[this.o + 1]!;
    this.o += 2;
    return v;
  }

  bytes(n: number): Uint8Array {
    this.need(n);
    const v = this.b.slice(this.o, this.o + n);
    this.o += n;
    return v;
  }

  skip(n: number): void {
    this.need(n);
    this.o += n;
  }

  private need(n: number): void {
    if (this.o + n > this.b.length) throw new SkywallError('protocol', `${this.what} record ends early`);
  }
}

function checkLengthSize(n: number, what: string): number {
  if (n === 3) throw new SkywallError('protocol', `${what} uses 3-byte NAL lengths, which the format does not allow`);
  return n;
}

/** avcC: the first SPS and PPS (cameras send one of each). */
export function readAvcC(record: Uint8Array): DecoderConfig {
  const c = new RecordCursor(record, 'avcC');
  if (c.u8() !== 1) throw new SkywallError('protocol', 'avcC version is not 1');
  c.skip(3); // profile, compatibility, level
  const lengthSize = checkLengthSize((c.u8() & 3) + 1, 'avcC');
  const spsCount = c.u8() & 0x1f;
  let sps: Uint8Array | undefined;
  for (let i = 0; i < spsCount; i++) {
    const n = c.bytes(c.u16());
    sps ??= n;
  }
  const ppsCount = c.u8();
  let pps: Uint8Array | undefined;
  for (let i = 0; i < ppsCount; i++) {
    const n = c.bytes(c.u16());
    pps ??= n;
  }
  if (!sps?.length || !pps?.length) throw new SkywallError('protocol', 'avcC has no SPS or PPS');
  return { sps, pps, lengthSize };
}

const HEVC_VPS = 32;
const HEVC_SPS = 33;
const HEVC_PPS = 34;

/** hvcC: the first VPS, SPS and PPS from its NAL arrays. */
export function readHvcC(record: Uint8Array): DecoderConfig {
  const c = new RecordCursor(record, 'hvcC');
  if (c.u8() !== 1) throw new SkywallError('protocol', 'hvcC version is not 1');
  c.skip(20); // profile/tier/level, constraint flags, segmentation, parallelism, formats, frame rate
  const lengthSize = checkLengthSize((c.u8() & 3) + 1, 'hvcC');
  const arrays = c.u8();
  const found: Partial<Record<number, Uint8Array>> = {};
  for (let a = 0; a < arrays; a++) {
    const type = c.u8() & 0x3f;
    const count = c.u16();
    for (let i = 0; i < count; i++) {
      const n = c.bytes(c.u16());
      if (found[type] === undefined && n.length > 0) found[type] = n;
    }
  }
  const vps = found[HEVC_VPS];
  const sps = found[HEVC_SPS];
  const pps = found[HEVC_PPS];
  if (!vps || !sps || !pps) throw new SkywallError('protocol', 'hvcC lacks a VPS, SPS or PPS');
  return { vps, sps, pps, lengthSize };
}

/** Splits length-prefixed sample data into NAL units (views into `data`). */
export function splitLengthPrefixed(data: Uint8Array, lengthSize: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let o = 0;
  while (o < data.length) {
    if (o + lengthSize > data.length) throw new SkywallError('protocol', 'FLV video data ends inside a NAL length');
    let len = 0;
    for (let i = 0; i < lengthSize; i++) len = len * 256 + data[o + i]!;
    o += lengthSize;
    if (len > data.length - o) throw new SkywallError('protocol', 'FLV NAL unit runs past its tag');
    if (len > 0) out.push(data.subarray(o, o + len));
    o += len;
  }
  return out;
}
