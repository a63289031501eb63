// What every loopback server of Skywall does the same way: listen on 127.0.0.1 only, report its
// port, and refuse with a bare status line (no body, nothing to learn from). Refusing never
// throws: the socket may already be gone when we answer.
import type { OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

export const LOOPBACK_HOST = '127.0.0.1';

export type RefusalStatus = 400 | 401 | 403 | 404 | 405 | 426 | 500;

const STATUS_LINE: Record<RefusalStatus, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  426: 'Upgrade Required',
  500: 'Internal Server Error',
};

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

/** Answers an HTTP upgrade request with a status line and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: RefusalStatus): void {
  socket.on('error', () => undefined);
  if (socket.destroyed || !socket.writable) return;
  try {
    socket.end(`HTTP/1.1 ${status} ${STATUS_LINE[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  } catch {
    socket.destroy();
  }
}

/** Answers a plain HTTP request with an empty body; if an answer already began, cuts the connection. */
export function refuseRequest(res: ServerResponse, status: RefusalStatus, headers: OutgoingHttpHeaders = {}): void {
  try {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(status, { ...headers, 'content-length': '0', 'cache-control': 'no-store' }).end();
  } catch {
    res.destroy();
  }
}
