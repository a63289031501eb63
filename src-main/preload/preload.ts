// The whole surface the page gets: invoke and on, allow-listed by the contract's channel and
// event names. No raw ipcRenderer reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

// Inlined by build/preload-bundle.mjs from the contract's schema maps, so zod stays out of the preload.
declare const SKYWALL_CONTRACT_NAMES: { channels: string[]; events: string[] };

const channelSet = new Set<string>(SKYWALL_CONTRACT_NAMES.channels);
const eventSet = new Set<string>(SKYWALL_CONTRACT_NAMES.events);

contextBridge.exposeInMainWorld('skywall', {
  invoke(channel: string, payload: unknown) {
    if (!channelSet.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: 'no such channel' } });
    }
    return ipcRenderer.invoke(channel, payload);
  },
  on(event: string, listener: (payload: unknown) => void) {
    if (!eventSet.has(event)) throw new Error(`unknown event ${event}`);
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
});
