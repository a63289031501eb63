// Real-time pacing and loop continuity: the clips are cut to 1-2 s so every test crosses a loop point.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRtspServer } from './demo-rtsp-server.js';
import { TestRtspClient, type TestFrame } from '../../testing/rtsp/raw-rtsp-client.js';
import type { DemoRtspServer } from './server-types.js';
import { runProcess } from '../../testing/rtsp/ffprobe-processes.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface RtpView {
  seq: number;
  ts: number;
  ssrc: number;
  marker: boolean;
  at: number;
}

function rtpPackets(frames: TestFrame[], channel: number): RtpView[] {
  return frames
    .filter((f) => f.channel === channel)
    .map((f) => ({ seq: f.payload.readUInt16BE(2), ts: f.payload.readUInt32BE(4), ssrc: f.payload.readUInt32BE(8), marker: (f.payload[1] & 0x80) !== 0, at: f.at }));
}

describe('demo RTSP playback', () => {
  let server: DemoRtspServer;
  beforeAll(async () => {
    server = await startDemoRtspServer({
      streams: [
        { path: '/loop/h264', clip: 'h264', maxFrames: 50 },
        { path: '/loop/h265', clip: 'h265', maxFrames: 50 },
        { path: '/short/h264', clip: 'h264', maxFrames: 25 },
      ],
      senderReportIntervalMs: 500,
    });
  });
  afterAll(() => server.close());

  it('ffmpeg decodes 3 s of each codec in real time across the 2-s loop point', async () => {
    const pull = (path: string) =>
      runProcess('ffmpeg', ['-hide_banner', '-nostats', '-v', 'error', '-rtsp_transport', 'tcp', '-i', server.url(path), '-t', '3', '-progress', 'pipe:1', '-f', 'null', '-']);
    const results = await Promise.all([pull('/loop/h264'), pull('/loop/h265')]);
    for (const r of results) {
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(''); // no decode errors at the loop point
      const frames = Number([...r.stdout.matchAll(/^frame=(\d+)$/gm)].pop()?.[1]);
      expect(frames).toBeGreaterThanOrEqual(60);
      expect(frames).toBeLessThanOrEqual(80);
      // 3 s of media cannot arrive faster than real time (ffmpeg needs some extra for probing).
      expect(r.wallMs).toBeGreaterThan(2700);
    }
  });

  it('keeps RTP sequence numbers and timestamps continuous across loops, paced to 25 fps', async () => {
    const client = await TestRtspClient.connect(server.port);
    try {
      await client.play(server.url('/short/h264'));
      await sleep(2600);
      const packets = rtpPackets(client.frames, 0);
      const ssrcs = new Set(packets.map((p) => p.ssrc));
      expect(ssrcs.size).toBe(1);
      for (let i = 1; i < packets.length; i++) expect(packets[i].seq, `packet ${i}`).toBe((packets[i - 1].seq + 1) & 0xffff);

      const ends = packets.filter((p) => p.marker);
      // 2.6 s at 25 fps is 65 pictures, first one at PLAY time; allow timer slack on a busy machine.
      expect(ends.length).toBeGreaterThanOrEqual(60);
      expect(ends.length).toBeLessThanOrEqual(67);
      for (let i = 1; i < ends.length; i++) expect((ends[i].ts - ends[i - 1].ts) >>> 0, `picture ${i}`).toBe(3600);
      // Pacing follows the clock: picture k arrives near k*40 ms after the first one.
      const drift = ends.map((p, k) => p.at - ends[0].at - k * 40);
      expect(Math.max(...drift.map(Math.abs))).toBeLessThan(150);
    } finally {
      client.close();
    }
  });

  it('sends RTCP sender reports whose RTP time matches the media clock', async () => {
    const client = await TestRtspClient.connect(server.port);
    try {
      await client.play(server.url('/short/h264'));
      await sleep(1200);
      const rtp = rtpPackets(client.frames, 0);
      const reports = client.frames.filter((f) => f.channel === 1);
      expect(reports.length).toBeGreaterThanOrEqual(1);
      const sr = reports[0].payload;
      expect(sr[1]).toBe(200);
      expect(sr.readUInt32BE(4)).toBe(rtp[0].ssrc);
      // NTP seconds are close to now.
      expect(Math.abs(sr.readUInt32BE(8) - 2_208_988_800 - Date.now() / 1000)).toBeLessThan(5);
      // RTP time of the report lies between the pictures sent around it.
      const srTs = sr.readUInt32BE(16);
      const before = rtp.filter((p) => p.at <= reports[0].at).pop()!;
      expect(((srTs - before.ts) >>> 0) / 90).toBeLessThan(200);
      expect(sr.readUInt32BE(20)).toBe(client.frames.filter((f) => f.channel === 0 && f.at <= reports[0].at).length);
      // The compound packet carries an SDES CNAME.
      expect(sr[29]).toBe(202);
    } finally {
      client.close();
    }
  });

  it('gives every concurrent client its own session', async () => {
    const clients = await Promise.all([0, 1, 2].map(() => TestRtspClient.connect(server.port)));
    try {
      const sessions = await Promise.all(clients.map((c) => c.play(server.url('/loop/h265'))));
      expect(new Set(sessions).size).toBe(3);
      await sleep(300);
      expect(server.stats().playing).toBeGreaterThanOrEqual(3);
      const ssrcs = clients.map((c) => rtpPackets(c.frames, 0)[0]?.ssrc);
      expect(new Set(ssrcs).size).toBe(3);
    } finally {
      clients.forEach((c) => c.close());
    }
  });
});
