// Test helpers for the relay specs (not shipped code): a player-side WebSocket client that
// records what arrives and how it closed, and a tiny upstream HTTP server on 127.0.0.1.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';

export interface PlayerClient {
  ws: WebSocket;
  messages: Buffer[];
  bytes(): Buffer;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  waitForBytes(n: number, timeoutMs?: number): Promise<void>;
}

/** Opens a relay URL like the player would; rejects with the HTTP status if the upgrade is refused. */
export function openPlayer(url: string, origin = 'http://127.0.0.1:4000'): Promise<PlayerClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin, perMessageDeflate: false });
    const messages: Buffer[] = [];
    let total = 0;
    const waiters = new Set<() => void>();
    const closed = new Promise<{ code: number; reason: string }>((res) => ws.once('close', (code, reason) => res({ code, reason: reason.toString() })));
    ws.on('message', (data: Buffer) => {
      messages.push(data);
      total += data.length;
      for (const w of waiters) w();
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', (err) => reject(err));
    ws.once('open', () =>
      resolve({
        ws,
        messages,
        closed,
        bytes: () => Buffer.concat(messages),
        waitForBytes: (n, timeoutMs = 5000) =>
          new Promise<void>((res, rej) => {
            const timer = setTimeout(() => rej(new Error(`only ${total} of ${n} bytes`)), timeoutMs);
            const check = (): void => {
              if (total < n) return;
              clearTimeout(timer);
              waiters.delete(check);
              res();
            };
            waiters.add(check);
            check();
          }),
      }),
    );
  });
}

export interface TestUpstream {
  server: Server;
  port: number;
  origin: string;
  /** Request URLs (path + query) in arrival order. */
  seen: string[];
  close(): Promise<void>;
}

export async function startUpstream(handler: (req: IncomingMessage, res: ServerResponse) => void, server: Server = createServer(), scheme: 'http' | 'https' = 'http'): Promise<TestUpstream> {
  const seen: string[] = [];
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    seen.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    origin: `${scheme}://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
