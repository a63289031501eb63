import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { showRtspCameraAlone } from '../../support/rtsp-scene.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';
import { expectAdvancing, sampleTiles } from '../../support/video-probe.js';

test.use({ hostOnly: true });

test('a tile recovers by itself after its camera restarts', async ({ app }) => {
  const { page, host } = app;
  const port = await freePort();
  let camera = await startDemoCamera(port);
  const contract = await connectContract(host!);
  try {
    await showRtspCameraAlone(contract, { id: 'gate-1', deviceName: 'Gate camera', url: `rtsp://127.0.0.1:${port}/demo/h264`, codec: 'h264' });
    await expect(page.getByTestId('tile')).toHaveCount(1);
    await expectAdvancing(page, [0]);

    await camera.stop();
    // The source is gone: the tile says so instead of freezing silently.
    await expect(page.getByTestId('tile').first()).not.toHaveAttribute('data-state', 'live', { timeout: 15_000 });
    const frozen = (await sampleTiles(page))[0]!;

    camera = await startDemoCamera(port);
    await expect(page.getByTestId('tile').first()).toHaveAttribute('data-state', 'live', { timeout: 40_000 });
    const { after } = await expectAdvancing(page, [0], 30_000);
    expect(after[0]!.frames).toBeGreaterThan(frozen.frames);
  } finally {
    contract.close();
    await camera.stop();
  }
});

/** Puts one H.265-only demo camera (no sub-stream) on a 1x1 wall. */
async function showH265OnlyCamera(contract: Awaited<ReturnType<typeof connectContract>>, port: number): Promise<void> {
  await showRtspCameraAlone(contract, { id: 'road-1', deviceName: 'Road camera', url: `rtsp://127.0.0.1:${port}/demo/h265`, codec: 'h265' });
}

test('an H.265-only camera plays: decoded as it is where H.265 decodes, else through the ffmpeg transcode', async ({ app }) => {
  const { page, host } = app;
  const port = await freePort();
  const camera = await startDemoCamera(port);
  const contract = await connectContract(host!);
  try {
    await showH265OnlyCamera(contract, port);
    const { after } = await expectAdvancing(page, [0], 30_000);
    expect(after[0]!.width).toBe(640);
    await expect(page.getByTestId('tile-dark')).toHaveCount(0);
  } finally {
    contract.close();
    await camera.stop();
  }
});

test.describe('without ffmpeg', () => {
  test.use({ hostEnv: { SKYWALL_FFMPEG: '/nonexistent/ffmpeg' } });

  test('an H.265-only camera plays where H.265 decodes, and otherwise says why its tile is dark', async ({ app }) => {
    const { page, host } = app;
    const h265Playable = await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.B0"'));
    const port = await freePort();
    const camera = await startDemoCamera(port);
    const contract = await connectContract(host!);
    try {
      await showH265OnlyCamera(contract, port);
      if (h265Playable) await expectAdvancing(page, [0]);
      else await expect(page.getByTestId('tile-dark')).toContainText('H.265');
    } finally {
      contract.close();
      await camera.stop();
    }
  });
});
