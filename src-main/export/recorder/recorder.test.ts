// The replay buffer as a hub consumer: retention on disk, timing across a reconnect, and an
// export of the last seconds of the demo RTSP camera through the real hub, checked against
// the access units the hub delivered.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { StreamHub } from '../../media/hub/index.js';
import { RtspProducer } from '../../media/ingest/rtsp-producer.js';
import type { VideoAccessUnit } from '../../media/types.js';
import { mountTmpfs, type TestMount } from '../../testing/export/tmpfs.js';
import { probeVideo, readMp4Samples } from '../../testing/export/mp4-check.js';
import { sampleMetadata } from '../../testing/export/package-kit.js';
import { FakeProducer, TEST_TRACKS, unit } from '../../testing/hub/fake-producer.js';
import { loadDemoClip } from '../../testing/fmp4/demo-units.js';
import { exportFromReplayBuffer, type ExportDetails } from '../export-replay.js';
import { signerFromPrivateKey } from '../package/signing-key.js';
import { verifyExportFolder } from '../verify/verify-package.js';
import { ReplayBuffer } from './replay-buffer.js';
import { generateKeyPairSync } from 'node:crypto';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'skywall-replay-'));
  cleanups.push(() => rm(d, { recursive: true, force: true }));
  return d;
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const signer = signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
const { camera, device, channel, operator, workstation, appVersion, caseReference, reason } = sampleMetadata();
const details: ExportDetails = { camera, device, channel, operator, workstation, appVersion, caseReference, reason };

/** A hub over one scripted producer; returns the producer once the hub started it. */
async function fakeSource(): Promise<{ hub: StreamHub; producer: () => FakeProducer }> {
  let producer: FakeProducer | undefined;
  const hub = new StreamHub({ producerFactory: (key) => (producer = new FakeProducer(key)), deadAfterMs: 600_000, stallAfterMs: 600_000 });
  cleanups.push(() => hub.close());
  return { hub, producer: () => producer! };
}

/** Pictures `from`..`from+count-1` at 25 fps (a keyframe every second), received from `startWall` on. */
function feed(p: FakeProducer, from: number, count: number, startWall: number, pictures?: VideoAccessUnit[]): void {
  for (let i = from; i < from + count; i++) {
    const u = pictures ? pictures[i % pictures.length] : unit(i, i % 25 === 0, 2000);
    p.sample({ ...u, keyframe: i % 25 === 0, dts90k: i * 3600, pts90k: i * 3600, receivedAt: startWall + i * 40 });
  }
}

describe('replay buffer', () => {
  it('keeps the last N minutes in segments, drops the oldest first, and honours the size cap', async () => {
    const { hub, producer } = await fakeSource();
    const dir = await tempDir();
    const buffer = await ReplayBuffer.start({ hub, key: 'k', dir, keepMs: 3000, segmentMs: 1000, maxBytes: 10 * 1024 * 1024 });
    cleanups.push(() => buffer.stop());
    await until(() => producer()?.started === true, 2000, 'producer start');
    producer().status({ state: 'live' });
    producer().tracks(TEST_TRACKS);
    feed(producer(), 0, 250, 1_000_000); // 10 s at 25 fps, a keyframe every second
    await buffer.range(0).then((r) => r.release()); // waits for the disk
    let s = buffer.stats();
    expect(s.spanMs).toBeGreaterThanOrEqual(3000);
    expect(s.spanMs).toBeLessThan(4000 + 40);
    expect(s.segments).toBe(4);
    expect((await readdir(dir)).length).toBe(4);

    const capped = await ReplayBuffer.start({ hub, key: 'k', dir: await tempDir(), keepMs: 60_000, segmentMs: 1000, maxBytes: 120_000 });
    cleanups.push(() => capped.stop());
    feed(producer(), 250, 250, 1_010_000);
    await capped.range(0).then((r) => r.release());
    s = capped.stats();
    expect(s.bytes).toBeLessThanOrEqual(120_000);
    expect(s.segments).toBe(2); // 25 pictures of ~2 kB per segment
  });

  it('a reconnect (clock restarts) continues the timeline by the wall-clock time that passed and exports as a recorded gap', async () => {
    const { hub, producer } = await fakeSource();
    const buffer = await ReplayBuffer.start({ hub, key: 'k', dir: await tempDir(), segmentMs: 1000 });
    cleanups.push(() => buffer.stop());
    await until(() => producer()?.started === true, 2000, 'producer start');
    producer().status({ state: 'live' });
    const clip = await loadDemoClip('h264');
    producer().tracks({ video: clip.track });
    feed(producer(), 0, 50, 1_000_000, clip.units);
    // New session: RTP clock from 0 again, 3 s of silence after the last picture.
    producer().tracks({ video: clip.track });
    feed(producer(), 0, 50, 1_000_000 + 49 * 40 + 3000, clip.units);
    const target = await tempDir();
    const result = await exportFromReplayBuffer({ buffer, lastMs: 60_000, parentDir: target, details, signer });
    expect(result.metadata.video.frames).toBe(100);
    expect(result.metadata.gaps).toEqual([{ startUtc: new Date(1_000_000 + 50 * 40).toISOString(), endUtc: new Date(1_000_000 + 49 * 40 + 3000).toISOString(), durationMs: 2960 }]);
    expect(result.metadata.startUtc).toBe(new Date(1_000_000).toISOString());
    expect(result.metadata.endUtc).toBe(new Date(1_000_000 + 49 * 40 + 3000 + 50 * 40).toISOString());
  });
});

