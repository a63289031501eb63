import type { ChannelName, EventName, EventPayload, InvokeResult, Req, Res } from '@common/contract/index.js';
import type { Bridge } from './bridge-types.js';
import { HOST_WINDOW_PATTERN, pageTokenOf } from '@common/wire/host.js';
import { connectWsBridge } from './ws-bridge.js';

let bridge: Bridge | undefined;

/** Preload under Electron, the host WebSocket otherwise; the rest of the renderer never knows which. */
export async function initBridge(): Promise<Bridge> {
  if (bridge) return bridge;
  const api = window.skywall;
  if (api) {
    bridge = { transport: 'electron', invoke: (c, p) => api.invoke(c, p), on: (e, l) => api.on(e, l) };
  } else {
    bridge = await connectHost();
  }
  return bridge;
}

/** Where this tab keeps its host-mode session credential: it survives reloads, not the tab. */
const SESSION_KEY = 'skywall.hostSession';

/**
 * Host mode: spend the URL's one-time page token if there is one (and drop it from the address
 * bar and history), else present the session credential kept from an earlier load.
 */
async function connectHost(): Promise<Bridge> {
  const token = pageTokenOf(location.hash);
  if (token) history.replaceState(null, '', location.pathname + location.search);
  const session = sessionStorage.getItem(SESSION_KEY);
  const keep = (credential: string): void => sessionStorage.setItem(SESSION_KEY, credential);
  // A second monitor's window is opened as ?window=2 and shows its own wall; a wrong name is ignored.
  const named = new URLSearchParams(location.search).get('window') ?? '';
  const windowName = HOST_WINDOW_PATTERN.test(named) ? named : undefined;
  if (token) {
    try {
      return await connectWsBridge(location.host, { token }, keep, windowName);
    } catch (e) {
      if (!session) throw e; // a spent link with nothing to fall back on
    }
  }
  return connectWsBridge(location.host, { session: session ?? '' }, keep, windowName);
}

/** Puts a bridge in place directly (a fake one in unit tests; initBridge in the app). */
export function installBridge(b: Bridge | undefined): void {
  bridge = b;
}

export class ContractError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}

function current(): Bridge {
  if (!bridge) throw new Error('bridge not initialised');
  return bridge;
}

/** Typed call: resolves with the contract's response or throws a ContractError with its code. */
export async function call<C extends ChannelName>(channel: C, payload: Req<C>): Promise<Res<C>> {
  const result: InvokeResult = await current().invoke(channel, payload);
  if (result.ok) return result.value as Res<C>;
  throw new ContractError(result.error.code, result.error.message, result.error.params);
}

export function subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return current().on(event, (p) => listener(p as EventPayload<E>));
}

/** Follows the connection to main (host mode); under Electron main and window go together, so never called. */
export function watchConnection(watcher: (up: boolean) => void): () => void {
  return current().onConnection?.(watcher) ?? (() => undefined);
}

export function transport(): Bridge['transport'] {
  return current().transport;
}
