// SPS parsers and decoder configuration records checked against ffmpeg/ffprobe on real clips:
// clips encoded here (several profiles, chroma formats, cropping, interlacing) plus the
// committed demo clips (assets/demo/*.h264|*.h265) when they exist.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAvcC } from './avcc.js';
import { h264CodecString, parseH264Sps } from './h264-sps.js';
import { h265CodecString, parseH265Sps } from './h265-sps.js';
import { buildHvcC } from './hvcc.js';
import { h264NalType, h265NalType, splitAnnexB } from './nal.js';
import { type ClipSpec, encodeClip, ffmpegDecoderConfig, probe } from '../../testing/codec/encoded-clips.js';

const DEMO_DIR = join(import.meta.dirname, '../../../assets/demo');

const H264_CLIPS: ClipSpec[] = [
  { name: 'high-cropped', codec: 'h264', size: '320x180', options: ['-profile:v', 'high', '-pix_fmt', 'yuv420p'] },
  { name: 'baseline', codec: 'h264', size: '352x288', options: ['-profile:v', 'baseline', '-pix_fmt', 'yuv420p'] },
  { name: 'high422-odd', codec: 'h264', size: '322x182', options: ['-pix_fmt', 'yuv422p'] },
  { name: 'interlaced-pal', codec: 'h264', size: '704x576', options: ['-pix_fmt', 'yuv420p', '-flags', '+ildct+ilme', '-x264-params', 'interlaced=1'] },
];
const H265_CLIPS: ClipSpec[] = [
  { name: 'main-cropped', codec: 'h265', size: '320x180', options: ['-pix_fmt', 'yuv420p'] },
  { name: 'main10', codec: 'h265', size: '416x240', options: ['-pix_fmt', 'yuv420p10le'] },
];

let dir = '';
const clips: Array<{ label: string; codec: 'h264' | 'h265'; path: string }> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'skywall-sps-'));
  for (const spec of [...H264_CLIPS, ...H265_CLIPS]) {
    clips.push({ label: spec.name, codec: spec.codec, path: await encodeClip(dir, spec, 3) });
  }
  const demo = await readdir(DEMO_DIR).catch(() => [] as string[]);
  for (const f of demo) {
    if (f.endsWith('.h264')) clips.push({ label: `demo ${f}`, codec: 'h264', path: join(DEMO_DIR, f) });
    if (f.endsWith('.h265') || f.endsWith('.hevc')) clips.push({ label: `demo ${f}`, codec: 'h265', path: join(DEMO_DIR, f) });
  }
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function parameterSets(path: string, codec: 'h264' | 'h265') {
  const nalus = splitAnnexB(new Uint8Array(await readFile(path)));
  const type = codec === 'h264' ? h264NalType : h265NalType;
  const find = (t: number) => {
    const n = nalus.find((x) => type(x) === t);
    if (!n) throw new Error(`no NAL type ${t} in ${path}`);
    return n;
  };
  return codec === 'h264' ? { sps: find(7), pps: find(8) } : { vps: find(32), sps: find(33), pps: find(34) };
}

describe('H.264 SPS and avcC', () => {
  it('match ffprobe and ffmpeg for every clip', async () => {
    const h264 = clips.filter((c) => c.codec === 'h264');
    expect(h264.length).toBeGreaterThanOrEqual(H264_CLIPS.length);
    for (const clip of h264) {
      const { sps, pps } = await parameterSets(clip.path, 'h264');
      const info = parseH264Sps(sps);
      const facts = await probe(clip.path);
      expect({ clip: clip.label, w: info.width, h: info.height, level: info.levelIdc }).toEqual({ clip: clip.label, w: facts.width, h: facts.height, level: facts.level });
      const ours = buildAvcC(sps, pps);
      const theirs = await ffmpegDecoderConfig(dir, clip.path, 'h264');
      expect(Buffer.from(ours).toString('hex'), clip.label).toBe(Buffer.from(theirs).toString('hex'));
      const hex = (v: number) => v.toString(16).padStart(2, '0');
      expect(h264CodecString(info)).toBe(`avc1.${hex(theirs[1])}${hex(theirs[2])}${hex(theirs[3])}`);
    }
  });

  it('reports interlaced SPS as field coding with full-frame height', async () => {
    const clip = clips.find((c) => c.label === 'interlaced-pal')!;
    const info = parseH264Sps((await parameterSets(clip.path, 'h264')).sps);
    expect(info.frameMbsOnly).toBe(false);
    expect(info.height).toBe(576);
  });

  it('rejects a truncated SPS instead of returning garbage', async () => {
    const { sps } = await parameterSets(clips[0].path, 'h264');
    expect(() => parseH264Sps(sps.subarray(0, 6))).toThrow();
  });
});

