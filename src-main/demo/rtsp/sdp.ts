// Session description for one demo stream (RFC 4566), with the codec parameters of
// RFC 6184 (H.264) and RFC 7798 (H.265) so clients can set up a decoder before the first packet.
import type { DemoClip } from './demo-clips.js';

export const RTP_PAYLOAD_TYPE = 96;
export const TRACK_CONTROL = 'trackID=0';

/** How DESCRIBE answers: a good SDP, or one of the broken forms used by fault tests. */
export type SdpVariant = 'normal' | 'no-sprop' | 'no-video' | 'garbage';

export interface SdpInput {
  clip: DemoClip;
  cameraName: string;
  /** Address the client connected to, for the o= line. */
  serverAddress: string;
  sessionId: string;
  variant: SdpVariant;
  /** Archives: the recorded span (`clock=A-B`) instead of `npt=now-`, and the ONVIF track reference. */
  recording?: { range: string; track: string };
}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const hex = (n: number): string => n.toString(16).padStart(2, '0');

function fmtpLine(clip: DemoClip, withSprop: boolean): string {
  const { params } = clip;
  if (clip.codec === 'h264') {
    // profile_idc, constraint flags, level_idc are SPS bytes 1..3.
    const profileLevelId = hex(params.sps[1]) + hex(params.sps[2]) + hex(params.sps[3]);
    const parts = ['packetization-mode=1', `profile-level-id=${profileLevelId}`];
    if (withSprop) parts.push(`sprop-parameter-sets=${b64(params.sps)},${b64(params.pps)}`);
    return `a=fmtp:${RTP_PAYLOAD_TYPE} ${parts.join(';')}`;
  }
  if (!withSprop || !params.vps) return `a=fmtp:${RTP_PAYLOAD_TYPE} tx-mode=SRST`;
  return `a=fmtp:${RTP_PAYLOAD_TYPE} sprop-vps=${b64(params.vps)};sprop-sps=${b64(params.sps)};sprop-pps=${b64(params.pps)}`;
}

export function buildSdp(input: SdpInput): string {
  if (input.variant === 'garbage') return 'this is not an SDP\r\n\x00\x01 v=? m=\r\n';
  const { clip } = input;
  const ipVersion = input.serverAddress.includes(':') ? 'IP6' : 'IP4';
  // SDP text fields must not break lines.
  const name = input.cameraName.replace(/[\r\n]/g, ' ');
  const lines = [
    'v=0',
    `o=- ${input.sessionId} 1 IN ${ipVersion} ${input.serverAddress}`,
    `s=${name}`,
    'i=Skywall demo camera',
    `c=IN ${ipVersion} ${ipVersion === 'IP6' ? '::' : '0.0.0.0'}`,
    't=0 0',
    'a=tool:skywall-demo-rtsp',
    `a=range:${input.recording?.range ?? 'npt=now-'}`,
    'a=control:*',
  ];
  if (input.variant === 'no-video') {
    lines.push('m=audio 0 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', `a=control:${TRACK_CONTROL}`);
  } else {
    lines.push(
      `m=video 0 RTP/AVP ${RTP_PAYLOAD_TYPE}`,
      `a=rtpmap:${RTP_PAYLOAD_TYPE} ${clip.codec === 'h264' ? 'H264' : 'H265'}/90000`,
      fmtpLine(clip, input.variant !== 'no-sprop'),
      `a=framerate:${clip.fps}`,
      `a=x-dimensions:${clip.width},${clip.height}`,
      `a=control:${TRACK_CONTROL}`,
    );
    if (input.recording) lines.push(`a=x-onvif-track:${input.recording.track}`);
  }
  return lines.join('\r\n') + '\r\n';
}
