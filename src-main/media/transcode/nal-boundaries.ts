// Which NAL unit starts a new access unit (ITU-T H.264 7.4.1.2.3, H.265 7.4.2.4.4). Only the
// first bytes of a NAL unit are needed, so a boundary can be seen before the unit is complete.
import { h264NalType, h265NalType, isVclNal } from '../codec/index.js';
import type { VideoCodec } from '../types.js';

/** Header bytes needed to decide: the NAL header plus the first slice-header byte. */
export function headBytesNeeded(codec: VideoCodec): number {
  return codec === 'h264' ? 2 : 3;
}

/**
 * True for the first slice of a picture: H.264 first_mb_in_slice == 0 (its ue(v) code is a
 * single '1' bit), H.265 first_slice_segment_in_pic_flag.
 */
export function isFirstSliceOfPicture(codec: VideoCodec, head: Uint8Array): boolean {
  if (codec === 'h264') return head.length > 1 && (head[1] & 0x80) !== 0;
  return head.length > 2 && (head[2] & 0x80) !== 0;
}

/** Non-VCL units that, after a picture's slices, belong to the next picture: AUD, parameter sets, SEI, reserved. */
export function opensAccessUnit(codec: VideoCodec, head: Uint8Array): boolean {
  if (head.length === 0) return false;
  if (codec === 'h264') {
    const t = h264NalType(head);
    return t === 6 || t === 7 || t === 8 || t === 9 || (t >= 14 && t <= 18);
  }
  const t = h265NalType(head);
  return (t >= 32 && t <= 35) || t === 39 || (t >= 41 && t <= 44) || (t >= 48 && t <= 55);
}

/** Given that the current unit already has a slice, does a NAL unit starting with `head` begin the next one? */
export function startsNextAccessUnit(codec: VideoCodec, head: Uint8Array): boolean {
  if (isVclNal(codec, head)) return isFirstSliceOfPicture(codec, head);
  return opensAccessUnit(codec, head);
}
