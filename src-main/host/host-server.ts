import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventBus } from '../ipc/event-bus.js';
import type { Router } from '../ipc/router.js';
import { ClientMessage, type ServerMessage } from '../ipc/wire.js';
import { contentSecurityPolicy, serveStatic } from './static-files.js';

export interface HostServerOptions {
  router: Router;
  bus: EventBus;
  rendererDir: string;
  port?: number;
  /** Fixed token for tests; random per run otherwise. */
  token?: string;
}

export interface HostServer {
  readonly port: number;
  readonly origin: string;
  readonly token: string;
  /** The page to open: the token rides in the fragment so it never reaches a request log. */
  readonly url: string;
  close(): Promise<void>;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function refuse(socket: Socket, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Host mode: the renderer over HTTP and the IPC contract over a token-guarded loopback WebSocket. */
export async function startHostServer(opts: HostServerOptions): Promise<HostServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const http: Server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const csp = contentSecurityPolicy(port);

  http.on('request', (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    void serveStatic(opts.rendererDir, req.url ?? '/', res, csp);
  });

  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname !== '/ipc') return refuse(socket, '404 Not Found');
    if (!sameToken(url.searchParams.get('token') ?? '', token)) return refuse(socket, '401 Unauthorized');
    if (req.headers.origin !== origin) return refuse(socket, '403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => attachClient(ws, req.headers.origin ?? ''));
  });

  const attachClient = (ws: WebSocket, clientOrigin: string): void => {
    const sender = { transport: 'host' as const, authenticated: true, origin: clientOrigin, displayKey: 'host' };
    const send = (m: ServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    const unsubscribe = opts.bus.subscribe((channel, payload) => send({ type: 'event', channel, payload }));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let msg: ClientMessage;
      try {
        msg = ClientMessage.parse(JSON.parse(String(data)));
      } catch {
        return; // not a contract message: nothing to answer, nothing to crash
      }
      void opts.router.handle(msg.channel, msg.payload, sender).then((result) => send({ type: 'result', id: msg.id, result }));
    });
    ws.on('close', unsubscribe);
    ws.on('error', unsubscribe);
  };

  return {
    port,
    origin,
    token,
    url: `${origin}/#token=${token}`,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
