// The whole surface the page gets: invoke and on, allow-listed by the contract's naming rule
// and by the lists main sends at start. No raw ipcRenderer reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAME_LIST, EVENT_NAME_LIST } from '../common/contract/names.js';

const channelSet = new Set<string>(CHANNEL_NAME_LIST);
const eventSet = new Set<string>(EVENT_NAME_LIST);

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
