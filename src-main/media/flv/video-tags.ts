// FLV video tag bodies for H.264 and H.265.
// - H.264: legacy VideoTagHeader, CodecID 7 (AVC): [frameType<<4 | 7][AVCPacketType][SI24 cts].
// - H.265 'codec12': the same legacy layout with CodecID 12, the de-facto form used by
//   Chinese CDNs/NVR gateways; mpegts.js >= 1.7 parses it (_parseHEVCVideoPacket).
// - H.265 'enhanced': Enhanced RTMP/FLV v1 (Veovera): [0x80 | frameType<<4 | PacketType]['hvc1']
//   then, for CodedFrames, SI24 cts; CodedFramesX (3) omits cts when it is 0. Read by
//   mpegts.js >= 1.7, FFmpeg >= 6.1, OBS, SRS.
// Sample data is 4-byte length-prefixed NAL units; sequence headers carry avcC / hvcC.
import type { VideoCodec } from '../types.js';
import { keptNalCount, lengthPrefixedParts, lengthPrefixedSize, writeLengthPrefixed } from '../fmp4/length-prefixed.js';
import { TAG_HEADER_SIZE, TAG_VIDEO, allocTag, writePreviousTagSize, writeTagHeader } from './flv-tags.js';

export type HevcFlvForm = 'codec12' | 'enhanced';

export const CODEC_ID_AVC = 7;
export const CODEC_ID_HEVC = 12;
const FRAME_KEY = 1;
const FRAME_INTER = 2;
const EX_HEADER = 0x80;
const PACKET_SEQUENCE_START = 0;
const PACKET_CODED_FRAMES = 1;
const PACKET_CODED_FRAMES_X = 3;
// 'hvc1' as bytes
const FOURCC_HVC1 = [0x68, 0x76, 0x63, 0x31];

function isEnhanced(codec: VideoCodec, form: HevcFlvForm): boolean {
  return codec === 'h265' && form === 'enhanced';
}

function writeSi24(b: Uint8Array, o: number, v: number): void {
  const u = v & 0xffffff; // two's complement in 24 bits
  b[o] = u >>> 16;
  b[o + 1] = (u >>> 8) & 0xff;
  b[o + 2] = u & 0xff;
}

/** Writes the video tag header at `o`; returns its length. */
function writeVideoHeader(b: Uint8Array, o: number, codec: VideoCodec, form: HevcFlvForm, frameType: number, sequenceStart: boolean, ctsMs: number): number {
  if (isEnhanced(codec, form)) {
    const packetType = sequenceStart ? PACKET_SEQUENCE_START : ctsMs === 0 ? PACKET_CODED_FRAMES_X : PACKET_CODED_FRAMES;
    b[o] = EX_HEADER | (frameType << 4) | packetType;
    b.set(FOURCC_HVC1, o + 1);
    if (packetType !== PACKET_CODED_FRAMES) return 5;
    writeSi24(b, o + 5, ctsMs);
    return 8;
  }
  b[o] = (frameType << 4) | (codec === 'h264' ? CODEC_ID_AVC : CODEC_ID_HEVC);
  b[o + 1] = sequenceStart ? 0 : 1; // AVCPacketType: 0 sequence header, 1 NALU
  writeSi24(b, o + 2, sequenceStart ? 0 : ctsMs);
  return 5;
}

function videoHeaderSize(codec: VideoCodec, form: HevcFlvForm, sequenceStart: boolean, ctsMs: number): number {
  if (!isEnhanced(codec, form)) return 5;
  return sequenceStart || ctsMs === 0 ? 5 : 8;
}

/** Video sequence header tag carrying the decoder configuration record (avcC or hvcC). */
export function videoSequenceHeaderTag(codec: VideoCodec, decoderConfig: Uint8Array, form: HevcFlvForm, timestampMs: number): Buffer {
  const headerSize = videoHeaderSize(codec, form, true, 0);
  const b = allocTag(TAG_VIDEO, headerSize + decoderConfig.length, timestampMs);
  writeVideoHeader(b, TAG_HEADER_SIZE, codec, form, FRAME_KEY, true, 0);
  b.set(decoderConfig, TAG_HEADER_SIZE + headerSize);
  return b;
}

/** Video tag for one access unit. */
export function videoFrameTag(
  codec: VideoCodec,
  nalus: readonly Uint8Array[],
  keyframe: boolean,
  form: HevcFlvForm,
  timestampMs: number,
  ctsMs: number,
): Buffer {
  const headerSize = videoHeaderSize(codec, form, false, ctsMs);
  const payload = lengthPrefixedSize(codec, nalus);
  const b = allocTag(TAG_VIDEO, headerSize + payload, timestampMs);
  writeVideoHeader(b, TAG_HEADER_SIZE, codec, form, keyframe ? FRAME_KEY : FRAME_INTER, false, ctsMs);
  writeLengthPrefixed(codec, nalus, b, TAG_HEADER_SIZE + headerSize);
  return b;
}

/**
 * The same tag as videoFrameTag() as parts that reference the NAL units instead of copying
 * them (header, prefixes and trailer share one small allocation). Send as one message.
 */
export function videoFrameTagParts(
  codec: VideoCodec,
  nalus: readonly Uint8Array[],
  keyframe: boolean,
  form: HevcFlvForm,
  timestampMs: number,
  ctsMs: number,
): Uint8Array[] {
  const headerSize = videoHeaderSize(codec, form, false, ctsMs);
  const payload = lengthPrefixedSize(codec, nalus);
  const bodySize = headerSize + payload;
  const prefixStart = TAG_HEADER_SIZE + headerSize;
  const trailer = prefixStart + 4 * keptNalCount(codec, nalus);
  const head = Buffer.allocUnsafe(trailer + 4);
  writeTagHeader(head, TAG_VIDEO, bodySize, timestampMs);
  writeVideoHeader(head, TAG_HEADER_SIZE, codec, form, keyframe ? FRAME_KEY : FRAME_INTER, false, ctsMs);
  writePreviousTagSize(head, trailer, bodySize);
  const parts: Uint8Array[] = [];
  lengthPrefixedParts(codec, nalus, head, prefixStart, parts);
  parts.push(head.subarray(trailer, trailer + 4));
  return parts;
}
