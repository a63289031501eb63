// A stand-in for a county platform's media server (ZLMediaKit behind WVP-GB28181-pro) for
// tests: one live source, served on one port the ways ZLMediaKit serves a stream:
//   http://H:P/<app>/<stream>.live.flv   HTTP-FLV (chunked, endless)
//   ws://H:P/<app>/<stream>.live.flv     WS-FLV (binary messages)
//   http://H:P/<app>/<stream>.live.ts    HTTP MPEG-TS (chunked, endless)
//   http://H:P/<app>/<stream>/hls.m3u8   live HLS (1 s segments, 5 in the list)
// Every stream name plays the same pictures. stop() drops every viewer at once, like the
// platform going away; start again on the same port to bring it back.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { loadClipSource } from './clip-source.js';
import { serveHttpFlv, serveWsFlv, type Viewer } from './flv-viewers.js';
import { HlsWriter, PLAYLIST_NAME } from './hls-writer.js';
import { answerPreflight, notFound } from './http-shape.js';
import { serveHttpTs } from './ts-viewer.js';

export type ViewerKind = 'flv-http' | 'flv-ws' | 'mpegts' | 'hls';

/** The URL fields of WVP's StreamContent for one stream (what /api/play/start returns). */
export interface StreamUrls {
  app: string;
  stream: string;
  ip: string;
  flv: string;
  ws_flv: string;
  ts: string;
  hls: string;
}

export interface FakePlatform {
  port: number;
  urls(stream: string, app?: string): StreamUrls;
  /** Viewers connected right now (HLS: requests served so far). */
  viewers(): Record<ViewerKind, number>;
  stop(): Promise<void>;
}

const NAME = '[A-Za-z0-9_-]+';
const LIVE_PATH = new RegExp(`^/(${NAME})/(${NAME})\\.live\\.(flv|ts)$`);
const HLS_PATH = new RegExp(`^/(${NAME})/(${NAME})/([A-Za-z0-9_.-]+)$`);

export async function startFakePlatform(opts: { port?: number } = {}): Promise<FakePlatform> {
  const source = await loadClipSource();
  source.start();
  const hlsRoot = mkdtempSync(path.join(os.tmpdir(), 'skywall-fake-hls-'));
  const hlsWriters = new Map<string, HlsWriter>();
  const open = new Set<Viewer>();
  const counts: Record<ViewerKind, number> = { 'flv-http': 0, 'flv-ws': 0, mpegts: 0, hls: 0 };
  const track = (kind: ViewerKind, start: (onEnd: () => void) => Viewer): void => {
    counts[kind]++;
    let ended = false;
    const viewer = start(() => {
      if (ended) return;
      ended = true;
      counts[kind]--;
      open.delete(viewer);
    });
    if (!ended) open.add(viewer);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method === 'OPTIONS') return answerPreflight(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(req, res, 'only GET');
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const live = LIVE_PATH.exec(pathname);
    if (live) {
      if (live[3] === 'flv') track('flv-http', (onEnd) => serveHttpFlv(source, req, res, onEnd));
      else track('mpegts', (onEnd) => serveHttpTs(source, req, res, onEnd));
      return;
    }
    const hls = HLS_PATH.exec(pathname);
    if (hls) {
      const key = `${hls[1]}/${hls[2]}`;
      let writer = hlsWriters.get(key);
      if (!writer) {
        writer = new HlsWriter(source, path.join(hlsRoot, hls[1]!, hls[2]!));
        hlsWriters.set(key, writer);
      }
      if (hls[3] === PLAYLIST_NAME) counts.hls++;
      void writer.serve(hls[3]!, req, res);
      return;
    }
    notFound(req, res, 'stream not found');
  };

  const server = createServer(onRequest);
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const live = LIVE_PATH.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!live || live[3] !== 'flv') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => track('flv-ws', (onEnd) => serveWsFlv(source, ws, onEnd)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const base = `127.0.0.1:${port}`;

  return {
    port,
    urls(stream, app = 'rtp') {
      return {
        app,
        stream,
        ip: '127.0.0.1',
        flv: `http://${base}/${app}/${stream}.live.flv`,
        ws_flv: `ws://${base}/${app}/${stream}.live.flv`,
        ts: `http://${base}/${app}/${stream}.live.ts`,
        hls: `http://${base}/${app}/${stream}/${PLAYLIST_NAME}`,
      };
    },
    viewers: () => ({ ...counts }),
    async stop() {
      source.stop();
      for (const v of [...open]) v.close();
      for (const ws of wss.clients) ws.terminate();
      await Promise.all([...hlsWriters.values()].map((w) => w.stop()));
      hlsWriters.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      wss.close();
      // Viewers count down on their sockets' close events: let those land before returning.
      for (let i = 0; i < 100 && open.size > 0; i++) await new Promise((r) => setTimeout(r, 20));
      rmSync(hlsRoot, { recursive: true, force: true });
    },
  };
}
