// Overload with the mode held on (?overload=keyframes): the tile that is not selected gets
// keyframes only from the gateway and says 仅关键帧, yet still shows at least one new picture a
// second, never goes 1.5 s without one and never reads stalled; the selected tile keeps every frame. Selecting the other
// tile swaps the two. Counted from the page's own frame callbacks on each tile's front video.
import type { Page } from '@playwright/test';
import { startGstRtspServer, type GstRtspServer } from '../../fixtures/gst-rtsp.js';
import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';

test.use({ hostOnly: true });

const FPS = 15;
/** A keyframe every 7 frames: keyframes only is about 2 pictures a second. */
const KEYINT = 7;

interface Presented {
  /** Frames presented by each tile's front video while watched. */
  frames: number[];
  /** Longest time between two of them, ms. */
  maxGapMs: number[];
  /** Samples (every 100 ms) at which a tile read anything but live. */
  notLive: number[];
}

/** Counts, for `ms`, the frames each tile's front video presents. */
async function watchTiles(page: Page, ms: number): Promise<Presented> {
  return page.evaluate(async (durationMs) => {
    const tiles = [...document.querySelectorAll<HTMLElement>('[data-testid=tile]')].slice(0, 2);
    const out: Presented = { frames: [0, 0], maxGapMs: [0, 0], notLive: [0, 0] };
    const last = [performance.now(), performance.now()];
    let running = true;
    tiles.forEach((tile, i) => {
      const front = () => [...tile.querySelectorAll('video')].find((v) => !v.classList.contains('sw-video-under'));
      const onFrame = (now: number, v: HTMLVideoElement) => {
        if (!running) return;
        if (front() === v) {
          out.frames[i]!++;
          out.maxGapMs[i] = Math.max(out.maxGapMs[i]!, now - last[i]!);
          last[i] = now;
        }
        v.requestVideoFrameCallback((t) => onFrame(t, v));
      };
      const v = front();
      if (v) v.requestVideoFrameCallback((t) => onFrame(t, v));
    });
    const poll = setInterval(() => tiles.forEach((t, i) => t.dataset.state !== 'live' && out.notLive[i]!++), 100);
    await new Promise((r) => setTimeout(r, durationMs));
    running = false;
    clearInterval(poll);
    tiles.forEach((_, i) => (out.maxGapMs[i] = Math.max(out.maxGapMs[i]!, performance.now() - last[i]!)));
    return out;
  }, ms);
}

