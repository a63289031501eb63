// One movie fragment (moof + mdat) holding exactly one video sample, written into a single
// buffer with a fixed 112-byte header so that each access unit can be appended by MSE the
// moment it arrives. Layout (ISO/IEC 14496-12 8.8):
//   moof { mfhd, traf { tfhd(default-base-is-moof), tfdt v1, trun v1 (1 sample) } } mdat
import type { VideoCodec } from '../types.js';
import { VIDEO_TRACK_ID } from './init-segment.js';
import { keptNalCount, lengthPrefixedParts, lengthPrefixedSize, writeLengthPrefixed } from './length-prefixed.js';

const MOOF_SIZE = 104;
const HEADER_SIZE = MOOF_SIZE + 8; // + mdat header

/** sample_flags: depends on no other sample, sync. */
export const SYNC_SAMPLE_FLAGS = 0x02000000;
/** sample_flags: depends on others, is_non_sync_sample. */
export const NON_SYNC_SAMPLE_FLAGS = 0x01010000;

// trun flags: data-offset, sample-duration, sample-size, sample-flags, sample-composition-time-offset
const TRUN_FLAGS = 0x000f01;

export interface FragmentSample {
  codec: VideoCodec;
  nalus: readonly Uint8Array[];
  keyframe: boolean;
  /** Decode time on the output timeline, in track timescale ticks. */
  baseMediaDecodeTime: number;
  duration: number;
  /** pts - dts in ticks (signed). */
  compositionOffset: number;
  sequenceNumber: number;
}

function u32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = (v >>> 16) & 0xff;
  b[o + 2] = (v >>> 8) & 0xff;
  b[o + 3] = v & 0xff;
}

function header(b: Uint8Array, o: number, size: number, type: number): void {
  u32(b, o, size);
  u32(b, o + 4, type);
}

// Box types as big-endian integers.
const MOOF = 0x6d6f6f66;
const MFHD = 0x6d666864;
const TRAF = 0x74726166;
const TFHD = 0x74666864;
const TFDT = 0x74666474;
const TRUN = 0x7472756e;
const MDAT = 0x6d646174;

function writeHeader(b: Uint8Array, s: FragmentSample, payload: number): void {
  header(b, 0, MOOF_SIZE, MOOF);
  header(b, 8, 16, MFHD);
  u32(b, 16, 0); // version, flags
  u32(b, 20, s.sequenceNumber >>> 0);

  header(b, 24, 80, TRAF);
  header(b, 32, 16, TFHD);
  u32(b, 40, 0x00020000); // default-base-is-moof
  u32(b, 44, VIDEO_TRACK_ID);

  header(b, 48, 20, TFDT);
  u32(b, 56, 0x01000000); // version 1: 64-bit time
  u32(b, 60, Math.floor(s.baseMediaDecodeTime / 0x1_0000_0000));
  u32(b, 64, s.baseMediaDecodeTime >>> 0);

  header(b, 68, 36, TRUN);
  u32(b, 76, 0x01000000 | TRUN_FLAGS); // version 1: signed composition offsets
  u32(b, 80, 1); // sample_count
  u32(b, 84, HEADER_SIZE); // data_offset from moof start to the sample bytes
  u32(b, 88, s.duration >>> 0);
  u32(b, 92, payload);
  u32(b, 96, s.keyframe ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS);
  u32(b, 100, s.compositionOffset | 0);

  header(b, MOOF_SIZE, 8 + payload, MDAT);
}

/** Writes moof+mdat for one sample into one new buffer (for files and tests). */
export function writeFragment(s: FragmentSample): Buffer {
  const payload = lengthPrefixedSize(s.codec, s.nalus);
  const b = Buffer.allocUnsafe(HEADER_SIZE + payload);
  writeHeader(b, s, payload);
  writeLengthPrefixed(s.codec, s.nalus, b, HEADER_SIZE);
  return b;
}

/**
 * The same bytes as writeFragment() as a list of parts that reference the NAL units instead
 * of copying them: only the 112-byte header and the length prefixes are allocated. The
 * gateway sends the parts as one WebSocket message.
 */
export function fragmentParts(s: FragmentSample): Uint8Array[] {
  const payload = lengthPrefixedSize(s.codec, s.nalus);
  const head = Buffer.allocUnsafe(HEADER_SIZE + 4 * keptNalCount(s.codec, s.nalus));
  writeHeader(head, s, payload);
  const parts: Uint8Array[] = [];
  lengthPrefixedParts(s.codec, s.nalus, head, HEADER_SIZE, parts);
  return parts;
}
