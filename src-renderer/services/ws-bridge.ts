import type { ChannelName, EventName, InvokeResult } from '@common/contract/index.js';
import { hostIpcUrl, invokeText, readHostText, type HostAuth } from '@common/wire/host.js';
import type { Bridge } from './bridge-types.js';

type Pending = (r: InvokeResult) => void;

const CLOSED: InvokeResult = { ok: false, error: { code: 'unreachable', message: 'host connection closed' } };

/**
 * Host mode: the contract over the loopback WebSocket the host server offers at /ipc. Resolves
 * once the host has accepted the page and sent its session credential (handed to `onSession`,
 * to be kept for reloads); rejects when the host refuses the token or session.
 */
export async function connectWsBridge(host: string, auth: HostAuth, onSession: (credential: string) => void): Promise<Bridge> {
  const ws = new WebSocket(hostIpcUrl(host, auth));
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let accepted: () => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    accepted = resolve;
    ws.addEventListener('close', () => reject(new Error('host connection refused or closed')), { once: true });
  });

  ws.addEventListener('message', (ev) => {
    const msg = readHostText(String(ev.data));
    if (!msg) return;
    if (msg.type === 'session') {
      onSession(msg.credential);
      accepted();
    } else if (msg.type === 'result') {
      pending.get(msg.id)?.(msg.result as InvokeResult);
      pending.delete(msg.id);
    } else {
      for (const l of listeners.get(msg.channel) ?? []) l(msg.payload);
    }
  });
  ws.addEventListener('close', () => {
    for (const p of pending.values()) p(CLOSED);
    pending.clear();
  });
  await ready;

  return {
    transport: 'host',
    invoke(channel: ChannelName, payload: unknown) {
      const id = nextId++;
      return new Promise<InvokeResult>((resolve) => {
        if (ws.readyState !== WebSocket.OPEN) return resolve(CLOSED);
        pending.set(id, resolve);
        ws.send(invokeText(id, channel, payload));
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
