// The media relay: platform streams (HTTP-FLV, WS-FLV, HTTP-TS, HLS) pulled by the main process
// and handed to the renderer on 127.0.0.1 only, so the page never talks to a platform (its CSP
// admits loopback only, Chromium's six-connections-per-host limit does not apply here, and a
// self-signed platform certificate can be pinned in Node).
//   ws://127.0.0.1:<port>/relay/<streamId>?token=<one-time>   byte relay (FLV or TS over WebSocket)
//   http://127.0.0.1:<port>/hls/<stream token>/<upstream path>  HLS proxy
import {
  APP_PAGE_ORIGINS,
  guardRequest,
  guardUpgrade,
  listenLoopback,
  listeningPort,
  LOOPBACK_HOST,
  originAllowed,
  parseRequestTarget,
  refuseRequest,
  refuseUpgrade,
  TokenStore,
  type OriginPolicy,
  type RefusalStatus,
} from '../../base/net/index.js';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { logger } from '../../base/log/index.js';
import { ByteRelay, type ByteRelayGrant } from './byte-relay.js';
import { RELAY_CLOSE } from './close-codes.js';
import { newRelayCounters, type RelayCounters, type RelayRejectReason } from './counters.js';
import { HlsProxy } from './hls-proxy.js';
import { normalizeFingerprint, type RelayTls } from './upstream-tls.js';

export interface MediaRelayOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** An unused byte-relay token expires after this long (default 30 s). */
  tokenTtlMs?: number;
  /** Page origins allowed when a request carries one (default: app:// and loopback http pages). */
  allowedOrigins?: OriginPolicy;
  /** Unsent bytes towards one player before its relay is closed (default 8 MiB). */
  maxBufferedBytes?: number;
  /** Upstream TCP connect, and TLS handshake when pinned (default 5 s). */
  connectTimeoutMs?: number;
  /**
   * Upstream response headers, or WebSocket upgrade answer (default 15 s: ZLMediaKit holds a
   * request for a stream it is still pulling on demand, maxStreamWaitMS 15 s by default).
   */
  responseTimeoutMs?: number;
  /** Upstream silent this long after answering: the relay closes (default 10 s). */
  noDataTimeoutMs?: number;
  /** An HLS stream nobody fetched for this long is forgotten (default 60 s). */
  hlsIdleMs?: number;
  /** Log sink; lines name hosts, never paths or queries (default: the process log, as warnings). */
  log?: (line: string) => void;
  now?: () => number;
}

/** A platform URL and how to trust its TLS certificate. */
export interface RelayUpstream {
  url: string;
  tls?: RelayTls;
}

const HOST = LOOPBACK_HOST;
const mediaLog = logger('media');
const ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const RELAY_PATH = /^\/relay\/([A-Za-z0-9_.:-]{1,128})$/;

