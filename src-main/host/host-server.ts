import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventBus } from '../ipc/event-bus.js';
import type { Router } from '../ipc/router.js';
import { eventText, hostDisplayKey, HOST_IPC_PATH, HOST_MAX_MESSAGE_BYTES, readClientText, resultText, sessionText } from '../common/wire/host.js';
import { guardRequest, guardUpgrade, listenLoopback, originAllowed, parseRequestTarget, refuseRequest, refuseUpgrade } from '../base/net/index.js';
import { HostAuth, type HostAuthOptions, type HostAuthResult } from './host-auth.js';
import { contentSecurityPolicy } from '../base/http/csp.js';
import { serveStatic } from './static-files.js';

export interface HostServerOptions {
  router: Router;
  bus: EventBus;
  rendererDir: string;
  port?: number;
  /** Sessions remembered from an earlier run, and where to tell new ones (see HostAuth). */
  sessions?: HostAuthOptions;
}

export interface HostServer {
  readonly port: number;
  readonly origin: string;
  /** The first page token (one-time), as carried by `url`. */
  readonly token: string;
  /** The page to open: the one-time token rides in the fragment so it never reaches a request log. */
  readonly url: string;
  /** Another one-time page URL (for a second tab, or a test's own contract client). */
  issuePageUrl(): string;
  close(): Promise<void>;
}

/** Host mode: the renderer over HTTP and the IPC contract over a token-guarded loopback WebSocket. */
export async function startHostServer(opts: HostServerOptions): Promise<HostServer> {
  const auth = new HostAuth(opts.sessions);
  const http: Server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: HOST_MAX_MESSAGE_BYTES });
  await listenLoopback(http, opts.port ?? 0);
  const port = (http.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const csp = contentSecurityPolicy(port);

  http.on(
    'request',
    guardRequest('host', async (req, res) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuseRequest(res, 405);
      const target = parseRequestTarget(req.url);
      if (!target) return refuseRequest(res, 400);
      await serveStatic(opts.rendererDir, target.pathname, res, csp);
    }),
  );

  http.on(
    'upgrade',
    guardUpgrade('host', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const target = parseRequestTarget(req.url);
      if (!target) return refuseUpgrade(socket, 400);
      if (target.pathname !== HOST_IPC_PATH) return refuseUpgrade(socket, 404);
      // Origin first, so a foreign page cannot spend a page token it happened to see.
      if (!originAllowed(req.headers.origin, [origin], { allowMissing: false })) return refuseUpgrade(socket, 403);
      const pageToken = target.query.get('token');
      const session = target.query.get('session');
      // Each window of host mode names itself (?window=2) and shows its own wall.
      const displayKey = hostDisplayKey(target.query.get('window'));
      if (!displayKey) return refuseUpgrade(socket, 400);
      const granted: HostAuthResult = pageToken ? auth.spendPageToken(pageToken) : session ? auth.checkSession(session) : { ok: false };
      if (!granted.ok) return refuseUpgrade(socket, 401);
      wss.handleUpgrade(req, socket, head, (ws) => attachClient(ws, req.headers.origin ?? '', granted.credential, displayKey));
    }),
  );

  const attachClient = (ws: WebSocket, clientOrigin: string, credential: string, displayKey: string): void => {
    const sender = { transport: 'host' as const, authenticated: true, origin: clientOrigin, displayKey };
    const send = (text: string): void => {
      if (ws.readyState === ws.OPEN) ws.send(text);
    };
    send(sessionText(credential));
    const unsubscribe = opts.bus.subscribe((channel, payload) => send(eventText(channel, payload)));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const msg = readClientText(String(data));
      if (msg.kind === 'ignore') return; // no id to answer to
      // The router answers a wrong channel or payload with a typed error; it never throws.
      opts.router.handle(msg.channel, msg.payload, sender).then(
        (result) => send(resultText(msg.id, result)),
        () => send(resultText(msg.id, { ok: false, error: { code: 'internal', message: 'unexpected failure' } })),
      );
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
  };

  const pageUrl = (token: string): string => `${origin}/#token=${token}`;
  const token = auth.issuePageToken();
  return {
    port,
    origin,
    token,
    url: pageUrl(token),
    issuePageUrl: () => pageUrl(auth.issuePageToken()),
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
