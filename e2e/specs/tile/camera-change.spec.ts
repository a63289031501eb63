// Changing a tile's camera outside a tour, as an operator does (a camera dragged from the tree onto
// a playing tile): the old picture stays until the new camera's first frame, then the new one is
// in front, and the plate names the camera whose picture is shown. Every animation frame the tile's front picture is drawn into a canvas and must have
// bright pixels (the GStreamer pattern is a white ball on black); the cameras are told apart by
// their picture widths.
import type { Page } from '@playwright/test';
import { startGstRtspServer, type GstRtspServer } from '../../fixtures/gst-rtsp.js';
import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { dragTo } from '../../support/wall-dom.js';

test.use({ hostOnly: true });

interface FrameWatch {
  /** Animation frames at which the front picture was missing, undecoded or black. */
  black: number;
  frames: number;
  /** Picture widths on screen, in order of appearance. */
  widths: number[];
  /** Frames at which the name on the plate was not the camera whose picture was in front. */
  misnamed: number;
}

const watchOf = (page: Page) => page.evaluate(() => (window as unknown as { frameWatch: FrameWatch }).frameWatch);

test('a camera dropped on a playing tile replaces the picture with no black frame between them', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, host } = app;
  const servers: GstRtspServer[] = [];
  const contract = await connectContract(host!);
  try {
    for (const [width, height] of [
      [320, 180],
      [384, 216],
    ] as const) {
      servers.push(await startGstRtspServer({ width, height, fps: 15 }));
    }
    const names = ['北门', '后院'];
    await contract.call('sw:devices:add', {
      name: '换台测试',
      kind: 'rtsp',
      host: '127.0.0.1',
      port: servers[0]!.port,
      cameras: servers.map((s, i) => ({ id: `swap-${i}`, name: names[i]!, ptz: false, sources: [{ profile: 'main' as const, url: s.url('/h264'), codec: 'h264' as const }] })),
    });
    const wall = await contract.call('sw:walls:forWindow', {});
    const empty = { cameraId: null, profile: 'sub' as const };
    await contract.call('sw:walls:save', { id: wall.id, name: wall.name, rows: 2, cols: 2, tiles: [{ cameraId: 'swap-0', profile: 'sub' }, empty, empty, empty] });

    const tile = page.getByTestId('tile').first();
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    // The first-run wall had a demo camera on this tile: its switch to 北门 is over once one video is left.
    await expect(tile.locator('video')).toHaveCount(1, { timeout: 20_000 });
    await expect.poll(() => tile.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBe(320);

    await tile.evaluate((el) => {
      const w: FrameWatch = { black: 0, frames: 0, widths: [], misnamed: 0 };
      const nameOf: Record<number, string> = { 320: '北门', 384: '后院' };
      (window as unknown as { frameWatch: FrameWatch }).frameWatch = w;
      const canvas = document.createElement('canvas');
      canvas.width = 96;
      canvas.height = 54;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      const check = () => {
        const front = [...el.querySelectorAll('video')].filter((v) => !v.classList.contains('sw-video-under')).at(-1);
        w.frames++;
        if (!front || front.readyState === 0 || front.videoWidth === 0) w.black++;
        else {
          ctx.drawImage(front, 0, 0, canvas.width, canvas.height);
          const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          let brightest = 0;
          for (let i = 0; i < px.length; i += 4) brightest = Math.max(brightest, 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!);
          if (brightest < 60) w.black++;
          else if (w.widths.at(-1) !== front.videoWidth) w.widths.push(front.videoWidth);
          if (el.querySelector('[data-testid=tile-name]')?.textContent !== nameOf[front.videoWidth]) w.misnamed++;
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });

    await dragTo(page, page.getByTestId('camera-item').filter({ hasText: '后院' }).first(), page.getByTestId('wall-cell').first());
    await expect(tile.getByTestId('tile-name')).toHaveText('后院');
    await expect.poll(async () => (await watchOf(page)).widths.at(-1), { timeout: 20_000 }).toBe(384);
    await expect(tile.locator('video')).toHaveCount(1); // the old camera's player was released after the switch
    await expect(tile).toHaveAttribute('data-state', 'live');
    await page.screenshot({ path: 'test-results/tile-camera-changed.png' });
    const watch = await watchOf(page);
    console.log(`camera change: widths ${watch.widths.join(' → ')}, ${watch.frames} frames checked, black ${watch.black}, misnamed ${watch.misnamed}`);
    expect(watch.widths).toEqual([320, 384]);
    expect(watch.black).toBe(0);
    // The plate names the camera whose picture is in front, also while the new one starts; React
    // paints the new name at most one frame after the new video comes to the front.
    expect(watch.misnamed).toBeLessThanOrEqual(1);
  } finally {
    contract.close();
    for (const s of servers) await s.stop();
  }
});
