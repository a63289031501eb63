import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';
import { expectAdvancing } from '../../support/video-probe.js';

test.use({ hostOnly: true });

const DEVICE = '村口链路';
const WHY = `设备“${DEVICE}”的码流限额已满：本画面暂用子码流，让其他画面也能播放；有空余时自动换回主码流。`;

test('a link that carries 9 Mbit/s with 4 large tiles: all 4 play, the least important on sub-streams saying why; selecting one brings it to main; a cleared tile lets another go back', async ({ app }) => {
  const { page, host } = app;
  // Large tiles: each asks for its main stream (wider than 640 px on a 2x2 wall).
  await page.setViewportSize({ width: 1920, height: 1080 });
  const port = await freePort();
  const camera = await startDemoCamera(port);
  const contract = await connectContract(host!);
  try {
    // The demo camera sends one picture size; the declared sizes set what each stream costs:
    // main 1080p ≈ 4.1 Mbit/s, sub 360p ≈ 0.46 Mbit/s. 9 Mbit/s: two mains and a sub, or one main and three subs.
    const url = `rtsp://127.0.0.1:${port}/demo/h264`;
    const ids = ['b1', 'b2', 'b3', 'b4'];
    await contract.call('sw:devices:add', {
      name: DEVICE,
      kind: 'rtsp',
      host: '127.0.0.1',
      port,
      maxBitrateKbps: 9000,
      cameras: ids.map((id) => ({
        id,
        name: id.toUpperCase(),
        ptz: false,
        sources: [
          { profile: 'main', url, codec: 'h264', width: 1920, height: 1080 },
          { profile: 'sub', url, codec: 'h264', width: 640, height: 360 },
        ],
      })),
    });
    const wall = await contract.call('sw:walls:forWindow', {});
    await contract.call('sw:walls:save', { ...wall, rows: 2, cols: 2, tiles: ids.map((cameraId) => ({ cameraId, profile: 'main' })) });

    const tiles = page.getByTestId('tile');
    await expect(tiles).toHaveCount(4);
    // Nobody refused: three tiles moved to their sub-stream, one keeps main.
    await expect(page.locator('[data-testid=tile][data-budget=sub]')).toHaveCount(3, { timeout: 30_000 });
    await expect(page.locator('[data-testid=tile][data-profile=main]')).toHaveCount(1);
    await expect(page.locator('[data-problem=over_budget]')).toHaveCount(0);
    await expectAdvancing(page, [0, 1, 2, 3]);
    const capped = page.locator('[data-testid=tile][data-budget=sub]');
    for (let i = 0; i < 3; i++) {
      await expect(capped.nth(i).getByTestId('tile-budget-sub')).toHaveText('子码流 · 限额');
      await expect(capped.nth(i).getByTestId('tile-budget-sub')).toHaveAttribute('title', WHY);
    }
    await page.screenshot({ path: 'test-results/budget-sub-4-tiles.png' });

    // The operator selects a tile on sub: it goes to main, the tile on main gives way.
    const chosen = await capped.first().getAttribute('data-index');
    await page.locator(`[data-testid=tile][data-index="${chosen}"]`).click();
    await expect(page.locator(`[data-testid=tile][data-index="${chosen}"]`)).toHaveAttribute('data-profile', 'main', { timeout: 20_000 });
    await expect(page.locator('[data-testid=tile][data-profile=main]')).toHaveCount(1, { timeout: 20_000 });
    await expect(page.locator('[data-testid=tile][data-budget=sub]')).toHaveCount(3);
    await expectAdvancing(page, [0, 1, 2, 3]);

    // A tile is cleared: room for a second main stream beside a sub.
    const cleared = (await page.locator('[data-testid=tile][data-budget=sub]').first().getAttribute('data-index'))!;
    const now = await contract.call('sw:walls:forWindow', {});
    await contract.call('sw:walls:save', { ...now, tiles: now.tiles.map((t, i) => (String(i) === cleared ? { cameraId: null, profile: 'main' } : t)) });
    await expect(page.locator('[data-testid=tile][data-profile=main]')).toHaveCount(2, { timeout: 20_000 });
    await expect(page.locator('[data-testid=tile][data-budget=sub]')).toHaveCount(1);
    const playing = [0, 1, 2, 3].filter((i) => String(i) !== cleared);
    await expectAdvancing(page, playing);
    await expect(page.locator('[data-problem=over_budget]')).toHaveCount(0);
  } finally {
    contract.close();
    await camera.stop();
  }
});
