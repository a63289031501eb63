// Instant replay against the demo camera through the real hub: the clip cut from the replay
// buffer is served once, to Skywall's page origins only, and ffprobe decodes every picture the
// service announced, starting where it said (the buffer's oldest keyframe at or before the cut).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoRtspServer } from '../../demo/rtsp/index.js';
import { StreamHub } from '../../media/hub/index.js';
import { RtspProducer } from '../../media/ingest/rtsp-producer.js';
import { NoVideoError } from '../../export/recorder/replay-buffer.js';
import { openKeyFileVault } from '../../storage/vault/index.js';
import { probeVideo } from '../../testing/export/mp4-check.js';
import { createExportService } from './service.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const PAGE = 'http://127.0.0.1:5173';

async function setup() {
  const server = await startDemoRtspServer({ streams: [{ path: '/cam', clip: 'h264' }] });
  cleanups.push(() => server.close());
  const hub = new StreamHub({ producerFactory: () => new RtspProducer({ url: server.url('/cam'), timeoutMs: 5000 }) });
  cleanups.push(() => hub.close());
  const dir = await mkdtemp(path.join(tmpdir(), 'skywall-replay-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const service = await createExportService({
    hub,
    dataDir: dir,
    vault: await openKeyFileVault({ dir }),
    appVersion: '0.1.0',
    describe: async () => undefined,
    replay: { segmentMs: 2000 },
  });
  cleanups.push(() => service.dispose());
  return { service, dir };
}

describe('instant replay', () => {
  it('serves the last seconds once as an MP4 whose pictures and times are the ones announced', async () => {
    const { service, dir } = await setup();
    await expect(service.replay(['cam-1:main'], 2)).rejects.toBeInstanceOf(NoVideoError);
    await service.watch('cam-1:main');
    await new Promise((r) => setTimeout(r, 4500));
    const asked = Date.now();
    // The first key has no buffer: the other profile of the camera is used.
    const clip = await service.replay(['cam-1:sub', 'cam-1:main'], 2);
    expect(clip.key).toBe('cam-1:main');
    // From the keyframe at or before "newest - 2 s" (keyframes every second): 2 to 3 s back.
    expect(clip.newestMs - clip.startMs).toBeGreaterThanOrEqual(2000);
    expect(clip.newestMs - clip.startMs).toBeLessThan(3100);
    expect(asked - clip.newestMs).toBeLessThan(1000);
    expect(clip.frameMs).toBe(40);

    const refused = await fetch(clip.url, { headers: { origin: 'https://evil.example' } });
    expect(refused.status).toBe(403);
    const res = await fetch(clip.url, { headers: { origin: PAGE } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    const file = path.join(dir, 'replay.mp4');
    await writeFile(file, Buffer.from(await res.arrayBuffer()));
    const probed = await probeVideo(file);
    expect(probed.codec_name).toBe('h264');
    expect(Number(probed.nb_read_frames)).toBe(clip.frames);
    expect(Math.abs(Number(probed.duration) * 1000 - clip.durationMs)).toBeLessThan(1);
    // One use only.
    expect((await fetch(clip.url, { headers: { origin: PAGE } })).status).toBe(401);
  }, 30_000);
});
