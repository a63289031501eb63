// One JSON request to a platform's management API (WVP REST, Artemis OpenAPI): node http/https
// with a timeout, an optional pinned certificate (nothing is sent before the certificate
// matched, see media/relay's PinnedHttpsAgent), a bounded answer, and failures as SkywallError.
// Error messages name the host and the call, never the query (tokens and signatures live there).
import { request as httpRequest, type Agent, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { SkywallError } from '../../common/model/errors.js';
import { explainTlsError, PinnedHttpsAgent } from '../../media/relay/upstream-tls.js';
import { RelayUpstreamError } from '../../media/relay/upstream-error.js';

/** Answers bigger than this are refused (a page of 1,000 channels is well below it). */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export interface PlatformTls {
  /** SHA-256 fingerprint of the leaf certificate the operator pinned. */
  pinSha256?: string | undefined;
}

export interface PlatformRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  tls?: PlatformTls | undefined;
  /** Names the call in errors and logs (e.g. "play/start"). */
  call: string;
}

export interface PlatformAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/** The call and host for messages: "play/start at http://10.1.2.3:18080". */
export function describeCall(call: string, url: URL): string {
  return `${call} at ${url.protocol}//${url.host}`;
}

export function platformAgent(url: URL, tls: PlatformTls | undefined, timeoutMs: number): Agent | undefined {
  if (url.protocol !== 'https:') return undefined;
  return tls?.pinSha256 ? new PinnedHttpsAgent(tls.pinSha256, {}, timeoutMs) : undefined;
}

export function platformRequest(req: PlatformRequest): Promise<PlatformAnswer> {
  const { url } = req;
  const secure = url.protocol === 'https:';
  const send = secure ? httpsRequest : httpRequest;
  const agent = platformAgent(url, req.tls, req.timeoutMs);
  const what = describeCall(req.call, url);
  return new Promise((resolve, reject) => {
    const r = send(url, {
      method: req.method,
      headers: { 'user-agent': 'Skywall', ...req.headers, ...(req.body !== undefined ? { 'content-length': String(Buffer.byteLength(req.body)) } : {}) },
      ...(agent ? { agent } : {}),
    });
    const timer = setTimeout(() => r.destroy(new SkywallError('timeout', `${what} did not answer within ${req.timeoutMs / 1000} s`, { call: req.call })), req.timeoutMs);
    const done = (): void => {
      clearTimeout(timer);
      agent?.destroy();
    };
    r.once('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_ANSWER_BYTES) {
          res.destroy();
          done();
          reject(new SkywallError('protocol', `${what} answered more than ${MAX_ANSWER_BYTES} bytes`, { call: req.call }));
          return;
        }
        chunks.push(c);
      });
      res.once('end', () => {
        done();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.once('error', () => {
        done();
        reject(new SkywallError('unreachable', `${what} dropped the connection`, { call: req.call }));
      });
    });
    r.once('error', (err: Error & { code?: string }) => {
      done();
      if (err instanceof SkywallError) return reject(err);
      const explained = err instanceof RelayUpstreamError ? err : explainTlsError(err, url.host);
      if (explained instanceof RelayUpstreamError && explained.kind === 'tls') {
        // A certificate that is not the pinned one (or not trusted at all): the operator decides.
        return reject(new SkywallError('auth_failed', `${what}: ${explained.message}`, { call: req.call, reason: 'certificate' }));
      }
      if (explained instanceof RelayUpstreamError && explained.kind === 'timeout') return reject(new SkywallError('timeout', `${what}: ${explained.message}`, { call: req.call }));
      reject(new SkywallError('unreachable', `${what} unreachable (${err.code ?? 'connection failed'})`, { call: req.call }));
    });
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** Parses a JSON answer; `protocol` (naming the call) for anything else, e.g. an HTML login page. */
export function parseJson(answer: PlatformAnswer, call: string, url: URL): unknown {
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    throw new SkywallError('protocol', `${describeCall(call, url)} answered HTTP ${answer.status} with something that is not JSON`, { call, status: answer.status });
  }
}
