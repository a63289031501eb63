// AVCDecoderConfigurationRecord ('avcC', ISO/IEC 14496-15 5.3.3.1), used by fMP4 sample
// entries and by FLV's AVC sequence header. NAL units are length-prefixed with 4 bytes.
import { parseH264Sps } from './h264-sps.js';

const HIGH_PROFILES_WITH_EXTENSION = new Set([100, 110, 122, 144]);

/** Builds avcC from one or more SPS and PPS NAL units (NAL headers included, no start codes). */
export function buildAvcC(sps: Uint8Array | readonly Uint8Array[], pps: Uint8Array | readonly Uint8Array[]): Uint8Array {
  const spsList = sps instanceof Uint8Array ? [sps] : sps;
  const ppsList = pps instanceof Uint8Array ? [pps] : pps;
  if (spsList.length === 0 || spsList.length > 31) throw new Error('avcC needs 1..31 SPS');
  if (ppsList.length === 0 || ppsList.length > 255) throw new Error('avcC needs 1..255 PPS');
  const first = spsList[0];
  const info = parseH264Sps(first);
  const withExtension = HIGH_PROFILES_WITH_EXTENSION.has(info.profileIdc);

  let size = 6 + 1;
  for (const s of spsList) size += 2 + s.length;
  for (const p of ppsList) size += 2 + p.length;
  if (withExtension) size += 4;

  const out = new Uint8Array(size);
  let o = 0;
  out[o++] = 1; // configurationVersion
  out[o++] = first[1]; // AVCProfileIndication
  out[o++] = first[2]; // profile_compatibility
  out[o++] = first[3]; // AVCLevelIndication
  out[o++] = 0xfc | 3; // reserved 6 bits + lengthSizeMinusOne = 3
  out[o++] = 0xe0 | spsList.length; // reserved 3 bits + numOfSequenceParameterSets
  for (const s of spsList) o = writeWithLength(out, o, s);
  out[o++] = ppsList.length;
  for (const p of ppsList) o = writeWithLength(out, o, p);
  if (withExtension) {
    out[o++] = 0xfc | info.chromaFormatIdc;
    out[o++] = 0xf8 | (info.bitDepthLuma - 8);
    out[o++] = 0xf8 | (info.bitDepthChroma - 8);
    out[o] = 0; // numOfSequenceParameterSetExt
  }
  return out;
}

function writeWithLength(out: Uint8Array, o: number, nal: Uint8Array): number {
  if (nal.length > 0xffff) throw new Error('parameter set larger than 65535 bytes');
  out[o] = nal.length >> 8;
  out[o + 1] = nal.length & 0xff;
  out.set(nal, o + 2);
  return o + 2 + nal.length;
}
