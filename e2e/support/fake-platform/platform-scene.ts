// Scene setup for platform specs: platform URLs become cameras of one 'url' device (what a
// WVP/ISC import produces: a URL per channel, codec often unknown) shown on one wall.
import type { Page } from '@playwright/test';
import type { connectContract } from '../contract-client.js';

type Contract = Awaited<ReturnType<typeof connectContract>>;

/** Adds one 'url' device with a camera per URL (ids plat-0, plat-1…) and fills a rows x cols wall with them. */
export async function showPlatformUrls(contract: Contract, urls: string[], grid: { rows: number; cols: number } = { rows: 1, cols: 1 }): Promise<void> {
  const cells = grid.rows * grid.cols;
  if (urls.length > cells) throw new Error(`${urls.length} URLs do not fit a ${grid.rows}x${grid.cols} wall`);
  const port = Number(new URL(urls[0]!).port);
  await contract.call('sw:devices:add', {
    name: 'County platform',
    kind: 'url',
    host: '127.0.0.1',
    port,
    cameras: urls.map((url, i) => ({ id: `plat-${i}`, name: `PLAT-${i + 1}`, ptz: false, sources: [{ profile: 'main' as const, url }] })),
  });
  const wall = await contract.call('sw:walls:forWindow', {});
  const tiles = Array.from({ length: cells }, (_, i) => ({ cameraId: i < urls.length ? `plat-${i}` : null, profile: 'main' as const }));
  await contract.call('sw:walls:save', { ...wall, rows: grid.rows, cols: grid.cols, tiles });
}

/** Collects what the page says about blocked loads (CSP), failed media and player warnings. */
export function watchConsole(page: Page): () => string[] {
  const lines: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') lines.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
  return () => lines.slice();
}
