import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '../../support/app-fixture.js';
import { connectContract } from '../../support/contract-client.js';
import { showRtspCameraAlone } from '../../support/rtsp-scene.js';
import { freePort, startDemoCamera } from '../../support/demo-camera-process.js';
import { expectAdvancing } from '../../support/video-probe.js';

test.use({ hostOnly: true });

/** Argv of a process, or undefined once it is gone. */
function argvOf(pid: string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return undefined; // ended meanwhile
  }
}

/** ffmpeg processes started by the host app that runs on `dataDir` (its command line names the folder). */
function appFfmpegs(dataDir: string): Array<{ pid: number; argv: string[] }> {
  const found: Array<{ pid: number; argv: string[] }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const argv = argvOf(entry);
    if (!argv || !/ffmpeg$/.test(argv[0] ?? '')) continue;
    let ppid: string;
    try {
      ppid = /^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1] ?? '';
    } catch {
      continue;
    }
    if (argvOf(ppid)?.includes(dataDir)) found.push({ pid: Number(entry), argv });
  }
  return found;
}

/** Established TCP connections towards 127.0.0.1:<port> (client side): one per RTSP session over TCP. */
function connectionsTo(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let n = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // no IPv6 here
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] === '01' && f[2]?.endsWith(`:${hexPort}`)) n++;
    }
  }
  return n;
}

/** Any process whose command line names this camera (a URL, with or without credentials). */
function commandLinesNaming(port: number): string[] {
  const hits: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const argv = argvOf(entry);
    if (argv?.some((a) => /rtsp:\/\//i.test(a) && a.includes(`:${port}/`))) hits.push(argv.join(' '));
  }
  return hits;
}

test('an H.265-only camera plays: through the H.264 transcode where H.265 does not decode, else as it is', async ({ app }) => {
  const { page, host } = app;
  const h265Playable = await page.evaluate(() => MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L93.B0"'));
  const port = await freePort();
  const camera = await startDemoCamera(port);
  const contract = await connectContract(host!);
  try {
    const wall = await showRtspCameraAlone(contract, { id: 'dock-1', deviceName: 'Dock camera', url: `rtsp://127.0.0.1:${port}/demo/h265`, codec: 'h265' });

    const { after } = await expectAdvancing(page, [0], 30_000);
    expect(after[0]!.width).toBe(640);
    await expect(page.getByTestId('tile').first()).toHaveAttribute('data-state', 'live');
    await expect(page.getByTestId('tile-dark')).toHaveCount(0);
    // ffmpeg reads the hub's stream on stdin: one transcoder (none where H.265 decodes), no camera
    // URL on any command line, and the camera sees a single RTSP session (our own client's).
    const transcoders = appFfmpegs(host!.dataDir);
    expect(transcoders).toHaveLength(h265Playable ? 0 : 1);
    if (!h265Playable) expect(transcoders[0]!.argv).toContain('pipe:0');
    expect(commandLinesNaming(port)).toEqual([]);
    expect(connectionsTo(port)).toBe(1);

    // Clearing the wall releases the stream: after the grace periods (transcoded key, then the
    // camera's key) ffmpeg is gone and the camera session ends.
    await contract.call('sw:walls:save', { ...wall, rows: 1, cols: 1, tiles: [{ cameraId: null, profile: 'main' }] });
    await expect.poll(() => appFfmpegs(host!.dataDir), { timeout: 25_000, intervals: [500] }).toEqual([]);
    await expect.poll(() => connectionsTo(port), { timeout: 25_000, intervals: [500] }).toBe(0);
  } finally {
    contract.close();
    await camera.stop();
  }
});
