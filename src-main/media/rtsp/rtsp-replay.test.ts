// RtspSession replaying the demo camera's archive (a real RTSP server over TCP): the span
// asked for with Range: clock=, faster than real time with Rate-Control: no, recorder times
// from the ONVIF 0xABAC extension, and the gaps of the recording.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import type { VideoAccessUnit } from '../types.js';
import { RtspSession } from './rtsp-session.js';
import type { ReplayRequest } from './replay-range.js';

const START = Date.UTC(2026, 10, 22, 2, 0, 0);
const GAP = { fromMs: 60_000, toMs: 105_000 }; // 45 s without recording
let server: DemoRtspServer;

beforeAll(async () => {
  server = await startDemoRtspServer({ streams: [], archives: [{ path: '/rec', clip: 'h264', startMs: START, durationMs: 300_000, gaps: [GAP] }] });
});

afterAll(async () => {
  await server?.close();
});

interface Replay {
  units: VideoAccessUnit[];
  close: string;
  session: RtspSession;
  elapsedMs: number;
}

async function replay(request: ReplayRequest): Promise<Replay> {
  const session = new RtspSession({ url: server.url('/rec'), replay: request });
  const units: VideoAccessUnit[] = [];
  session.on('sample', (s) => {
    if (s.kind === 'video') units.push(s);
  });
  const closed = new Promise<string>((resolve) => session.on('close', (e) => resolve(e.error ? `${e.reason}: ${e.error.message}` : e.reason)));
  const t0 = Date.now();
  await session.start();
  const close = await closed;
  return { units, close, session, elapsedMs: Date.now() - t0 };
}

describe('RTSP replay of a recording', () => {
  it('plays a span across a gap faster than real time, each picture stamped with its recorder time', async () => {
    // 50 s before the gap to 20 s after it: 70 s of pictures spread over 115 s of recorder time.
    const from = START + 10_000;
    const to = START + 125_000;
    const r = await replay({ range: { from, to }, rateControl: false, onvif: true });
    expect(r.close).toBe('ended'); // the recorder's RTCP BYE, not a timeout
    expect(r.session.playRange).toEqual({ from, to });
    expect(r.units.length).toBe(70 * 25);
    expect(r.elapsedMs).toBeLessThan(70_000 / 4);
    expect(r.units[0].keyframe).toBe(true);
    expect(r.units[0].recordedAtMs).toBe(from);
    const steps = r.units.slice(1).map((u, i) => u.recordedAtMs! - r.units[i].recordedAtMs!);
    const gapAt = steps.findIndex((s) => s > 40);
    // The only jump is the gap; RTP times do not show it (they run on), the extension does.
    expect(steps.filter((s) => Math.abs(s - 40) > 0.01)).toEqual([GAP.toMs - GAP.fromMs + 40]);
    expect(r.units[gapAt].recordedAtMs).toBe(START + GAP.fromMs - 40);
    expect(r.units[gapAt + 1].recordedAtMs).toBe(START + GAP.toMs);
    expect(r.units[gapAt + 1].pts90k - r.units[gapAt].pts90k).toBe(3600);
    expect(r.units.filter((u) => u.afterGap).map((u) => u.recordedAtMs)).toEqual([START + GAP.toMs]);
    expect(r.units[gapAt + 1].keyframe).toBe(true);
    expect(r.units.at(-1)!.recordedAtMs).toBe(to - 40);
    const play = server.requestLog.filter((e) => e.method === 'PLAY').at(-1)!;
    expect(play.status).toBe(200);
  });

  it('starts at the keyframe before a start inside a GOP, and out of a gap at the next recording', async () => {
    const inGop = await replay({ range: { from: START + 2_500, to: START + 4_000 }, rateControl: false, onvif: true });
    expect(inGop.units[0].recordedAtMs).toBe(START + 2_000);
    expect(inGop.units.length).toBe(2 * 25);
    const inGap = await replay({ range: { from: START + 70_000, to: START + 107_000 }, rateControl: false, onvif: true });
    expect(inGap.units[0].recordedAtMs).toBe(START + GAP.toMs);
    expect(inGap.units[0].afterGap).toBeFalsy(); // the replay's first picture follows nothing it played
    expect(inGap.units.length).toBe(2 * 25);
  });

  it('with rate control, paces pictures at real time times Scale', async () => {
    const r = await replay({ range: { from: START, to: START + 2_000 }, scale: 4, onvif: true });
    expect(r.units.length).toBe(50);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(2_000 / 4 - 100);
  });

  it('refuses a span with no recording (457) and reverse play (551) with clear errors', async () => {
    const gapOnly = new RtspSession({ url: server.url('/rec'), replay: { range: { from: START + 61_000, to: START + 100_000 }, onvif: true } });
    await expect(gapOnly.start()).rejects.toMatchObject({ params: { status: 457 } });
    const after = new RtspSession({ url: server.url('/rec'), replay: { range: { from: START + 400_000, to: START + 500_000 } } });
    await expect(after.start()).rejects.toMatchObject({ params: { status: 457 } });
    const reverse = new RtspSession({ url: server.url('/rec'), replay: { range: { from: START, to: START + 1000 }, scale: -1, onvif: true } });
    await expect(reverse.start()).rejects.toMatchObject({ params: { status: 551 } });
  });
});
