// The FLV muxer checked two ways: FFmpeg must read and decode H.264 + AAC FLV, and
// mpegts.js 1.8.2's own demuxer (what the player runs) must understand H.264 + AAC and
// both H.265 forms, which FFmpeg 5.1 cannot read. A tag walk checks the byte structure.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoClip, type DemoClip } from '../../testing/fmp4/demo-units.js';
import type { AudioFrame, AudioTrackInfo, MediaSample } from '../types.js';
import { FlvMuxer, type FlvMuxerOptions } from './flv-muxer.js';
import { demuxWithMpegts } from '../../testing/flv/mpegts-harness.js';

const run = promisify(execFile);
let dir = '';
let h264: DemoClip;
let h265: DemoClip;
let aac: { track: AudioTrackInfo; frames: AudioFrame[] };

/** Raw AAC frames and their AudioSpecificConfig from an ADTS file made by ffmpeg. */
async function loadAac(): Promise<typeof aac> {
  const path = join(dir, 'tone.aac');
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100', '-t', '10', '-ac', '1', '-c:a', 'aac', '-f', 'adts', path]);
  const data = new Uint8Array(await readFile(path));
  const frames: AudioFrame[] = [];
  let config: Uint8Array | undefined;
  for (let o = 0; o + 7 <= data.length; ) {
    if (data[o] !== 0xff || (data[o + 1] & 0xf0) !== 0xf0) throw new Error(`ADTS sync lost at ${o}`);
    const headerLen = data[o + 1] & 1 ? 7 : 9;
    const len = ((data[o + 3] & 3) << 11) | (data[o + 4] << 3) | (data[o + 5] >> 5);
    const objectType = (data[o + 2] >> 6) + 1;
    const freqIndex = (data[o + 2] >> 2) & 0xf;
    const channels = ((data[o + 2] & 1) << 2) | (data[o + 3] >> 6);
    const asc = (objectType << 11) | (freqIndex << 7) | (channels << 3);
    config ??= Uint8Array.of(asc >> 8, asc & 0xff);
    frames.push({ kind: 'audio', codec: 'aac', data: data.slice(o + headerLen, o + len), pts: frames.length * 1024, receivedAt: 0 });
    o += len;
  }
  return { track: { codec: 'aac', sampleRate: 44100, channels: 1, config: config! }, frames };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skywall-flv-'));
  h264 = await loadDemoClip('h264');
  h265 = await loadDemoClip('h265');
  aac = await loadAac();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Video and audio merged in time order, as a source delivers them. */
function interleave(clip: DemoClip, audio: AudioFrame[] = []): MediaSample[] {
  const out: MediaSample[] = [];
  let a = 0;
  for (const u of clip.units) {
    while (a < audio.length && (audio[a].pts / 44100) * 1000 < u.dts90k / 90) out.push(audio[a++]);
    out.push(u);
  }
  while (a < audio.length) out.push(audio[a++]);
  return out;
}

/** Muxes samples; returns the messages a WebSocket client would get (start buffer, then one per tag). */
function muxMessages(clip: DemoClip, samples: MediaSample[], options: FlvMuxerOptions, withAudio: boolean): Uint8Array[] {
  const m = new FlvMuxer(withAudio ? { video: clip.track, audio: aac.track } : { video: clip.track }, options);
  const msgs: Uint8Array[] = [m.start()];
  for (const s of samples) {
    const tag = m.push(s);
    if (tag) msgs.push(tag);
  }
  return msgs;
}

interface Tag {
  type: number;
  timestamp: number;
  body: Uint8Array;
}

/** Walks the FLV structure strictly: header, PreviousTagSize fields, tag sizes. */
function walkTags(flv: Uint8Array): Tag[] {
  const v = new DataView(flv.buffer, flv.byteOffset, flv.byteLength);
  expect(String.fromCharCode(flv[0], flv[1], flv[2])).toBe('FLV');
  expect(v.getUint32(5)).toBe(9);
  expect(v.getUint32(9)).toBe(0);
  const tags: Tag[] = [];
  let o = 13;
  while (o < flv.length) {
    const size = v.getUint32(o) & 0xffffff;
    const type = flv[o];
    const timestamp = ((flv[o + 7] << 24) | (flv[o + 4] << 16) | (flv[o + 5] << 8) | flv[o + 6]) >>> 0;
    tags.push({ type, timestamp, body: flv.subarray(o + 11, o + 11 + size) });
    expect(v.getUint32(o + 11 + size)).toBe(11 + size);
    o += 11 + size + 4;
  }
  expect(o).toBe(flv.length);
  return tags;
}

describe('FLV H.264 + AAC', () => {
  it('is read and decoded by FFmpeg with both streams complete', async () => {
    const path = join(dir, 'h264-aac.flv');
    await writeFile(path, Buffer.concat(muxMessages(h264, interleave(h264, aac.frames), {}, true)));
    const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-show_streams', '-of', 'json', path]);
    const streams = JSON.parse(stdout).streams as Array<Record<string, string | number>>;
    const video = streams.find((s) => s.codec_type === 'video')!;
    const audio = streams.find((s) => s.codec_type === 'audio')!;
    expect([video.codec_name, video.width, video.height]).toEqual(['h264', h264.track.width, h264.track.height]);
    expect(Number(video.nb_read_frames)).toBe(h264.units.length);
    expect([audio.codec_name, audio.sample_rate, audio.channels]).toEqual(['aac', '44100', 1]);
    expect(Number(audio.nb_read_frames)).toBe(aac.frames.length);
    const decode = await run('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-']);
    expect(decode.stderr).toBe('');

    const pk = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts,flags', '-of', 'csv=p=0', path]);
    const rows = pk.stdout.trim().split('\n').map((l) => l.split(','));
    expect(rows.map((r) => Number(r[0]))).toEqual(h264.units.map((_, i) => i * 40));
    expect(rows.map((r) => r[1].startsWith('K'))).toEqual(h264.units.map((u) => u.keyframe));
  });

  it('is understood by mpegts.js when sent as one WebSocket message per tag', async () => {
    const res = await demuxWithMpegts(muxMessages(h264, interleave(h264, aac.frames), {}, true));
    expect(res.errors).toEqual([]);
    expect(res.warnings).toEqual([]);
    expect(res.mediaInfo.videoCodec).toBe(h264.track.codecString);
    expect(res.mediaInfo.audioCodec).toBe('mp4a.40.2');
    expect([res.mediaInfo.width, res.mediaInfo.height]).toEqual([h264.track.width, h264.track.height]);
    expect(res.videoSamples.map((s) => s.dts)).toEqual(h264.units.map((_, i) => i * 40));
    expect(res.videoSamples.map((s) => s.isKeyframe)).toEqual(h264.units.map((u) => u.keyframe));
    expect(res.audioSamples.length).toBe(aac.frames.length);
  });
});

