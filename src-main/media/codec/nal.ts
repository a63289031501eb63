// NAL unit header helpers for H.264 (1-byte header) and H.265 (2-byte header).
import type { VideoCodec } from '../types.js';

export const H264_NAL = { IDR: 5, SEI: 6, SPS: 7, PPS: 8, AUD: 9 } as const;
export const H265_NAL = { IRAP_FIRST: 16, IRAP_LAST: 21, VPS: 32, SPS: 33, PPS: 34, AUD: 35 } as const;

export function h264NalType(nal: Uint8Array): number {
  return nal[0] & 0x1f;
}

export function h265NalType(nal: Uint8Array): number {
  return (nal[0] >> 1) & 0x3f;
}

/** A NAL unit that starts a random access point: H.264 IDR slice, H.265 IRAP (BLA/IDR/CRA). */
export function isKeyframeNal(codec: VideoCodec, nal: Uint8Array): boolean {
  if (nal.length === 0) return false;
  if (codec === 'h264') return h264NalType(nal) === H264_NAL.IDR;
  const t = h265NalType(nal);
  return t >= H265_NAL.IRAP_FIRST && t <= H265_NAL.IRAP_LAST;
}

export type ParameterSetKind = 'vps' | 'sps' | 'pps';

/** Which parameter set a NAL unit carries, if any. */
export function parameterSetKind(codec: VideoCodec, nal: Uint8Array): ParameterSetKind | undefined {
  if (nal.length === 0) return undefined;
  if (codec === 'h264') {
    const t = h264NalType(nal);
    return t === H264_NAL.SPS ? 'sps' : t === H264_NAL.PPS ? 'pps' : undefined;
  }
  const t = h265NalType(nal);
  return t === H265_NAL.VPS ? 'vps' : t === H265_NAL.SPS ? 'sps' : t === H265_NAL.PPS ? 'pps' : undefined;
}

/** Joins NAL units as an Annex-B byte stream (4-byte start codes), e.g. for ffmpeg checks or .h264 files. */
export function toAnnexB(nalus: readonly Uint8Array[]): Uint8Array {
  let size = 0;
  for (const n of nalus) size += 4 + n.length;
  const out = new Uint8Array(size);
  let o = 0;
  for (const n of nalus) {
    out.set([0, 0, 0, 1], o);
    out.set(n, o + 4);
    o += 4 + n.length;
  }
  return out;
}

/** Splits an Annex-B byte stream (3- or 4-byte start codes) into NAL units. */
export function splitAnnexB(data: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = -1;
  let i = 0;
  while (i + 2 < data.length) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      if (start >= 0) out.push(trimTrailingZeros(data.subarray(start, i)));
      i += 3;
      start = i;
    } else {
      i++;
    }
  }
  if (start >= 0 && start < data.length) out.push(trimTrailingZeros(data.subarray(start)));
  return out.filter((n) => n.length > 0);
}

// The zero before a 4-byte start code belongs to the start code, not to the NAL unit.
function trimTrailingZeros(nal: Uint8Array): Uint8Array {
  let end = nal.length;
  while (end > 0 && nal[end - 1] === 0) end--;
  return nal.subarray(0, end);
}

/** Slice data (VCL) NAL unit: H.264 types 1-5, H.265 types 0-31. */
export function isVclNal(codec: VideoCodec, nal: Uint8Array): boolean {
  if (nal.length === 0) return false;
  if (codec === 'h264') {
    const t = h264NalType(nal);
    return t >= 1 && t <= 5;
  }
  return h265NalType(nal) <= 31;
}
