// Test/bench support (not used at runtime): a raw TCP "camera" that speaks just enough RTSP
// (OPTIONS, DESCRIBE with the demo clip's real SDP parameters, SETUP, PLAY), then floods the
// connection with an H.264 FU-A start followed by endless middle fragments, one timestamp, no
// end, at a set rate: the stream that grew a NAL unit without limit (issue 7, D4).
import { createServer, type Server, type Socket } from 'node:net';
import { resolveAssetsDir } from '../../demo/assets-dir.js';
import { loadDemoClips } from '../../demo/rtsp/demo-clips.js';

export interface HostileCamera {
  port: number;
  url: string;
  /** Bytes written to clients after PLAY. */
  readonly bytesSent: number;
  readonly connections: number;
  close(): Promise<void>;
}

const FRAGMENT = 1400;
const PACKETS_PER_CHUNK = 44; // ~62 KB per socket write

export async function startHostileCamera(opts: { bytesPerSecond: number }): Promise<HostileCamera> {
  const clip = (await loadDemoClips(resolveAssetsDir())).get('h264')!;
  const sprop = [clip.params.sps, clip.params.pps].map((p) => Buffer.from(p).toString('base64')).join(',');
  const sdp = `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=hostile\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1;sprop-parameter-sets=${sprop}\r\na=control:trackID=0\r\n`;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const state = { bytesSent: 0, connections: 0 };

  const flood = (socket: Socket): void => {
    let seq = 1000;
    const template = chunkTemplate();
    const perTick = opts.bytesPerSecond / 50;
    const timer = setInterval(() => {
      if (socket.destroyed) {
        clearInterval(timer);
        timers.delete(timer);
        return;
      }
      if (socket.writableLength > 4 * template.length) return; // the client is not reading: no piling up here
      for (let sent = 0; sent < perTick; sent += template.length) {
        const chunk = Buffer.from(template);
        for (let i = 0; i < PACKETS_PER_CHUNK; i++) {
          const o = i * (4 + 12 + 2 + FRAGMENT);
          chunk.writeUInt16BE(seq & 0xffff, o + 4 + 2);
          // The very first packet of the connection starts the fragmented NAL unit; all others continue it.
          chunk[o + 4 + 12 + 1] = seq === 1000 ? 0x85 : 0x05;
          seq++;
        }
        socket.write(chunk);
        state.bytesSent += chunk.length;
      }
    }, 20);
    timers.add(timer);
  };

  const server: Server = createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let text = '';
    socket.on('data', (d) => {
      text += d.toString('latin1');
      for (let end = text.indexOf('\r\n\r\n'); end >= 0; end = text.indexOf('\r\n\r\n')) {
        const head = text.slice(0, end);
        text = text.slice(end + 4);
        const method = head.split(' ')[0];
        const cseq = /^cseq:\s*(\S+)/im.exec(head)?.[1] ?? '0';
        const url = head.split(' ')[1] ?? '';
        const ok = (headers: string, body = '') => socket.write(`RTSP/1.0 200 OK\r\nCSeq: ${cseq}\r\n${headers}${body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : ''}\r\n${body}`);
        if (method === 'DESCRIBE') ok(`Content-Type: application/sdp\r\nContent-Base: ${url}/\r\n`, sdp);
        else if (method === 'SETUP') ok('Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: BAD0;timeout=60\r\n');
        else if (method === 'PLAY') {
          ok(`Session: BAD0\r\nRTP-Info: url=${url}trackID=0;seq=1000;rtptime=0\r\n`);
          flood(socket);
        } else ok('Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n');
      }
      if (text.startsWith('$')) text = ''; // client RTCP: ignored
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    url: `rtsp://127.0.0.1:${port}/hostile`,
    get bytesSent() {
      return state.bytesSent;
    },
    get connections() {
      return state.connections;
    },
    close: () => {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** PACKETS_PER_CHUNK interleaved RTP packets: FU-A middle fragments of an IDR slice, timestamp 0, no marker. */
function chunkTemplate(): Buffer {
  const size = 4 + 12 + 2 + FRAGMENT;
  const chunk = Buffer.alloc(size * PACKETS_PER_CHUNK, 0x5a);
  for (let i = 0; i < PACKETS_PER_CHUNK; i++) {
    const o = i * size;
    chunk.set([0x24, 0, (size - 4) >> 8, (size - 4) & 0xff], o);
    chunk.set([0x80, 96, 0, 0, 0, 0, 0, 0, 0xba, 0xd0, 0xba, 0xd0], o + 4); // V=2, PT 96, seq patched, ts 0, SSRC
    chunk.set([0x7c, 0x05], o + 16); // FU-A indicator (NRI 3), FU header (type 5, start bit patched)
  }
  return chunk;
}
