// `wall` bench: a 16-tile wall switched to another 16 cameras, timed from the wall being saved
// until every tile shows its new camera's frames (make-before-break: the old picture stays until
// then). Cold: 16 cameras nobody pulls yet (fresh RTSP paths each round). Warm: two sets of 16
// already in the hub, switched back and forth; the renderer's memory after the first of those
// switches and after the last. Cameras: the project's demo RTSP server (640x360 H.264, 25 fps).
import type { Browser } from 'playwright-core';
import { startDemoRtspServer } from '../../src-main/demo/rtsp/index.js';
import { launchChromium } from '../support/browser.js';
import { watchBrowserProcs } from './browser-procs.js';
import { startSkywall } from './skywall-app.js';
import { formatSummary, r1, sleep, summarize, type Summary } from './stats.js';
import { armSwitch, installSwitchWatch, switchDone } from './switch-watch.js';

export interface WallBenchOptions {
  switches: number;
  coldRounds: number;
}

export interface WallBenchResult {
  cold: Summary;
  warm: Summary;
  failures: number;
  rssFirstMb: number;
  rssLastMb: number;
}

const TILES = 16;
const SWITCH_TIMEOUT_MS = 20_000;
const set = (name: string) => Array.from({ length: TILES }, (_, i) => `wall-${name}-${i + 1}`);
const pathOf = (id: string) => `/${id.replace(/-/g, '/')}`;

export async function runWallBench(o: WallBenchOptions): Promise<WallBenchResult> {
  const warmSets = [set('a'), set('b')];
  const coldSets = Array.from({ length: o.coldRounds }, (_, k) => set(`cold${k + 1}`));
  const ids = [...warmSets.flat(), ...coldSets.flat()];
  const demo = await startDemoRtspServer({ streams: ids.map((id) => ({ path: pathOf(id), clip: 'h264' as const })) });
  const app = await startSkywall();
  let browser: Browser | undefined;
  try {
    await app.addCameras('Wall bench', demo.port, ids.map((id) => ({ id, url: demo.url(pathOf(id)) })));
    browser = await launchChromium();
    const procs = await watchBrowserProcs(browser);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    await page.goto(await app.pageUrl());
    await page.getByTestId('wall').waitFor();
    await installSwitchWatch(page);
    const gc = await context.newCDPSession(page);
    let failures = 0;
    const switchTo = async (cameras: string[]): Promise<number | undefined> => {
      await armSwitch(page, cameras);
      const t0 = Date.now();
      await app.showWall(4, 4, cameras);
      const t1 = await switchDone(page, SWITCH_TIMEOUT_MS);
      if (t1 === undefined) {
        failures++;
        if (failures <= 2) console.log(`  switch timed out: ${await tileReport(page)}`);
      }
      return t1 === undefined ? undefined : t1 - t0;
    };
    const rssMb = async (): Promise<number> => {
      await gc.send('HeapProfiler.collectGarbage');
      await sleep(1000);
      return (await procs.rendererRss()) / 1024 / 1024;
    };

    console.log(`wall: 4x4 wall, demo cameras 640x360 H.264 25 fps; ${o.coldRounds} cold switches, ${o.switches} warm switches`);
    // Cold: each round brings 16 cameras no one has pulled.
    const cold: number[] = [];
    for (const cameras of coldSets) {
      const ms = await switchTo(cameras);
      if (ms !== undefined) cold.push(ms);
      await sleep(500);
    }
    // Warm: both sets pulled once, then back and forth while the hub still holds them.
    await switchTo(warmSets[0]!);
    await switchTo(warmSets[1]!);
    const warm: number[] = [];
    let rssFirstMb = NaN;
    for (let k = 0; k < o.switches; k++) {
      const ms = await switchTo(warmSets[k % 2]!);
      if (ms !== undefined) warm.push(ms);
      if (k === 0) rssFirstMb = await rssMb();
    }
    const rssLastMb = await rssMb();
    await procs.close();
    const result: WallBenchResult = { cold: summarize(cold), warm: summarize(warm), failures, rssFirstMb, rssLastMb };
    console.log(formatSummary('  cold switch (saved -> every tile shows its new camera)', result.cold));
    console.log(formatSummary('  warm switch (cameras already in the hub)', result.warm));
    console.log(`  renderer RSS after the first warm switch ${r1(rssFirstMb)} MB, after ${o.switches}: ${r1(rssLastMb)} MB`);
    if (failures) console.log(`  ${failures} switch(es) did not complete within ${SWITCH_TIMEOUT_MS / 1000} s`);
    return result;
  } finally {
    await browser?.close();
    await app.stop();
    await demo.close();
  }
}

/** Per tile: camera, state, videos (u = underneath), for a switch that did not complete. */
function tileReport(page: import('playwright-core').Page): Promise<string> {
  return page.$$eval('[data-testid=tile]', (tiles) =>
    tiles.map((t, i) => `${i + 1}:${t.getAttribute('data-camera-id') ?? '-'}/${t.getAttribute('data-state')}/${[...t.querySelectorAll('video')].map((v) => (v.classList.contains('sw-video-under') ? 'u' : 'v') + (v as HTMLVideoElement).readyState).join('')}`).join(' '),
  );
}

export function wallJson(r: WallBenchResult): Record<string, unknown> {
  return {
    bench: 'wall',
    switch_p50_ms: r1(r.cold.p50),
    switch_p95_ms: r1(r.cold.p95),
    warm_switch_p50_ms: r1(r.warm.p50),
    rss_growth_mb: r1(r.rssLastMb - r.rssFirstMb),
  };
}