describe.each(['codec12', 'enhanced'] as const)('FLV H.265 (%s form)', (hevcForm) => {
  it('is understood by mpegts.js: codec, size, every frame and keyframe', async () => {
    const res = await demuxWithMpegts(muxMessages(h265, interleave(h265), { hevcForm }, false));
    expect(res.errors).toEqual([]);
    expect(res.warnings).toEqual([]);
    expect(res.mediaInfo.videoCodec).toMatch(/^hvc1\./);
    expect([res.mediaInfo.width, res.mediaInfo.height]).toEqual([h265.track.width, h265.track.height]);
    expect(res.videoSamples.length).toBe(h265.units.length);
    expect(res.videoSamples.map((s) => s.isKeyframe)).toEqual(h265.units.map((u) => u.keyframe));
    expect(res.videoSamples.map((s) => s.dts)).toEqual(h265.units.map((_, i) => i * 40));
    // The NAL units come back byte for byte (after the 4-byte length prefix).
    const first = res.videoSamples[0].units.map((u) => Buffer.from(u.data.subarray(4)).toString('hex'));
    expect(first).toEqual(h265.units[0].nalus.filter((n) => ((n[0] >> 1) & 0x3f) !== 35).map((n) => Buffer.from(n).toString('hex')));
  });

  it('has the expected tag structure', () => {
    const flv = Buffer.concat(muxMessages(h265, interleave(h265), { hevcForm }, false));
    const tags = walkTags(flv);
    expect(tags[0].type).toBe(18); // onMetaData
    const video = tags.filter((t) => t.type === 9);
    expect(video.length).toBe(h265.units.length + 1);
    const seq = video[0].body;
    if (hevcForm === 'codec12') {
      expect(seq[0]).toBe(0x1c); // keyframe, codec id 12
      expect(seq[1]).toBe(0); // sequence header
      expect(video[1].body[0] & 0x0f).toBe(12);
    } else {
      expect(seq[0]).toBe(0x90); // ex-header, keyframe, SequenceStart
      expect(String.fromCharCode(...seq.subarray(1, 5))).toBe('hvc1');
      expect(video[1].body[0] & 0x8f).toBe(0x83); // CodedFramesX: cts is 0 without B-frames
    }
    expect(seq[5]).toBe(1); // hvcC configurationVersion, after the 5-byte header in both forms
    expect(video.slice(1).map((t) => t.timestamp)).toEqual(h265.units.map((_, i) => i * 40));
  });
});

describe('zero-copy parts', () => {
  it.each(['codec12', 'enhanced'] as const)('pushParts() equals push() byte for byte (H.264 + AAC, H.265 %s)', (hevcForm) => {
    for (const [clip, audio] of [[h264, true], [h265, false]] as const) {
      const tracks = audio ? { video: clip.track, audio: aac.track } : { video: clip.track };
      const a = new FlvMuxer(tracks, { hevcForm });
      const b = new FlvMuxer(tracks, { hevcForm });
      for (const s of interleave(clip, audio ? aac.frames : [])) {
        const one = a.push(s);
        const parts = b.pushParts(s);
        expect(parts === undefined).toBe(one === undefined);
        if (one && parts) expect(Buffer.concat(parts).equals(one)).toBe(true);
      }
    }
  });
});

describe('mpegts.js harness', () => {
  it('does notice a damaged stream (so the clean results above mean something)', async () => {
    const msgs = muxMessages(h264, h264.units.slice(0, 5), {}, false);
    const tag = Uint8Array.from(msgs[1]);
    tag[tag.length - 1] ^= 0x01; // PreviousTagSize off by one
    const res = await demuxWithMpegts([msgs[0], tag, ...msgs.slice(2)]);
    expect(res.warnings.join('\n')).toMatch(/PrevTagSize/);
  });
});

describe('FLV start', () => {
  it('drops video before the first keyframe and audio before the first video frame', () => {
    const m = new FlvMuxer({ video: h264.track, audio: aac.track });
    const nonKey = h264.units.find((u) => !u.keyframe)!;
    expect(m.push(aac.frames[0])).toBeUndefined();
    expect(m.push(nonKey)).toBeUndefined();
    expect(m.push(h264.units[0])).toBeDefined();
    expect(m.push(aac.frames[1])).toBeDefined();
  });

  it('announces no audio for G.711 (mpegts.js cannot play it)', () => {
    const m = new FlvMuxer({ video: h264.track, audio: { codec: 'pcma', sampleRate: 8000, channels: 1 } });
    expect(m.hasAudio).toBe(false);
    expect(m.start()[4]).toBe(1); // header flags: video only
  });
});
