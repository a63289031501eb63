// Honest tiles, in Chinese, against real RTSP servers: a camera whose server goes away is shown
// 离线 with the time its picture was lost after the grace period (10 s), its countdown counts, and
// it plays again by itself when the server is back; a server that keeps the connection but stops
// sending frames is shown stalled within 2 s of the last frame on screen.
import { startDemoRtspServer } from '../../../src-main/demo/rtsp/index.js';
import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';
import { showRtspCameraAlone } from '../../support/rtsp-scene.js';
import { expectAdvancing } from '../../support/video-probe.js';

test.use({ hostOnly: true });

/** Grace before a tile without a picture says 离线 (OFFLINE_GRACE_MS), plus detection and rendering slack. */
const OFFLINE_WITHIN_MS = 10_000 + 2_500;

test('a camera whose server stops is shown 离线 since the time of the loss, counts down, and is live again when the server returns', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, host } = app;
  const port = await freePort();
  let camera = await startDemoCamera(port);
  const contract = await connectContract(host!);
  try {
    await showRtspCameraAlone(contract, { id: 'gate-1', deviceName: '东门', url: `rtsp://127.0.0.1:${port}/demo/h264`, codec: 'h264' });
    const tile = page.getByTestId('tile').first();
    await expectAdvancing(page, [0]);
    await expect(tile.getByTestId('tile-state')).toHaveText('实时');
    await expect(tile.getByTestId('tile-name')).toHaveText('GATE-1');
    await expect(tile.getByTestId('tile-clock')).toHaveText(/^\d\d:\d\d:\d\d$/);

    const stoppedAt = new Date(await page.evaluate(() => Date.now()));
    await camera.stop();
    // Before the grace runs out the tile says it is reconnecting, never live.
    await expect(tile).not.toHaveAttribute('data-state', 'live', { timeout: 3000 });
    await expect(tile).toHaveAttribute('data-state', 'offline', { timeout: OFFLINE_WITHIN_MS });
    const offlineAfterMs = (await page.evaluate(() => Date.now())) - stoppedAt.getTime();
    expect(offlineAfterMs).toBeGreaterThanOrEqual(9_000); // not before the grace
    await expect(tile.getByTestId('tile-offline')).toContainText('离线');
    const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    const since = await tile.getByTestId('tile-offline-since').textContent();
    expect([`自 ${hhmm(stoppedAt)} 起无画面`, `自 ${hhmm(new Date(stoppedAt.getTime() + 60_000))} 起无画面`]).toContain(since);
    await expect(tile.getByTestId('tile-reconnect')).toHaveText('立即重连');
    await page.screenshot({ path: 'test-results/tile-offline.png' });

    // The countdown really counts: two readings a couple of seconds apart differ.
    const countdown = tile.getByTestId('tile-countdown');
    const seconds = async () => Number(/(\d+) 秒后重连/.exec((await countdown.textContent()) ?? '')?.[1] ?? NaN);
    await expect(countdown).toHaveText(/\d+ 秒后重连/, { timeout: 10_000 });
    // A reconnect attempt between the readings starts a new countdown: then read a new pair. A
    // countdown that stands still never gives a smaller second reading.
    await expect
      .poll(async () => {
        const first = await seconds();
        await page.waitForTimeout(2100);
        const second = await seconds();
        return first > 3 && second < first;
      }, { timeout: 30_000, intervals: [0] })
      .toBe(true);

    camera = await startDemoCamera(port);
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 45_000 });
    await expect(tile.getByTestId('tile-offline')).toHaveCount(0);
    await expectAdvancing(page, [0]);
  } finally {
    contract.close();
    await camera.stop();
  }
});

test('"立即重连" reconnects at once instead of waiting out the countdown', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, host } = app;
  const port = await freePort();
  let camera = await startDemoCamera(port);
  const contract = await connectContract(host!);
  try {
    await showRtspCameraAlone(contract, { id: 'gate-2', deviceName: '西门', url: `rtsp://127.0.0.1:${port}/demo/h264`, codec: 'h264' });
    const tile = page.getByTestId('tile').first();
    await expectAdvancing(page, [0]);
    await camera.stop();
    await expect(tile).toHaveAttribute('data-state', 'offline', { timeout: OFFLINE_WITHIN_MS });
    // Wait for a long countdown (the ladder reaches 16 s), bring the camera back, and ask: live well before the countdown ends.
    await expect(tile.getByTestId('tile-countdown')).toHaveText(/(1[0-9]|[2-9]\d) 秒后重连/, { timeout: 30_000 });
    const left = Number(/(\d+)/.exec((await tile.getByTestId('tile-countdown').textContent()) ?? '')![1]);
    const countdownEnds = Date.now() + left * 1000;
    camera = await startDemoCamera(port);
    await tile.getByTestId('tile-reconnect').click();
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: Math.max(1000, countdownEnds - Date.now() - 2000) });
    expect(Date.now()).toBeLessThan(countdownEnds - 1000);
  } finally {
    contract.close();
    await camera.stop();
  }
});

test('a server that keeps the connection but stops sending frames is shown 画面停滞 within 2 s of the last frame shown', async ({ app }) => {
  const { page, host } = app;
  const server = await startDemoRtspServer({ port: 0 });
  const contract = await connectContract(host!);
  try {
    await showRtspCameraAlone(contract, { id: 'yard-1', deviceName: '堆场', url: server.url('/demo/h264'), codec: 'h264' });
    const tile = page.getByTestId('tile').first();
    await expectAdvancing(page, [0]);
    // In the page: the time of the last frame the compositor presented, and of the tile saying stalled.
    await tile.evaluate((el) => {
      const w = window as unknown as { lastFrameAt: number; stalledAt: number; liveWhileFrozen: boolean };
      const video = el.querySelector('video')!;
      w.lastFrameAt = performance.now();
      w.stalledAt = 0;
      w.liveWhileFrozen = false;
      const onFrame = () => {
        w.lastFrameAt = performance.now();
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
      new MutationObserver(() => {
        if (el.getAttribute('data-state') === 'stalled' && !w.stalledAt) w.stalledAt = performance.now();
      }).observe(el, { attributes: true, attributeFilter: ['data-state'] });
      // Every 100 ms: a live badge more than 2 s after the last frame would be a lie.
      setInterval(() => {
        if (el.getAttribute('data-state') === 'live' && performance.now() - w.lastFrameAt > 2000) w.liveWhileFrozen = true;
      }, 100);
    });
    server.stall(7000);
    await expect(tile).toHaveAttribute('data-state', 'stalled', { timeout: 4000 });
    const m = await page.evaluate(() => {
      const w = window as unknown as { lastFrameAt: number; stalledAt: number };
      return { lastFrameAt: w.lastFrameAt, stalledAt: w.stalledAt };
    });
    expect(m.stalledAt - m.lastFrameAt).toBeLessThanOrEqual(2000);
    await expect(tile.getByTestId('tile-state')).toHaveText('画面停滞');
    await page.screenshot({ path: 'test-results/tile-stalled.png' });
    // Frames come back (at a keyframe): live again, and no live badge was ever shown on the frozen picture.
    await expect(tile).toHaveAttribute('data-state', 'live', { timeout: 15_000 });
    await expectAdvancing(page, [0]);
    expect(await page.evaluate(() => (window as unknown as { liveWhileFrozen: boolean }).liveWhileFrozen)).toBe(false);
  } finally {
    contract.close();
    await server.close();
  }
});
