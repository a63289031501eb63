// Opens a page with the frame probe (page/frame-probe.ts) installed and pulls its samples.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { FrameSample } from './page/frame-probe.js';
import { bundlePage } from './page-bundle.js';
import { sleep } from './stats.js';

export type { FrameSample } from './page/frame-probe.js';

export const TILE_VIDEO = 'video[data-testid="tile-video"]';
export const TILE = '[data-testid="tile"]';

let probeScript: Promise<string> | undefined;

export interface ProbePage {
  page: Page;
  context: BrowserContext;
  /** Samples logged since the last call. */
  take(): Promise<FrameSample[]>;
  close(): Promise<void>;
}

/**
 * Opens `url` in a fresh context (CSP bypassed so the probe can run in Skywall's page too),
 * with the probe installed before the page's own scripts and watching every tile video.
 */
export async function openProbePage(browser: Browser, url: string, viewport = { width: 1280, height: 720 }): Promise<ProbePage> {
  probeScript ??= bundlePage('frame-probe');
  const context = await browser.newContext({ viewport, bypassCSP: true });
  await context.addInitScript({ content: await probeScript });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(url);
  await page.evaluate(([v, t]) => (window as unknown as { swBench: { watchAll(a: string, b: string): void } }).swBench.watchAll(v, t), [TILE_VIDEO, TILE]);
  return {
    page,
    context,
    take: () => page.evaluate(() => (window as unknown as { swBench: { take(): FrameSample[] } }).swBench.take()),
    close: () => context.close(),
  };
}

/** Pulls samples every 500 ms until `until(all)` holds or `timeoutMs` passes; returns all of them. */
export async function collectSamples(p: ProbePage, until: (all: FrameSample[]) => boolean, timeoutMs: number): Promise<FrameSample[]> {
  const all: FrameSample[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    all.push(...(await p.take()));
    if (until(all)) break;
    await sleep(500);
  }
  return all;
}
