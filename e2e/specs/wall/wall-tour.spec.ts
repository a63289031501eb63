// The wall tour (整墙轮巡) in Chinese: eight cameras in two pages over a 2x2 wall, set up from the
// wall bar. Four GStreamer servers of different picture widths feed the eight cameras so that
// every tile's width changes at each page. Every animation frame each tile's front picture is
// drawn into a canvas and must be there and not black: the next page's cameras are started under
// the tiles before the page turns. A press on any tile holds the whole tour; 继续 resumes it.
import type { Page } from '@playwright/test';
import { startGstRtspServer, type GstRtspServer } from '../../fixtures/gst-rtsp.js';
import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';

test.use({ hostOnly: true });

interface WallWatch {
  frames: number;
  /** Per tile: animation frames at which its front picture was missing, undecoded or black. */
  black: number[];
  /** Per tile: picture widths on screen, in order of appearance. */
  widths: number[][];
  /** Per tile: page turns seen on its chip, and how many began with the next camera's picture ready underneath. */
  switches: number[];
  preparedSwitches: number[];
}

const TILES = 4;
const SIZES = [
  [320, 180],
  [384, 216],
  [448, 252],
  [512, 288],
] as const;
const NAMES = ['一号门', '二号门', '三号门', '四号门', '五号门', '六号门', '七号门', '八号门'];
/** Camera i plays server (i + its page) mod 4: page 2 puts a different width on every tile. */
const serverOf = (i: number) => (i + Math.floor(i / TILES)) % SIZES.length;
const widthOn = (page: number, tile: number) => SIZES[serverOf(page * TILES + tile)]![0];

const watchOf = (page: Page) => page.evaluate(() => (window as unknown as { wallWatch: WallWatch }).wallWatch);

