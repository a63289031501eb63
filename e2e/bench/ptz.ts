// `npm run bench -- ptz`: how fast a key in the page reaches the camera. Skywall runs in host mode
// with an ONVIF dome (the demo ONVIF device, in this process, so its arrival times are read
// directly) alone on the wall; Chromium holds an arrow key down for a moment, N times. Measured:
// keydown in the page to ContinuousMove at the device, and keyup to Stop at the device.
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { connectContract } from '../support/contract-client.js';
import { startHostApp } from '../support/host-app.js';
import { ptzScene } from '../support/ptz-scene.js';
import { percentile } from './stats.js';

export interface PtzBenchResult {
  presses: number;
  p50_ms: number;
  p95_ms: number;
  stop_p50_ms: number;
  stop_p95_ms: number;
}

const round = (n: number): number => Math.round(n * 10) / 10;

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`ptz bench: ${what} did not arrive within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** The page's own clock at its last keydown / keyup (wall-clock ms, sub-ms precision). */
async function keyTime(page: Page, kind: 'down' | 'up'): Promise<number> {
  return page.evaluate((k) => (window as unknown as { __ptzKey: Record<string, number> }).__ptzKey[k]!, kind);
}

export async function runPtzBench(opts: { presses: number }): Promise<PtzBenchResult> {
  const host = await startHostApp({ env: { SKYWALL_LOG_LEVEL: 'warn' } });
  const browser = await launchChromium();
  const contract = await connectContract(host);
  const stub = await ptzScene(contract);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
      const at: Record<string, number> = {};
      (window as unknown as { __ptzKey: typeof at }).__ptzKey = at;
      const stamp = (k: string) => () => (at[k] = performance.timeOrigin + performance.now());
      window.addEventListener('keydown', stamp('down'), { capture: true });
      window.addEventListener('keyup', stamp('up'), { capture: true });
    });
    await page.goto(await host.newPageUrl());
    await page.getByTestId('tile').first().click();
    await page.getByTestId('ptz-toggle').click();
    await page.getByTestId('ptz-control').waitFor();
    const count = (action: string) => stub.ptzLog.filter((e) => e.action === action && e.outcome === 'ok').length;
    const last = (action: string) => stub.ptzLog.filter((e) => e.action === action && e.outcome === 'ok').at(-1)!.at;
    const press: number[] = [];
    const release: number[] = [];
    for (let i = 0; i < opts.presses + 5; i++) {
      const moves = count('ContinuousMove');
      const stops = count('Stop');
      await page.keyboard.down('ArrowRight');
      await waitFor(() => count('ContinuousMove') > moves, 5000, 'ContinuousMove');
      const moveAt = last('ContinuousMove');
      await new Promise((r) => setTimeout(r, 30));
      await page.keyboard.up('ArrowRight');
      await waitFor(() => count('Stop') > stops, 5000, 'Stop');
      const stopAt = last('Stop');
      // The first presses warm up the connection and the code paths; they are not counted.
      if (i >= 5) {
        press.push(moveAt - (await keyTime(page, 'down')));
        release.push(stopAt - (await keyTime(page, 'up')));
      }
      await new Promise((r) => setTimeout(r, 60));
    }
    return {
      presses: press.length,
      p50_ms: round(percentile(press, 50)),
      p95_ms: round(percentile(press, 95)),
      stop_p50_ms: round(percentile(release, 50)),
      stop_p95_ms: round(percentile(release, 95)),
    };
  } finally {
    contract.close();
    await browser.close();
    await stub.close();
    await host.stop();
  }
}
