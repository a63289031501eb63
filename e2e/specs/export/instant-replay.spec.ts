import { expect, test } from '../../support/app-fixture.js';
import { expectAdvancing } from '../../support/video-probe.js';

/** Seconds since midnight of an hh:mm:ss[.t] text. */
function secondsOf(text: string): number {
  const m = /(\d{2}):(\d{2}):(\d{2})(\.\d)?/.exec(text);
  if (!m) throw new Error(`no time in ${text}`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0);
}

test('即时回放：在窗格内后退 30 秒，暂停、逐帧，再回到直播', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await expectAdvancing(page, [0]);
  // The replay buffer fills while the tile plays: give it more than 30 s.
  await page.waitForTimeout(32_000);
  const tile = page.getByTestId('tile').first();
  await tile.click();
  await tile.click({ button: 'right' });
  const askedAt = Date.now();
  await page.getByTestId('tile-menu-replay').click();

  const replay = tile.getByTestId('replay');
  await expect(replay).toBeVisible();
  await expect(tile.getByTestId('tile-action-replay')).toHaveCount(0);
  // The clip starts 30 s before the live edge of the moment it was asked for (from the keyframe at
  // or before the cut: at most 1 s more), and the picture shown is timed from that start.
  const startMs = Number(await replay.getAttribute('data-replay-start-ms'));
  const newestMs = Number(await replay.getAttribute('data-replay-newest-ms'));
  expect(newestMs - startMs).toBeGreaterThanOrEqual(30_000);
  expect(newestMs - startMs).toBeLessThan(31_100);
  expect(askedAt - newestMs).toBeLessThan(2_000);
  await expect.poll(async () => Number(await replay.getAttribute('data-replay-ms')), { timeout: 10_000 }).toBeGreaterThan(startMs);
  const clocks = { replay: secondsOf(await tile.getByTestId('replay-clock').innerText()), live: secondsOf(await tile.getByTestId('tile-clock').innerText()) };
  const behind = (clocks.live - clocks.replay + 86_400) % 86_400;
  // What the operator reads: about 30 s behind the tile's clock (plus the moment the replay took to arrive).
  expect(behind).toBeGreaterThan(28.5);
  expect(behind).toBeLessThan(36);
  await expect(tile.getByTestId('replay-behind')).toHaveText(/比实时晚 (29|3[0-5]) 秒/);

  // Real pictures from the buffer play in the tile: 30 s of them, decoded and advancing.
  const video = tile.getByTestId('replay-video');
  const facts = () => video.evaluate((v: HTMLVideoElement) => ({ duration: v.duration, width: v.videoWidth, frames: v.getVideoPlaybackQuality().totalVideoFrames, t: v.currentTime }));
  const first = await facts();
  await page.waitForTimeout(1500);
  const later = await facts();
  expect(first.duration).toBeGreaterThanOrEqual(30);
  expect(first.duration).toBeLessThan(32);
  expect(later.width).toBe(640);
  expect(later.frames).toBeGreaterThan(first.frames + 10);
  expect(later.t).toBeGreaterThan(first.t + 0.5);
  await page.screenshot({ path: test.info().outputPath('replay-playing.png') });

  // Pause: the picture and its time stand still.
  await tile.getByTestId('replay-pause').click();
  await expect(replay).toHaveAttribute('data-paused', 'true');
  await expect(tile.getByTestId('replay-pause')).toHaveText('播放');
  // Pausing puts the clock on the picture shown (a seek, then that picture is presented): the
  // reference is read once two readings 250 ms apart agree.
  const frameNow = async () => Number(await replay.getAttribute('data-replay-frame'));
  let pausedFrame = await frameNow();
  await expect
    .poll(async () => {
      const before = pausedFrame;
      await page.waitForTimeout(250);
      pausedFrame = await frameNow();
      return pausedFrame === before;
    }, { timeout: 5000 })
    .toBe(true);
  const pausedMs = Number(await replay.getAttribute('data-replay-ms'));
  const pausedAt = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  expect(Math.abs(pausedMs - (startMs + pausedAt * 1000))).toBeLessThan(45);
  await page.waitForTimeout(1000);
  expect(Number(await replay.getAttribute('data-replay-frame'))).toBe(pausedFrame);
  // One frame forward: the next picture, 40 ms later (25 fps); and back again.
  await tile.getByTestId('replay-step-forward').click();
  await expect(replay).toHaveAttribute('data-replay-frame', String(pausedFrame + 1));
  expect(Number(await replay.getAttribute('data-replay-ms')) - pausedMs).toBeGreaterThanOrEqual(30);
  expect(Number(await replay.getAttribute('data-replay-ms')) - pausedMs).toBeLessThanOrEqual(50);
  await tile.getByTestId('replay-step-forward').click();
  await tile.getByTestId('replay-step-back').click();
  await expect(replay).toHaveAttribute('data-replay-frame', String(pausedFrame + 1));
  await expect(replay).toHaveAttribute('data-paused', 'true');
  await page.screenshot({ path: test.info().outputPath('replay-paused.png') });

  // Back to live: the replay is gone and the live picture runs, with the clock of now.
  await tile.getByTestId('replay-live').click();
  await expect(replay).toHaveCount(0);
  await expect(tile).toHaveAttribute('data-state', 'live');
  await expectAdvancing(page, [0]);
  await page.screenshot({ path: test.info().outputPath('replay-back-live.png') });
});