describe('export from the demo camera through the real hub', () => {
  it('the last 4 s: ffprobe frame count matches, the bitstream equals the delivered access units, the verifier says OK', async () => {
    const server: DemoRtspServer = await startDemoRtspServer({ streams: [{ path: '/cam', clip: 'h264' }] });
    cleanups.push(() => server.close());
    const hub = new StreamHub({ producerFactory: () => new RtspProducer({ url: server.url('/cam'), timeoutMs: 5000 }) });
    cleanups.push(() => hub.close());
    const delivered: VideoAccessUnit[] = [];
    const sub = hub.subscribe('cam', { onTracks: () => undefined, onSample: (s) => void (s.kind === 'video' && delivered.push(s)) });
    cleanups.push(() => sub());
    const bufferDir = await tempDir();
    const buffer = await ReplayBuffer.start({ hub, key: 'cam', dir: bufferDir, segmentMs: 2000 });
    cleanups.push(() => buffer.stop());
    await until(() => buffer.stats().spanMs >= 6000, 20_000, '6 s in the replay buffer');

    const mount: TestMount = await mountTmpfs(64 * 1024 * 1024);
    cleanups.push(() => mount.dispose());
    const result = await exportFromReplayBuffer({ buffer, lastMs: 4000, parentDir: mount.dir, details, signer });
    const meta = result.metadata;
    const spanMs = Date.parse(meta.endUtc) - Date.parse(meta.startUtc);
    expect(spanMs).toBeGreaterThanOrEqual(4000);
    expect(spanMs).toBeLessThan(5100); // a keyframe every second in the demo clip
    expect(meta.gaps).toEqual([]);

    const mp4 = path.join(result.folder, meta.clipFiles[0]);
    const probe = await probeVideo(mp4);
    expect(probe.codec_name).toBe('h264');
    expect(Number(probe.nb_read_frames)).toBe(meta.video.frames);
    expect(Number(probe.nb_read_packets)).toBe(meta.video.frames);

    const samples = await readMp4Samples(mp4);
    const same = (au: VideoAccessUnit, nalus: Uint8Array[]) => au.nalus.length === nalus.length && au.nalus.every((n, k) => Buffer.from(n).equals(Buffer.from(nalus[k])));
    // The demo clip loops every 10 s: take the latest place where the clip's first pictures occur.
    let first = -1;
    for (let i = 0; i + 1 < delivered.length; i++) if (same(delivered[i], samples[0]) && same(delivered[i + 1], samples[1])) first = i;
    expect(first).toBeGreaterThanOrEqual(0);
    expect(delivered.length - first).toBeGreaterThanOrEqual(samples.length);
    samples.forEach((nalus, i) => expect(same(delivered[first + i], nalus)).toBe(true));

    expect(await verifyExportFolder(result.folder)).toMatchObject({ ok: true, problems: [] });
    expect((await readdir(bufferDir)).length).toBe(buffer.stats().segments); // the buffer is untouched by the export
  });
});
