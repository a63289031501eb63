import { expect, test } from '../../support/app-fixture.js';
import { expectAdvancing, sampleTiles } from '../../support/video-probe.js';

test('the first-run wall shows each demo camera once on a 2x2, the other tiles empty', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('tile')).toHaveCount(4);
  const { after } = await expectAdvancing(page, [0, 1]);
  for (const t of after.slice(0, 2)) {
    expect(t.state).toBe('live');
    expect(t.width).toBe(640);
  }
  expect(after.slice(2).map((t) => t.state)).toEqual(['empty', 'empty']);
  await expect(page.getByTestId('tile').nth(0)).toContainText('CAM-01');
  await expect(page.getByTestId('tile').nth(1)).toContainText('CAM-02');
  await expect(page.getByTestId('tile-state').first()).toHaveText('实时');
  await page.screenshot({ path: 'test-results/first-run-wall.png' });
});

test('an H.265 camera falls back to its H.264 sub-stream where H.265 cannot be decoded', async ({ app }) => {
  const { page } = app;
  const h265Playable = await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.B0"'));
  // Tile 1 shows CAM-02, whose main stream is H.265.
  await expect(page.getByTestId('tile').nth(1)).toContainText('CAM-02');
  await expectAdvancing(page, [1]);
  await expect(page.getByTestId('tile-dark')).toHaveCount(0);
  if (!h265Playable) {
    const samples = await sampleTiles(page);
    expect(samples[1]!.width).toBe(640);
  }
});

test('each tile can show its stats: resolution, frame rate, bitrate, latency, dropped frames', async ({ app }) => {
  const { page } = app;
  await expectAdvancing(page, [0]);
  await page.getByTestId('locale-select').selectOption('en');
  await page.getByTestId('stats-toggle').check();
  const stats = page.getByTestId('tile-stats').first();
  await expect(stats).toContainText('Resolution 640×360');
  await expect(stats).toContainText(/FPS (2[0-9]|3[0-1])\.\d/, { timeout: 10_000 });
  await expect(stats).toContainText(/Latency \d+ ms/, { timeout: 10_000 });
  await expect(stats).toContainText(/Dropped \d+/);
});

test('the operator re-grids the wall and assigns a camera by double-click', async ({ app }) => {
  const { page } = app;
  await expectAdvancing(page, [0]);
  await page.getByTestId('layout-select').selectOption('3x3');
  await expect(page.getByTestId('tile')).toHaveCount(9);
  // The demo cameras keep their tiles and keep playing; the rest are empty until assigned.
  await expectAdvancing(page, [0, 1]);
  await expect(page.getByTestId('tile').nth(8)).toHaveAttribute('data-state', 'empty');
  await page.getByTestId('tile').nth(8).click();
  await page.getByTestId('camera-item').first().dblclick();
  await expectAdvancing(page, [8]);
  // The layout is saved: a reload shows the same wall.
  await page.reload();
  await expect(page.getByTestId('tile')).toHaveCount(9);
  await expectAdvancing(page, [8]);
});

test('a hidden window stops every player and resumes when shown again', async ({ app }) => {
  const { page } = app;
  await expectAdvancing(page, [0, 1]);
  const setHidden = (hidden: boolean) =>
    page.evaluate((h) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await setHidden(true);
  // Players detached and elements back in the pool: no video left in any tile.
  await expect(page.locator('[data-testid=tile] video')).toHaveCount(0);
  await setHidden(false);
  await expectAdvancing(page, [0, 1]);
});
