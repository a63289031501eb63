// Real encoder output (ffmpeg/x264, x265) -> hand-built RTP packets -> depacketizer -> compare
// with the input and decode the result with ffmpeg.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKeyframeNal, splitAnnexB, toAnnexB } from '../codec/nal.js';
import { encodeClip } from '../../testing/codec/encoded-clips.js';
import type { VideoAccessUnit, VideoCodec, VideoTrackInfo } from '../types.js';
import type { RtpPacket } from './rtp-packet.js';
import { groupAccessUnits, packetizeStream, wrapPaci } from '../../testing/rtp/packetizer.js';
import { VideoDepacketizer } from './video-depacketizer.js';

const run = promisify(execFile);
let dir = '';
const clips: Record<string, Uint8Array[][]> = {};

async function load(name: string, codec: VideoCodec, options: string[], frames: number) {
  const path = await encodeClip(dir, { name, codec, size: '320x180', options }, frames);
  clips[name] = groupAccessUnits(codec, splitAnnexB(new Uint8Array(await readFile(path))));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skywall-depack-'));
  const gop = ['-bf', '0', '-g', '5', '-keyint_min', '5', '-sc_threshold', '0'];
  await load('h264', 'h264', [...gop, '-pix_fmt', 'yuv420p'], 12);
  await load('h264-slices', 'h264', [...gop, '-pix_fmt', 'yuv420p', '-x264-params', 'slices=4'], 6);
  await load('h265', 'h265', ['-bf', '0', '-pix_fmt', 'yuv420p', '-x265-params', 'log-level=error:keyint=5:min-keyint=5:scenecut=0:bframes=0'], 12);
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function collect(codec: VideoCodec, opts: { donl?: boolean; sps?: Uint8Array; pps?: Uint8Array; vps?: Uint8Array } = {}) {
  const units: VideoAccessUnit[] = [];
  const infos: VideoTrackInfo[] = [];
  const errors: Error[] = [];
  const d = new VideoDepacketizer({ codec, ...opts, onAccessUnit: (u) => units.push(u), onTrackInfo: (i) => infos.push(i), onError: (e) => errors.push(e) });
  return { d, units, infos, errors, feed: (pkts: RtpPacket[]) => pkts.forEach((p) => d.push(p, 1)) };
}

const hex = (nalus: Uint8Array[]) => nalus.map((n) => Buffer.from(n).toString('hex'));

async function decodedFrames(codec: VideoCodec, units: VideoAccessUnit[]): Promise<number> {
  const file = join(dir, `out-${Math.random().toString(36).slice(2)}.${codec}`);
  await writeFile(file, toAnnexB(units.flatMap((u) => u.nalus)));
  const fmt = codec === 'h264' ? 'h264' : 'hevc';
  const { stderr } = await run('ffmpeg', ['-v', 'error', '-f', fmt, '-i', file, '-f', 'null', '-']);
  expect(stderr).toBe('');
  const { stdout } = await run('ffprobe', ['-v', 'error', '-f', fmt, '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file]);
  return Number(stdout.trim());
}

describe.each([
  { name: 'h264', codec: 'h264' as const, aggregate: true, donl: false },
  { name: 'h264-slices', codec: 'h264' as const, aggregate: false, donl: false },
  { name: 'h265', codec: 'h265' as const, aggregate: true, donl: false },
  { name: 'h265', codec: 'h265' as const, aggregate: true, donl: true },
])('$name (aggregate=$aggregate, donl=$donl)', ({ name, codec, aggregate, donl }) => {
  it('rebuilds every access unit exactly, with keyframes, track info and 90 kHz steps', async () => {
    const input = clips[name];
    const { units, infos, errors, feed } = collect(codec, { donl });
    packetizeStream(codec, input, { mtu: 300, aggregate, donl }).forEach(feed);
    expect(errors).toEqual([]);
    expect(units.map((u) => hex(u.nalus))).toEqual(input.map(hex));
    expect(units.map((u) => u.keyframe)).toEqual(input.map((u) => u.some((n) => isKeyframeNal(codec, n))));
    expect(units.map((u) => u.pts90k)).toEqual(input.map((_, i) => i * 3600));
    expect(infos).toHaveLength(1);
    expect([infos[0].width, infos[0].height]).toEqual([320, 180]);
    expect(await decodedFrames(codec, units)).toBe(input.length);
  });
});

describe('loss and recovery', () => {
  it('drops the unit with a lost middle FU-A fragment and everything up to the next keyframe', async () => {
    const input = clips.h264; // keyframes at 0, 5, 10
    const packets = packetizeStream('h264', input, { mtu: 200 });
    const damaged = packets[2];
    expect(damaged.length).toBeGreaterThanOrEqual(3);
    packets[2] = [damaged[0], ...damaged.slice(2)]; // lose the second fragment
    const { d, units, feed } = collect('h264');
    packets.forEach(feed);
    expect(units.map((u) => u.pts90k / 3600)).toEqual([0, 1, 5, 6, 7, 8, 9, 10, 11]);
    expect(d.stats.packetsLost).toBe(1);
    expect(d.stats.framesDropped).toBe(3); // units 2, 3, 4
    expect(d.stats.keyframes).toBe(3);
    expect(await decodedFrames('h264', units)).toBe(units.length);
  });

  it('drops a unit whose last packet (and marker) was lost, not merging it with the next', () => {
    const packets = packetizeStream('h264', clips.h264, { mtu: 200 });
    packets[6] = packets[6].slice(0, -1);
    const { units, feed } = collect('h264');
    packets.forEach(feed);
    expect(units.map((u) => u.pts90k / 3600)).toEqual([0, 1, 2, 3, 4, 5, 10, 11]);
  });

  it('waits for a keyframe when the stream starts mid-GOP', () => {
    const { d, units, feed } = collect('h264');
    packetizeStream('h264', clips.h264).slice(2).forEach(feed);
    expect(units[0].keyframe).toBe(true);
    // Time starts at the first packet seen (the shared zero point with audio), not the first emitted unit.
    expect(units[0].pts90k).toBe(3 * 3600);
    expect(d.stats.framesDropped).toBe(3);
  });
});

describe('timestamps and framing', () => {
  it('unwraps the 32-bit RTP timestamp wrap into monotonic 90 kHz time', () => {
    const { units, feed } = collect('h264');
    packetizeStream('h264', clips.h264, { firstTimestamp: 2 ** 32 - 3 * 3600, firstSeq: 65530 }).forEach(feed);
    expect(units.map((u) => u.pts90k)).toEqual(clips.h264.map((_, i) => i * 3600));
  });

  it('keeps a multi-slice keyframe with SPS/PPS repeated before every slice as one unit', async () => {
    const key = clips['h264-slices'][0];
    const ps = key.filter((n) => (n[0] & 0x1f) === 7 || (n[0] & 0x1f) === 8);
    const slices = key.filter((n) => (n[0] & 0x1f) === 5);
    expect(slices.length).toBe(4);
    const quirky = slices.flatMap((s) => [...ps, s]);
    const { units, feed } = collect('h264');
    packetizeStream('h264', [quirky, ...clips['h264-slices'].slice(1)]).forEach(feed);
    expect(units).toHaveLength(clips['h264-slices'].length);
    expect(units[0].keyframe).toBe(true);
    // All four slices stay in the unit; the identical SPS/PPS repeats after the first slice go.
    expect(hex(units[0].nalus)).toEqual(hex([...ps, ...slices]));
    expect(await decodedFrames('h264', units)).toBe(units.length);
  });

  it('closes a unit on timestamp change when the sender forgets the marker bit', () => {
    const { units, feed } = collect('h264');
    packetizeStream('h264', clips.h264).forEach((pkts) => feed(pkts.map((p) => ({ ...p, marker: false }))));
    expect(units).toHaveLength(clips.h264.length - 1); // the last one waits for the next timestamp
  });

  it('uses SDP parameter sets, and carries a parameter-set-only unit into the next picture', () => {
    const input = clips.h264.map((u) => u.slice());
    const sps = input[0].find((n) => (n[0] & 0x1f) === 7)!;
    const pps = input[0].find((n) => (n[0] & 0x1f) === 8)!;
    const body = input[0].filter((n) => (n[0] & 0x1f) !== 7 && (n[0] & 0x1f) !== 8);
    // Parameter sets sent as their own "unit" (own timestamp, marker set), then the keyframe.
    const { units, infos, feed } = collect('h264', { sps, pps });
    const pkts = packetizeStream('h264', [[sps, pps], body, ...input.slice(1)]);
    pkts.forEach(feed);
    expect(infos).toHaveLength(1);
    expect(hex(units[0].nalus)).toEqual(hex([sps, pps, ...body]));
    expect(units[0].keyframe).toBe(true);
  });

  it('without parameter sets anywhere, emits nothing (no keyframe can be decoded)', () => {
    const stripped = clips.h264.map((u) => u.filter((n) => (n[0] & 0x1f) !== 7 && (n[0] & 0x1f) !== 8));
    const { d, units, infos, feed } = collect('h264');
    packetizeStream('h264', stripped).forEach(feed);
    expect(units).toEqual([]);
    expect(infos).toEqual([]);
    expect(d.stats.framesDropped).toBe(stripped.length);
  });

  it('re-anchors time and waits for a keyframe when the SSRC changes', () => {
    const { units, feed } = collect('h264');
    packetizeStream('h264', clips.h264.slice(0, 4), { ssrc: 1 }).forEach(feed);
    packetizeStream('h264', clips.h264.slice(3), { ssrc: 2, firstTimestamp: 999_999_999, firstSeq: 7 }).forEach(feed);
    const pts = units.map((u) => u.pts90k);
    expect(pts.slice(0, 4)).toEqual([0, 3600, 7200, 10800]);
    // second source: units 3, 4 of its GOP are dropped, its keyframe continues right after
    expect(units[4].keyframe).toBe(true);
    expect(pts[4]).toBe(10800 + 3 * 3600);
  });

  it('unwraps H.265 PACI packets', () => {
    const { units, feed } = collect('h265');
    const pkts = packetizeStream('h265', clips.h265.slice(0, 3), { aggregate: true });
    const wrapped = pkts.map((unit) => unit.map((p) => ({ ...p, payload: wrapPaci(p.payload, new Uint8Array([1, 2, 3])) })));
    wrapped.forEach(feed);
    expect(units.map((u) => hex(u.nalus))).toEqual(clips.h265.slice(0, 3).map(hex));
  });
});
