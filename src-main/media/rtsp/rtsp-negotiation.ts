// The request sequence that opens a stream: OPTIONS, DESCRIBE, SETUP per track (TCP
// interleaved), PLAY. Turns the answers into set-up MediaTracks and session facts.
import { SkywallError } from '../../common/model/errors.js';
import type { AudioTrackInfo } from '../types.js';
import { MediaTrack, type TrackSink } from './media-track.js';
import { statusError } from './rtsp-errors.js';
import { parsePublic, parseRtpInfo, parseSessionHeader, parseTransportHeader, rtpInfoFor } from './rtsp-headers.js';
import type { RtspResponse } from './rtsp-message.js';
import type { RtspRequester } from './rtsp-requester.js';
import { parseClockRange, replayPlayHeaders, type ClockRange, type ReplayRequest } from './replay-range.js';
import { parseRtspUrl, redactUrl, resolveControl } from './rtsp-url.js';
import { parseSdp, SdpError } from './sdp.js';
import { selectTracks, type TrackSpec } from './sdp-tracks.js';

export interface NegotiationOptions {
  timeoutMs: number;
  audio: boolean;
  sink: TrackSink;
  /** Play a recording instead of the live stream (see replay-range.ts). */
  replay?: ReplayRequest;
}

export interface NegotiationResult {
  tracks: MediaTrack[];
  audioInfo?: AudioTrackInfo;
  sessionId: string;
  sessionTimeoutSec: number;
  aggregateUrl: string;
  keepaliveMethod: 'GET_PARAMETER' | 'OPTIONS';
  /** Replays: the span the recorder says it plays (PLAY answer `Range: clock=`), if it says. */
  playRange?: ClockRange;
}

export async function negotiate(req: RtspRequester, url: string, opts: NegotiationOptions): Promise<NegotiationResult> {
  const { timeoutMs, replay } = opts;
  // ONVIF replay servers want the option tag on every request of the session.
  const requireTag: Array<[string, string]> = replay?.onvif ? [['Require', 'onvif-replay']] : [];
  // OPTIONS failing is not fatal (some servers answer 404/501 to it); DESCRIBE decides.
  const options = await req.send('OPTIONS', url, [], timeoutMs);
  const methods = options.status < 300 ? parsePublic(options.headers.get('public')) : new Set<string>();

  const describe = expectOk('DESCRIBE', url, await req.send('DESCRIBE', url, [['Accept', 'application/sdp'], ...requireTag], timeoutMs));
  const text = Buffer.from(describe.body).toString('utf8');
  const base = baseUrl(describe, url);
  let sdp;
  let selection;
  let aggregateUrl;
  try {
    sdp = parseSdp(text);
    selection = selectTracks(sdp, base);
    aggregateUrl = resolveControl(base, sdp.control);
  } catch (e) {
    const detail = e instanceof SdpError ? e.message : String(e);
    throw new SkywallError('protocol', `DESCRIBE ${redactUrl(url)}: unusable SDP (${detail})`, { method: 'DESCRIBE', url: redactUrl(url) });
  }
  const hasVideoMedia = sdp.media.some((m) => m.type === 'video');
  if ((hasVideoMedia && !selection.video) || (!selection.video && !selection.audio)) {
    const offered = selection.unsupported.join(', ') || 'no audio or video';
    throw new SkywallError('unsupported_codec', `${redactUrl(url)}: no supported video codec (offered: ${offered}); Skywall ingests H.264 and H.265`, { url: redactUrl(url), codecs: offered });
  }

  const specs: TrackSpec[] = [];
  if (selection.video) specs.push(selection.video);
  if (selection.audio && opts.audio) specs.push(selection.audio);

  let session: { id: string; timeoutSec: number } | undefined;
  const tracks: MediaTrack[] = [];
  for (const [i, spec] of specs.entries()) {
    const wanted: [number, number] = [i * 2, i * 2 + 1];
    const headers: Array<[string, string]> = [['Transport', `RTP/AVP/TCP;unicast;interleaved=${wanted[0]}-${wanted[1]}`], ...requireTag];
    if (session) headers.push(['Session', session.id]);
    const res = expectOk('SETUP', spec.controlUrl, await req.send('SETUP', spec.controlUrl, headers, timeoutMs));
    const transport = parseTransportHeader(res.headers.get('transport'));
    if (transport && !transport.tcp) {
      throw new SkywallError('protocol', `SETUP ${redactUrl(spec.controlUrl)}: the device answered with a UDP transport; it must support RTP over RTSP (TCP)`, { method: 'SETUP' });
    }
    const channels = transport?.interleaved ?? wanted;
    session = session ?? parseSessionHeader(res.headers.get('session'));
    if (!session) throw new SkywallError('protocol', `SETUP ${redactUrl(spec.controlUrl)}: answer without a Session header`, { method: 'SETUP' });
    tracks.push(new MediaTrack(spec, channels[0], channels[1], opts.sink, { replay: replay !== undefined }));
  }

  const playHeaders = replay ? replayPlayHeaders(replay) : [['Range', 'npt=0.000-'] as [string, string]];
  const play = expectOk('PLAY', aggregateUrl, await req.send('PLAY', aggregateUrl, [['Session', session!.id], ...playHeaders], timeoutMs));
  const rtpInfo = parseRtpInfo(play.headers.get('rtp-info'));
  for (const t of tracks) {
    const entry = rtpInfoFor(rtpInfo, t.spec.controlUrl, tracks.length === 1);
    // A shared zero point: each track's PLAY-time rtptime maps to 0, keeping audio and video in sync.
    if (entry?.rtptime !== undefined) t.setTimestampBase(entry.rtptime);
  }

  const audio = tracks.find((t) => t.spec.kind === 'audio')?.spec;
  return {
    tracks,
    audioInfo: audio?.kind === 'audio' ? audio.info : undefined,
    sessionId: session!.id,
    sessionTimeoutSec: session!.timeoutSec,
    aggregateUrl,
    keepaliveMethod: methods.has('GET_PARAMETER') ? 'GET_PARAMETER' : 'OPTIONS',
    ...(replay ? { playRange: parseClockRange(play.headers.get('range')) } : {}),
  };
}

function expectOk(method: string, url: string, res: RtspResponse): RtspResponse {
  if (res.status < 200 || res.status >= 300) throw statusError(method, url, res.status, res.reason);
  return res;
}

/** Content-Base, else Content-Location, else the request URL (RFC 2326 C.1.1); credentials stripped. */
function baseUrl(res: RtspResponse, requestUrl: string): string {
  for (const name of ['content-base', 'content-location']) {
    const v = res.headers.get(name)?.trim();
    if (v && /^rtsp:\/\//i.test(v)) {
      try {
        return parseRtspUrl(v).url;
      } catch {
        // a malformed header: fall back to the request URL
      }
    }
  }
  return requestUrl;
}
