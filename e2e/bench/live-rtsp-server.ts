// A small RTSP/1.0 server (TCP interleaved only) for live sources such as the pixel-clock camera:
// every path serves one source, each session starts at the next keyframe and gets every picture
// the moment the encoder produces it (RTP marker on its last packet). Reuses the demo camera's
// wire pieces (request parser, response writer, transport parsing, RTP packetizer).
import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { formatResponse, interleavedFrame, RtspRequestParser, type RtspRequest, type RtspResponse } from '../../src-main/demo/rtsp/rtsp-messages.js';
import { chooseTransport } from '../../src-main/demo/rtsp/rtsp-transport.js';
import { RtpPacketizer } from '../../src-main/demo/rtsp/rtp-packetizer.js';
import type { ClockSource, ClockUnit } from './clock-source.js';

export interface LiveRtspServer {
  readonly port: number;
  url(path: string): string;
  /** Source-side delay of every picture sent: raw picture written to the encoder -> last RTP packet written to the socket, ms. */
  readonly sendDelays: number[];
  /** Date.now() when each stamp's picture first left on an RTSP socket (recent stamps only). */
  readonly sentAt: Map<number, number>;
  sessions(): number;
  close(): Promise<void>;
}

interface Session {
  id: string;
  source: ClockSource;
  packetizer: RtpPacketizer;
  ts0: number;
  channel: number;
  unsubscribe?: () => void;
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

function sdpFor(source: ClockSource, name: string): string {
  const { sps, pps } = source.params;
  const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
  return [
    'v=0',
    `o=- ${Date.now()} 1 IN IP4 127.0.0.1`,
    `s=${name}`,
    'c=IN IP4 0.0.0.0',
    't=0 0',
    'a=range:npt=now-',
    'a=control:*',
    'm=video 0 RTP/AVP 96',
    'a=rtpmap:96 H264/90000',
    `a=fmtp:96 packetization-mode=1;profile-level-id=${hex2(sps[1])}${hex2(sps[2])}${hex2(sps[3])};sprop-parameter-sets=${b64(sps)},${b64(pps)}`,
    `a=framerate:${source.fps}`,
    'a=control:trackID=0',
    '',
  ].join('\r\n');
}

/** Stream path of a request URI (its track suffix removed), or undefined. */
function streamPath(uri: string): string | undefined {
  try {
    return new URL(uri).pathname.replace(/\/+$/, '').replace(/\/trackID=\d+$/i, '');
  } catch {
    return undefined;
  }
}

export function startLiveRtspServer(paths: Map<string, ClockSource>): Promise<LiveRtspServer> {
  const sendDelays: number[] = [];
  const sentAt = new Map<number, number>();
  const SENT_AT_KEEP = 100_000;
  const sockets = new Set<Socket>();
  let sessionCount = 0;

  const onConnection = (socket: Socket): void => {
    socket.setNoDelay(true);
    sockets.add(socket);
    const parser = new RtspRequestParser();
    const sessions = new Map<string, Session>();
    const closeAll = (): void => {
      for (const s of sessions.values()) s.unsubscribe?.();
      sessionCount -= sessions.size;
      sessions.clear();
      sockets.delete(socket);
    };
    socket.on('close', closeAll);
    socket.on('error', () => socket.destroy());

    const sendUnit = (s: Session, unit: ClockUnit, waitingKey: { v: boolean }): void => {
      if (waitingKey.v && !unit.keyframe) return;
      waitingKey.v = false;
      if (socket.writableLength > 4 * 1024 * 1024) {
        waitingKey.v = true; // client not reading: drop to the next keyframe rather than queue forever
        return;
      }
      const rtpTime = (s.ts0 + Math.round((unit.index * 90000) / s.source.fps)) >>> 0;
      const packets = s.packetizer.packetize(unit.nalus, rtpTime).map((p) => interleavedFrame(s.channel, p));
      socket.write(Buffer.concat(packets));
      sendDelays.push(performance.now() - unit.writtenMono);
      if (!sentAt.has(unit.stampMs)) {
        sentAt.set(unit.stampMs, Date.now());
        if (sentAt.size > SENT_AT_KEEP) sentAt.delete(sentAt.keys().next().value!);
      }
    };

    const answer = (req: RtspRequest, sessionId: string | undefined): RtspResponse => {
      const session = sessionId ? sessions.get(sessionId) : undefined;
      if (sessionId && !session) return { status: 454, headers: [] };
      const sessionHeader: Array<[string, string]> = session ? [['Session', `${session.id};timeout=60`]] : [];
      switch (req.method) {
        case 'OPTIONS':
          return { status: 200, headers: [['Public', 'OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN']] };
        case 'GET_PARAMETER':
          return { status: 200, headers: sessionHeader };
        case 'TEARDOWN':
          if (session) {
            session.unsubscribe?.();
            sessions.delete(session.id);
            sessionCount--;
          }
          return { status: 200, headers: [] };
        case 'PLAY': {
          if (!session) return { status: 454, headers: [] };
          if (!session.unsubscribe) {
            const waitingKey = { v: true };
            session.unsubscribe = session.source.subscribe((u) => sendUnit(session, u, waitingKey));
          }
          return { status: 200, headers: [...sessionHeader, ['Range', 'npt=now-']] };
        }
        case 'DESCRIBE':
        case 'SETUP': {
          const path = streamPath(req.uri);
          const source = path !== undefined ? paths.get(path) : undefined;
          if (!source) return { status: 404, headers: [] };
          if (req.method === 'DESCRIBE') {
            const base = req.uri.replace(/\/+$/, '') + '/';
            return { status: 200, headers: [['Content-Type', 'application/sdp'], ['Content-Base', base]], body: sdpFor(source, path ?? 'clock') };
          }
          const transport = chooseTransport(req.headers.get('transport'));
          if (transport.kind === 'unsupported') return { status: 461, headers: [] };
          if (session) return { status: 459, headers: [] };
          const channels = transport.channels ?? [0, 1];
          const ssrc = randomInt(1, 2 ** 32 - 1);
          const s: Session = {
            id: randomBytes(8).toString('hex').toUpperCase(),
            source,
            packetizer: new RtpPacketizer({ codec: 'h264', ssrc, payloadType: 96, initialSeq: randomInt(0, 0x10000), maxPayload: 1400, aggregate: false }),
            ts0: randomInt(0, 2 ** 32 - 1),
            channel: channels[0],
          };
          sessions.set(s.id, s);
          sessionCount++;
          return {
            status: 200,
            headers: [
              ['Transport', `RTP/AVP/TCP;unicast;interleaved=${channels[0]}-${channels[1]};ssrc=${ssrc.toString(16).toUpperCase().padStart(8, '0')}`],
              ['Session', `${s.id};timeout=60`],
            ],
          };
        }
        default:
          return { status: 501, headers: [] };
      }
    };

    socket.on('data', (chunk: Buffer) => {
      let messages;
      try {
        messages = parser.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const m of messages) {
        if (m.kind !== 'request') continue; // client RTCP: ignored
        const sessionId = m.request.headers.get('session')?.split(';')[0].trim();
        socket.write(formatResponse(m.request.headers.get('cseq'), answer(m.request, sessionId)));
      }
    });
  };

  const server = createServer(onConnection);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({
        port,
        url: (path) => `rtsp://127.0.0.1:${port}${path.startsWith('/') ? path : `/${path}`}`,
        sendDelays,
        sentAt,
        sessions: () => sessionCount,
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}
