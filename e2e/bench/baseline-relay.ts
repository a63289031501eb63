// The baseline: `ffmpeg -rtsp_transport tcp -i <rtsp> -c copy -f flv -` per viewer, its output
// sent over a WebSocket (one binary message per chunk) to mpegts.js in a plain page that this
// server also serves. The relay starts when the page connects, as a relay-on-demand would.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { bundlePage } from './page-bundle.js';

export interface BaselineRelay {
  /** The player page (exposes window.swBaseline and window.swBench). */
  readonly pageUrl: string;
  /** WebSocket URL that relays the given RTSP URL. */
  relayUrl(rtspUrl: string): string;
  /** Process ids of the relays running now. */
  pids(): number[];
  close(): Promise<void>;
}

const PAGE_HTML = (script: string): string => `<!doctype html>
<html><head><meta charset="utf-8"><title>baseline</title>
<style>html,body{margin:0;height:100%;background:#000}#grid{display:grid;width:100vw;height:100vh;gap:2px}
video{width:100%;height:100%;object-fit:contain;min-width:0;min-height:0;background:#111}</style></head>
<body><div id="grid"></div><script>${script.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;

export async function startBaselineRelay(): Promise<BaselineRelay> {
  const html = PAGE_HTML(await bundlePage('baseline-page'));
  const relays = new Set<ChildProcess>();
  const http: Server = createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
    } else res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ server: http, path: '/relay' });
  wss.on('connection', (ws, req) => {
    const src = new URL(req.url ?? '', 'http://x').searchParams.get('src');
    if (!src) return ws.close(1008, 'src missing');
    const ff = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-rtsp_transport', 'tcp', '-i', src, '-c', 'copy', '-f', 'flv', '-'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    relays.add(ff);
    ff.stdout?.on('data', (chunk: Buffer) => {
      if (ws.readyState === ws.OPEN) ws.send(chunk, { binary: true });
    });
    ff.on('exit', () => {
      relays.delete(ff);
      ws.close();
    });
    ws.on('close', () => ff.kill('SIGKILL'));
    ws.on('error', () => ff.kill('SIGKILL'));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const port = (http.address() as AddressInfo).port;
  return {
    pageUrl: `http://127.0.0.1:${port}/`,
    relayUrl: (rtsp) => `ws://127.0.0.1:${port}/relay?src=${encodeURIComponent(rtsp)}`,
    pids: () => [...relays].map((p) => p.pid).filter((p): p is number => p !== undefined),
    async close() {
      for (const c of wss.clients) c.terminate();
      for (const p of relays) p.kill('SIGKILL');
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
