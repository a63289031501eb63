import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/app-fixture.js';
import { connectContract } from '../support/contract-client.js';
import { freePort, startDemoCamera } from '../support/demo-camera-process.js';
import { ROOT } from '../support/host-app.js';
import { expectAdvancing } from '../support/video-probe.js';

test.use({ hostOnly: true });

/**
 * Takes the picture at a moment every camera's tile says live at full rate (a loaded machine may
 * stall one briefly, or drop tiles to keyframes only: the picture of the wall's usual look waits
 * for that to pass).
 */
async function shootWhenAllLive(page: Page, cameras: number, file: string): Promise<void> {
  const live = `实时 ${cameras}/${cameras} 路`;
  for (let attempt = 0; attempt < 60; attempt++) {
    await expect(page.getByTestId('live-count')).toHaveText(live, { timeout: 90_000 });
    // Checked on both sides of the picture, so no tile changed state while it was taken.
    const fullRate = async () => {
      const states = await page.$$eval('[data-testid=tile]', (els) => els.filter((e) => e.querySelector('[data-testid=tile-name]')).map((e) => e.getAttribute('data-state')));
      const degraded = await page.getByTestId('tile-keyframes-only').count();
      return degraded === 0 && states.every((s) => s === 'live') && (await page.getByTestId('live-count').textContent()) === live;
    };
    if (await fullRate()) {
      await page.screenshot({ path: path.join(ROOT, file) });
      if (await fullRate()) return;
    }
    await page.waitForTimeout(1000);
  }
  throw new Error(`no moment with all ${cameras} cameras live at full rate for ${file} (run it on a quiet machine)`);
}

test('docs/screenshot.png, docs/wall-4.png and docs/wall-16.png: the first-run wall, a 4-tile and a 16-tile wall in Chinese, every camera playing', async ({ app }) => {
  const { page, host } = app;
  // The first run, as a new operator sees it: each demo camera once on the 2x2, two tiles inviting a drag.
  await expect(page.getByTestId('tile')).toHaveCount(4);
  for (const dismiss of await page.getByTestId('problems').getByRole('button').all()) await dismiss.click();
  await expectAdvancing(page, [0, 1], 60_000);
  await shootWhenAllLive(page, 2, 'docs/screenshot.png');
  await page.setViewportSize({ width: 1600, height: 900 });
  const port = await freePort();
  const camera = await startDemoCamera(port);
  const contract = await connectContract(host!);
  try {
    const url = (codec: 'h264' | 'h265') => `rtsp://127.0.0.1:${port}/demo/${codec}`;
    const names = ['东门入口', '东门出口', '停车场北', '停车场南', '一号楼大厅', '二号楼大厅', '仓库通道', '配电房', '西门岗亭', '南门广场', '食堂', '操场东', '操场西', '围墙北段'];
    await contract.call('sw:devices:add', {
      name: '园区录像机',
      kind: 'rtsp',
      host: '127.0.0.1',
      port,
      cameras: names.map((name, i) => ({ id: `yard-${i + 1}`, name, ptz: false, sources: [{ profile: 'main' as const, url: url('h264'), codec: 'h264' as const }] })),
    });
    // Four tiles: the two demo cameras and two of the yard's.
    const wall = await contract.call('sw:walls:forWindow', {});
    await contract.call('sw:walls:save', { ...wall, tiles: wall.tiles.map((t, i) => ({ ...t, cameraId: t.cameraId ?? `yard-${i - 1}` })) });
    // Start-up notices (the key file beside the data) are not part of the wall's picture.
    for (const dismiss of await page.getByTestId('problems').getByRole('button').all()) await dismiss.click();
    await expectAdvancing(page, [0, 1, 2, 3], 60_000);
    await shootWhenAllLive(page, 4, 'docs/wall-4.png');

    await page.getByTestId('layout-select').selectOption({ label: '16 画面' });
    await page.getByTestId('device-item').filter({ hasText: '园区录像机' }).scrollIntoViewIfNeeded();
    const dt = await page.evaluateHandle(() => new DataTransfer());
    const source = page.getByTestId('device-item').filter({ hasText: '园区录像机' });
    const target = page.getByTestId('wall-cell').nth(4);
    await source.dispatchEvent('dragstart', { dataTransfer: dt });
    await target.dispatchEvent('dragover', { dataTransfer: dt });
    await target.dispatchEvent('drop', { dataTransfer: dt });
    await expect(page.getByTestId('tile').locator('[data-testid=tile-name]')).toHaveCount(16);
    await expectAdvancing(page, Array.from({ length: 16 }, (_, i) => i), 90_000);
    await page.getByTestId('undo-notice').getByRole('button', { name: '关闭提示' }).click();
    await page.getByTestId('tile').nth(5).click();
    // The pointer leaves the wall, so no tile shows its hover toolbar.
    await page.mouse.move(1, 1);
    await shootWhenAllLive(page, 16, 'docs/wall-16.png');
  } finally {
    contract.close();
    await camera.stop();
  }
});
