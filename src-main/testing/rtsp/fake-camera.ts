// Test support (not used at runtime): a scripted fake camera for RtspSession tests, serving a
// real x264 clip (encoded with ffmpeg) as RTP over the RTSP connection.
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { isSkywallError, type SkywallError } from '../../common/model/errors.js';
import { splitAnnexB } from '../../media/codec/nal.js';
import { encodeClip } from '../codec/encoded-clips.js';
import { buildRtpPacket, type RtpPacket } from '../../media/rtp/rtp-packet.js';
import { groupAccessUnits } from '../rtp/packetizer.js';
import type { VideoAccessUnit } from '../../media/types.js';
import { AuthLockout } from '../../media/rtsp/auth-lockout.js';
import { RtspSession } from '../../media/rtsp/rtsp-session.js';
import type { RtspSessionOptions } from '../../media/rtsp/rtsp-session-types.js';
import { type FakeRtspServer, response, startFakeRtspServer } from './session-kit.js';

export type FakeRequest = { method: string; url: string; cseq: string; headers: Record<string, string> };
export type FakeHandler = (req: FakeRequest, socket: Socket) => boolean | void;

export interface Clip {
  /** Access units of a 320x180 H.264 clip, keyframes every 10 units. */
  units: Uint8Array[][];
  /** sprop-parameter-sets value for it. */
  sprop: string;
}

export async function loadClip(dir: string): Promise<Clip> {
  const clip = await encodeClip(dir, { name: 'src', codec: 'h264', size: '320x180', options: ['-bf', '0', '-g', '10', '-pix_fmt', 'yuv420p'] }, 30);
  const units = groupAccessUnits('h264', splitAnnexB(new Uint8Array(await readFile(clip))));
  const sps = units[0].find((n) => (n[0] & 0x1f) === 7)!;
  const pps = units[0].find((n) => (n[0] & 0x1f) === 8)!;
  return { units, sprop: `${Buffer.from(sps).toString('base64')},${Buffer.from(pps).toString('base64')}` };
}

export function sdpText(body: string): string {
  return `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=fake\r\nt=0 0\r\n${body}`;
}

export function h264Sdp(sprop: string): string {
  return sdpText(`m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1;sprop-parameter-sets=${sprop}\r\na=control:trackID=0\r\n`);
}

export function rtpBytes(packets: RtpPacket[][]): Buffer[] {
  return packets.flat().map((p) => Buffer.from(buildRtpPacket(p)));
}

/** A server that answers the normal sequence; `override` may take over any request; `media` runs after PLAY. */
export async function fakeCamera(clip: Clip, servers: FakeRtspServer[], override: FakeHandler = () => false, media: (socket: Socket) => void = () => undefined): Promise<FakeRtspServer> {
  const server = await startFakeRtspServer((req, socket) => {
    if (override(req, socket)) return;
    const ok = (headers: Record<string, string> = {}, body = '') => socket.write(response(req.cseq, '200 OK', headers, body));
    if (req.method === 'OPTIONS') ok({ Public: 'OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN' });
    else if (req.method === 'DESCRIBE') ok({ 'Content-Type': 'application/sdp', 'Content-Base': req.url + '/' }, h264Sdp(clip.sprop));
    else if (req.method === 'SETUP') ok({ Transport: req.headers['transport'], Session: 'F00D;timeout=60' });
    else if (req.method === 'PLAY') {
      ok({ 'RTP-Info': `url=${req.url}trackID=0;seq=1000;rtptime=12345` });
      media(socket);
    } else ok();
  });
  servers.push(server);
  return server;
}

export function sessionFor(server: FakeRtspServer, extra: Partial<RtspSessionOptions> = {}): RtspSession {
  return new RtspSession({ url: `rtsp://127.0.0.1:${server.port}/live`, timeoutMs: 2000, lockout: new AuthLockout(), ...extra });
}

export async function failure(promise: Promise<unknown>): Promise<SkywallError> {
  try {
    await promise;
  } catch (e) {
    if (isSkywallError(e)) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

/** Collects a started session's events; `closed` resolves on its close event. */
export function watch(s: RtspSession) {
  const out = { samples: [] as VideoAccessUnit[], errors: [] as SkywallError[], closed: undefined as undefined | { reason: string; error?: SkywallError } };
  s.on('sample', (x) => out.samples.push(x as VideoAccessUnit));
  s.on('error', (e) => out.errors.push(e));
  const closed = new Promise<void>((resolve) =>
    s.on('close', (c) => {
      out.closed = c;
      resolve();
    }),
  );
  return { out, closed };
}
