// Minimal raw RTSP-over-TCP client for this folder's tests: sends requests, collects responses
// and interleaved frames exactly as they come off the wire. Not for production use.
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface TestResponse {
  /** NaN when the status line is not "RTSP/1.0 <3 digits> ...". */
  status: number;
  headers: Map<string, string>;
  body: string;
  head: string;
}

export interface TestFrame {
  channel: number;
  payload: Buffer;
  /** performance.now() at arrival */
  at: number;
}

export class TestRtspClient {
  readonly frames: TestFrame[] = [];
  readonly closed: Promise<void>;
  private buf: Buffer = Buffer.alloc(0);
  private cseq = 0;
  private readonly waiting: Array<(r: TestResponse) => void> = [];

  private constructor(private readonly socket: Socket) {
    socket.on('data', (d) => this.onData(d));
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
  }

  static connect(port: number, host = '127.0.0.1'): Promise<TestRtspClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host, () => resolve(new TestRtspClient(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends a request and waits for the next response (rejects after timeoutMs or on close). */
  request(method: string, uri: string, headers: Record<string, string> = {}, timeoutMs = 3000): Promise<TestResponse> {
    const lines = [`${method} ${uri} RTSP/1.0`, `CSeq: ${++this.cseq}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    this.socket.write(lines.join('\r\n') + '\r\n\r\n');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no response to ${method} within ${timeoutMs} ms`)), timeoutMs);
      void this.closed.then(() => {
        clearTimeout(timer);
        reject(new Error(`connection closed before the ${method} response`));
      });
      this.waiting.push((r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
  }

  /** DESCRIBE, SETUP (interleaved 0-1), PLAY; returns the session id. */
  async play(url: string): Promise<string> {
    const d = await this.request('DESCRIBE', url, { Accept: 'application/sdp' });
    if (d.status !== 200) throw new Error(`DESCRIBE ${d.status}`);
    const base = d.headers.get('content-base') ?? `${url}/`;
    const s = await this.request('SETUP', `${base}trackID=0`, { Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1' });
    if (s.status !== 200) throw new Error(`SETUP ${s.status}`);
    const session = (s.headers.get('session') ?? '').split(';')[0];
    const p = await this.request('PLAY', url, { Session: session, Range: 'npt=0.000-' });
    if (p.status !== 200) throw new Error(`PLAY ${p.status}`);
    return session;
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      if (this.buf.length === 0) return;
      if (this.buf[0] === 0x24) {
        if (this.buf.length < 4) return;
        const len = this.buf.readUInt16BE(2);
        if (this.buf.length < 4 + len) return;
        this.frames.push({ channel: this.buf[1], payload: Buffer.from(this.buf.subarray(4, 4 + len)), at: performance.now() });
        this.buf = this.buf.subarray(4 + len);
        continue;
      }
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buf.subarray(0, end).toString('latin1');
      const [statusLine, ...rest] = head.split('\r\n');
      const headers = new Map<string, string>();
      for (const line of rest) {
        const c = line.indexOf(':');
        if (c > 0) headers.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
      }
      const len = Number(headers.get('content-length') ?? '0') || 0;
      if (this.buf.length < end + 4 + len) return;
      const body = this.buf.subarray(end + 4, end + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(end + 4 + len);
      const m = /^RTSP\/1\.0 (\d{3}) /.exec(statusLine);
      this.waiting.shift()?.({ status: m ? Number(m[1]) : NaN, headers, body, head });
    }
  }
}
