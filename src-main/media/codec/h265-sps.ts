// H.265 sequence parameter set parser (ITU-T H.265 7.3.2.2): profile/tier/level for the codec
// string and hvcC, chroma format and bit depth, and the picture size after the conformance window.
import { BitReader, BitstreamError, unescapeRbsp } from './bitreader.js';

export interface H265ProfileTierLevel {
  profileSpace: number;
  tierFlag: number;
  profileIdc: number;
  /** general_profile_compatibility_flag[0..31], flag[0] in the most significant bit. */
  compatibilityFlags: number;
  /** The 48 bits after the compatibility flags (progressive, interlaced, ... flags), 6 bytes. */
  constraintIndicatorFlags: Uint8Array;
  levelIdc: number;
}

export interface H265SpsInfo extends H265ProfileTierLevel {
  maxSubLayers: number;
  temporalIdNesting: boolean;
  chromaFormatIdc: number;
  bitDepthLuma: number;
  bitDepthChroma: number;
  width: number;
  height: number;
}

/** Parses an SPS NAL unit (2-byte NAL header included, no start code). Throws BitstreamError on malformed input. */
export function parseH265Sps(nal: Uint8Array): H265SpsInfo {
  if (nal.length < 15 || ((nal[0] >> 1) & 0x3f) !== 33) throw new BitstreamError('not an H.265 SPS NAL unit');
  const r = new BitReader(unescapeRbsp(nal.subarray(2)));
  r.skip(4); // sps_video_parameter_set_id
  const maxSubLayersMinus1 = r.bits(3);
  const temporalIdNesting = r.flag();
  const ptl = readProfileTierLevel(r, maxSubLayersMinus1);
  r.ue(); // sps_seq_parameter_set_id
  const chromaFormatIdc = r.ue();
  if (chromaFormatIdc === 3) r.skip(1); // separate_colour_plane_flag
  const picWidth = r.ue();
  const picHeight = r.ue();
  let left = 0;
  let right = 0;
  let top = 0;
  let bottom = 0;
  if (r.flag()) {
    left = r.ue();
    right = r.ue();
    top = r.ue();
    bottom = r.ue();
  }
  const bitDepthLuma = r.ue() + 8;
  const bitDepthChroma = r.ue() + 8;

  // Conformance window offsets are in chroma sample units (Table 6-1).
  const subWidthC = chromaFormatIdc === 1 || chromaFormatIdc === 2 ? 2 : 1;
  const subHeightC = chromaFormatIdc === 1 ? 2 : 1;
  const width = picWidth - subWidthC * (left + right);
  const height = picHeight - subHeightC * (top + bottom);
  if (width <= 0 || height <= 0) throw new BitstreamError('H.265 SPS gives an empty picture');

  return {
    ...ptl,
    maxSubLayers: maxSubLayersMinus1 + 1,
    temporalIdNesting,
    chromaFormatIdc,
    bitDepthLuma,
    bitDepthChroma,
    width,
    height,
  };
}

/** profile_tier_level(1, maxSubLayersMinus1) (7.3.3); returns the general_* fields. */
export function readProfileTierLevel(r: BitReader, maxSubLayersMinus1: number): H265ProfileTierLevel {
  const profileSpace = r.bits(2);
  const tierFlag = r.bits(1);
  const profileIdc = r.bits(5);
  const compatibilityFlags = r.bits(32);
  const constraintIndicatorFlags = new Uint8Array(6);
  for (let i = 0; i < 6; i++) constraintIndicatorFlags[i] = r.bits(8);
  const levelIdc = r.bits(8);

  const subProfilePresent: boolean[] = [];
  const subLevelPresent: boolean[] = [];
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    subProfilePresent.push(r.flag());
    subLevelPresent.push(r.flag());
  }
  if (maxSubLayersMinus1 > 0) {
    for (let i = maxSubLayersMinus1; i < 8; i++) r.skip(2); // reserved_zero_2bits
  }
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    if (subProfilePresent[i]) r.skip(88);
    if (subLevelPresent[i]) r.skip(8);
  }
  return { profileSpace, tierFlag, profileIdc, compatibilityFlags, constraintIndicatorFlags, levelIdc };
}

/**
 * RFC 6381 / ISO 14496-15 Annex E codec string, e.g. hvc1.1.6.L93.B0:
 * profile space letter + profile, compatibility flags in reversed bit order (hex),
 * tier letter + level, then the constraint bytes with trailing zero bytes left out.
 */
export function h265CodecString(ptl: H265ProfileTierLevel): string {
  const space = ['', 'A', 'B', 'C'][ptl.profileSpace] ?? '';
  let reversed = 0;
  for (let i = 0; i < 32; i++) {
    if (ptl.compatibilityFlags & (1 << i)) reversed |= 1 << (31 - i);
  }
  const compat = (reversed >>> 0).toString(16).toUpperCase();
  const tier = ptl.tierFlag ? 'H' : 'L';
  const bytes = Array.from(ptl.constraintIndicatorFlags);
  while (bytes.length > 0 && bytes[bytes.length - 1] === 0) bytes.pop();
  const constraints = bytes.map((b) => '.' + b.toString(16).toUpperCase()).join('');
  return `hvc1.${space}${ptl.profileIdc}.${compat}.${tier}${ptl.levelIdc}${constraints}`;
}
