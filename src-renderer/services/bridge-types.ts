import type { ChannelName, EventName, InvokeResult } from '@common/contract/index.js';

/** The one interface the renderer has to main, whichever transport carries it. */
export interface Bridge {
  readonly transport: 'electron' | 'host';
  invoke(channel: ChannelName, payload: unknown): Promise<InvokeResult>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
  /** Host mode: told false when main goes away and true when the page has reconnected to it. */
  onConnection?(watcher: (up: boolean) => void): () => void;
}

/** What the preload exposes on window.skywall under Electron. */
export interface PreloadApi {
  invoke(channel: string, payload: unknown): Promise<InvokeResult>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    skywall?: PreloadApi;
  }
}
