import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';
import { expectAdvancing } from '../../support/video-probe.js';

test.use({ hostOnly: true });

/** Pids of ffmpeg processes whose command line pulls from this port (any user we can see). */
function ffmpegPullingFrom(port: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    const argv = cmd.split('\0');
    if (/ffmpeg$/.test(argv[0] ?? '') && argv.some((a) => a.includes(`:${port}/demo/h265`))) pids.push(Number(entry));
  }
  return pids;
}

test('an H.265-only camera plays through the H.264 transcode where H.265 does not decode', async ({ app }) => {
  const { page, host } = app;
  const h265Playable = await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.B0"'));
  test.skip(h265Playable, 'this browser decodes H.265 itself: no transcode needed');
  const port = await freePort();
  const camera = await startDemoCamera(port);
  const contract = await connectContract(host!.url);
  try {
    await contract.call('sw:devices:add', {
      name: 'Dock camera',
      kind: 'rtsp',
      host: '127.0.0.1',
      port,
      cameras: [{ id: 'dock-1', name: 'DOCK-1', ptz: false, sources: [{ profile: 'main', url: `rtsp://127.0.0.1:${port}/demo/h265`, codec: 'h265' }] }],
    });
    const wall = await contract.call('sw:walls:forWindow', {});
    await contract.call('sw:walls:save', { ...wall, rows: 1, cols: 1, tiles: [{ cameraId: 'dock-1', profile: 'main' }] });

    const { after } = await expectAdvancing(page, [0], 30_000);
    expect(after[0]!.width).toBe(640);
    await expect(page.getByTestId('tile').first()).toHaveAttribute('data-state', 'live');
    await expect(page.getByTestId('tile-dark')).toHaveCount(0);
    const pids = ffmpegPullingFrom(port);
    expect(pids).toHaveLength(1);

    // Clearing the wall releases the stream: after the hub's grace period ffmpeg is gone.
    await contract.call('sw:walls:save', { ...wall, rows: 1, cols: 1, tiles: [{ cameraId: null, profile: 'main' }] });
    await expect.poll(() => ffmpegPullingFrom(port), { timeout: 25_000, intervals: [500] }).toEqual([]);
  } finally {
    contract.close();
    await camera.stop();
  }
});
