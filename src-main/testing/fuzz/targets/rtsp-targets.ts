// RTSP client side: the byte stream from the camera (responses, server requests and '$'
// interleaved frames, in chunks as the socket delivers them), the headers the client acts
// on, and the WWW-Authenticate challenges it answers.
import { Authenticator, pickChallenge } from '../../../media/rtsp/digest-auth.js';
import { statusError } from '../../../media/rtsp/rtsp-errors.js';
import { parsePublic, parseRtpInfo, parseSessionHeader, parseTransportHeader, rtpInfoFor } from '../../../media/rtsp/rtsp-headers.js';
import { RtspProtocolError, RtspStreamParser, type RtspResponse } from '../../../media/rtsp/rtsp-message.js';
import { parseRtspUrl, resolveControl } from '../../../media/rtsp/rtsp-url.js';
import { parseRtpPacket, RtpParseError } from '../../../media/rtp/rtp-packet.js';
import { parseRtcp, RtcpParseError } from '../../../media/rtp/rtcp.js';
import { onlyErrors, latin1, type FuzzTarget } from '../target.js';

const REQUEST_URL = 'rtsp://127.0.0.1:8554/live/main';

/** Splits an input into socket-sized chunks, the same way every time for the same input. */
export function* socketChunks(input: Uint8Array): Generator<Uint8Array> {
  let state = (input.length * 2654435761) >>> 0;
  let o = 0;
  while (o < input.length) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const n = 1 + ((state >>> 16) % 700);
    yield input.subarray(o, o + n);
    o += n;
  }
}

/** What the client does with each response: the header parsers of the request sequence. */
function actOnResponse(res: RtspResponse): void {
  void Number(res.headers.get('cseq'));
  if (res.status === 401) {
    const challenge = pickChallenge(res.headers.getAll('www-authenticate'));
    if (challenge) new Authenticator(challenge, 'admin', 'pa:ss').header('DESCRIBE', REQUEST_URL);
  } else if (res.status >= 300) {
    void statusError('DESCRIBE', REQUEST_URL, res.status, res.reason).message;
  }
  parsePublic(res.headers.get('public'));
  const base = res.headers.get('content-base');
  if (base && /^rtsp:\/\//i.test(base)) {
    try {
      parseRtspUrl(base);
    } catch {
      // the client falls back to the request URL
    }
  }
  parseTransportHeader(res.headers.get('transport'));
  parseSessionHeader(res.headers.get('session'));
  const entries = parseRtpInfo(res.headers.get('rtp-info'));
  rtpInfoFor(entries, resolveControl(`${REQUEST_URL}/`, 'trackID=0'), true);
}

/** Interleaved channels as a session routes them: even RTP, odd RTCP; malformed packets are counted, not thrown. */
function actOnFrame(channel: number, data: Uint8Array): void {
  try {
    if (channel % 2 === 0) parseRtpPacket(data);
    else parseRtcp(data);
  } catch (e) {
    if (!(e instanceof RtpParseError) && !(e instanceof RtcpParseError)) throw e;
  }
}

export const rtspStream: FuzzTarget = {
  name: 'rtsp-stream',
  about: 'bytes from an RTSP server, in socket chunks, through RtspStreamParser and the response header parsers; only RtspProtocolError may be thrown',
  expected: onlyErrors(RtspProtocolError),
  maxLength: 8192,
  dictionary: [
    'RTSP/1.0 ', 'RTSP/1.0 200 OK\r\n', 'RTSP/1.0 401 Unauthorized\r\n', '\r\n', '\r\n\r\n', '\n\n', 'CSeq: ', 'Content-Length: ', 'Content-Base: rtsp://',
    'Session: ', ';timeout=', 'Transport: RTP/AVP/TCP;unicast;interleaved=', 'RTP-Info: url=', ';seq=', ';rtptime=', 'Public: ',
    'WWW-Authenticate: Digest ', 'WWW-Authenticate: Basic realm="x"', 'realm="', 'nonce="', 'algorithm=SHA-256', 'algorithm=MD5-sess', 'qop="auth,auth-int"', 'stale=TRUE',
    '$\x00', '$\x01', '$\x00\xff\xff', '\x80\x60', 'OPTIONS * RTSP/1.0\r\n', 'ANNOUNCE ', ' \t', ':', ',', ';', '"', '\\',
  ],
  run(input) {
    const parser = new RtspStreamParser({
      onResponse: actOnResponse,
      onRequest: (req) => void (req.headers.get('cseq') ?? '0').replace(/[\r\n]/g, ''),
      onInterleaved: actOnFrame,
    });
    for (const chunk of socketChunks(input)) parser.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
  },
};

export const digestChallenge: FuzzTarget = {
  name: 'digest-challenge',
  about: 'WWW-Authenticate header values (one per line) through pickChallenge and the Authorization header builder; nothing may be thrown',
  maxLength: 2048,
  dictionary: ['Digest ', 'Basic ', 'realm=', 'nonce=', 'opaque=', 'algorithm=', 'qop=', 'stale=', '"', '\\"', ',', '=', 'MD5', 'MD5-sess', 'SHA-256', 'SHA-256-sess', 'auth', 'auth-int', '\n'],
  run(input) {
    const challenge = pickChallenge(latin1(input).split('\n'));
    if (!challenge) return;
    const auth = new Authenticator(challenge, 'admin', 'p"a\\ss');
    auth.header('DESCRIBE', REQUEST_URL);
    auth.header('SETUP', `${REQUEST_URL}/trackID=0`);
  },
};