/** From now on, at every animation frame: is there a non-black picture in front on each tile? */
function watchTiles(page: Page): Promise<void> {
  return page.evaluate((tiles) => {
    const zeros = () => Array.from({ length: tiles }, () => 0);
    const w: WallWatch = { frames: 0, black: zeros(), widths: Array.from({ length: tiles }, () => []), switches: zeros(), preparedSwitches: zeros() };
    const chips: (string | null | undefined)[] = [];
    const underReady: boolean[] = [];
    (window as unknown as { wallWatch: WallWatch }).wallWatch = w;
    const canvas = document.createElement('canvas');
    canvas.width = 96;
    canvas.height = 54;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    const check = () => {
      w.frames++;
      const els = [...document.querySelectorAll('[data-testid=tile]')].slice(0, tiles);
      els.forEach((el, i) => {
        const videos = [...el.querySelectorAll('video')];
        const chip = el.querySelector('[data-testid=tile-tour]')?.textContent;
        if (chips[i] !== undefined && chip !== chips[i]) {
          w.switches[i]!++;
          if (underReady[i]) w.preparedSwitches[i]!++;
        }
        chips[i] = chip;
        underReady[i] = videos.some((v) => v.classList.contains('sw-video-under') && v.readyState >= 2 && v.videoWidth > 0);
        const front = videos.filter((v) => !v.classList.contains('sw-video-under')).at(-1); // later in the slot is on top
        if (!front || front.readyState === 0 || front.videoWidth === 0) {
          w.black[i]!++;
          return;
        }
        ctx.drawImage(front, 0, 0, canvas.width, canvas.height);
        const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        let brightest = 0;
        for (let p = 0; p < px.length; p += 4) brightest = Math.max(brightest, 0.299 * px[p]! + 0.587 * px[p + 1]! + 0.114 * px[p + 2]!);
        // The test pattern is a white ball on black: a real frame always has bright pixels.
        if (brightest < 60) w.black[i]!++;
        else if (w.widths[i]!.at(-1) !== front.videoWidth) w.widths[i]!.push(front.videoWidth);
      });
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, TILES);
}

test('整墙轮巡：8 路摄像机分 2 页轮流铺满 2x2 墙，逐帧检查无黑屏；按下任一窗格整墙暂停，继续后接着轮巡', async ({ app }) => {
  test.setTimeout(180_000);
  const testInfo = test.info();
  const { page, host } = app;
  const servers: GstRtspServer[] = [];
  const contract = await connectContract(host!);
  try {
    for (const [width, height] of SIZES) servers.push(await startGstRtspServer({ width, height, fps: 10 }));
    await contract.call('sw:devices:add', {
      name: '整墙轮巡测试',
      kind: 'rtsp',
      host: '127.0.0.1',
      port: servers[0]!.port,
      cameras: NAMES.map((name, i) => {
        const url = servers[serverOf(i)]!.url('/h264');
        return {
          id: `wall-tour-${i}`,
          name,
          ptz: false,
          sources: [
            { profile: 'main' as const, url, codec: 'h264' as const },
            { profile: 'sub' as const, url, codec: 'h264' as const },
          ],
        };
      }),
    });
    await expect(page.getByTestId('tile')).toHaveCount(TILES);

    // Set up as an operator does: 整墙轮巡 in the wall bar, eight cameras ticked in order, 5 s a page.
    await page.getByTestId('wall-tour').click();
    const dialog = page.getByTestId('tour-dialog');
    await expect(dialog).toContainText('整墙轮巡');
    await expect(page.getByTestId('tour-problem')).toHaveText('请至少选择 1 路摄像机');
    for (const name of NAMES) await dialog.getByTestId('tour-camera').filter({ hasText: name }).locator('input').check();
    await expect(dialog).toContainText('每页 4 路铺满整面墙，共 2 页');
    await dialog.getByTestId('tour-dwell').fill('5');
    await dialog.getByTestId('tour-start').click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('wall-tour')).toHaveAttribute('aria-pressed', 'true');
    const tiles = page.getByTestId('tile');
    for (let i = 0; i < TILES; i++) await expect(tiles.nth(i)).toHaveAttribute('data-tour', 'running');
    await expect(tiles.first().getByTestId('tile-tour')).toHaveText('整墙轮巡 第 1/2 页');
    await page.mouse.move(1, 1); // away from the wall: no hover, no interaction

    // Let page 1 come up on every tile, then watch every frame through two page turns.
    for (let i = 0; i < TILES; i++) await expect(tiles.nth(i)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await expect.poll(() => page.evaluate(() => [...document.querySelectorAll('[data-testid=tile] video')].filter((v) => (v as HTMLVideoElement).videoWidth > 0).length), { timeout: 30_000 }).toBeGreaterThanOrEqual(TILES);
    await watchTiles(page);
    await expect.poll(async () => Math.min(...(await watchOf(page)).widths.map((w) => w.length)), { timeout: 60_000, intervals: [500] }).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: testInfo.outputPath('wall-tour-running.png') });
    const watch = await watchOf(page);
    console.log(`wall tour: ${watch.frames} frames checked; widths per tile ${watch.widths.map((w) => w.join('→')).join(', ')}; black per tile ${watch.black.join(', ')}; page turns ${watch.switches.join(', ')}, prepared ${watch.preparedSwitches.join(', ')}`);
    // Widths on each tile as the pages turn: the page being shown when watching began, then the others.
    const firstPage = watch.widths[0]![0] === widthOn(0, 0) ? 0 : 1;
    for (let tile = 0; tile < TILES; tile++) expect(watch.widths[tile]!.slice(0, 3)).toEqual([0, 1, 2].map((k) => widthOn((firstPage + k) % 2, tile)));
    expect(watch.black).toEqual([0, 0, 0, 0]);
    // Each tile's turns began with its next camera already decoded underneath (started before the page turned).
    for (let tile = 0; tile < TILES; tile++) expect(watch.switches[tile]).toBeGreaterThanOrEqual(2);
    expect(watch.preparedSwitches).toEqual(watch.switches);

    // A press on one tile holds the whole wall tour, past its dwell; 继续 resumes it.
    await tiles.nth(3).click({ position: { x: 40, y: 40 } });
    for (let i = 0; i < TILES; i++) await expect(tiles.nth(i)).toHaveAttribute('data-tour', 'paused');
    await expect(tiles.first().getByTestId('tile-tour')).toContainText('已暂停');
    const held = (await watchOf(page)).widths.map((w) => w.at(-1));
    await page.screenshot({ path: testInfo.outputPath('wall-tour-paused.png') });
    await page.waitForTimeout(7000);
    expect((await watchOf(page)).widths.map((w) => w.at(-1))).toEqual(held);
    await tiles.first().getByTestId('tile-tour-resume').click();
    for (let i = 0; i < TILES; i++) await expect(tiles.nth(i)).toHaveAttribute('data-tour', 'running');
    const turned = (await watchOf(page)).widths.map((w) => w.length);
    await expect.poll(async () => (await watchOf(page)).widths.every((w, i) => w.length > turned[i]!), { timeout: 20_000 }).toBe(true);
    expect((await watchOf(page)).black).toEqual([0, 0, 0, 0]);

    // Stored with the wall.
    const stored = await contract.call('sw:walls:forWindow', {});
    expect(stored.tours?.wall).toEqual({ cameraIds: NAMES.map((_, i) => `wall-tour-${i}`), dwellSec: 5 });
  } finally {
    contract.close();
    for (const s of servers) await s.stop();
  }
});
