// RtspSession against GStreamer: H.265 (x265enc), and H.264 with AAC or G.711 audio.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GstRtspServer, startGstRtspServer } from '../../../e2e/fixtures/gst-rtsp.js';
import type { AudioFrame, VideoAccessUnit } from '../types.js';
import { decodeCheck, receiveFor } from '../../testing/rtsp/session-kit.js';

const run = promisify(execFile);
const SIZE = { width: 320, height: 180, fps: 25 };
let server: GstRtspServer;
let dir = '';

beforeAll(async () => {
  server = await startGstRtspServer(SIZE);
  dir = await mkdtemp(join(tmpdir(), 'skywall-rtsp265-'));
}, 20_000);

afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('H.265 from GStreamer', () => {
  it('delivers decodable access units with VPS/SPS/PPS, size and hvc1 codec string', async () => {
    const r = await receiveFor({ url: server.url('/h265') }, 2200);
    expect(r.errors).toEqual([]);
    const video = r.tracks[0].video!;
    expect([video.codec, video.width, video.height, video.vps !== undefined]).toEqual(['h265', SIZE.width, SIZE.height, true]);
    expect(video.codecString).toMatch(/^hvc1\.1\.6\.L\d+(\.[0-9A-F]{1,2})*$/); // Main profile
    const units = r.samples as VideoAccessUnit[];
    expect(units[0].keyframe).toBe(true);
    expect(units.filter((u) => u.keyframe).length).toBeGreaterThanOrEqual(2);
    const steps = units.slice(1).map((u, i) => u.pts90k - units[i].pts90k);
    expect(steps.every((s) => Math.abs(s - 3600) <= 2)).toBe(true);
    expect(units.at(-1)!.pts90k - units[0].pts90k).toBeGreaterThanOrEqual(2 * 90000 - 3600);
    expect(r.session.stats.framesDropped).toBe(0);
    expect(await decodeCheck(dir, video, units)).toBe(units.length);
  });
});

describe('audio', () => {
  it('delivers AAC frames (RFC 3640) that decode, in sync with video', async () => {
    const r = await receiveFor({ url: server.url('/h264-aac') }, 2200);
    expect(r.errors).toEqual([]);
    const audioInfo = r.tracks[0].audio!;
    expect(audioInfo).toMatchObject({ codec: 'aac', sampleRate: 16000, channels: 1 });
    expect(audioInfo.config!.length).toBeGreaterThanOrEqual(2);
    const frames = r.samples.filter((s): s is AudioFrame => s.kind === 'audio');
    const video = r.samples.filter((s): s is VideoAccessUnit => s.kind === 'video');
    expect(frames.length).toBeGreaterThan(25); // ~15.6 frames per second
    expect(frames.slice(1).every((f, i) => f.pts - frames[i].pts === 1024)).toBe(true);
    // RTP-Info put both tracks on one zero point: first samples within half a second of each other.
    expect(Math.abs(frames[0].pts / 16000 - video[0].pts90k / 90000)).toBeLessThan(0.5);

    const adts = Buffer.concat(frames.map((f) => adtsFrame(audioInfo.config!, f.data)));
    const file = join(dir, 'rx.aac');
    await writeFile(file, adts);
    const { stderr } = await run('ffmpeg', ['-v', 'error', '-f', 'aac', '-i', file, '-f', 'null', '-']);
    expect(stderr).toBe('');
    const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=nb_read_frames,sample_rate', '-of', 'csv=p=0', file]);
    expect(stdout.trim()).toBe(`16000,${frames.length}`);
  });

  it('passes G.711 A-law through as 8 kHz frames', async () => {
    const r = await receiveFor({ url: server.url('/h264-pcma') }, 1500);
    expect(r.tracks[0].audio).toEqual({ codec: 'pcma', sampleRate: 8000, channels: 1 });
    const frames = r.samples.filter((s): s is AudioFrame => s.kind === 'audio');
    expect(frames.length).toBeGreaterThan(3);
    const samples = frames.reduce((n, f) => n + f.data.length, 0);
    expect(frames.at(-1)!.pts + frames.at(-1)!.data.length - frames[0].pts).toBe(samples); // contiguous
  });

  it('skips audio when asked to', async () => {
    const r = await receiveFor({ url: server.url('/h264-aac'), audio: false }, 500);
    expect(r.tracks[0].audio).toBeUndefined();
    expect(r.samples.every((s) => s.kind === 'video')).toBe(true);
  });
});

/** ADTS header (ISO 14496-3 1.A.2) from an AudioSpecificConfig, for ffmpeg to read raw AAC. */
function adtsFrame(asc: Uint8Array, data: Uint8Array): Buffer {
  const objectType = asc[0] >> 3;
  const freqIndex = ((asc[0] & 0x07) << 1) | (asc[1] >> 7);
  const channels = (asc[1] >> 3) & 0x0f;
  const length = data.length + 7;
  const h = Buffer.alloc(7);
  h[0] = 0xff;
  h[1] = 0xf1; // MPEG-4, no CRC
  h[2] = ((objectType - 1) << 6) | (freqIndex << 2) | (channels >> 2);
  h[3] = ((channels & 3) << 6) | (length >> 11);
  h[4] = (length >> 3) & 0xff;
  h[5] = ((length & 7) << 5) | 0x1f;
  h[6] = 0xfc;
  return Buffer.concat([h, data]);
}
