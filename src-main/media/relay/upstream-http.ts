// One GET to the platform's media server, with a connect timeout, same-origin redirects only,
// and failures as RelayUpstreamError. Used for endless bodies (HTTP-FLV, HTTP-TS) and for HLS
// playlists and segments.
import { request as httpRequest, type Agent, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { explainTlsError } from './upstream-tls.js';
import { describeUpstream, RelayUpstreamError } from './upstream-error.js';

export interface UpstreamGetOptions {
  agent?: Agent | undefined;
  headers?: OutgoingHttpHeaders;
  /** No TCP connection within this long: 'timeout' (default 5 s). */
  connectTimeoutMs?: number;
  /**
   * No response headers within this long: 'timeout' (default 15 s). Long on purpose: ZLMediaKit
   * holds a request for a stream it is still pulling on demand (maxStreamWaitMS, 15 s by default).
   */
  responseTimeoutMs?: number;
  /** Aborts a request still waiting (the player went away). */
  signal?: AbortSignal;
  /** Same-origin redirects followed (default 3); another origin is refused. */
  maxRedirects?: number;
}

export interface UpstreamResponse {
  response: IncomingMessage;
  /** Where the body came from after redirects (the base for relative playlist URIs). */
  url: URL;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function upstreamGet(url: URL, opts: UpstreamGetOptions = {}): Promise<UpstreamResponse> {
  let current = url;
  for (let hops = 0; ; hops++) {
    const response = await getOnce(current, opts);
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status) && response.headers.location && hops < (opts.maxRedirects ?? 3)) {
      response.resume();
      const next = new URL(response.headers.location, current);
      if (next.origin !== url.origin) {
        throw new RelayUpstreamError('http_status', `${describeUpstream(url)} redirected to another origin (${next.protocol}//${next.host}); refused`, status);
      }
      current = next;
      continue;
    }
    if (status < 200 || status > 299) {
      response.resume();
      throw new RelayUpstreamError('http_status', `${describeUpstream(current)} answered HTTP ${status}`, status);
    }
    return { response, url: current };
  }
}

function getOnce(url: URL, opts: UpstreamGetOptions): Promise<IncomingMessage> {
  const secure = url.protocol === 'https:';
  const request = secure ? httpsRequest : httpRequest;
  const connectMs = opts.connectTimeoutMs ?? 5000;
  const responseMs = opts.responseTimeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'GET',
      headers: { 'user-agent': 'Skywall', accept: '*/*', ...opts.headers },
      ...(opts.agent ? { agent: opts.agent } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    const connectTimer = setTimeout(() => {
      req.destroy(new RelayUpstreamError('timeout', `${describeUpstream(url)} did not accept a connection within ${seconds(connectMs)}`));
    }, connectMs);
    const responseTimer = setTimeout(() => {
      req.destroy(new RelayUpstreamError('timeout', `${describeUpstream(url)} did not answer within ${seconds(responseMs)}`));
    }, responseMs);
    const clearTimers = (): void => {
      clearTimeout(connectTimer);
      clearTimeout(responseTimer);
    };
    // A pooled or pinned (already verified) socket arrives connected.
    req.once('socket', (socket) => {
      if (socket.connecting) socket.once('connect', () => clearTimeout(connectTimer));
      else clearTimeout(connectTimer);
    });
    req.once('response', (res) => {
      clearTimers();
      resolve(res);
    });
    req.once('error', (err: Error & { code?: string }) => {
      clearTimers();
      if (err instanceof RelayUpstreamError || err.name === 'AbortError') return reject(err);
      const explained = explainTlsError(err, url.host);
      if (explained instanceof RelayUpstreamError) return reject(explained);
      reject(new RelayUpstreamError('unreachable', `${describeUpstream(url)} unreachable (${err.code ?? err.message})`));
    });
    req.end();
  });
}

export function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
