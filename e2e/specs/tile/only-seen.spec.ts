// Only what is seen plays: tiles behind a maximised tile and every tile of a hidden window stop
// their players and release their streams; the hub stops pulling within its grace period (10 s).
import { startDemoRtspServer } from '../../../src-main/demo/rtsp/index.js';
import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { expectAdvancing } from '../../support/video-probe.js';

test.use({ hostOnly: true });

/** The hub's grace (10 s) plus slack for a loaded machine. */
const RELEASED_WITHIN_MS = 10_000 + 5_000;

test('tiles behind a maximised tile and a hidden window release their streams: the hub drops to zero consumers', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, host } = app;
  const paths = ['/gate-a', '/gate-b', '/gate-c', '/gate-d'];
  const server = await startDemoRtspServer({ port: 0, streams: paths.map((path) => ({ path, clip: 'h264' as const })) });
  const contract = await connectContract(host!);
  try {
    await contract.call('sw:devices:add', {
      name: '南门',
      kind: 'rtsp',
      host: '127.0.0.1',
      port: server.port,
      cameras: paths.map((path, i) => ({ id: `south-${i + 1}`, name: `南门 ${i + 1}`, ptz: false, sources: [{ profile: 'main' as const, url: server.url(path), codec: 'h264' as const }] })),
    });
    const wall = await contract.call('sw:walls:forWindow', {});
    await contract.call('sw:walls:save', { id: wall.id, name: wall.name, rows: 2, cols: 2, tiles: paths.map((_, i) => ({ cameraId: `south-${i + 1}`, profile: 'sub' as const })) });
    await expectAdvancing(page, [0, 1, 2, 3]);
    const counts = () => contract.call('sw:stream:hubCounts', {});
    // The first-run demo cameras this wall replaced are released within the grace.
    await expect.poll(async () => (await counts()).sources, { timeout: RELEASED_WITHIN_MS }).toBe(4);

    // Maximised: the three tiles behind it stop at once, their sources go after the grace.
    await page.getByTestId('wall-cell').first().dblclick();
    await expect(page.locator('[data-testid=tile] video')).toHaveCount(1, { timeout: 10_000 });
    await expect.poll(async () => (await counts()).sources, { timeout: RELEASED_WITHIN_MS }).toBe(1);
    await expectAdvancing(page, [0]);

    // Restored: all four play again.
    await page.getByTestId('wall-cell').first().dblclick();
    await expectAdvancing(page, [0, 1, 2, 3], 30_000);

    // A hidden (minimised) window: every player stops, the hub has no consumer left, then no source.
    const setHidden = (hidden: boolean) =>
      page.evaluate((h) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await expect(page.locator('[data-testid=tile] video')).toHaveCount(0);
    await expect.poll(async () => (await counts()).consumers, { timeout: 5000 }).toBe(0);
    await expect.poll(async () => (await counts()).sources, { timeout: RELEASED_WITHIN_MS }).toBe(0);
    expect(server.stats().playing).toBe(0);

    await setHidden(false);
    await expectAdvancing(page, [0, 1, 2, 3], 30_000);
  } finally {
    contract.close();
    await server.close();
  }
});
