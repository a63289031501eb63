// A TCP proxy for RTSP-over-TCP that notes when each picture's last RTP packet (marker bit on an
// even interleaved channel) passes towards the client. Measurement only: lets a bench compare
// "picture reached the client" with "client emitted the access unit".
import { createServer, connect, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface TapProxy {
  port: number;
  /** Per client connection (in accept order): performance.now() of each picture's last packet. */
  pictures: number[][];
  close(): Promise<void>;
}

/** Follows the server->client byte stream: RTSP text until '$', then interleaved frames. */
class InterleavedScanner {
  private buf = Buffer.alloc(0);
  constructor(private readonly onMarker: () => void) {}

  push(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      if (this.buf.length === 0) return;
      if (this.buf[0] === 0x24) {
        if (this.buf.length < 4) return;
        const len = this.buf.readUInt16BE(2);
        if (this.buf.length < 4 + len) return;
        const channel = this.buf[1]!;
        if (channel % 2 === 0 && len >= 12 && (this.buf[5]! & 0x80) !== 0) this.onMarker();
        this.buf = this.buf.subarray(4 + len);
      } else {
        const end = this.buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = this.buf.subarray(0, end).toString('latin1');
        const m = /content-length:\s*(\d+)/i.exec(head);
        const total = end + 4 + (m ? Number(m[1]) : 0);
        if (this.buf.length < total) return;
        this.buf = this.buf.subarray(total);
      }
    }
  }
}

export async function startTapProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TapProxy> {
  const pictures: number[][] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const times: number[] = [];
    pictures.push(times);
    const scanner = new InterleavedScanner(() => times.push(performance.now()));
    const upstream = connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      scanner.push(chunk);
      client.write(chunk);
    });
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    pictures,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
