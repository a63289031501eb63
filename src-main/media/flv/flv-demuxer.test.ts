// The FLV demuxer against the project's own FLV muxer (H.264 + AAC, H.265 in both the codec-id
// 12 and the enhanced form) and against FLV written by FFmpeg (H.264 with B-frames + AAC): the
// access units that come out are those that went in, cut into chunks of any size.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSkywallError } from '../../common/model/errors.js';
import { loadDemoClip, type DemoClip } from '../../testing/fmp4/demo-units.js';
import type { AudioFrame, AudioTrackInfo, TrackInfo, VideoAccessUnit } from '../types.js';
import { FlvDemuxer, type FlvDemuxEvent } from './flv-demuxer.js';
import { FlvMuxer, type FlvMuxerOptions } from './flv-muxer.js';

const run = promisify(execFile);
let dir = '';
let h264: DemoClip;
let h265: DemoClip;

const ASC_44100_MONO = Uint8Array.of(0x12, 0x08);
const aacTrack: AudioTrackInfo = { codec: 'aac', sampleRate: 44100, channels: 1, config: ASC_44100_MONO };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skywall-flv-demux-'));
  h264 = await loadDemoClip('h264');
  h265 = await loadDemoClip('h265');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function muxed(clip: DemoClip, options: FlvMuxerOptions, audio: AudioFrame[] = []): Uint8Array[] {
  const tracks: TrackInfo = audio.length ? { video: clip.track, audio: aacTrack } : { video: clip.track };
  const m = new FlvMuxer(tracks, options);
  const out: Uint8Array[] = [m.start()];
  let a = 0;
  for (const u of clip.units) {
    while (a < audio.length && (audio[a]!.pts / 44100) * 1000 <= u.dts90k / 90) {
      const tag = m.push(audio[a++]!);
      if (tag) out.push(tag);
    }
    const tag = m.push(u);
    if (tag) out.push(tag);
  }
  return out;
}

/** Feeds the bytes in chunks of the given sizes (cycled), as a socket would cut them. */
function demux(messages: Uint8Array[], chunkSizes: number[] = []): FlvDemuxEvent[] {
  const d = new FlvDemuxer({ now: () => 7 });
  const all = Buffer.concat(messages);
  const out: FlvDemuxEvent[] = [];
  if (chunkSizes.length === 0) {
    for (const m of messages) out.push(...d.push(m));
    return out;
  }
  for (let o = 0, i = 0; o < all.length; i++) {
    const n = chunkSizes[i % chunkSizes.length]!;
    out.push(...d.push(all.subarray(o, o + n)));
    o += n;
  }
  return out;
}

const videoOf = (events: FlvDemuxEvent[]): VideoAccessUnit[] => events.flatMap((e) => (e.type === 'sample' && e.sample.kind === 'video' ? [e.sample] : []));
const audioOf = (events: FlvDemuxEvent[]): AudioFrame[] => events.flatMap((e) => (e.type === 'sample' && e.sample.kind === 'audio' ? [e.sample] : []));
const tracksOf = (events: FlvDemuxEvent[]): TrackInfo[] => events.flatMap((e) => (e.type === 'tracks' ? [e.tracks] : []));

/** The NAL units the muxer writes (it drops access unit delimiters). */
function keptNalus(u: VideoAccessUnit): string[] {
  return u.nalus.filter((n) => (u.codec === 'h264' ? (n[0]! & 0x1f) !== 9 : ((n[0]! >> 1) & 0x3f) !== 35)).map((n) => Buffer.from(n).toString('hex'));
}

function expectSameUnits(got: VideoAccessUnit[], clip: DemoClip): void {
  expect(got.length).toBe(clip.units.length);
  got.forEach((u, i) => {
    const want = clip.units[i]!;
    expect(u.codec).toBe(want.codec);
    expect(u.keyframe).toBe(want.keyframe);
    expect(u.dts90k).toBe(want.dts90k);
    expect(u.pts90k).toBe(want.pts90k);
    expect(u.receivedAt).toBe(7);
    expect(u.nalus.map((n) => Buffer.from(n).toString('hex'))).toEqual(keptNalus(want));
  });
}

function tone(count: number): AudioFrame[] {
  return Array.from({ length: count }, (_, i) => ({ kind: 'audio', codec: 'aac', data: Uint8Array.of(0x21, i & 0xff, 0x40), pts: i * 1024, receivedAt: 0 }));
}

