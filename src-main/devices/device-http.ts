// HTTP to devices (ONVIF SOAP, Hikvision ISAPI): every answer is capped at 5 MB, counted on the
// socket, so a device that sends without end costs at most that much memory and ends with a
// clear error instead of filling the workstation. Plus a small GET with a timeout for ISAPI.
import http, { type IncomingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';
import { SkywallError } from '../common/model/errors.js';

/** Largest answer Skywall reads from a device (SOAP or ISAPI), headers included. */
export const MAX_DEVICE_ANSWER_BYTES = 5 * 1024 * 1024;

function tooLarge(host: string, port: number, maxBytes: number): SkywallError {
  return new SkywallError('protocol', `the device at ${host}:${port} sent more than ${maxBytes} bytes in one answer; cut off`, {
    host,
    port,
    reason: 'too_large',
    failure: 'too_large',
    maxBytes,
  });
}

/** Counts what a socket receives and destroys it, with `too_large`, past `maxBytes`. */
function capSocket(socket: Socket, host: string, port: number, maxBytes: number): void {
  let received = 0;
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > maxBytes) socket.destroy(tooLarge(host, port, maxBytes));
  });
}

/**
 * An http.Agent whose every connection is capped at `maxBytes` received (one answer per
 * connection: no keep-alive). Handed to the `onvif` library, which reads answers whole.
 */
export function cappedAgent(maxBytes = MAX_DEVICE_ANSWER_BYTES): http.Agent {
  const agent = new http.Agent({ keepAlive: false });
  const create = agent.createConnection.bind(agent) as (options: http.ClientRequestArgs, cb?: (err: Error | null, s: Socket) => void) => Socket;
  (agent as unknown as { createConnection: typeof create }).createConnection = (options, cb) => {
    const socket = create(options, cb);
    capSocket(socket, String(options.host ?? options.hostname ?? ''), Number(options.port ?? 80), maxBytes);
    return socket;
  };
  return agent;
}

export interface DeviceHttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** Raw header lines (name, value, name, value...): a device may send several WWW-Authenticate. */
  rawHeaders: string[];
  body: string;
}

export interface DeviceGetOptions {
  host: string;
  port: number;
  path: string;
  headers?: Record<string, string>;
  timeoutMs: number;
  maxBytes?: number;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'EADDRNOTAVAIL']);

/** One GET to a device; the whole answer within `timeoutMs` and `maxBytes`, or a SkywallError naming why not. */
export function deviceGet(o: DeviceGetOptions): Promise<DeviceHttpAnswer> {
  const maxBytes = o.maxBytes ?? MAX_DEVICE_ANSWER_BYTES;
  const where = `${o.host}:${o.port}${o.path.replace(/\?.*$/, '')}`;
  return new Promise((resolve, reject) => {
    const req = http.request({ host: o.host, port: o.port, path: o.path, method: 'GET', headers: o.headers ?? {}, agent: false });
    const timer = setTimeout(() => req.destroy(new SkywallError('timeout', `${where}: no answer within ${o.timeoutMs} ms`, { host: o.host, port: o.port, timeoutMs: o.timeoutMs, failure: 'timeout' })), o.timeoutMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= maxBytes) return void chunks.push(c);
        clearTimeout(timer);
        reject(tooLarge(o.host, o.port, maxBytes));
        req.destroy();
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', (e) => {
        clearTimeout(timer);
        reject(e instanceof SkywallError ? e : new SkywallError('protocol', `${where}: the answer broke off`, { host: o.host, port: o.port }));
      });
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e instanceof SkywallError) return reject(e);
      if (e.code && UNREACHABLE.has(e.code)) return reject(new SkywallError('unreachable', `${where}: cannot reach the device (${e.code})`, { host: o.host, port: o.port, failure: 'unreachable' }));
      reject(new SkywallError('protocol', `${where}: ${e.message.slice(0, 200)}`, { host: o.host, port: o.port }));
    });
    req.end();
  });
}