test('overloaded, the tile not selected gets keyframes only and says so, still at least 1 fps; the selected tile keeps full rate', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, host } = app;
  let camera: GstRtspServer | undefined;
  const contract = await connectContract(host!);
  try {
    camera = await startGstRtspServer({ width: 320, height: 180, fps: FPS, keyint: KEYINT });
    await contract.call('sw:devices:add', {
      name: '东门',
      kind: 'rtsp',
      host: '127.0.0.1',
      port: camera.port,
      cameras: [
        { id: 'east-1', name: '东门一号', ptz: false, sources: [{ profile: 'main', url: camera.url('/h264'), codec: 'h264' }] },
        { id: 'east-2', name: '东门二号', ptz: false, sources: [{ profile: 'main', url: camera.url('/h264'), codec: 'h264' }] },
      ],
    });
    const wall = await contract.call('sw:walls:forWindow', {});
    const empty = { cameraId: null, profile: 'sub' as const };
    await contract.call('sw:walls:save', { id: wall.id, name: wall.name, rows: 2, cols: 2, tiles: [{ cameraId: 'east-1', profile: 'main' }, { cameraId: 'east-2', profile: 'main' }, empty, empty] });

    const address = new URL(await host!.newPageUrl());
    address.searchParams.set('overload', 'keyframes');
    await page.goto(address.toString());
    const tiles = page.getByTestId('tile');
    await tiles.nth(0).click();
    await expect(tiles.nth(0)).toHaveAttribute('aria-selected', 'true');
    await expect(tiles.nth(0)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    await expect(tiles.nth(1)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });

    // The chip comes from the gateway's own word (its rate message), not from the page's wish.
    await expect(tiles.nth(1).getByTestId('tile-keyframes-only')).toHaveText('仅关键帧');
    await expect(tiles.nth(0).getByTestId('tile-keyframes-only')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/tile-overload-keyframes-only.png' });

    const seconds = 6;
    const first = await watchTiles(page, seconds * 1000);
    console.log(`overload, tile 1 selected: frames ${first.frames.join(' / ')} in ${seconds} s, longest gaps ${first.maxGapMs.map(Math.round).join(' / ')} ms, not live ${first.notLive.join(' / ')}`);
    expect(first.frames[0]! / seconds).toBeGreaterThanOrEqual(0.8 * FPS); // full rate
    expect(first.frames[1]! / seconds).toBeGreaterThanOrEqual(1);
    expect(first.frames[1]! / seconds).toBeLessThanOrEqual((FPS / KEYINT) * 1.5); // keyframes only, not every frame
    expect(first.maxGapMs[1]).toBeLessThan(1500); // never as long as the stall threshold, even when a keyframe is jumped over under load
    expect(first.notLive).toEqual([0, 0]); // never stalled between keyframes

    // The operator selects the other tile: it gets every frame again (from its next keyframe), the first one keyframes only.
    await tiles.nth(1).click();
    await expect(tiles.nth(1).getByTestId('tile-keyframes-only')).toHaveCount(0);
    await expect(tiles.nth(0).getByTestId('tile-keyframes-only')).toHaveText('仅关键帧');
    const second = await watchTiles(page, seconds * 1000);
    console.log(`overload, tile 2 selected: frames ${second.frames.join(' / ')} in ${seconds} s, longest gaps ${second.maxGapMs.map(Math.round).join(' / ')} ms, not live ${second.notLive.join(' / ')}`);
    expect(second.frames[1]! / seconds).toBeGreaterThanOrEqual(0.8 * FPS);
    expect(second.frames[0]! / seconds).toBeGreaterThanOrEqual(1);
    expect(second.frames[0]! / seconds).toBeLessThanOrEqual((FPS / KEYINT) * 1.5);
    expect(second.maxGapMs[0]).toBeLessThan(1500);
    expect(second.notLive).toEqual([0, 0]);
  } finally {
    contract.close();
    await camera?.stop();
  }
});

test('with a 2 s GOP the thinned tile shows a picture every 2 s and still reads live, never stalled', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, host } = app;
  let camera: GstRtspServer | undefined;
  const contract = await connectContract(host!);
  try {
    camera = await startGstRtspServer({ width: 320, height: 180, fps: FPS, keyint: 2 * FPS });
    await contract.call('sw:devices:add', {
      name: '西门',
      kind: 'rtsp',
      host: '127.0.0.1',
      port: camera.port,
      cameras: [
        { id: 'west-1', name: '西门一号', ptz: false, sources: [{ profile: 'main', url: camera.url('/h264'), codec: 'h264' }] },
        { id: 'west-2', name: '西门二号', ptz: false, sources: [{ profile: 'main', url: camera.url('/h264'), codec: 'h264' }] },
      ],
    });
    const wall = await contract.call('sw:walls:forWindow', {});
    const empty = { cameraId: null, profile: 'sub' as const };
    await contract.call('sw:walls:save', { id: wall.id, name: wall.name, rows: 2, cols: 2, tiles: [{ cameraId: 'west-1', profile: 'main' }, { cameraId: 'west-2', profile: 'main' }, empty, empty] });
    const address = new URL(await host!.newPageUrl());
    address.searchParams.set('overload', 'keyframes');
    await page.goto(address.toString());
    const tiles = page.getByTestId('tile');
    await tiles.nth(0).click();
    await expect(tiles.nth(1).getByTestId('tile-keyframes-only')).toHaveText('仅关键帧', { timeout: 20_000 });
    await expect(tiles.nth(1)).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
    const seconds = 9;
    const watched = await watchTiles(page, seconds * 1000);
    console.log(`overload, 2 s GOP: frames ${watched.frames.join(' / ')} in ${seconds} s, longest gaps ${watched.maxGapMs.map(Math.round).join(' / ')} ms, not live ${watched.notLive.join(' / ')}`);
    expect(watched.frames[1]).toBeGreaterThanOrEqual(3); // one picture per GOP
    expect(watched.frames[1]).toBeLessThanOrEqual(6);
    expect(watched.maxGapMs[1]).toBeLessThan(3000);
    expect(watched.notLive).toEqual([0, 0]); // a picture every 2 s is what keyframes only gives here, not a stall
  } finally {
    contract.close();
    await camera?.stop();
  }
});
