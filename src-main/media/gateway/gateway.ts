// The live gateway: a WebSocket server on 127.0.0.1 (random port) that hands hub streams to
// players. URLs are /live/<streamId>?token=<one-time token> from issue(); anything else is
// refused at the HTTP upgrade (401/403/404, no media bytes, no WebSocket).
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
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HubConsumer, SubscribeOptions, Subscription } from '../hub/hub-types.js';
import { newCounters, type GatewayCounters, type RejectReason } from './counters.js';
import { FlvFormatter, Fmp4Formatter, type StreamFormatter } from './formats.js';
import { LiveSession } from './live-session.js';
import type { LiveFormat, TokenGrant } from './tokens.js';

/** What the gateway needs from the hub (StreamHub fits). */
export interface GatewayHub {
  subscribe(key: string, consumer: HubConsumer, opts?: SubscribeOptions): Subscription;
}

export interface LiveGatewayOptions {
  hub: GatewayHub;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** An unused token expires after this long (default 30 s). */
  tokenTtlMs?: number;
  /** Origins allowed when the request carries one (default: app:// and loopback http pages). */
  allowedOrigins?: OriginPolicy;
  /** Unsent bytes per connection before it skips to the next keyframe (default 4 MiB). */
  maxBufferedBytes?: number;
  now?: () => number;
}

export interface IssueOptions {
  format: LiveFormat;
  /** Hub source key (camera + profile). */
  key: string;
  /** FLV only: carry AAC audio when the source has it (default false: tiles are muted, and video-only starts faster). */
  audio?: boolean;
}

const HOST = LOOPBACK_HOST;
const PATH = /^\/live\/([A-Za-z0-9_.:-]{1,128})$/;

interface OpenConnection {
  ws: WebSocket;
  streamId: string;
  session: LiveSession;
}

export class LiveGateway {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 1024, perMessageDeflate: false, clientTracking: false });
  private readonly tokens: TokenStore<TokenGrant>;
  private readonly stats = newCounters();
  private readonly connections = new Set<OpenConnection>();
  /** Streams set to keyframes only; a player that connects later for the same stream starts so. */
  private readonly keyframesOnly = new Set<string>();
  private readonly origins: OriginPolicy;
  private readonly maxBuffered: number;

  private constructor(
    private readonly server: Server,
    private readonly options: LiveGatewayOptions,
  ) {
    this.tokens = new TokenStore<TokenGrant>({ ttlMs: options.tokenTtlMs ?? 30_000, scopeOf: (g) => g.streamId, ...(options.now ? { now: options.now } : {}) });
    this.origins = options.allowedOrigins ?? APP_PAGE_ORIGINS;
    this.maxBuffered = options.maxBufferedBytes ?? 4 * 1024 * 1024;
    server.on('upgrade', guardUpgrade('gateway', (req, socket, head) => this.onUpgrade(req, socket, head)));
    server.on(
      'request',
      guardRequest('gateway', (_req, res) => {
        this.stats.rejected.not_websocket++;
        refuseRequest(res, 426, { connection: 'close' });
      }),
    );
  }

  /** Starts listening on 127.0.0.1. */
  static start(options: LiveGatewayOptions): Promise<LiveGateway> {
    const server = createServer();
    const gateway = new LiveGateway(server, options);
    return listenLoopback(server, options.port ?? 0).then(() => gateway);
  }

  get port(): number {
    return listeningPort(this.server, 'gateway');
  }

  /** A one-time URL for a player: ws://127.0.0.1:<port>/live/<streamId>?token=... */
  issue(streamId: string, opts: IssueOptions): string {
    if (!PATH.test(`/live/${streamId}`)) throw new Error('streamId must be 1-128 characters of A-Z a-z 0-9 _ . : -');
    const grant: TokenGrant = { streamId, key: opts.key, format: opts.format, audio: opts.audio ?? false };
    const token = this.tokens.issue(grant);
    this.stats.tokensIssued++;
    return `ws://${HOST}:${this.port}/live/${streamId}?token=${token}`;
  }

  /**
   * Keyframes only for a stream's players (the page cannot decode all its tiles at full rate),
   * or every frame again from the next keyframe. Kept for the stream until closeStream().
   */
  setKeyframesOnly(streamId: string, on: boolean): void {
    if (on) this.keyframesOnly.add(streamId);
    else this.keyframesOnly.delete(streamId);
    for (const c of this.connections) if (c.streamId === streamId) c.session.setKeyframesOnly(on);
  }

  /** Closes the players of a stream and voids its unused tokens (the tile was closed). */
  closeStream(streamId: string): void {
    this.keyframesOnly.delete(streamId);
    this.tokens.revokeScope(streamId);
    for (const c of this.connections) {
      if (c.streamId !== streamId) continue;
      // Leave the hub now, not after the close handshake: the stream's device budget is free at once.
      c.session.close();
      c.ws.close(1000, 'stream closed');
    }
  }

  counters(): GatewayCounters {
    let buffered = 0;
    for (const c of this.connections) buffered += c.ws.bufferedAmount;
    return { ...this.stats, rejected: { ...this.stats.rejected }, open: this.connections.size, bufferedBytes: buffered };
  }

  /** Says goodbye (close code 1001) to every player, waits briefly, then stops listening. */
  async close(): Promise<void> {
    const pending = [...this.connections].map(
      (c) =>
        new Promise<void>((resolve) => {
          c.session.close();
          const timer = setTimeout(() => {
            c.ws.terminate();
            resolve();
          }, 500);
          c.ws.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          c.ws.close(1001, 'gateway closing');
        }),
    );
    await Promise.all(pending);
    this.connections.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private reject(socket: Duplex, status: RefusalStatus, reason: RejectReason): void {
    this.stats.rejected[reason]++;
    refuseUpgrade(socket, status);
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const target = parseRequestTarget(req.url);
    if (!target) return this.reject(socket, 400, 'bad_target');
    const m = PATH.exec(target.pathname);
    if (!m) return this.reject(socket, 404, 'bad_path');
    const streamId = m[1];
    if (!originAllowed(req.headers.origin, this.origins)) return this.reject(socket, 403, 'bad_origin');
    const token = target.query.get('token');
    if (!token) return this.reject(socket, 401, 'no_token');
    const r = this.tokens.redeem(token, streamId);
    if (!r.ok) {
      if (r.reason === 'wrong_scope') return this.reject(socket, 403, 'wrong_stream');
      return this.reject(socket, 401, r.reason === 'expired' ? 'expired_token' : 'unknown_token');
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, socket, r.grant));
  }

  private onConnection(ws: WebSocket, socket: Duplex, grant: TokenGrant): void {
    const formatter: StreamFormatter = grant.format === 'fmp4' ? new Fmp4Formatter(grant.streamId) : new FlvFormatter(grant.audio);
    const session = new LiveSession(ws, socket, formatter, this.maxBuffered, this.stats);
    if (this.keyframesOnly.has(grant.streamId)) session.setKeyframesOnly(true);
    const conn: OpenConnection = { ws, streamId: grant.streamId, session };
    this.connections.add(conn);
    this.stats.accepted++;
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      session.close();
      this.connections.delete(conn);
      this.stats.closed++;
    };
    ws.on('close', end);
    ws.on('error', end);
    ws.on('message', () => undefined); // players send nothing we act on
    try {
      session.attach(this.options.hub.subscribe(grant.key, session));
    } catch {
      end();
      ws.close(1011, 'stream unavailable');
    }
  }
}
