// Test support (not used at runtime): a counting TCP proxy, a scriptable fake RTSP server,
// and a helper that runs an RtspSession for a while and collects what it emitted.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server, Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SkywallError } from '../../common/model/errors.js';
import { toAnnexB } from '../../media/codec/nal.js';
import type { MediaSample, TrackInfo, VideoAccessUnit, VideoTrackInfo } from '../../media/types.js';
import { RtspSession } from '../../media/rtsp/rtsp-session.js';
import type { RtspCloseEvent, RtspSessionOptions } from '../../media/rtsp/rtsp-session-types.js';

export interface TcpProxy {
  port: number;
  connections: number;
  /** Bytes each client sent, one buffer per connection. */
  fromClient: Buffer[];
  /** Bytes the server sent, one buffer per connection. */
  fromServer: Buffer[];
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const proxy: TcpProxy = { port: 0, connections: 0, fromClient: [], fromServer: [], close: () => closeServer(server, sockets) };
  const server = createServer((client) => {
    const index = proxy.connections++;
    proxy.fromClient[index] = Buffer.alloc(0);
    proxy.fromServer[index] = Buffer.alloc(0);
    const upstream = new Socket();
    sockets.add(client).add(upstream);
    upstream.connect(targetPort, '127.0.0.1');
    client.on('data', (d) => {
      proxy.fromClient[index] = Buffer.concat([proxy.fromClient[index], d]);
      upstream.write(d);
    });
    upstream.on('data', (d) => {
      proxy.fromServer[index] = Buffer.concat([proxy.fromServer[index], d]);
      client.write(d);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  proxy.port = await listen(server);
  return proxy;
}

/** Splits one direction of an RTSP connection into message heads and interleaved frames. */
export function splitRtspStream(bytes: Buffer): { requests: string[]; frames: Array<{ channel: number; data: Buffer }> } {
  const requests: string[] = [];
  const frames: Array<{ channel: number; data: Buffer }> = [];
  let o = 0;
  while (o < bytes.length) {
    if (bytes[o] === 0x24) {
      if (o + 4 > bytes.length) break;
      const len = bytes.readUInt16BE(o + 2);
      frames.push({ channel: bytes[o + 1], data: bytes.subarray(o + 4, o + 4 + len) });
      o += 4 + len;
    } else {
      const end = bytes.indexOf('\r\n\r\n', o, 'latin1');
      if (end < 0) break;
      const head = bytes.subarray(o, end).toString('latin1');
      requests.push(head);
      const length = /^content-length:\s*(\d+)/im.exec(head);
      o = end + 4 + (length ? Number(length[1]) : 0);
    }
  }
  return { requests, frames };
}

/** The request lines (METHOD URL RTSP/1.0) a client sent. */
export function requestLines(bytes: Buffer): string[] {
  return splitRtspStream(bytes).requests.map((r) => r.split('\r\n')[0]);
}

/** Interleaved frames ('$' channel length payload) in one direction of a connection. */
export function interleavedFrames(bytes: Buffer): Array<{ channel: number; data: Buffer }> {
  return splitRtspStream(bytes).frames;
}

export interface FakeRtspServer {
  port: number;
  connections: number;
  requests: string[];
  close(): Promise<void>;
}

/**
 * A raw TCP server for fault injection. `onRequest` gets each parsed request (method, url,
 * headers) and the socket, and writes whatever it likes: valid answers, garbage, nothing.
 */
export async function startFakeRtspServer(
  onRequest: (req: { method: string; url: string; cseq: string; headers: Record<string, string> }, socket: Socket) => void,
): Promise<FakeRtspServer> {
  const sockets = new Set<Socket>();
  const fake: FakeRtspServer = { port: 0, connections: 0, requests: [], close: () => closeServer(server, sockets) };
  const server = createServer((socket) => {
    fake.connections++;
    sockets.add(socket);
    let buf = '';
    socket.on('error', () => undefined);
    socket.on('data', (d) => {
      buf += d.toString('latin1');
      for (;;) {
        // Client RTCP frames ('$' channel length data) sit between requests: skip whole ones.
        while (buf.startsWith('$') && buf.length >= 4) {
          const frame = 4 + ((buf.charCodeAt(2) << 8) | buf.charCodeAt(3));
          if (buf.length < frame) break;
          buf = buf.slice(frame);
        }
        if (buf.startsWith('$')) break;
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) break;
        const head = buf.slice(0, end);
        buf = buf.slice(end + 4);
        const [line, ...rest] = head.split('\r\n');
        const [method, url] = line.split(' ');
        const headers: Record<string, string> = {};
        for (const h of rest) {
          const i = h.indexOf(':');
          if (i > 0) headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
        }
        fake.requests.push(method);
        onRequest({ method, url, cseq: headers['cseq'] ?? '0', headers }, socket);
      }
    });
  });
  fake.port = await listen(server);
  return fake;
}

export function response(cseq: string, status = '200 OK', headers: Record<string, string> = {}, body = ''): string {
  let text = `RTSP/1.0 ${status}\r\nCSeq: ${cseq}\r\n`;
  for (const [k, v] of Object.entries(headers)) text += `${k}: ${v}\r\n`;
  if (body) text += `Content-Length: ${Buffer.byteLength(body)}\r\n`;
  return text + '\r\n' + body;
}

export function interleave(channel: number, data: Uint8Array): Buffer {
  const head = Buffer.from([0x24, channel, data.length >> 8, data.length & 0xff]);
  return Buffer.concat([head, data]);
}

export interface Received {
  tracks: TrackInfo[];
  samples: MediaSample[];
  errors: SkywallError[];
  closes: RtspCloseEvent[];
  session: RtspSession;
}

/** Starts a session, collects events for `ms` after start() resolved, then stops it. */
export async function receiveFor(opts: RtspSessionOptions, ms: number): Promise<Received> {
  const session = new RtspSession(opts);
  const r: Received = { tracks: [], samples: [], errors: [], closes: [], session };
  session.on('tracks', (t) => r.tracks.push(t));
  session.on('sample', (s) => r.samples.push(s));
  session.on('error', (e) => r.errors.push(e));
  session.on('close', (c) => r.closes.push(c));
  await session.start();
  await new Promise((resolve) => setTimeout(resolve, ms));
  await session.stop();
  return r;
}

const run = promisify(execFile);

/** Decodes access units with ffmpeg; returns ffprobe's decoded frame count (errors fail the test). */
export async function decodeCheck(workDir: string, track: VideoTrackInfo, units: VideoAccessUnit[]): Promise<number> {
  const file = join(workDir, `rx-${Math.random().toString(36).slice(2)}.${track.codec}`);
  const ps = [...(track.vps ? [track.vps] : []), track.sps, track.pps];
  await writeFile(file, toAnnexB([...ps, ...units.flatMap((u) => u.nalus)]));
  const fmt = track.codec === 'h264' ? 'h264' : 'hevc';
  const { stderr } = await run('ffmpeg', ['-v', 'error', '-f', fmt, '-i', file, '-f', 'null', '-']);
  if (stderr !== '') throw new Error(`ffmpeg could not decode the access units: ${stderr.slice(0, 500)}`);
  const { stdout } = await run('ffprobe', ['-v', 'error', '-f', fmt, '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file]);
  return Number(stdout.trim());
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}
