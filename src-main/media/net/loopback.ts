// What every loopback server of Skywall does the same way: listen on 127.0.0.1 only, report its
// port, and refuse an HTTP upgrade with a bare status line (no body, nothing to learn from).
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

export const LOOPBACK_HOST = '127.0.0.1';

const STATUS_LINE: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' };

export function listenLoopback(server: Server, port = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export function listeningPort(server: Server, what: string): number {
  const a = server.address();
  if (!a || typeof a === 'string') throw new Error(`${what} is not listening`);
  return a.port;
}

export function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404): void {
  socket.on('error', () => undefined);
  socket.end(`HTTP/1.1 ${status} ${STATUS_LINE[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
