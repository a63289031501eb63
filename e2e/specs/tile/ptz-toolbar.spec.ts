// A selected PTZ tile small enough for its toolbar to wrap: 云台控制 sits in the toolbar's own
// flow, so no action is ever covered (every button is the element found at its own centre), and
// while the PTZ control is open the toolbar holds only that button, above the control.
import type { Locator } from '@playwright/test';
import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { DOME, ptzScene } from '../../support/ptz-scene.js';

test.use({ hostOnly: true });

/** True when the element at the centre of `button` is the button itself (or inside it). */
function onTop(button: Locator): Promise<boolean> {
  return button.evaluate((b) => {
    const r = b.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit === b || b.contains(hit));
  });
}

test('the PTZ button on a small selected tile covers none of the toolbar, closed or open', async ({ app }) => {
  const { page, host } = app;
  const contract = await connectContract(host!);
  const stub = await ptzScene(contract);
  try {
    const wall = await contract.call('sw:walls:forWindow', {});
    const empty = { cameraId: null, profile: 'sub' as const };
    await contract.call('sw:walls:save', { ...wall, rows: 3, cols: 3, tiles: [{ cameraId: DOME, profile: 'main' }, ...Array.from({ length: 8 }, () => empty)] });
    const tile = page.getByTestId('tile').first();
    await expect(tile).toHaveAttribute('data-camera-id', DOME);
    await tile.click();
    await tile.hover();
    const toolbar = tile.getByTestId('tile-toolbar');
    const buttons = toolbar.locator('button');
    await expect(toolbar.getByTestId('ptz-toggle')).toHaveText('云台控制');
    const count = await buttons.count();
    expect(count).toBeGreaterThan(4);
    const tops = new Set<number>();
    for (let i = 0; i < count; i++) {
      const b = buttons.nth(i);
      expect(await onTop(b), `toolbar button ${await b.textContent()} is covered`).toBe(true);
      tops.add(Math.round((await b.boundingBox())!.y));
    }
    expect(tops.size).toBeGreaterThanOrEqual(2); // the toolbar wraps on this tile: the case that was covered
    await page.screenshot({ path: 'test-results/tile-ptz-toolbar.png' });

    // Not hovered: only 云台控制 stays.
    await page.mouse.move(2, 2);
    await expect(toolbar.getByTestId('ptz-toggle')).toBeVisible();
    await expect(toolbar.getByTestId('tile-action-maximise')).toBeHidden();

    // Open: the toolbar holds only the close button, above the control.
    await tile.hover();
    await toolbar.getByTestId('ptz-toggle').click();
    await page.getByTestId('ptz-control').waitFor();
    await expect(buttons).toHaveCount(1);
    await expect(toolbar.getByTestId('ptz-toggle')).toHaveAttribute('aria-pressed', 'true');
    expect(await onTop(toolbar.getByTestId('ptz-toggle'))).toBe(true);
    await page.screenshot({ path: 'test-results/tile-ptz-open.png' });
    await toolbar.getByTestId('ptz-toggle').click();
    await expect(page.getByTestId('ptz-control')).toHaveCount(0);
    await expect(buttons).toHaveCount(count);
  } finally {
    contract.close();
    await stub.close();
  }
});
