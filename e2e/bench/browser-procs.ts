// Chromium's own processes, as the browser reports them over CDP (SystemInfo.getProcessInfo):
// renderer and GPU process ids and CPU time, so a bench can read their memory from /proc.
import type { Browser } from 'playwright-core';
import { rssBytes } from './proc-usage.js';

export interface BrowserProc {
  type: string;
  pid: number;
  /** CPU seconds since the process started. */
  cpuTime: number;
}

export interface BrowserProcs {
  list(): Promise<BrowserProc[]>;
  /** Summed RSS of the renderer processes, bytes. */
  rendererRss(): Promise<number>;
  /** Summed CPU seconds per process type (renderer, gpu, browser, utility...). */
  cpuByType(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

export async function watchBrowserProcs(browser: Browser): Promise<BrowserProcs> {
  const cdp = await browser.newBrowserCDPSession();
  const list = async (): Promise<BrowserProc[]> => {
    const r = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number; cpuTime: number }> };
    return r.processInfo.map((p) => ({ type: p.type, pid: p.id, cpuTime: p.cpuTime }));
  };
  return {
    list,
    async rendererRss() {
      let sum = 0;
      for (const p of await list()) if (p.type === 'renderer') sum += rssBytes(p.pid) ?? 0;
      return sum;
    },
    async cpuByType() {
      const out = new Map<string, number>();
      for (const p of await list()) out.set(p.type, (out.get(p.type) ?? 0) + p.cpuTime);
      return out;
    },
    close: () => cdp.detach(),
  };
}
