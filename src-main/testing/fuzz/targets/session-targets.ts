// Whole paths rather than single parsers: the interleaved media of an RTSP session routed to
// its tracks (RTP, RTCP, depacketizers, reception statistics and receiver reports), and one
// message on the host-mode contract socket through the router with the real contract.
import { channels } from '../../../common/contract/index.js';
import { SkywallError } from '../../../common/model/errors.js';
import { readClientText, resultText } from '../../../common/wire/host.js';
import { createRouter, type Handlers } from '../../../ipc/router.js';
import type { SenderInfo } from '../../../ipc/sender.js';
import { MediaTrack } from '../../../media/rtsp/media-track.js';
import { RtspProtocolError, RtspStreamParser } from '../../../media/rtsp/rtsp-message.js';
import { parseSdp } from '../../../media/rtsp/sdp.js';
import { selectTracks, type TrackSpec } from '../../../media/rtsp/sdp-tracks.js';
import { BrokenPromise, onlyErrors, text, type FuzzTarget } from '../target.js';
import { socketChunks } from './rtsp-targets.js';

// The DESCRIBE answer of GStreamer's /h264-aac mount (captured), whose media the seeds carry.
const SDP = [
  'v=0', 'o=- 7396665408215517059 1 IN IP4 127.0.0.1', 's=Session streamed with GStreamer', 't=0 0', 'a=control:*',
  'm=video 0 RTP/AVP 96', 'a=rtpmap:96 H264/90000',
  'a=fmtp:96 packetization-mode=1;sprop-parameter-sets=Z2QADKy0Cgz8+AtQYGBqUAAAAwAQAAADAyjxQqo=,aO88sA==;profile-level-id=64000c', 'a=control:stream=0',
  'm=audio 0 RTP/AVP 97', 'a=rtpmap:97 MPEG4-GENERIC/16000/1',
  'a=fmtp:97 streamtype=5;profile-level-id=2;mode=AAC-hbr;config=1408;sizelength=13;indexlength=3;indexdeltalength=3', 'a=control:stream=1', '',
].join('\r\n');

let specs: TrackSpec[] | undefined;
function trackSpecs(): TrackSpec[] {
  if (!specs) {
    const s = selectTracks(parseSdp(SDP), 'rtsp://127.0.0.1:8554/h264-aac/');
    specs = [s.video!, s.audio!];
  }
  return specs;
}

export const rtspMedia: FuzzTarget = {
  name: 'rtsp-media',
  about: 'interleaved session bytes through RtspStreamParser to H.264 and AAC tracks (RTP, RTCP, depacketizers, reception stats, receiver reports); only RtspProtocolError may be thrown',
  expected: onlyErrors(RtspProtocolError),
  maxLength: 32768,
  dictionary: ['$\x00', '$\x01', '$\x02', '$\x03', '$\x00\x00\x0c', '\x80\x60', '\x80\xe0', '\x80\x61', '\x80\xc8\x00\x06', '\x81\xcb\x00\x01', '\x7c\x85', '\x7c\x45', '\x00\x10'],
  run(input) {
    let now = 1_000_000;
    const sink = { onSample: () => undefined, onVideoInfo: () => undefined, onFatal: () => undefined };
    const tracks = trackSpecs().map((spec, i) => new MediaTrack(spec, i * 2, i * 2 + 1, sink));
    const parser = new RtspStreamParser({
      onResponse: () => undefined,
      onRequest: () => undefined,
      onInterleaved: (channel, data) => {
        now += 3;
        for (const t of tracks) {
          if (channel === t.rtpChannel) t.handleRtp(data, now);
          else if (channel === t.rtcpChannel) t.handleRtcp(data, now);
        }
      },
    });
    try {
      for (const chunk of socketChunks(input)) parser.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    } finally {
      for (const t of tracks) {
        t.receiverReport(0x5eed, 'skywall@fuzz', now + 5000);
        t.flush();
      }
    }
  },
};

const sender: SenderInfo = { transport: 'host', authenticated: true, origin: 'http://127.0.0.1:1', displayKey: 'host' };
// Every handler refuses: what is under test is the router's reading of channel and payload.
const refuse = new Proxy({}, { get: () => () => Promise.reject(new SkywallError('not_found', 'fuzz: no service here')) }) as Handlers;
const router = createRouter(refuse, { isTrusted: () => true });

export const hostInvoke: FuzzTarget = {
  name: 'host-invoke',
  about: 'text messages on the host-mode contract socket through readClientText and the router (real contract schemas); never throws, every invoke gets a typed answer',
  maxLength: 4096,
  dictionary: ['{"type":"invoke","id":', ',"channel":"', '","payload":', ...Object.keys(channels).map((c) => `"${c}"`), '"name":', '"url":', '"id":', '"username":', '"password":', '"wallId":', '"layout":', 'null', 'true', '[]', '{}', '"\\u0000"', '"\\u202e"', '1e309', '-0', '"__proto__"'],
  async run(input) {
    const msg = readClientText(text(input));
    if (msg.kind === 'ignore') return;
    let result;
    try {
      result = await router.handle(msg.channel, msg.payload, sender);
    } catch (e) {
      throw new BrokenPromise(`router.handle rejected: ${(e as Error).name}: ${(e as Error).message}`);
    }
    if (result.ok || result.error.code === 'internal') throw new BrokenPromise(`unexpected answer ${JSON.stringify(result).slice(0, 200)}`);
    resultText(msg.id, result);
  },
};
