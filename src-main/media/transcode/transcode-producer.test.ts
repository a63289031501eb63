import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { isKeyframeNal, toAnnexB } from '../codec/index.js';
import { runningChildren } from './child-reaper.js';
import { detectFfmpeg, type FfmpegInfo } from './ffmpeg-detect.js';
import { closedWith, probeH264File, processExists, record, waitFor } from './test-support.js';
import { TranscodeProducer } from './transcode-producer.js';

let server: DemoRtspServer;
let ffmpeg: FfmpegInfo;
let tmp: string;

beforeAll(async () => {
  const found = await detectFfmpeg();
  if (!found) throw new Error('these tests need ffmpeg with libx264 on PATH');
  ffmpeg = found;
  server = await startDemoRtspServer();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'skywall-transcode-'));
});

afterAll(async () => {
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('TranscodeProducer on the demo camera', () => {
  it('turns the H.265 stream into decodable H.264 at the source rate, and stop() ends ffmpeg', async () => {
    const p = new TranscodeProducer({ url: server.url('/demo/h265'), ffmpeg });
    const rec = record(p);
    p.start();
    expect(rec.statuses[0]).toEqual({ state: 'connecting' });
    const pid = p.pid!;
    expect(processExists(pid)).toBe(true);
    await waitFor('the first access unit', () => rec.samples.length > 0, 10_000);
    const liveAt = rec.samples[0]!.at;
    await new Promise((r) => setTimeout(r, 2000));
    const inTwoSeconds = rec.samples.filter((s) => s.at - liveAt < 2000);

    expect(rec.statuses.map((s) => s.state)).toEqual(['connecting', 'live']);
    expect(rec.tracks).toHaveLength(1);
    const video = rec.tracks[0]!.video!;
    expect(video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
    expect(video.codecString).toMatch(/^avc1\.[0-9a-f]{6}$/);
    expect(inTwoSeconds.length).toBeGreaterThanOrEqual(20);
    expect(rec.samples.every((s) => s.codec === 'h264')).toBe(true);
    expect(rec.samples[0]!.keyframe).toBe(true);
    expect(inTwoSeconds.filter((s) => s.keyframe).length).toBeGreaterThanOrEqual(2);
    for (const s of rec.samples) expect(s.keyframe).toBe(s.nalus.some((n) => isKeyframeNal('h264', n)));
    for (let i = 1; i < rec.samples.length; i++) expect(rec.samples[i]!.pts90k).toBeGreaterThan(rec.samples[i - 1]!.pts90k);

    p.stop();
    const count = rec.samples.length;
    await p.whenExited();
    expect(processExists(pid)).toBe(false);
    expect(runningChildren()).toBe(0);
    // SIGTERM lets ffmpeg say TEARDOWN: the camera's session ends too.
    await waitFor('the camera session to end', () => server.stats().sessions === 0, 5000);

    const file = path.join(tmp, 'out.h264');
    writeFileSync(file, toAnnexB(rec.samples.slice(0, count).flatMap((s) => s.nalus)));
    const probe = await probeH264File(file);
    expect(probe).toMatchObject({ codec: 'h264', width: 640, height: 360, frames: count });
  });

  it('stop() ends ffmpeg quickly even while the camera sends nothing (ffmpeg blocked in a read)', async () => {
    const p = new TranscodeProducer({ url: server.url('/demo/h265'), ffmpeg });
    const rec = record(p);
    p.start();
    await waitFor('the first access unit', () => rec.samples.length > 0, 10_000);
    server.stall(4000);
    await new Promise((r) => setTimeout(r, 300));
    const pid = p.pid!;
    const t0 = performance.now();
    p.stop();
    await p.whenExited();
    // One SIGTERM would wait for the next packet (4 s away); the second one aborts the read, before SIGKILL at 2 s.
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(processExists(pid)).toBe(false);
  });

  it('reports not_found for a path the camera does not have', async () => {
    const p = new TranscodeProducer({ url: server.url('/demo/nothing-here'), ffmpeg });
    const rec = record(p);
    p.start();
    await waitFor('closed', () => closedWith(rec) !== undefined);
    expect(closedWith(rec)).toMatchObject({ state: 'closed', error: { code: 'not_found' } });
    expect(rec.samples).toHaveLength(0);
    await p.whenExited();
  });

  it('reports unreachable when nothing listens on the port', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const n = (s.address() as { port: number }).port;
        s.close(() => resolve(n));
      });
    });
    const p = new TranscodeProducer({ url: `rtsp://127.0.0.1:${port}/demo/h265`, ffmpeg });
    const rec = record(p);
    p.start();
    await waitFor('closed', () => closedWith(rec) !== undefined);
    expect(closedWith(rec)).toMatchObject({ error: { code: 'unreachable' } });
  });

  it('reports a missing ffmpeg binary with advice instead of throwing', async () => {
    const p = new TranscodeProducer({ url: server.url('/demo/h265'), ffmpeg: { ...ffmpeg, path: path.join(tmp, 'no-ffmpeg-here') } });
    const rec = record(p);
    p.start();
    await waitFor('closed', () => closedWith(rec) !== undefined);
    const closed = closedWith(rec) as { error: { code: string; message: string } };
    expect(closed.error.code).toBe('internal');
    expect(closed.error.message).toMatch(/ENOENT.*SKYWALL_FFMPEG/);
    expect(await detectFfmpeg(path.join(tmp, 'no-ffmpeg-here'))).toBeUndefined();
  });
});
