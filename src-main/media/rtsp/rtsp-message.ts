// RTSP/1.0 framing on one TCP stream (RFC 2326 10.12): text messages (responses, and the odd
// request from the server) interleaved with binary '$' channel frames carrying RTP/RTCP.

export class RtspProtocolError extends Error {
  override name = 'RtspProtocolError';
}

export class RtspHeaders {
  private readonly map = new Map<string, string[]>();

  add(name: string, value: string): void {
    const key = name.toLowerCase();
    const list = this.map.get(key);
    if (list) list.push(value);
    else this.map.set(key, [value]);
  }

  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.[0];
  }

  getAll(name: string): string[] {
    return this.map.get(name.toLowerCase()) ?? [];
  }
}

export interface RtspResponse {
  status: number;
  reason: string;
  headers: RtspHeaders;
  body: Uint8Array;
}

export interface RtspServerRequest {
  method: string;
  url: string;
  headers: RtspHeaders;
}

export interface RtspStreamHandlers {
  onResponse(res: RtspResponse): void;
  onRequest(req: RtspServerRequest): void;
  onInterleaved(channel: number, data: Uint8Array): void;
}

const MAX_HEAD = 64 * 1024;
const MAX_BODY = 4 * 1024 * 1024;
const STATUS_LINE = /^RTSP\/(\d)\.(\d) +(\d{3})(?: +(.*))?$/;
const REQUEST_LINE = /^([A-Z][A-Z_]*) +(\S+) +RTSP\/\d\.\d$/;

/** Incremental parser: feed socket chunks in order; throws RtspProtocolError on bad framing. */
export class RtspStreamParser {
  private buf: Buffer = Buffer.alloc(0);

  constructor(private readonly handlers: RtspStreamHandlers) {}

  push(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    let o = 0;
    try {
      for (;;) {
        // Some servers put stray CR/LF between messages.
        while (o < this.buf.length && (this.buf[o] === 0x0d || this.buf[o] === 0x0a)) o++;
        if (o >= this.buf.length) break;
        const used = this.buf[o] === 0x24 ? this.readInterleaved(o) : this.readMessage(o);
        if (used === 0) break;
        o += used;
      }
    } finally {
      this.buf = o >= this.buf.length ? Buffer.alloc(0) : this.buf.subarray(o);
    }
  }

  private readInterleaved(o: number): number {
    if (this.buf.length - o < 4) return 0;
    const length = this.buf.readUInt16BE(o + 2);
    if (this.buf.length - o < 4 + length) return 0;
    this.handlers.onInterleaved(this.buf[o + 1], this.buf.subarray(o + 4, o + 4 + length));
    return 4 + length;
  }

  private readMessage(o: number): number {
    const available = this.buf.length - o;
    const lead = this.buf.subarray(o, o + Math.min(available, 5)).toString('latin1');
    if (!'RTSP/'.startsWith(lead) && !/^[A-Z_]+( |$)/.test(lead)) {
      throw new RtspProtocolError(`unexpected data from server: ${JSON.stringify(lead)}`);
    }
    const headEnd = findHeadEnd(this.buf, o);
    if (!headEnd) {
      if (available > MAX_HEAD) throw new RtspProtocolError('RTSP message header larger than 64 KB');
      return 0;
    }
    const head = this.buf.subarray(o, headEnd.end).toString('utf8');
    const lines = head.split(/\r?\n/);
    const first = lines[0] ?? '';
    const headers = parseHeaderLines(lines.slice(1));
    const lengthText = headers.get('content-length');
    const contentLength = lengthText === undefined ? 0 : Number(lengthText.trim());
    if (!Number.isInteger(contentLength) || contentLength < 0 || contentLength > MAX_BODY) {
      throw new RtspProtocolError(`bad Content-Length: ${JSON.stringify(lengthText)}`);
    }
    const total = headEnd.bodyStart - o + contentLength;
    if (available < total) return 0;
    const body = new Uint8Array(this.buf.subarray(headEnd.bodyStart, headEnd.bodyStart + contentLength));

    const status = STATUS_LINE.exec(first);
    if (status) {
      this.handlers.onResponse({ status: Number(status[3]), reason: status[4] ?? '', headers, body });
      return total;
    }
    const request = REQUEST_LINE.exec(first);
    if (request) {
      this.handlers.onRequest({ method: request[1], url: request[2], headers });
      return total;
    }
    throw new RtspProtocolError(`malformed RTSP status line: ${JSON.stringify(first.slice(0, 80))}`);
  }
}

function findHeadEnd(buf: Buffer, from: number): { end: number; bodyStart: number } | undefined {
  const crlf = buf.indexOf('\r\n\r\n', from, 'latin1');
  const lf = buf.indexOf('\n\n', from, 'latin1');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { end: crlf, bodyStart: crlf + 4 };
  if (lf >= 0) return { end: lf, bodyStart: lf + 2 };
  return undefined;
}

function parseHeaderLines(lines: string[]): RtspHeaders {
  const headers = new RtspHeaders();
  let last: { name: string; value: string } | undefined;
  const commit = () => last && headers.add(last.name, last.value.trim());
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      last.value += ' ' + line.trim(); // folded continuation line
      continue;
    }
    commit();
    const colon = line.indexOf(':');
    last = colon > 0 ? { name: line.slice(0, colon).trim(), value: line.slice(colon + 1) } : undefined;
  }
  commit();
  return headers;
}

/** Serializes a request; header values must not contain CR/LF (checked, as they may come from SDP). */
export function formatRequest(method: string, url: string, headers: ReadonlyArray<readonly [string, string]>): Buffer {
  if (/\s/.test(method + url)) throw new Error('RTSP method or URL contains white space');
  let text = `${method} ${url} RTSP/1.0\r\n`;
  for (const [name, value] of headers) {
    if (/[\r\n]/.test(name + value)) throw new Error('RTSP header contains a line break');
    text += `${name}: ${value}\r\n`;
  }
  return Buffer.from(text + '\r\n', 'utf8');
}
