// NAL unit header facts for H.264 (ITU-T H.264 7.4.1) and H.265 (ITU-T H.265 7.4.2),
// just enough to group NAL units into pictures and to tell keyframes apart.
import type { VideoCodec } from '../../media/types.js';

export const H264 = {
  SLICE_NON_IDR: 1,
  SLICE_IDR: 5,
  SEI: 6,
  SPS: 7,
  PPS: 8,
  AUD: 9,
} as const;

export const H265 = {
  IRAP_FIRST: 16,
  IRAP_LAST: 23,
  VPS: 32,
  SPS: 33,
  PPS: 34,
  AUD: 35,
  PREFIX_SEI: 39,
} as const;

export function nalType(codec: VideoCodec, nal: Uint8Array): number {
  return codec === 'h264' ? nal[0] & 0x1f : (nal[0] >> 1) & 0x3f;
}

/** Coded slice of a picture (VCL NAL unit). */
export function isVcl(codec: VideoCodec, nal: Uint8Array): boolean {
  const t = nalType(codec, nal);
  return codec === 'h264' ? t >= 1 && t <= 5 : t <= 31;
}

/** IDR (H.264) or IRAP (H.265) slice: decoding can start here. */
export function isKeyframeSlice(codec: VideoCodec, nal: Uint8Array): boolean {
  const t = nalType(codec, nal);
  return codec === 'h264' ? t === H264.SLICE_IDR : t >= H265.IRAP_FIRST && t <= H265.IRAP_LAST;
}

/**
 * True when this VCL NAL unit is the first slice of its picture:
 * H.264 first_mb_in_slice == 0 (ue(v) '1' bit), H.265 first_slice_segment_in_pic_flag.
 */
export function isFirstSliceOfPicture(codec: VideoCodec, nal: Uint8Array): boolean {
  if (codec === 'h264') return nal.length > 1 && (nal[1] & 0x80) !== 0;
  return nal.length > 2 && (nal[2] & 0x80) !== 0;
}

/**
 * Non-VCL NAL units that, when they follow a picture's slices, open the next access unit
 * (H.264 7.4.1.2.3, H.265 7.4.2.4.4): AUD, parameter sets, prefix SEI and reserved types.
 */
export function opensAccessUnit(codec: VideoCodec, nal: Uint8Array): boolean {
  const t = nalType(codec, nal);
  if (codec === 'h264') return t === H264.SEI || t === H264.SPS || t === H264.PPS || t === H264.AUD || (t >= 14 && t <= 18);
  return (t >= H265.VPS && t <= H265.AUD) || t === H265.PREFIX_SEI || (t >= 41 && t <= 44) || (t >= 48 && t <= 55);
}

export function isAccessUnitDelimiter(codec: VideoCodec, nal: Uint8Array): boolean {
  return nalType(codec, nal) === (codec === 'h264' ? H264.AUD : H265.AUD);
}

export interface ParameterSets {
  /** H.265 only */
  vps?: Uint8Array;
  sps: Uint8Array;
  pps: Uint8Array;
}

/** First VPS/SPS/PPS found in the given NAL units, or undefined when SPS or PPS is missing. */
export function findParameterSets(codec: VideoCodec, nalus: readonly Uint8Array[]): ParameterSets | undefined {
  let vps: Uint8Array | undefined;
  let sps: Uint8Array | undefined;
  let pps: Uint8Array | undefined;
  for (const nal of nalus) {
    const t = nalType(codec, nal);
    if (codec === 'h264') {
      if (t === H264.SPS) sps ??= nal;
      else if (t === H264.PPS) pps ??= nal;
    } else if (t === H265.VPS) vps ??= nal;
    else if (t === H265.SPS) sps ??= nal;
    else if (t === H265.PPS) pps ??= nal;
  }
  if (!sps || !pps || (codec === 'h265' && !vps)) return undefined;
  return vps ? { vps, sps, pps } : { sps, pps };
}