describe('H.265 SPS and hvcC', () => {
  it('match ffprobe and the fields of ffmpeg hvcC for every clip', async () => {
    const h265 = clips.filter((c) => c.codec === 'h265');
    expect(h265.length).toBeGreaterThanOrEqual(H265_CLIPS.length);
    for (const clip of h265) {
      const ps = await parameterSets(clip.path, 'h265');
      const info = parseH265Sps(ps.sps);
      const facts = await probe(clip.path);
      expect({ clip: clip.label, w: info.width, h: info.height, level: info.levelIdc }).toEqual({ clip: clip.label, w: facts.width, h: facts.height, level: facts.level });

      const ours = buildHvcC(ps.vps!, ps.sps, ps.pps);
      const theirs = await ffmpegDecoderConfig(dir, clip.path, 'h265');
      // Bytes 1..12: profile space/tier/profile, compatibility flags, constraint flags, level.
      expect(Buffer.from(ours.subarray(1, 13)).toString('hex'), clip.label).toBe(Buffer.from(theirs.subarray(1, 13)).toString('hex'));
      // Chroma format, bit depths, and the low bits of byte 21 (temporal id nesting, length size).
      expect([ours[16], ours[17], ours[18], ours[21] & 0x07]).toEqual([theirs[16], theirs[17], theirs[18], theirs[21] & 0x07]);
      expect(arraysByType(ours)).toEqual(pickTypes(arraysByType(theirs), [32, 33, 34]));

      const profileIdc = theirs[1] & 0x1f;
      expect(h265CodecString(info).startsWith(`hvc1.${profileIdc}.`)).toBe(true);
      expect(h265CodecString(info)).toContain(`.L${facts.level}`);
    }
  });

  it('writes the Main profile codec string in the RFC 6381 form', async () => {
    const clip = clips.find((c) => c.label === 'main-cropped')!;
    const info = parseH265Sps((await parameterSets(clip.path, 'h265')).sps);
    // Main: profile 1, compatibility flags 1 and 2 set -> reversed hex "6".
    expect(h265CodecString(info)).toMatch(/^hvc1\.1\.6\.L\d+(\.[0-9A-F]{1,2})*$/);
    const main10 = clips.find((c) => c.label === 'main10')!;
    expect(parseH265Sps((await parameterSets(main10.path, 'h265')).sps).bitDepthLuma).toBe(10);
  });
});

// Reads the NAL arrays of an hvcC record: type -> hex of each NAL unit.
function arraysByType(hvcc: Uint8Array): Record<number, string[]> {
  const view = new DataView(hvcc.buffer, hvcc.byteOffset, hvcc.length);
  const out: Record<number, string[]> = {};
  let o = 23;
  for (let a = 0; a < hvcc[22]; a++) {
    const type = hvcc[o] & 0x3f;
    const count = view.getUint16(o + 1);
    o += 3;
    out[type] = [];
    for (let i = 0; i < count; i++) {
      const len = view.getUint16(o);
      out[type].push(Buffer.from(hvcc.subarray(o + 2, o + 2 + len)).toString('hex'));
      o += 2 + len;
    }
  }
  return out;
}

function pickTypes(rec: Record<number, string[]>, types: number[]): Record<number, string[]> {
  return Object.fromEntries(types.map((t) => [t, rec[t]]));
}
