// RTSP/1.0 wire format on the server side (RFC 2326): an incremental parser for what a client
// sends (requests, and '$'-framed interleaved RTCP on the same TCP connection) and a response writer.
import { SkywallError } from '../../common/model/errors.js';

export interface RtspRequest {
  method: string;
  uri: string;
  /** Header names lower-cased; a repeated header keeps its last value. */
  headers: Map<string, string>;
  body: Buffer;
}

export type ClientMessage =
  | { kind: 'request'; request: RtspRequest }
  | { kind: 'interleaved'; channel: number; payload: Buffer };

const MAX_HEADER_BYTES = 16 * 1024;
const MAX_BODY_BYTES = 64 * 1024;

export class RtspRequestParser {
  private buf: Buffer = Buffer.alloc(0);

  /** Feeds received bytes; returns every complete message. Throws SkywallError('protocol') on garbage. */
  push(chunk: Buffer): ClientMessage[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: ClientMessage[] = [];
    for (;;) {
      const msg = this.next();
      if (!msg) return out;
      out.push(msg);
    }
  }

  private next(): ClientMessage | undefined {
    if (this.buf.length === 0) return undefined;
    if (this.buf[0] === 0x24) {
      if (this.buf.length < 4) return undefined;
      const len = this.buf.readUInt16BE(2);
      if (this.buf.length < 4 + len) return undefined;
      const msg: ClientMessage = { kind: 'interleaved', channel: this.buf[1], payload: this.buf.subarray(4, 4 + len) };
      this.buf = this.buf.subarray(4 + len);
      return msg;
    }
    const headerEnd = this.buf.indexOf('\r\n\r\n');
    if (headerEnd < 0) {
      if (this.buf.length > MAX_HEADER_BYTES) throw new SkywallError('protocol', `RTSP request header exceeds ${MAX_HEADER_BYTES} bytes`);
      return undefined;
    }
    const head = this.buf.subarray(0, headerEnd).toString('latin1');
    const [requestLine, ...headerLines] = head.split('\r\n');
    const m = /^([A-Z_]+) (\S+) RTSP\/1\.0$/.exec(requestLine);
    if (!m) throw new SkywallError('protocol', `malformed RTSP request line: ${JSON.stringify(requestLine.slice(0, 80))}`);
    const headers = new Map<string, string>();
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new SkywallError('protocol', `malformed RTSP header line: ${JSON.stringify(line.slice(0, 80))}`);
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const bodyLen = Number(headers.get('content-length') ?? '0');
    if (!Number.isInteger(bodyLen) || bodyLen < 0 || bodyLen > MAX_BODY_BYTES) {
      throw new SkywallError('protocol', `unacceptable RTSP Content-Length: ${headers.get('content-length')}`);
    }
    const total = headerEnd + 4 + bodyLen;
    if (this.buf.length < total) return undefined;
    const body = Buffer.from(this.buf.subarray(headerEnd + 4, total));
    this.buf = this.buf.subarray(total);
    return { kind: 'request', request: { method: m[1], uri: m[2], headers, body } };
  }
}

export const STATUS_REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  454: 'Session Not Found',
  455: 'Method Not Valid in This State',
  459: 'Aggregate Operation Not Allowed',
  461: 'Unsupported Transport',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

export interface RtspResponse {
  status: number;
  headers: Array<[string, string]>;
  body?: string;
}

export function formatResponse(cseq: string | undefined, res: RtspResponse): Buffer {
  const body = res.body !== undefined ? Buffer.from(res.body, 'utf8') : undefined;
  const lines = [`RTSP/1.0 ${res.status} ${STATUS_REASONS[res.status] ?? 'Status'}`];
  if (cseq !== undefined) lines.push(`CSeq: ${cseq}`);
  lines.push('Server: Skywall demo camera', `Date: ${new Date().toUTCString()}`);
  for (const [k, v] of res.headers) lines.push(`${k}: ${v}`);
  if (body) lines.push(`Content-Length: ${body.length}`);
  const head = Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
  return body ? Buffer.concat([head, body]) : head;
}

/** Interleaved frame: '$', channel, 16-bit length, packet (RFC 2326 10.12). */
export function interleavedFrame(channel: number, packet: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(4 + packet.length);
  frame[0] = 0x24;
  frame[1] = channel;
  frame.writeUInt16BE(packet.length, 2);
  frame.set(packet, 4);
  return frame;
}
