// Annex-B elementary stream reader (H.264 Annex B / H.265 Annex B byte stream): splits the
// stream at start codes and groups NAL units into access units (one coded picture each).
// Parameter sets and prefix SEI that precede a picture belong to that picture's unit.
import type { VideoCodec } from '../../media/types.js';
import { isFirstSliceOfPicture, isKeyframeSlice, isVcl, opensAccessUnit } from './nal-units.js';

export interface AnnexBAccessUnit {
  /** NAL units in stream order, without start codes (views into the input buffer). */
  nalus: Uint8Array[];
  /** Contains an IDR (H.264) or IRAP (H.265) slice. */
  keyframe: boolean;
}

/** Splits an Annex-B byte stream at 3- or 4-byte start codes. Bytes before the first start code are ignored. */
export function splitAnnexB(stream: Uint8Array): Uint8Array[] {
  const starts: number[] = [];
  for (let i = 0; i + 2 < stream.length; i++) {
    if (stream[i + 2] > 1) {
      i += 2; // no start code can begin at i, i+1 or i+2 with this byte in third place
      continue;
    }
    if (stream[i] === 0 && stream[i + 1] === 0 && stream[i + 2] === 1) {
      starts.push(i + 3);
      i += 2;
    }
  }
  const nalus: Uint8Array[] = [];
  for (let k = 0; k < starts.length; k++) {
    const begin = starts[k];
    let end = k + 1 < starts.length ? starts[k + 1] - 3 : stream.length;
    // Zero bytes before the next start code are its leading zero / trailing_zero_8bits, not NAL data.
    while (end > begin && stream[end - 1] === 0) end--;
    if (end > begin) nalus.push(stream.subarray(begin, end));
  }
  return nalus;
}

/**
 * Groups NAL units into access units. A new unit starts at an AUD, at a parameter set / prefix
 * SEI that follows a slice, or at a slice that is the first of a new picture. AUDs are kept.
 */
export function groupAccessUnits(codec: VideoCodec, nalus: readonly Uint8Array[]): AnnexBAccessUnit[] {
  const units: AnnexBAccessUnit[] = [];
  let current: Uint8Array[] = [];
  let currentHasSlice = false;
  let currentKey = false;

  const flush = (): void => {
    if (current.length > 0 && currentHasSlice) units.push({ nalus: current, keyframe: currentKey });
    // A leading group without any slice (e.g. trailing SEI at stream end) is dropped: it is no picture.
    current = [];
    currentHasSlice = false;
    currentKey = false;
  };

  for (const nal of nalus) {
    if (isVcl(codec, nal)) {
      if (currentHasSlice && isFirstSliceOfPicture(codec, nal)) flush();
      current.push(nal);
      currentHasSlice = true;
      if (isKeyframeSlice(codec, nal)) currentKey = true;
    } else {
      // After a slice, an AUD, parameter set or prefix SEI belongs to the next picture.
      if (currentHasSlice && opensAccessUnit(codec, nal)) flush();
      current.push(nal);
    }
  }
  flush();
  return units;
}

/** Reads a whole Annex-B elementary stream into access units. */
export function readAnnexBAccessUnits(codec: VideoCodec, stream: Uint8Array): AnnexBAccessUnit[] {
  return groupAccessUnits(codec, splitAnnexB(stream));
}
