// Talks to Skywall's host mode the way its renderer does: JSON invoke/result over the
// token-guarded loopback WebSocket, with the page's own Origin.
import WebSocket from 'ws';

export interface SkywallIpc {
  invoke<T = unknown>(channel: string, payload: unknown): Promise<T>;
  close(): void;
}

interface ResultMessage {
  type: 'result';
  id: number;
  result: { ok: true; value: unknown } | { ok: false; error: { code?: string; message?: string } };
}

/** Connects to the IPC socket of the host-mode page URL `http://127.0.0.1:PORT/#token=...`. */
export async function connectSkywallIpc(pageUrl: string): Promise<SkywallIpc> {
  const url = new URL(pageUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  if (!token) throw new Error('the Skywall URL carries no #token=');
  const ws = new WebSocket(`ws://${url.host}/ipc?token=${encodeURIComponent(token)}`, { origin: url.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', (e) => reject(new Error(`cannot reach Skywall IPC at ${url.host}: ${e.message}`)));
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; channel: string }>();
  ws.on('message', (data) => {
    let msg: ResultMessage;
    try {
      msg = JSON.parse(String(data)) as ResultMessage;
    } catch {
      return;
    }
    if (msg.type !== 'result') return; // events are for the page
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.result.ok) w.resolve(msg.result.value);
    else w.reject(new Error(`${w.channel} failed: ${msg.result.error.code ?? ''} ${msg.result.error.message ?? ''}`.trim()));
  });
  ws.on('close', () => {
    for (const w of waiting.values()) w.reject(new Error(`${w.channel}: Skywall IPC socket closed`));
    waiting.clear();
  });
  return {
    invoke<T>(channel: string, payload: unknown): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, channel });
        ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
      });
    },
    close: () => ws.close(),
  };
}
