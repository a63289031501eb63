// HEVCDecoderConfigurationRecord ('hvcC', ISO/IEC 14496-15 8.3.3.1) for fMP4 sample entries
// and enhanced FLV. Fields the SPS does not give cheaply (min_spatial_segmentation_idc,
// parallelismType, frame rate) are written as 0, which the spec defines as "unknown".
import { parseH265Sps } from './h265-sps.js';

const NAL_TYPE = { vps: 32, sps: 33, pps: 34 } as const;

type NalList = Uint8Array | readonly Uint8Array[];

/** Builds hvcC from VPS, SPS and PPS NAL units (2-byte NAL headers included, no start codes). */
export function buildHvcC(vps: NalList, sps: NalList, pps: NalList): Uint8Array {
  const arrays: Array<[number, readonly Uint8Array[]]> = [
    [NAL_TYPE.vps, asList(vps)],
    [NAL_TYPE.sps, asList(sps)],
    [NAL_TYPE.pps, asList(pps)],
  ];
  for (const [type, list] of arrays) {
    if (list.length === 0) throw new Error(`hvcC needs at least one NAL unit of type ${type}`);
  }
  const info = parseH265Sps(arrays[1][1][0]);

  let size = 23;
  for (const [, list] of arrays) {
    size += 3;
    for (const n of list) size += 2 + n.length;
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out[0] = 1; // configurationVersion
  out[1] = (info.profileSpace << 6) | (info.tierFlag << 5) | info.profileIdc;
  view.setUint32(2, info.compatibilityFlags >>> 0);
  out.set(info.constraintIndicatorFlags, 6);
  out[12] = info.levelIdc;
  view.setUint16(13, 0xf000); // reserved 4 bits + min_spatial_segmentation_idc 0
  out[15] = 0xfc; // reserved 6 bits + parallelismType 0
  out[16] = 0xfc | info.chromaFormatIdc;
  out[17] = 0xf8 | (info.bitDepthLuma - 8);
  out[18] = 0xf8 | (info.bitDepthChroma - 8);
  view.setUint16(19, 0); // avgFrameRate unknown
  // constantFrameRate 0, numTemporalLayers, temporalIdNested, lengthSizeMinusOne 3
  out[21] = (info.maxSubLayers << 3) | ((info.temporalIdNesting ? 1 : 0) << 2) | 3;
  out[22] = arrays.length;

  let o = 23;
  for (const [type, list] of arrays) {
    out[o++] = 0x80 | type; // array_completeness 1: all parameter sets are in the record
    view.setUint16(o, list.length);
    o += 2;
    for (const n of list) {
      if (n.length > 0xffff) throw new Error('parameter set larger than 65535 bytes');
      view.setUint16(o, n.length);
      out.set(n, o + 2);
      o += 2 + n.length;
    }
  }
  return out;
}

function asList(n: NalList): readonly Uint8Array[] {
  return n instanceof Uint8Array ? [n] : n;
}
