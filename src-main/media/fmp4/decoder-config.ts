// The one place the muxers obtain decoder configuration records (avcC / hvcC) from the
// shared codec module, so both fMP4 and FLV stay in step with it.
import { buildAvcC, buildHvcC } from '../codec/index.js';
import type { VideoTrackInfo } from '../types.js';

export function decoderConfigRecord(track: VideoTrackInfo): Uint8Array {
  if (track.codec === 'h264') return buildAvcC(track.sps, track.pps);
  if (!track.vps) throw new Error('an H.265 track needs a VPS to build its hvcC');
  return buildHvcC(track.vps, track.sps, track.pps);
}
