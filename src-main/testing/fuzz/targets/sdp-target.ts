// The SDP of a DESCRIBE answer: parsed, tracks picked, control URLs resolved, the way the
// RTSP negotiation does it.
import { resolveControl } from '../../../media/rtsp/rtsp-url.js';
import { parseSdp, SdpError } from '../../../media/rtsp/sdp.js';
import { selectTracks } from '../../../media/rtsp/sdp-tracks.js';
import { onlyErrors, text, type FuzzTarget } from '../target.js';

const BASE = 'rtsp://127.0.0.1:8554/live/main/';

export const sdp: FuzzTarget = {
  name: 'sdp',
  about: 'DESCRIBE bodies through parseSdp, selectTracks and resolveControl; only SdpError may be thrown',
  expected: onlyErrors(SdpError),
  maxLength: 4096,
  dictionary: [
    'v=0\r\n', 'm=video ', 'm=audio ', ' RTP/AVP ', 'a=rtpmap:', 'a=fmtp:', 'a=control:', 'a=control:*', 'a=control:rtsp://', 'a=control:http://x/',
    'a=control:/', 'H264/90000', 'H265/90000', 'HEVC/90000', 'MPEG4-GENERIC/', 'PCMA/8000', 'PCMU/8000/2', 'packetization-mode=', 'sprop-parameter-sets=',
    'sprop-vps=', 'sprop-sps=', 'sprop-pps=', 'sprop-max-don-diff=', 'mode=AAC-hbr', 'mode=AAC-lbr', 'sizelength=', 'indexlength=', 'indexdeltalength=',
    'constantduration=', 'config=', 'ctsdeltalength=', ';', '=', ',', '/', ' ', '\r\n', 'Z0IAHpWoKA9puAgICBA=', 'aM48gA==', '96', '127', '0', '8',
  ],
  run(input) {
    const session = parseSdp(text(input));
    selectTracks(session, BASE);
    resolveControl(BASE, session.control);
  },
};
