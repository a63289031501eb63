import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { isKeyframeNal, toAnnexB } from '../codec/index.js';
import { runningChildren } from './child-reaper.js';
import { detectFfmpeg, type FfmpegInfo } from './ffmpeg-detect.js';
import { commandLine, consumerLog, probeH264File, processExists, transcodeHub, waitFor } from '../../testing/transcode/transcode-kit.js';

// A password with every character that would need escaping in a URL's userinfo.
const PASSWORD = 'p@ss:w/rd%?#1';

let server: DemoRtspServer;
let ffmpeg: FfmpegInfo;
let tmp: string;

beforeAll(async () => {
  const found = await detectFfmpeg();
  if (!found) throw new Error('these tests need ffmpeg with libx264 on PATH');
  ffmpeg = found;
  server = await startDemoRtspServer({ auth: { username: 'admin', password: PASSWORD, scheme: 'digest' } });
  tmp = mkdtempSync(path.join(os.tmpdir(), 'skywall-transcode-'));
});

afterAll(async () => {
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('transcode of the hub stream (demo camera H.265 -> hub -> ffmpeg stdin -> H.264)', () => {
  it('shares one camera session with the direct tile, hides the credentials from ffmpeg, decodes, keeps the source timing', async () => {
    const logs: string[] = [];
    const { hub, transcoders } = transcodeHub({ url: server.url('/demo/h265'), username: 'admin', password: PASSWORD, ffmpeg, onLog: (l) => logs.push(l) });
    const direct = consumerLog();
    const x264 = consumerLog();
    try {
      const unsubDirect = hub.subscribe('cam:main', direct.consumer);
      await waitFor('the direct stream', () => direct.samples.length > 0, 10_000);
      const t0 = performance.now();
      const unsubX264 = hub.subscribe('cam:main:x264', x264.consumer);
      await waitFor('the first transcoded picture', () => x264.samples.length > 0, 10_000);
      const firstFrameMs = performance.now() - t0;
      const liveAt = x264.samples[0]!.at;
      await new Promise((r) => setTimeout(r, 2000));
      console.log(`[transcode] first H.264 picture ${firstFrameMs.toFixed(0)} ms after subscribing (source already live)`);
      // ffmpeg start + first GOP picture through decode and encode; ~100 ms here, 2 s would mean the probe waits again.
      expect(firstFrameMs).toBeLessThan(1500);

      // One camera session for both tiles, and one ffmpeg.
      expect(server.stats().sessions).toBe(1);
      expect(transcoders).toHaveLength(1);
      const pid = transcoders[0]!.pid!;
      const cmd = commandLine(pid);
      expect(cmd).toContain('pipe:0');
      expect(cmd).not.toMatch(/rtsp:\/\//i);
      for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), 'admin']) expect(cmd).not.toContain(secret);

      // H.264 at the source rate, from a keyframe, with tracks from x264's SPS.
      const inTwoSeconds = x264.samples.filter((s) => s.at - liveAt < 2000);
      expect(inTwoSeconds.length).toBeGreaterThanOrEqual(20);
      expect(x264.tracks[0]!.video).toMatchObject({ codec: 'h264', width: 640, height: 360 });
      expect(x264.tracks[0]!.video!.codecString).toMatch(/^avc1\.[0-9a-f]{6}$/);
      expect(x264.samples[0]!.keyframe).toBe(true);
      for (const s of x264.samples) expect(s.keyframe).toBe(s.nalus.some((n) => isKeyframeNal('h264', n)));
      for (let i = 1; i < x264.samples.length; i++) expect(x264.samples[i]!.pts90k).toBeGreaterThan(x264.samples[i - 1]!.pts90k);

      // Output picture N carries input picture N's pts and arrival time (the FIFO mapping):
      // every transcoded picture matches a direct picture, and they follow each other without gaps.
      const byPts = new Map(direct.samples.map((s) => [s.pts90k, s]));
      const matched = x264.samples.filter((s) => byPts.get(s.pts90k)?.receivedAt === s.receivedAt);
      expect(matched.length).toBe(x264.samples.length);
      const directPts = direct.samples.map((s) => s.pts90k);
      const firstIndex = directPts.indexOf(x264.samples[0]!.pts90k);
      expect(x264.samples.map((s) => s.pts90k)).toEqual(directPts.slice(firstIndex, firstIndex + x264.samples.length));
      // Transcoding costs time: each picture leaves later than its source picture arrived.
      const added = x264.samples.slice(10).map((s) => s.at - byPts.get(s.pts90k)!.at).sort((a, b) => a - b);
      console.log(`[transcode] added per picture: median ${added[added.length >> 1]!.toFixed(1)} ms, p90 ${added[Math.floor(added.length * 0.9)]!.toFixed(1)} ms`);
      expect(added[0]!).toBeGreaterThan(0);
      const stats = transcoders[0]!.stats();
      expect(stats).toMatchObject({ dropped: 0, skips: 0 });
      expect(stats.inFlight).toBeLessThan(5);
      expect(logs).toEqual([]); // the decoder had nothing to complain about

      const count = x264.samples.length;
      const file = path.join(tmp, 'out.h264');
      writeFileSync(file, toAnnexB(x264.samples.slice(0, count).flatMap((s) => s.nalus)));
      expect(await probeH264File(file)).toMatchObject({ codec: 'h264', width: 640, height: 360, frames: count });

      // Releasing the transcoded tile ends ffmpeg (after the grace period); the direct tile plays on.
      unsubX264();
      await transcoders[0]!.whenExited();
      await waitFor('ffmpeg to be gone', () => !processExists(pid), 3000);
      expect(runningChildren()).toBe(0);
      const before = direct.samples.length;
      await waitFor('the direct stream to go on', () => direct.samples.length > before + 5, 3000);
      expect(server.stats().sessions).toBe(1);
      unsubDirect();
      await waitFor('the camera session to end', () => server.stats().sessions === 0, 5000);
    } finally {
      hub.close();
    }
  });

  it('a transcoded tile alone opens the camera once, and stop leaves no ffmpeg behind', async () => {
    const { hub, transcoders } = transcodeHub({ url: server.url('/demo/h265'), username: 'admin', password: PASSWORD, ffmpeg });
    const x264 = consumerLog();
    try {
      const t0 = performance.now();
      const unsub = hub.subscribe('cam:main:x264', x264.consumer);
      await waitFor('the first transcoded picture', () => x264.samples.length > 0, 10_000);
      console.log(`[transcode] first H.264 picture ${(performance.now() - t0).toFixed(0)} ms after subscribing (camera not yet connected)`);
      expect(x264.statuses.map((s) => s.state)).toEqual(['connecting', 'live']);
      expect(server.stats().sessions).toBe(1);
      expect(hub.keys().sort()).toEqual(['cam:main', 'cam:main:x264']);
      const pid = transcoders[0]!.pid!;
      unsub();
      await waitFor('ffmpeg to be gone', () => !processExists(pid), 3000);
      await waitFor('the camera session to end', () => server.stats().sessions === 0, 5000);
      expect(runningChildren()).toBe(0);
    } finally {
      hub.close();
    }
  });

  it('a refused password on the camera closes the transcode with auth_failed, without starting ffmpeg', async () => {
    const logs: string[] = [];
    const { hub, transcoders } = transcodeHub({ url: server.url('/demo/h265'), username: 'admin', password: 'wrong-secret-42', ffmpeg, onLog: (l) => logs.push(l) });
    const x264 = consumerLog();
    const directStates: string[] = [];
    hub.onStatus((s) => s.key === 'cam:main' && directStates.push(`${s.state}/${s.errorCode ?? ''}`));
    try {
      hub.subscribe('cam:main:x264', x264.consumer);
      await waitFor('auth_failed on the transcoded key', () => hub.status('cam:main:x264')?.state === 'auth_failed', 10_000);
      expect(hub.status('cam:main:x264')).toMatchObject({ state: 'auth_failed', errorCode: 'auth_failed' });
      expect(directStates).toContain('auth_failed/auth_failed');
      expect(x264.statuses.at(-1)).toMatchObject({ state: 'auth_failed', errorCode: 'auth_failed' });
      // One attempt: the hub does not retry refused credentials, so no second producer or ffmpeg.
      expect(transcoders).toHaveLength(1);
      expect(transcoders[0]!.pid).toBeUndefined();
      expect(x264.samples).toHaveLength(0);
      expect(logs).toEqual([]);
    } finally {
      hub.close();
    }
  });

  it('a camera error other than auth surfaces on the transcoded key with its code', async () => {
    const { hub } = transcodeHub({ url: server.url('/demo/nothing-here'), username: 'admin', password: PASSWORD, ffmpeg });
    const x264 = consumerLog();
    const directStates: string[] = [];
    hub.onStatus((s) => s.key === 'cam:main' && directStates.push(`${s.state}/${s.errorCode ?? ''}`));
    try {
      hub.subscribe('cam:main:x264', x264.consumer);
      await waitFor('the transcoded key to reconnect', () => hub.status('cam:main:x264')?.state === 'reconnecting', 10_000);
      expect(directStates).toContain('reconnecting/not_found');
      expect(hub.status('cam:main:x264')?.errorCode).toBe('not_found');
    } finally {
      hub.close();
    }
  });
});
