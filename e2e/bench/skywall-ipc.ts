// Talks to Skywall's host mode the way its renderer does: the host wire (common/wire/host.ts)
// over the token-guarded loopback WebSocket, with the page's own Origin.
import WebSocket from 'ws';
import { hostIpcUrl, invokeText, pageTokenOf, readHostText } from '@common/wire/host.js';

export interface SkywallIpc {
  invoke<T = unknown>(channel: string, payload: unknown): Promise<T>;
  close(): void;
}

/** Connects with an unused one-time page URL `http://127.0.0.1:PORT/#token=...`. */
export async function connectSkywallIpc(pageUrl: string): Promise<SkywallIpc> {
  const url = new URL(pageUrl);
  const token = pageTokenOf(url.hash);
  if (!token) throw new Error('the Skywall URL carries no #token=');
  const ws = new WebSocket(hostIpcUrl(url.host, { token }), { origin: url.origin });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; channel: string }>();
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const msg = readHostText(String(data));
      if (msg?.type === 'session') return resolve();
      if (msg?.type !== 'result') return; // events are for the page
      const w = waiting.get(msg.id);
      if (!w) return;
      waiting.delete(msg.id);
      if (msg.result.ok) w.resolve(msg.result.value);
      else w.reject(new Error(`${w.channel} failed: ${msg.result.error.code} ${msg.result.error.message}`));
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`Skywall IPC at ${url.host} refused: HTTP ${res.statusCode}`)));
    ws.once('error', (e) => reject(new Error(`cannot reach Skywall IPC at ${url.host}: ${e.message}`)));
  });
  let nextId = 1;
  ws.on('close', () => {
    for (const w of waiting.values()) w.reject(new Error(`${w.channel}: Skywall IPC socket closed`));
    waiting.clear();
  });
  return {
    invoke<T>(channel: string, payload: unknown): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, channel });
        ws.send(invokeText(id, channel, payload));
      });
    },
    close: () => ws.close(),
  };
}
