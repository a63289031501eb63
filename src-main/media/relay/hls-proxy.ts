// HLS through the main process: GET /hls/<token>/<upstream path and query>. The token is one
// per stream, valid while the stream is open (the player fetches a playlist and segments again
// and again). Only URLs on the stream's upstream origin are ever fetched; playlists are
// rewritten so every URI in them points back here, and anything off-origin gets a 403.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { RelayCounters } from './counters.js';
import { HlsSession } from './hls-session.js';
import { isPlaylistText, rewritePlaylist } from './playlist-rewrite.js';
import { upstreamGet } from './upstream-http.js';
import { describeUpstream, RelayUpstreamError } from './upstream-error.js';
import type { RelayTls } from './upstream-tls.js';

export interface HlsProxyOptions {
  counters: RelayCounters;
  log: (line: string) => void;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  /** A body that stops for this long is cut (the player retries). */
  noDataTimeoutMs: number;
  /** A stream whose player sent nothing for this long is forgotten (the tile died without closing it). */
  idleMs: number;
  now?: () => number;
}

const PATH = /^\/hls\/([A-Za-z0-9_-]{32})(\/[^?#]*)(\?[^#]*)?$/;
const MAX_PLAYLIST_BYTES = 4 * 1024 * 1024;
const PASSED_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'cache-control', 'last-modified', 'etag'];

export class HlsProxy {
  private readonly sessions = new Map<string, HlsSession>();
  private readonly sweeper: ReturnType<typeof setInterval>;
  private readonly now: () => number;

  constructor(private readonly opts: HlsProxyOptions) {
    this.now = opts.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweep(), Math.max(1000, opts.idleMs / 4));
    this.sweeper.unref();
  }

  /** Registers a stream; returns its first path (/hls/<token>/<playlist path>). */
  open(streamId: string, url: string, tls?: RelayTls): string {
    const token = randomBytes(24).toString('base64url');
    const session = new HlsSession(token, streamId, url, tls, this.now(), this.opts.connectTimeoutMs);
    this.sessions.set(token, session);
    this.opts.counters.hls.sessions = this.sessions.size;
    return session.entryPath;
  }

  closeStream(streamId: string): void {
    for (const [token, s] of this.sessions) {
      if (s.streamId !== streamId) continue;
      s.close();
      this.sessions.delete(token);
    }
    this.opts.counters.hls.sessions = this.sessions.size;
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const s of this.sessions.values()) s.close();
    this.sessions.clear();
    this.opts.counters.hls.sessions = 0;
  }

  /** Serves one GET/HEAD under /hls/ (origin and CORS are the caller's). */
  handle(req: IncomingMessage, res: ServerResponse, cors: OutgoingHttpHeaders): void {
    const c = this.opts.counters.hls;
    c.requests++;
    const m = PATH.exec(req.url ?? '');
    const session = m ? this.sessions.get(m[1]!) : undefined;
    if (!m || !session) return answer(res, 404, cors, 'no such HLS stream (closed?)');
    session.lastUsedAt = this.now();
    const target = session.fromProxyPath(`${m[2]}${m[3] ?? ''}`);
    if (!target) {
      c.refused++;
      this.opts.log(`[relay ${session.streamId}] HLS: refused a URL outside ${describeUpstream(session.upstream)}`);
      return answer(res, 403, cors, 'refused: not on the stream’s upstream origin');
    }
    void this.forward(session, target, req, res, cors);
  }

  private async forward(session: HlsSession, target: URL, req: IncomingMessage, res: ServerResponse, cors: OutgoingHttpHeaders): Promise<void> {
    const c = this.opts.counters.hls;
    const abort = new AbortController();
    // The player went away mid-request: stop fetching for it.
    res.once('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const cookie = session.cookieHeader();
    const range = req.headers.range;
    let upstream;
    try {
      upstream = await upstreamGet(target, {
        agent: session.agent,
        connectTimeoutMs: this.opts.connectTimeoutMs,
        responseTimeoutMs: this.opts.responseTimeoutMs,
        signal: abort.signal,
        headers: { ...(cookie ? { cookie } : {}), ...(range ? { range } : {}) },
      });
    } catch (err) {
      if (abort.signal.aborted) return;
      c.upstreamErrors++;
      const e = err instanceof RelayUpstreamError ? err : new RelayUpstreamError('unreachable', `${describeUpstream(target)} unreachable`);
      this.opts.log(`[relay ${session.streamId}] HLS: ${e.message}`);
      const status = e.kind === 'timeout' ? 504 : e.kind === 'http_status' && e.status && e.status >= 400 ? e.status : 502;
      return answer(res, status, cors, e.message);
    }
    const { response, url } = upstream;
    session.remember(response.headers);
    const idle = idleCutter(response, this.opts.noDataTimeoutMs);
    const type = String(response.headers['content-type'] ?? '');
    if (/mpegurl/i.test(type) || url.pathname.toLowerCase().endsWith('.m3u8')) {
      const body = await readCapped(response, MAX_PLAYLIST_BYTES).catch(() => undefined);
      idle.stop();
      if (body === undefined || !isPlaylistText(body)) {
        c.upstreamErrors++;
        return answer(res, 502, cors, `${describeUpstream(url)} sent no valid playlist`);
      }
      const text = rewritePlaylist(body, url, (u) => session.toProxyPath(u));
      c.playlistsRewritten++;
      res.writeHead(200, { ...cors, 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'no-cache', 'content-length': Buffer.byteLength(text) });
      res.end(req.method === 'HEAD' ? undefined : text);
      return;
    }
    const headers: OutgoingHttpHeaders = { ...cors };
    for (const h of PASSED_HEADERS) if (response.headers[h] !== undefined) headers[h] = response.headers[h];
    res.writeHead(response.statusCode ?? 200, headers);
    if (req.method === 'HEAD') {
      idle.stop();
      response.destroy();
      return void res.end();
    }
    response.on('data', (chunk: Buffer) => (c.bytesRelayed += chunk.length));
    response.once('error', () => res.destroy());
    response.once('close', () => idle.stop());
    response.pipe(res);
  }

  private sweep(): void {
    const t = this.now();
    for (const [token, s] of this.sessions) {
      if (t - s.lastUsedAt < this.opts.idleMs) continue;
      s.close();
      this.sessions.delete(token);
    }
    this.opts.counters.hls.sessions = this.sessions.size;
  }
}

function answer(res: ServerResponse, status: number, cors: OutgoingHttpHeaders, text: string): void {
  const body = `${text}\n`;
  res.writeHead(status, { ...cors, 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

/** Destroys a body that goes quiet for `ms`. */
function idleCutter(body: IncomingMessage, ms: number): { stop(): void } {
  let timer = setTimeout(() => body.destroy(new Error('upstream body stalled')), ms);
  const reset = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => body.destroy(new Error('upstream body stalled')), ms);
  };
  body.on('data', reset);
  return {
    stop() {
      clearTimeout(timer);
      body.off('data', reset);
    },
  };
}

function readCapped(body: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) body.destroy(new Error('playlist too large'));
      else parts.push(chunk);
    });
    body.once('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    body.once('error', reject);
    body.once('aborted', () => reject(new Error('aborted')));
  });
}
