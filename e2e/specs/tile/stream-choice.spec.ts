// Automatic stream choice, make-before-break: a small tile plays the sub-stream, maximised it
// switches to the main stream, restored it returns to sub; the picture never goes black on the
// way (checked at every animation frame on the tile's front video) and never freezes long.
import { startGstRtspServer, type GstRtspServer } from '../../fixtures/gst-rtsp.js';
import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { expectAdvancing } from '../../support/video-probe.js';

test.use({ hostOnly: true });

interface GapWatch {
  /** Animation frames at which the tile's front video had no picture to show. */
  blank: number;
  /** Longest time between two frames presented by the front video, ms. */
  maxGapMs: number;
  widths: number[];
}

test('maximising a tile switches it to the main stream and restoring returns to sub, with no black frame either way', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, host } = app;
  let main: GstRtspServer | undefined;
  let sub: GstRtspServer | undefined;
  const contract = await connectContract(host!);
  try {
    main = await startGstRtspServer({ width: 960, height: 540, fps: 15 });
    sub = await startGstRtspServer({ width: 320, height: 180, fps: 15 });
    await contract.call('sw:devices:add', {
      name: '北门',
      kind: 'rtsp',
      host: '127.0.0.1',
      port: main.port,
      cameras: [
        {
          id: 'north-1',
          name: '北门一号',
          ptz: false,
          sources: [
            { profile: 'main', url: main.url('/h264'), codec: 'h264' },
            { profile: 'sub', url: sub.url('/h264'), codec: 'h264' },
          ],
        },
      ],
    });
    const wall = await contract.call('sw:walls:forWindow', {});
    const empty = { cameraId: null, profile: 'sub' as const };
    await contract.call('sw:walls:save', { id: wall.id, name: wall.name, rows: 2, cols: 2, tiles: [{ cameraId: 'north-1', profile: 'main' }, empty, empty, empty] });

    const tile = page.getByTestId('tile').first();
    await expect(tile).toHaveAttribute('data-profile', 'sub');
    // The first-run wall had a demo camera on this tile: its switch to 北门一号 is over once one video is left.
    await expect(tile.locator('video')).toHaveCount(1, { timeout: 20_000 });
    await expectAdvancing(page, [0]);
    expect(await tile.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(320);

    // From here on, every animation frame: does the front video of the tile show a picture?
    await tile.evaluate((el) => {
      const w: GapWatch = { blank: 0, maxGapMs: 0, widths: [] };
      (window as unknown as { gapWatch: GapWatch }).gapWatch = w;
      const front = () => [...el.querySelectorAll('video')].find((v) => !v.classList.contains('sw-video-under'));
      const hooked = new WeakSet<HTMLVideoElement>();
      let lastFrontFrame = performance.now();
      const hook = (v: HTMLVideoElement) => {
        if (hooked.has(v)) return;
        hooked.add(v);
        const onFrame = () => {
          if (front() === v) {
            const now = performance.now();
            w.maxGapMs = Math.max(w.maxGapMs, now - lastFrontFrame);
            lastFrontFrame = now;
          }
          v.requestVideoFrameCallback(onFrame);
        };
        v.requestVideoFrameCallback(onFrame);
      };
      const check = () => {
        el.querySelectorAll('video').forEach(hook);
        const v = front();
        // No element, or one with nothing decoded (reset or new): black. A live-edge seek lowers
        // readyState for a moment while the last frame stays on screen; that is not black.
        if (!v || v.readyState === 0 || v.videoWidth === 0) w.blank++;
        else if (w.widths.at(-1) !== v.videoWidth) w.widths.push(v.videoWidth);
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });

    await page.getByTestId('wall-cell').first().dblclick();
    await expect(tile).toHaveAttribute('data-profile', 'main');
    await expect.poll(() => page.evaluate(() => (window as unknown as { gapWatch: GapWatch }).gapWatch.widths.at(-1)), { timeout: 20_000 }).toBe(960);
    await expect(tile.locator('video')).toHaveCount(1); // the sub-stream's player was released after the switch
    await page.screenshot({ path: 'test-results/tile-maximised-main.png' });

    await page.getByTestId('wall-cell').first().dblclick();
    await expect(tile).toHaveAttribute('data-profile', 'sub');
    await expect.poll(() => page.evaluate(() => (window as unknown as { gapWatch: GapWatch }).gapWatch.widths.at(-1)), { timeout: 20_000 }).toBe(320);
    await expect(tile.locator('video')).toHaveCount(1);
    await expectAdvancing(page, [0]);

    const watch = await page.evaluate(() => (window as unknown as { gapWatch: GapWatch }).gapWatch);
    console.log(`stream switch: widths ${watch.widths.join(' → ')}, blank frames ${watch.blank}, longest gap ${Math.round(watch.maxGapMs)} ms`);
    expect(watch.widths).toEqual([320, 960, 320]);
    expect(watch.blank).toBe(0);
    expect(watch.maxGapMs).toBeLessThan(1000);
  } finally {
    contract.close();
    await main?.stop();
    await sub?.stop();
  }
});