describe('FlvDemuxer on the project muxer output', () => {
  it('gives back every H.264 access unit with its times and keyframe flag, and the AAC frames', () => {
    const audio = tone(100);
    const events = demux(muxed(h264, {}, audio));
    const tracks = tracksOf(events);
    expect(tracks).toHaveLength(1);
    expect(tracks[0]!.video).toMatchObject({ codec: 'h264', width: h264.track.width, height: h264.track.height, codecString: h264.track.codecString });
    expect(Buffer.from(tracks[0]!.video!.sps).equals(Buffer.from(h264.track.sps))).toBe(true);
    expect(tracks[0]!.audio).toMatchObject({ codec: 'aac', sampleRate: 44100, channels: 1 });
    expect(events[0]!.type).toBe('tracks');
    expectSameUnits(videoOf(events), h264);
    const frames = audioOf(events);
    expect(frames.length).toBeGreaterThan(90);
    // ms precision on the FLV clock: within one ms worth of samples
    for (const f of frames) expect(Math.abs(f.pts - audio[f.data[1]!]!.pts)).toBeLessThanOrEqual(45);
    // the muxer carries audio from the first picture on: every frame after that, in order
    const first = frames[0]!.data[1]!;
    expect(first).toBeLessThanOrEqual(1);
    expect(frames.map((f) => Buffer.from(f.data).toString('hex'))).toEqual(audio.slice(first, first + frames.length).map((f) => Buffer.from(f.data).toString('hex')));
  });

  it.each(['codec12', 'enhanced'] as const)('reads H.265 in the %s form', (hevcForm) => {
    const events = demux(muxed(h265, { hevcForm }));
    const tracks = tracksOf(events);
    expect(tracks).toHaveLength(1);
    expect(tracks[0]!.video).toMatchObject({ codec: 'h265', width: h265.track.width, height: h265.track.height, codecString: h265.track.codecString });
    expect(tracks[0]!.video!.vps).toBeDefined();
    expectSameUnits(videoOf(events), h265);
  });

  it.each([[[1]], [[3, 7, 1, 13]], [[4096]], [[65_536, 5]]])('gives the same units whatever the chunking (%j)', (sizes) => {
    const messages = muxed(h265, { hevcForm: 'enhanced' });
    expectSameUnits(videoOf(demux(messages, sizes)), h265);
  });

  it('skips pictures until the first keyframe when joining mid-GOP', () => {
    const m = new FlvMuxer({ video: h264.track });
    const messages = [m.start(), ...h264.units.map((u) => m.push(u)!).filter(Boolean)];
    // drop the first keyframe's tag: the stream now starts on inter pictures
    const events = demux([messages[0]!, ...messages.slice(2)]);
    const units = videoOf(events);
    expect(units[0]!.keyframe).toBe(true);
    const firstKey = h264.units.findIndex((u, i) => i > 0 && u.keyframe);
    expect(units.length).toBe(h264.units.length - firstKey);
  });
});

describe('FlvDemuxer on FFmpeg output', () => {
  it('reads H.264 with B-frames and AAC: frame count, size, keyframes and composition offsets as ffprobe sees them', async () => {
    const path = join(dir, 'ffmpeg.flv');
    await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', '4', '-c:v', 'libx264', '-bf', '2', '-g', '25', '-c:a', 'aac', '-ac', '2', '-f', 'flv', path]);
    const bytes = new Uint8Array(await readFile(path));
    const events = demux([bytes], [1500]);
    const units = videoOf(events);
    const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts,dts,flags', '-of', 'csv=p=0', path]);
    const rows = stdout.trim().split('\n').map((l) => l.split(','));
    expect(units.length).toBe(rows.length);
    const dts0 = Number(rows[0]![1]);
    expect(units.map((u) => u.keyframe)).toEqual(rows.map((r) => r[2]!.startsWith('K')));
    expect(units.map((u) => u.pts90k - u.dts90k)).toEqual(rows.map((r) => (Number(r[0]) - Number(r[1])) * 90));
    expect(units.map((u) => u.dts90k)).toEqual(rows.map((r) => (Number(r[1]) - dts0) * 90));
    expect(units.some((u) => u.pts90k !== u.dts90k)).toBe(true);
    const tracks = tracksOf(events);
    expect(tracks[0]!.video).toMatchObject({ codec: 'h264', width: 320, height: 240 });
    expect(tracks[0]!.audio).toMatchObject({ codec: 'aac', sampleRate: 48000, channels: 2 });
    expect(audioOf(events).length).toBeGreaterThan(180); // 4 s of 1024-sample frames at 48 kHz
  });
});

function errorCode(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return isSkywallError(e) ? e.code : `not a SkywallError: ${String(e)}`;
  }
  return 'no error';
}

describe('FlvDemuxer on bad input', () => {
  const header = Uint8Array.of(0x46, 0x4c, 0x56, 1, 5, 0, 0, 0, 9, 0, 0, 0, 0);
  const tag = (type: number, body: number[]): Uint8Array => {
    const n = body.length;
    return Uint8Array.of(type, n >> 16, (n >> 8) & 0xff, n & 0xff, 0, 0, 0, 0, 0, 0, 0, ...body, 0, 0, (11 + n) >> 8, (11 + n) & 0xff);
  };

  it('refuses bytes that are not FLV at once (an HTML error page)', () => {
    expect(errorCode(() => new FlvDemuxer().push(Buffer.from('<html>')))).toBe('protocol');
    expect(errorCode(() => new FlvDemuxer().push(Buffer.from('F')))).toBe('no error');
  });

  it('refuses a tag size beyond the bound before buffering it', () => {
    const d = new FlvDemuxer();
    d.push(header);
    expect(errorCode(() => d.push(Uint8Array.of(9, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0)))).toBe('protocol');
  });

  it('names a video codec it cannot carry (Sorenson H.263, AV1 FourCC)', () => {
    expect(errorCode(() => new FlvDemuxer().push(Buffer.concat([header, tag(9, [0x12, 0, 0, 0, 0])])))).toBe('unsupported_codec');
    expect(errorCode(() => new FlvDemuxer().push(Buffer.concat([header, tag(9, [0x90, 0x61, 0x76, 0x30, 0x31])])))).toBe('unsupported_codec');
  });

  it('says a truncated sequence header is a protocol error and an unreadable SPS an unsupported format', () => {
    expect(errorCode(() => new FlvDemuxer().push(Buffer.concat([header, tag(9, [0x17, 0, 0, 0, 0, 1, 0x64])])))).toBe('protocol');
    const badSps = [0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f, 0xff, 0xe1, 0, 2, 0x67, 0xff, 1, 0, 2, 0x68, 0xce];
    expect(errorCode(() => new FlvDemuxer().push(Buffer.concat([header, tag(9, badSps)])))).toBe('unsupported_format');
  });

  it('skips audio it does not carry (G.711) and script tags', () => {
    const events = new FlvDemuxer().push(Buffer.concat([header, tag(8, [0x72, 1, 2, 3]), tag(18, [2, 0, 1, 0x61])]));
    expect(events).toEqual([]);
  });
});
