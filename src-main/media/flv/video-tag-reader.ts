// Reads one FLV video tag body, in either of the forms found in the field:
// - legacy: [frameType<<4 | codecId][packetType][SI24 cts] with codecId 7 (AVC) or 12 (HEVC, the
//   de-facto form of Chinese CDNs and ZLMediaKit);
// - Enhanced RTMP (IsExHeader bit 0x80): [0x80 | frameType<<4 | packetType][FourCC] then, for
//   CodedFrames, SI24 cts; CodedFramesX carries no cts (it is 0).
// Command frames, end-of-sequence and metadata packets are not pictures and are skipped.
import { SkywallError } from '../../common/model/errors.js';
import type { VideoCodec } from '../types.js';
import { CODEC_ID_AVC, CODEC_ID_HEVC } from './video-tags.js';

export type VideoTagContent =
  | { kind: 'config'; codec: VideoCodec; record: Uint8Array }
  | { kind: 'frame'; codec: VideoCodec; keyframe: boolean; ctsMs: number; data: Uint8Array }
  | { kind: 'skip' };

const FRAME_KEY = 1;
const FRAME_COMMAND = 5;
const EX_SEQUENCE_START = 0;
const EX_CODED_FRAMES = 1;
const EX_CODED_FRAMES_X = 3;

const FOURCC: Record<string, VideoCodec> = { avc1: 'h264', hvc1: 'h265', hev1: 'h265' };

function si24(b: Uint8Array, o: number): number {
  const v = (b[o]! << 16) | (b[o + 1]! << 8) | b[o + 2]!;
  return v & 0x800000 ? v - 0x1000000 : v;
}

function fourcc(b: Uint8Array, o: number): string {
  return String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);
}

const SKIP: VideoTagContent = { kind: 'skip' };

export function readVideoTag(body: Uint8Array): VideoTagContent {
  if (body.length < 1) return SKIP;
  const first = body[0]!;
  return first & 0x80 ? readEnhanced(body) : readLegacy(body);
}

function readLegacy(body: Uint8Array): VideoTagContent {
  const frameType = (body[0]! >> 4) & 0x7;
  const codecId = body[0]! & 0x0f;
  if (frameType === FRAME_COMMAND) return SKIP;
  const codec: VideoCodec | undefined = codecId === CODEC_ID_AVC ? 'h264' : codecId === CODEC_ID_HEVC ? 'h265' : undefined;
  if (!codec) throw new SkywallError('unsupported_codec', `FLV video codec id ${codecId} is not H.264 or H.265`, { codec: `flv-${codecId}` });
  if (body.length < 5) throw new SkywallError('protocol', 'FLV video tag shorter than its header');
  const packetType = body[1];
  if (packetType === 0) return { kind: 'config', codec, record: body.subarray(5) };
  if (packetType !== 1) return SKIP; // 2: end of sequence
  return { kind: 'frame', codec, keyframe: frameType === FRAME_KEY, ctsMs: si24(body, 2), data: body.subarray(5) };
}

function readEnhanced(body: Uint8Array): VideoTagContent {
  const frameType = (body[0]! >> 4) & 0x7;
  const packetType = body[0]! & 0x0f;
  if (frameType === FRAME_COMMAND) return SKIP;
  if (body.length < 5) throw new SkywallError('protocol', 'enhanced FLV video tag shorter than its header');
  const name = fourcc(body, 1);
  const codec = FOURCC[name];
  if (!codec) throw new SkywallError('unsupported_codec', `FLV video FourCC ${JSON.stringify(name)} is not H.264 or H.265`, { codec: name });
  if (packetType === EX_SEQUENCE_START) return { kind: 'config', codec, record: body.subarray(5) };
  if (packetType === EX_CODED_FRAMES_X) return { kind: 'frame', codec, keyframe: frameType === FRAME_KEY, ctsMs: 0, data: body.subarray(5) };
  if (packetType === EX_CODED_FRAMES) {
    if (body.length < 8) throw new SkywallError('protocol', 'enhanced FLV coded frame shorter than its header');
    return { kind: 'frame', codec, keyframe: frameType === FRAME_KEY, ctsMs: si24(body, 5), data: body.subarray(8) };
  }
  return SKIP; // sequence end, metadata, MPEG-2 TS sequence start, multitrack
}
