// What specs read from and do to the wall as an operator would: the names the tiles show, and
// an HTML drag from one element to another.
import type { Locator, Page } from '@playwright/test';

/** The camera name each tile shows, in tile order ('' for an empty tile). */
export function tileNames(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid=tile]', (tiles) => tiles.map((t) => t.querySelector('[data-testid=tile-name]')?.textContent ?? ''));
}

/**
 * A drag from `source` to `target` with one DataTransfer carried through dragstart, dragover and
 * drop, as the browser does (the page's own handlers write and read it).
 */
export async function dragTo(page: Page, source: Locator, target: Locator): Promise<void> {
  const dt = await page.evaluateHandle(() => new DataTransfer());
  await source.dispatchEvent('dragstart', { dataTransfer: dt });
  await target.dispatchEvent('dragenter', { dataTransfer: dt });
  await target.dispatchEvent('dragover', { dataTransfer: dt });
  await target.dispatchEvent('drop', { dataTransfer: dt });
  await source.dispatchEvent('dragend', { dataTransfer: dt });
}
