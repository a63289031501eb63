// One RTSP/1.0 TCP connection: sends requests with CSeq, matches responses, hands interleaved
// channel data to the owner, answers the rare server-to-client request, and reports the end
// of the connection exactly once.
import { Socket } from 'node:net';
import { SkywallError } from '../../common/model/errors.js';
import { formatRequest, RtspProtocolError, type RtspResponse, type RtspServerRequest, RtspStreamParser } from './rtsp-message.js';
import { socketError } from './rtsp-errors.js';
import { redactUrl } from './rtsp-url.js';

export interface RtspConnectionEvents {
  onInterleaved(channel: number, data: Uint8Array): void;
  /** The connection ended: error is undefined only after close() by the owner. */
  onClosed(error: SkywallError | undefined): void;
}

interface Pending {
  cseq: number;
  method: string;
  url: string;
  resolve(res: RtspResponse): void;
  reject(err: SkywallError): void;
  timer: NodeJS.Timeout;
}

export class RtspConnection {
  private readonly parser: RtspStreamParser;
  private readonly pending = new Map<number, Pending>();
  private cseq = 0;
  private closed = false;
  /** Methods the server answered with 2xx (set before the waiting request resumes). */
  private readonly succeeded = new Set<string>();
  /** Bytes received on the socket (text and interleaved). */
  bytesReceived = 0;
  events: RtspConnectionEvents = { onInterleaved: () => undefined, onClosed: () => undefined };

  private constructor(
    private readonly socket: Socket,
    readonly host: string,
    readonly port: number,
    private readonly userAgent: string,
  ) {
    this.parser = new RtspStreamParser({
      onResponse: (res) => this.onResponse(res),
      onRequest: (req) => this.onServerRequest(req),
      onInterleaved: (ch, data) => this.events.onInterleaved(ch, data),
    });
    socket.on('data', (chunk: Buffer) => {
      this.bytesReceived += chunk.length;
      try {
        this.parser.push(chunk);
      } catch (e) {
        const msg = e instanceof RtspProtocolError ? e.message : `bad data from server: ${(e as Error).message}`;
        this.fail(new SkywallError('protocol', `${host}:${port}: ${redactUrl(msg)}`, { host, port }));
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => this.fail(socketError(err, host, port)));
    socket.on('close', () => this.fail(new SkywallError('unreachable', `${host}:${port} closed the connection`, { host, port, reason: 'closed' })));
  }

  static connect(host: string, port: number, timeoutMs: number, userAgent: string): Promise<RtspConnection> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new SkywallError('timeout', `Connection to ${host}:${port} timed out after ${timeoutMs} ms`, { host, port, reason: 'connect' }));
      }, timeoutMs);
      socket.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        reject(socketError(err, host, port));
      });
      socket.connect({ host, port }, () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 10_000);
        resolve(new RtspConnection(socket, host, port, userAgent));
      });
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** True once a request of this method got a 2xx answer on this connection. */
  hasSucceeded(method: string): boolean {
    return this.succeeded.has(method);
  }

  request(method: string, url: string, headers: ReadonlyArray<readonly [string, string]>, timeoutMs: number): Promise<RtspResponse> {
    if (this.closed) return Promise.reject(new SkywallError('unreachable', `${this.host}:${this.port}: connection already closed`, { host: this.host, port: this.port }));
    const cseq = ++this.cseq;
    const data = formatRequest(method, url, [['CSeq', String(cseq)], ['User-Agent', this.userAgent], ...headers]);
    return new Promise<RtspResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(cseq);
        reject(new SkywallError('timeout', `${method} ${redactUrl(url)}: no answer within ${timeoutMs} ms`, { method, url: redactUrl(url), reason: 'response' }));
      }, timeoutMs);
      this.pending.set(cseq, { cseq, method, url, resolve, reject, timer });
      this.socket.write(data);
    });
  }

  sendInterleaved(channel: number, payload: Uint8Array): void {
    if (this.closed || payload.length > 0xffff) return;
    const frame = Buffer.allocUnsafe(4 + payload.length);
    frame[0] = 0x24;
    frame[1] = channel;
    frame.writeUInt16BE(payload.length, 2);
    frame.set(payload, 4);
    this.socket.write(frame);
  }

  /** Stops reading from the socket: TCP flow control then slows the sender down. */
  pauseReading(): void {
    if (!this.closed) this.socket.pause();
  }

  resumeReading(): void {
    if (!this.closed) this.socket.resume();
  }

  /** Closes without reporting an error (owner-initiated). */
  close(): void {
    this.finish(undefined);
  }

  /** Ends the connection with `err`: pending requests reject with it, onClosed reports it. */
  abort(err: SkywallError): void {
    this.fail(err);
  }

  private onResponse(res: RtspResponse): void {
    const cseq = Number(res.headers.get('cseq'));
    // Match by CSeq; servers that omit it answer in order.
    const p = this.pending.get(cseq) ?? this.pending.values().next().value;
    if (!p) return; // a late answer to a request that already timed out
    this.pending.delete(p.cseq);
    clearTimeout(p.timer);
    if (res.status >= 200 && res.status < 300) this.succeeded.add(p.method);
    p.resolve(res);
  }

  private onServerRequest(req: RtspServerRequest): void {
    // Server-to-client requests (OPTIONS keepalive, ANNOUNCE, SET_PARAMETER): acknowledge
    // OPTIONS, refuse the rest politely so the server does not wait for us.
    const cseq = req.headers.get('cseq') ?? '0';
    const status = req.method === 'OPTIONS' ? '200 OK' : '501 Not Implemented';
    this.socket.write(`RTSP/1.0 ${status}\r\nCSeq: ${cseq.replace(/[\r\n]/g, '')}\r\n\r\n`);
  }

  private fail(err: SkywallError): void {
    this.finish(err);
  }

  private finish(err: SkywallError | undefined): void {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(err ?? new SkywallError('unreachable', `${p.method} ${redactUrl(p.url)}: connection closed`, { method: p.method, reason: 'closed' }));
    }
    this.pending.clear();
    this.socket.destroy();
    this.events.onClosed(err);
  }
}