export class MediaRelay {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024, perMessageDeflate: false, clientTracking: false });
  private readonly tokens: TokenStore<ByteRelayGrant>;
  private readonly stats = newRelayCounters();
  private readonly relays = new Set<ByteRelay>();
  private readonly hls: HlsProxy;
  private readonly origins: OriginPolicy;
  private readonly log: (line: string) => void;

  private constructor(
    private readonly server: Server,
    private readonly options: MediaRelayOptions,
  ) {
    this.tokens = new TokenStore<ByteRelayGrant>({ ttlMs: options.tokenTtlMs ?? 30_000, scopeOf: (g) => g.streamId, ...(options.now ? { now: options.now } : {}) });
    this.origins = options.allowedOrigins ?? APP_PAGE_ORIGINS;
    this.log = options.log ?? ((line) => mediaLog.warn(line));
    this.hls = new HlsProxy({
      counters: this.stats,
      log: this.log,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      responseTimeoutMs: options.responseTimeoutMs ?? 15_000,
      noDataTimeoutMs: options.noDataTimeoutMs ?? 10_000,
      idleMs: options.hlsIdleMs ?? 60_000,
      ...(options.now ? { now: options.now } : {}),
    });
    server.on('upgrade', guardUpgrade('relay', (req, socket, head) => this.onUpgrade(req, socket, head)));
    server.on('request', guardRequest('relay', (req, res) => this.onRequest(req, res)));
  }

  /** Starts listening on 127.0.0.1. */
  static start(options: MediaRelayOptions = {}): Promise<MediaRelay> {
    const server = createServer();
    const relay = new MediaRelay(server, options);
    return listenLoopback(server, options.port ?? 0).then(() => relay);
  }

  get port(): number {
    return listeningPort(this.server, 'relay');
  }

  /** A one-time ws:// URL; the player receives the upstream's bytes (http(s) body or ws(s) messages) unchanged. */
  relayBytes(streamId: string, upstream: RelayUpstream): string {
    checkStreamId(streamId);
    checkUpstream(upstream, ['http:', 'https:', 'ws:', 'wss:']);
    const token = this.tokens.issue({ streamId, url: upstream.url, ...(upstream.tls ? { tls: upstream.tls } : {}) });
    this.stats.tokensIssued++;
    return `ws://${HOST}:${this.port}/relay/${streamId}?token=${token}`;
  }

  /** An http:// playlist URL valid until closeStream (or hlsIdleMs without a request). */
  proxyHls(streamId: string, upstream: RelayUpstream): string {
    checkStreamId(streamId);
    checkUpstream(upstream, ['http:', 'https:']);
    return `http://${HOST}:${this.port}${this.hls.open(streamId, upstream.url, upstream.tls)}`;
  }

  /** Ends a stream's relays and HLS token, and voids its unused tokens (the tile was closed). */
  closeStream(streamId: string): void {
    this.tokens.revokeScope(streamId);
    this.hls.closeStream(streamId);
    for (const r of this.relays) if (r.grant.streamId === streamId) r.close(RELAY_CLOSE.streamClosed, 'stream closed');
  }

  counters(): RelayCounters {
    return structuredClone({ ...this.stats, open: this.relays.size });
  }

  /** Says goodbye (1001) to every player, stops the upstreams, stops listening. */
  async close(): Promise<void> {
    const closing = [...this.relays].map(
      (r) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            r.ws.terminate();
            resolve();
          }, 500);
          r.ws.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          r.close(RELAY_CLOSE.relayClosing, 'relay closing');
        }),
    );
    this.hls.close();
    await Promise.all(closing);
    this.relays.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private reject(socket: Duplex, status: RefusalStatus, reason: RelayRejectReason): void {
    this.stats.rejected[reason]++;
    refuseUpgrade(socket, status);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const target = parseRequestTarget(req.url);
    if (!target) return this.reject(socket, 400, 'bad_target');
    const m = RELAY_PATH.exec(target.pathname);
    if (!m) return this.reject(socket, 404, 'bad_path');
    if (!originAllowed(req.headers.origin, this.origins)) return this.reject(socket, 403, 'bad_origin');
    const token = target.query.get('token');
    if (!token) return this.reject(socket, 401, 'no_token');
    const r = this.tokens.redeem(token, m[1]!);
    if (!r.ok) {
      if (r.reason === 'wrong_scope') return this.reject(socket, 403, 'wrong_stream');
      return this.reject(socket, 401, r.reason === 'expired' ? 'expired_token' : 'unknown_token');
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, r.grant));
  }

  private onConnection(ws: WebSocket, grant: ByteRelayGrant): void {
    const limits = {
      connectTimeoutMs: this.options.connectTimeoutMs ?? 5000,
      responseTimeoutMs: this.options.responseTimeoutMs ?? 15_000,
      noDataTimeoutMs: this.options.noDataTimeoutMs ?? 10_000,
      maxBufferedBytes: this.options.maxBufferedBytes ?? 8 * 1024 * 1024,
    };
    const relay = new ByteRelay(ws, grant, limits, this.stats, this.log);
    this.relays.add(relay);
    this.stats.accepted++;
    ws.once('close', () => {
      if (this.relays.delete(relay)) this.stats.closed++;
    });
    relay.start();
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    const cors: OutgoingHttpHeaders = origin ? { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': 'Content-Length, Content-Range' } : {};
    // Absolute-form targets ("GET http://other.host/ HTTP/1.1") are proxy requests: not served.
    if (!req.url?.startsWith('/')) return plain(res, 403, {});
    const target = parseRequestTarget(req.url);
    if (!target) return plain(res, 400, {});
    if (!target.pathname.startsWith('/hls/')) return plain(res, 404, {});
    if (!originAllowed(origin, this.origins)) {
      this.stats.rejected.bad_origin++;
      return plain(res, 403, {});
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-allow-headers': 'Range', 'access-control-max-age': '600' });
      return void res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, { ...cors, allow: 'GET, HEAD, OPTIONS' });
    this.hls.handle(req, res, cors);
  }
}

function plain(res: ServerResponse, status: RefusalStatus, headers: OutgoingHttpHeaders): void {
  refuseRequest(res, status, headers);
}

function checkStreamId(streamId: string): void {
  if (!ID.test(streamId)) throw new Error('streamId must be 1-128 characters of A-Z a-z 0-9 _ . : -');
}

function checkUpstream(upstream: RelayUpstream, schemes: string[]): void {
  let u: URL;
  try {
    u = new URL(upstream.url);
  } catch {
    throw new Error('upstream URL is not a URL');
  }
  if (!schemes.includes(u.protocol)) throw new Error(`upstream URL must be ${schemes.map((s) => s.slice(0, -1)).join(', ')}`);
  if (upstream.tls?.pinSha256 !== undefined) normalizeFingerprint(upstream.tls.pinSha256);
}
