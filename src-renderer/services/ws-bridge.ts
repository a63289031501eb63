import type { ChannelName, EventName, InvokeResult } from '@common/contract/index.js';
import { hostIpcUrl, invokeText, readHostText, type HostAuth } from '@common/wire/host.js';
import type { Bridge } from './bridge-types.js';

type Pending = (r: InvokeResult) => void;

const CLOSED: InvokeResult = { ok: false, error: { code: 'unreachable', message: 'host connection closed' } };

/** How often a page that lost its host tries again (the host restarts in a few seconds). */
const RECONNECT_EVERY_MS = 1000;

/**
 * Host mode: the contract over the loopback WebSocket the host server offers at /ipc. Resolves
 * once the host has accepted the page and sent its session credential (handed to `onSession`,
 * to be kept for reloads); rejects when the host refuses the token or session.
 *
 * When the host goes away later, the bridge says so (`onConnection(false)`), answers every call
 * with `unreachable`, and connects again with its session credential until the host is back
 * (`onConnection(true)`); event listeners stay registered across the gap.
 */
export async function connectWsBridge(host: string, auth: HostAuth, onSession: (credential: string) => void, windowName?: string): Promise<Bridge> {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const connectionWatchers = new Set<(up: boolean) => void>();
  let credential: string | undefined;
  let ws: WebSocket;

  /** One socket: resolves when the host accepted it, rejects if it closed first. */
  const open = (how: HostAuth): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(hostIpcUrl(host, how, windowName));
      let accepted = false;
      socket.addEventListener('message', (ev) => {
        const msg = readHostText(String(ev.data));
        if (!msg) return;
        if (msg.type === 'session') {
          credential = msg.credential;
          onSession(msg.credential);
          accepted = true;
          resolve(socket);
        } else if (msg.type === 'result') {
          pending.get(msg.id)?.(msg.result as InvokeResult);
          pending.delete(msg.id);
        } else {
          for (const l of listeners.get(msg.channel) ?? []) l(msg.payload);
        }
      });
      socket.addEventListener('close', () => {
        for (const p of pending.values()) p(CLOSED);
        pending.clear();
        if (!accepted) reject(new Error('host connection refused or closed'));
        else lost();
      });
    });

  const lost = (): void => {
    for (const w of connectionWatchers) w(false);
    const retry = (): void => {
      if (!credential) return;
      open({ session: credential }).then(
        (socket) => {
          ws = socket;
          for (const w of connectionWatchers) w(true);
        },
        () => setTimeout(retry, RECONNECT_EVERY_MS),
      );
    };
    setTimeout(retry, RECONNECT_EVERY_MS);
  };

  ws = await open(auth);

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
    onConnection(watcher) {
      connectionWatchers.add(watcher);
      return () => connectionWatchers.delete(watcher);
    },
  };
}
