import type { ChannelName, EventName, InvokeResult } from '../../src-main/common/contract/index.js';
import type { Bridge } from './bridge-types.js';

type Pending = (r: InvokeResult) => void;

/** Host mode: the contract over the loopback WebSocket the host server offers at /ipc. */
export async function connectWsBridge(host: string, token: string): Promise<Bridge> {
  const ws = new WebSocket(`ws://${host}/ipc?token=${encodeURIComponent(token)}`);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error('host connection failed')), { once: true });
  });
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();

  ws.addEventListener('message', (ev) => {
    let msg: { type?: string; id?: number; result?: InvokeResult; channel?: string; payload?: unknown };
    try {
      msg = JSON.parse(String(ev.data));
    } catch {
      return;
    }
    if (msg.type === 'result' && typeof msg.id === 'number') {
      pending.get(msg.id)?.(msg.result as InvokeResult);
      pending.delete(msg.id);
    } else if (msg.type === 'event' && typeof msg.channel === 'string') {
      for (const l of listeners.get(msg.channel) ?? []) l(msg.payload);
    }
  });
  ws.addEventListener('close', () => {
    for (const p of pending.values()) p({ ok: false, error: { code: 'unreachable', message: 'host connection closed' } });
    pending.clear();
  });

  return {
    transport: 'host',
    invoke(channel: ChannelName, payload: unknown) {
      const id = nextId++;
      return new Promise<InvokeResult>((resolve) => {
        if (ws.readyState !== WebSocket.OPEN) {
          resolve({ ok: false, error: { code: 'unreachable', message: 'host connection closed' } });
          return;
        }
        pending.set(id, resolve);
        ws.send(JSON.stringify({ type: 'invoke', id, channel, payload }));
      });
    },
    on(event: EventName, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  };
}
