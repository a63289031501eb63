// Builds the shared VideoTrackInfo (size + RFC 6381 codec string) from parameter sets.
import type { VideoCodec, VideoTrackInfo } from '../types.js';
import { h264CodecString, parseH264Sps } from './h264-sps.js';
import { h265CodecString, parseH265Sps } from './h265-sps.js';

export interface ParameterSets {
  vps?: Uint8Array;
  sps: Uint8Array;
  pps: Uint8Array;
}

/** Throws if the SPS cannot be parsed or an H.265 VPS is missing. */
export function videoTrackInfo(codec: VideoCodec, ps: ParameterSets): VideoTrackInfo {
  if (codec === 'h264') {
    const info = parseH264Sps(ps.sps);
    return { codec, sps: ps.sps, pps: ps.pps, width: info.width, height: info.height, codecString: h264CodecString(info) };
  }
  if (!ps.vps) throw new Error('H.265 track without VPS');
  const info = parseH265Sps(ps.sps);
  return { codec, vps: ps.vps, sps: ps.sps, pps: ps.pps, width: info.width, height: info.height, codecString: h265CodecString(info) };
}
