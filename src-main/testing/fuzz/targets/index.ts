// Every fuzz target, in the order the runner reports them.
import type { FuzzTarget } from '../target.js';
import { h264Sps, h265Sps } from './codec-targets.js';
import { flvStream } from './flv-targets.js';
import { hlsCookies, hlsPlaylist, requestTarget, streamUrl } from './http-targets.js';
import { onvifSoap, soapXmlReader } from './onvif-targets.js';
import { rtcp, rtpAac, rtpG711, rtpH264, rtpH265, rtpPacket } from './rtp-targets.js';
import { digestChallenge, rtspStream } from './rtsp-targets.js';
import { sdp } from './sdp-target.js';
import { hostInvoke, rtspMedia } from './session-targets.js';
import { csvImport, m3uImport } from './import-targets.js';

export const ALL_TARGETS: readonly FuzzTarget[] = [
  rtspStream, rtspMedia, digestChallenge, sdp, rtpPacket, rtcp, rtpH264, rtpH265, rtpAac, rtpG711, h264Sps, h265Sps,
  onvifSoap, soapXmlReader, requestTarget, hostInvoke, hlsPlaylist, hlsCookies, streamUrl, flvStream, csvImport, m3uImport,
];

export function findTarget(name: string): FuzzTarget | undefined {
  return ALL_TARGETS.find((t) => t.name === name);
}
