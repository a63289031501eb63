import WebSocket from 'ws';
import type { ChannelName, InvokeResult, Req, Res } from '@common/contract/index.js';
import { hostIpcUrl, invokeText, pageTokenOf, readHostText } from '@common/wire/host.js';

export interface ContractClient {
  call<C extends ChannelName>(c: C, p: Req<C>): Promise<Res<C>>;
  close(): void;
}

/**
 * The host-mode contract from a test process: what the page's bridge does, for setting up
 * scenes. Page URLs are one-time, so pass the host app (a fresh URL is asked for) or an unused URL.
 */
export async function connectContract(source: string | { newPageUrl(): Promise<string> }): Promise<ContractClient> {
  const pageUrl = typeof source === 'string' ? source : await source.newPageUrl();
  const url = new URL(pageUrl);
  const ws = new WebSocket(hostIpcUrl(url.host, { token: pageTokenOf(url.hash) ?? '' }), { origin: url.origin });
  let nextId = 1;
  const pending = new Map<number, (r: InvokeResult) => void>();
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const msg = readHostText(String(data));
      if (msg?.type === 'session') resolve();
      else if (msg?.type === 'result') pending.get(msg.id)?.(msg.result as InvokeResult);
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`contract socket refused: HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return {
    async call(channel, payload) {
      const id = nextId++;
      const result = await new Promise<InvokeResult>((resolve) => {
        pending.set(id, resolve);
        ws.send(invokeText(id, channel, payload));
      });
      pending.delete(id);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value as never;
    },
    close: () => ws.close(),
  };
}
