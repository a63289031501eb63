import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';
import { expectAdvancing, sampleTiles } from '../../support/video-probe.js';

test.use({ hostOnly: true });

const REFUSED = '设备“村口 NVR”同时最多传 2 路视频，已全部占用：有空位时自动播放。可关闭该设备的其他画面，或在设备设置中调高上限。';

test('a device limited to 2 streams with 4 tiles: 2 play, the other 2 say why, and one plays when a tile is cleared', async ({ app }) => {
  const { page, host } = app;
  const port = await freePort();
  const camera = await startDemoCamera(port);
  const contract = await connectContract(host!);
  try {
    const url = `rtsp://127.0.0.1:${port}/demo/h264`;
    const ids = ['v1', 'v2', 'v3', 'v4'];
    await contract.call('sw:devices:add', {
      name: '村口 NVR',
      kind: 'rtsp',
      host: '127.0.0.1',
      port,
      maxStreams: 2,
      cameras: ids.map((id) => ({ id, name: id.toUpperCase(), ptz: false, sources: [{ profile: 'main', url, codec: 'h264' }] })),
    });
    const wall = await contract.call('sw:walls:forWindow', {});
    await contract.call('sw:walls:save', { ...wall, rows: 2, cols: 2, tiles: ids.map((cameraId) => ({ cameraId, profile: 'main' })) });

    const tiles = page.getByTestId('tile');
    await expect(tiles).toHaveCount(4);
    await expect(page.locator('[data-problem=over_budget]')).toHaveCount(2, { timeout: 20_000 });
    const states = await sampleTiles(page);
    const refused = await page.$$eval('[data-testid=tile]', (els) => els.map((e, i) => (e.getAttribute('data-problem') === 'over_budget' ? i : -1)).filter((i) => i >= 0));
    const playing = states.map((s) => s.index).filter((i) => !refused.includes(i));
    expect(playing).toHaveLength(2);
    await expectAdvancing(page, playing);
    for (const i of refused) {
      await expect(tiles.nth(i).getByTestId('tile-state')).toHaveText('超出限额');
      await expect(tiles.nth(i).getByTestId('tile-over-budget')).toContainText(REFUSED);
    }
    // Still two, and the refused tiles keep saying why (no retry loop in between).
    await page.waitForTimeout(5000);
    await expect(page.locator('[data-problem=over_budget]')).toHaveCount(2);
    await page.screenshot({ path: 'test-results/budget-2-of-4.png' });

    // The operator clears a playing tile: one waiting tile takes its place.
    const cleared = playing[0]!;
    const now = await contract.call('sw:walls:forWindow', {});
    await contract.call('sw:walls:save', { ...now, tiles: now.tiles.map((t, i) => (i === cleared ? { cameraId: null, profile: 'main' } : t)) });
    await expect(page.locator('[data-problem=over_budget]')).toHaveCount(1, { timeout: 20_000 });
    const refusedIndex = () => page.$$eval('[data-testid=tile]', (els) => els.findIndex((e) => e.getAttribute('data-problem') === 'over_budget'));
    await expect.poll(refusedIndex, { timeout: 20_000 }).toBeGreaterThanOrEqual(0);
    const stillRefused = await refusedIndex();
    const nowPlaying = [0, 1, 2, 3].filter((i) => i !== cleared && i !== stillRefused);
    await expectAdvancing(page, nowPlaying);
    // The tile that did not get the room still says why.
    await expect(tiles.nth(stillRefused).getByTestId('tile-over-budget')).toContainText(REFUSED);
  } finally {
    contract.close();
    await camera.stop();
  }
});
