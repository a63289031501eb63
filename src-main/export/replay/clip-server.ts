// Hands replay clips to the page: a loopback HTTP server where each clip waits behind a
// one-time token (single GET, 60 s if unused). The page fetches it (connect-src allows
// loopback) and plays it from a blob; only Skywall's own page origins are answered.
import { createServer, type Server } from 'node:http';
import { APP_PAGE_ORIGINS, guardRequest, listenLoopback, listeningPort, LOOPBACK_HOST, originAllowed, parseRequestTarget, refuseRequest, TokenStore } from '../../base/net/index.js';

const PATH = /^\/replay\/([A-Za-z0-9_-]{16,64})$/;

export class ClipServer {
  private readonly tokens = new TokenStore<Buffer>({ ttlMs: 60_000 });

  private constructor(private readonly server: Server) {
    server.on(
      'request',
      guardRequest('replay-clips', (req, res) => {
        const origin = req.headers.origin;
        if (!originAllowed(origin, APP_PAGE_ORIGINS)) return refuseRequest(res, 403);
        const cors = origin ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
        if (req.method !== 'GET') return refuseRequest(res, 405, cors);
        const m = PATH.exec(parseRequestTarget(req.url)?.pathname ?? '');
        if (!m) return refuseRequest(res, 404, cors);
        const got = this.tokens.redeem(m[1]);
        if (!got.ok) return refuseRequest(res, 401, cors);
        res.writeHead(200, { ...cors, 'content-type': 'video/mp4', 'content-length': String(got.grant.length), 'cache-control': 'no-store' });
        res.end(got.grant);
      }),
    );
  }

  static async start(): Promise<ClipServer> {
    const server = createServer();
    await listenLoopback(server, 0);
    return new ClipServer(server);
  }

  /** A one-time URL that answers with these bytes. */
  offer(mp4: Buffer): string {
    return `http://${LOOPBACK_HOST}:${listeningPort(this.server, 'replay clips')}/replay/${this.tokens.issue(mp4)}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
