import type { ChannelName, EventName, EventPayload, InvokeResult, Req, Res } from '../../src-main/common/contract/index.js';
import type { Bridge } from './bridge-types.js';
import { connectWsBridge } from './ws-bridge.js';

let bridge: Bridge | undefined;

/** Preload under Electron, the host WebSocket otherwise; the rest of the renderer never knows which. */
export async function initBridge(): Promise<Bridge> {
  if (bridge) return bridge;
  const api = window.skywall;
  if (api) {
    bridge = { transport: 'electron', invoke: (c, p) => api.invoke(c, p), on: (e, l) => api.on(e, l) };
  } else {
    const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
    bridge = await connectWsBridge(location.host, token);
  }
  return bridge;
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

export function transport(): Bridge['transport'] {
  return current().transport;
}
