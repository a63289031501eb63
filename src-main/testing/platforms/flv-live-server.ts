// Test kit: a ZLMediaKit-like media server on 127.0.0.1 serving one live clip as HTTP-FLV
// (endless chunked body) and WS-FLV (one tag per binary message) at
// /<app>/<stream>.live.flv, muxed per viewer by the project's FlvMuxer. A stream that is not
// registered answers 404 (as ZLMediaKit does until the device pushed it); dropViewers() closes
// every viewer, like ZLMediaKit closing a stream nobody should watch any more.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { FlvMuxer, type HevcFlvForm } from '../../media/flv/index.js';
import type { LiveClip } from './live-clip.js';

export interface FlvLiveServer {
  port: number;
  /** HTTP-FLV and WS-FLV URLs of a stream, with the query ZLMediaKit's URLs carry. */
  urls(app: string, stream: string): { flv: string; ws_flv: string };
  /** Streams answering 404 until registered; all streams play when `registerAll` was set. */
  register(app: string, stream: string): void;
  unregister(app: string, stream: string): void;
  viewers(): { http: number; ws: number };
  /** Requests answered 404 so far. */
  notFound(): number;
  /** Closes every viewer, or only those of one stream. */
  dropViewers(app?: string, stream?: string): void;
  close(): Promise<void>;
}

const LIVE_PATH = /^\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\.live\.flv$/;

export async function startFlvLiveServer(clip: LiveClip, opts: { registerAll?: boolean; hevcForm?: HevcFlvForm } = {}): Promise<FlvLiveServer> {
  const registered = new Set<string>();
  const open = new Set<{ close(): void; kind: 'http' | 'ws'; path: string }>();
  let notFound = 0;
  const known = (pathname: string): boolean => {
    const m = LIVE_PATH.exec(pathname);
    return !!m && (opts.registerAll === true || registered.has(`${m[1]}/${m[2]}`));
  };
  const feed = (send: (bytes: Uint8Array[]) => boolean, end: () => void): (() => void) => {
    const muxer = new FlvMuxer(clip.tracks, { frameRate: clip.fps, ...(opts.hevcForm ? { hevcForm: opts.hevcForm } : {}) });
    send([muxer.start()]);
    const unsubscribe = clip.subscribe((au) => {
      const parts = muxer.pushParts(au);
      if (parts && !send(parts)) end();
    });
    return unsubscribe;
  };

  const server = createServer((req, res: ServerResponse) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method !== 'GET' || !known(pathname)) {
      notFound++;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('stream not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'video/x-flv', 'access-control-allow-origin': '*' });
    res.flushHeaders();
    const viewer = { kind: 'http' as const, path: pathname, close: () => res.destroy() };
    open.add(viewer);
    // A viewer 8 MB behind is dropped, as a media server would.
    const unsubscribe = feed(
      (parts) => {
        for (const p of parts) res.write(p);
        return res.writableLength < 8 * 1024 * 1024;
      },
      () => res.destroy(),
    );
    res.once('close', () => {
      unsubscribe();
      open.delete(viewer);
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (!known(pathname)) {
      notFound++;
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const viewer = { kind: 'ws' as const, path: pathname, close: () => ws.terminate() };
      open.add(viewer);
      const unsubscribe = feed(
        (parts) => {
          ws.send(Buffer.concat(parts), { binary: true });
          return ws.bufferedAmount < 8 * 1024 * 1024;
        },
        () => ws.terminate(),
      );
      ws.once('close', () => {
        unsubscribe();
        open.delete(viewer);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    urls: (app, stream) => ({
      flv: `http://127.0.0.1:${port}/${app}/${stream}.live.flv?originTypeStr=rtp_push&videoCodec=H264`,
      ws_flv: `ws://127.0.0.1:${port}/${app}/${stream}.live.flv?originTypeStr=rtp_push&videoCodec=H264`,
    }),
    register: (app, stream) => void registered.add(`${app}/${stream}`),
    unregister: (app, stream) => void registered.delete(`${app}/${stream}`),
    viewers: () => {
      let http = 0;
      let ws = 0;
      for (const v of open) if (v.kind === 'http') http++;
      else ws++;
      return { http, ws };
    },
    notFound: () => notFound,
    dropViewers: (app, stream) => {
      for (const v of [...open]) if (app === undefined || v.path === `/${app}/${stream}.live.flv`) v.close();
    },
    async close() {
      for (const v of [...open]) v.close();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
