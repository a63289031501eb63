import WebSocket from 'ws';
import type { ChannelName, InvokeResult, Req, Res } from '../../src-main/common/contract/index.js';

/** The host-mode contract from a test process: what the page's bridge does, for setting up scenes. */
export async function connectContract(pageUrl: string): Promise<{ call<C extends ChannelName>(c: C, p: Req<C>): Promise<Res<C>>; close(): void }> {
  const url = new URL(pageUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const ws = new WebSocket(`ws://${url.host}/ipc?token=${encodeURIComponent(token)}`, { origin: url.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const pending = new Map<number, (r: InvokeResult) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { type: string; id?: number; result?: InvokeResult };
    if (msg.type === 'result' && msg.id !== undefined) pending.get(msg.id)?.(msg.result!);
  });
  return {
    async call(channel, payload) {
      const id = nextId++;
      const result = await new Promise<InvokeResult>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
      });
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    close: () => ws.close(),
  };
}
