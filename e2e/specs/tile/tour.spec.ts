// Tours (轮巡) in Chinese: a tile tour set up from the tile's toolbar cycles three GStreamer cameras
// (told apart by their picture widths) through one tile. Every animation frame the tile's front
// picture is drawn into a canvas: it must never be black or missing across the switches, because
// the next camera is started underneath before its turn. A click on the tile pauses the tour,
// 继续 resumes it, and the tour survives a reload with the wall.
import type { Page } from '@playwright/test';
import { startGstRtspServer, type GstRtspServer } from '../../fixtures/gst-rtsp.js';
import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';

test.use({ hostOnly: true });

interface FrameWatch {
  /** Animation frames at which the front picture was missing, undecoded or black. */
  black: number;
  frames: number;
  /** Picture widths on screen, in order of appearance. */
  widths: number[];
  /** Tour steps seen on the tile's chip, and how many began with the next camera's picture ready underneath. */
  switches: number;
  preparedSwitches: number;
}

const watchOf = (page: Page) => page.evaluate(() => (window as unknown as { frameWatch: FrameWatch }).frameWatch);

test('a tile tour cycles 3 cameras with no black frame between them, pauses on a click and survives a reload', async ({ app }) => {
  test.setTimeout(180_000);
  const { page, host } = app;
  const servers: GstRtspServer[] = [];
  const contract = await connectContract(host!);
  try {
    const sizes = [
      [320, 180],
      [384, 216],
      [448, 252],
    ] as const;
    for (const [width, height] of sizes) servers.push(await startGstRtspServer({ width, height, fps: 15 }));
    const names = ['东门', '南门', '西门'];
    await contract.call('sw:devices:add', {
      name: '轮巡测试',
      kind: 'rtsp',
      host: '127.0.0.1',
      port: servers[0]!.port,
      cameras: servers.map((s, i) => ({
        id: `tour-${i}`,
        name: names[i]!,
        ptz: false,
        sources: [
          { profile: 'main' as const, url: s.url('/h264'), codec: 'h264' as const },
          { profile: 'sub' as const, url: s.url('/h264'), codec: 'h264' as const },
        ],
      })),
    });
    const wall = await contract.call('sw:walls:forWindow', {});
    const empty = { cameraId: null, profile: 'sub' as const };
    await contract.call('sw:walls:save', { id: wall.id, name: wall.name, rows: 2, cols: 2, tiles: [{ cameraId: 'tour-0', profile: 'sub' }, empty, empty, empty] });

    const tile = page.getByTestId('tile').first();
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 20_000 });

    // The tour, as an operator sets it: the tile's toolbar, three cameras ticked in order, 5 s each.
    await tile.hover();
    await tile.getByTestId('tile-action-tour').click();
    const dialog = page.getByTestId('tour-dialog');
    await expect(dialog).toContainText('窗格 1 轮巡');
    await expect(page.getByTestId('tour-problem')).toHaveText('请至少选择 2 路摄像机');
    for (const name of names) await dialog.getByTestId('tour-camera').filter({ hasText: name }).locator('input').check();
    await dialog.getByTestId('tour-dwell').fill('3');
    await expect(page.getByTestId('tour-problem')).toHaveText('停留时间须为 5 到 3600 之间的整数秒');
    await dialog.getByTestId('tour-dwell').fill('5');
    await page.screenshot({ path: 'test-results/tour-dialog.png' });
    await dialog.getByTestId('tour-start').click();
    await expect(tile).toHaveAttribute('data-tour', 'running');
    await expect(tile.getByTestId('tile-tour')).toHaveText('轮巡 1/3');
    await page.mouse.move(1, 1); // away from the tile: no hover, no interaction

    // From here on, every animation frame: is there a picture in front, and is it not black?
    await tile.evaluate((el) => {
      const w: FrameWatch = { black: 0, frames: 0, widths: [], switches: 0, preparedSwitches: 0 };
      let chip = el.querySelector('[data-testid=tile-tour]')?.textContent;
      let underReady = false;
      (window as unknown as { frameWatch: FrameWatch }).frameWatch = w;
      const canvas = document.createElement('canvas');
      canvas.width = 96;
      canvas.height = 54;
      const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
      const check = () => {
        const videos = [...el.querySelectorAll('video')];
        const chipNow = el.querySelector('[data-testid=tile-tour]')?.textContent;
        if (chipNow !== chip) {
          w.switches++;
          if (underReady) w.preparedSwitches++;
          chip = chipNow;
        }
        underReady = videos.some((v) => v.classList.contains('sw-video-under') && v.readyState >= 2 && v.videoWidth > 0);
        const front = videos.filter((v) => !v.classList.contains('sw-video-under')).at(-1); // later in the slot is on top
        w.frames++;
        if (!front || front.readyState === 0 || front.videoWidth === 0) w.black++;
        else {
          ctx.drawImage(front, 0, 0, canvas.width, canvas.height);
          const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
          let brightest = 0;
          for (let i = 0; i < px.length; i += 4) brightest = Math.max(brightest, 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!);
          // The test pattern is a white ball on black: a real frame always has bright pixels.
          if (brightest < 60) w.black++;
          else if (w.widths.at(-1) !== front.videoWidth) w.widths.push(front.videoWidth);
        }
        requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });

    await expect.poll(async () => (await watchOf(page)).widths.length, { timeout: 60_000, intervals: [500] }).toBeGreaterThanOrEqual(4);
    await page.screenshot({ path: 'test-results/tour-running.png' });
    const watch = await watchOf(page);
    console.log(`tile tour: widths ${watch.widths.join(' → ')}, ${watch.frames} frames checked, black ${watch.black}, switches ${watch.switches}, prepared ${watch.preparedSwitches}`);
    expect(watch.widths.slice(0, 4)).toEqual([320, 384, 448, 320]);
    expect(watch.black).toBe(0);
    // Each turn began with the next camera already decoded underneath (started before its turn).
    expect(watch.switches).toBeGreaterThanOrEqual(3);
    expect(watch.preparedSwitches).toBe(watch.switches);

    // The operator clicks the tile: the tour holds on the camera shown, past its dwell.
    await tile.click({ position: { x: 40, y: 40 } });
    await expect(tile).toHaveAttribute('data-tour', 'paused');
    await expect(tile.getByTestId('tile-tour')).toContainText('已暂停');
    const heldWidth = (await watchOf(page)).widths.at(-1);
    await page.screenshot({ path: 'test-results/tour-paused.png' });
    await page.waitForTimeout(7000);
    expect((await watchOf(page)).widths.at(-1)).toBe(heldWidth);
    await expect(tile.locator('video')).toHaveCount(1); // nothing prepared while paused
    await tile.getByTestId('tile-tour-resume').click();
    await expect(tile).toHaveAttribute('data-tour', 'running');
    const before = (await watchOf(page)).widths.length;
    await expect.poll(async () => (await watchOf(page)).widths.length, { timeout: 20_000 }).toBeGreaterThan(before);
    expect((await watchOf(page)).black).toBe(0);

    // Kept with the wall: stored, and running again after a reload.
    const stored = await contract.call('sw:walls:forWindow', {});
    expect(stored.tours?.tiles).toEqual([{ tile: 0, cameraIds: ['tour-0', 'tour-1', 'tour-2'], dwellSec: 5 }]);
    await page.reload();
    await expect(page.getByTestId('tile').first()).toHaveAttribute('data-tour', 'running', { timeout: 20_000 });
    await expect(page.getByTestId('tile').first()).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  } finally {
    contract.close();
    for (const s of servers) await s.stop();
  }
});
