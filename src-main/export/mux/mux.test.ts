// The export MP4: stream copied, checked with ffprobe/ffmpeg and read back byte for byte.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { VideoAccessUnit } from '../../media/types.js';
import { loadDemoClip } from '../../testing/fmp4/demo-units.js';
import { ffmpegAnnexBNalus, probeVideo, readMp4Samples } from '../../testing/export/mp4-check.js';
import { gapsUtc, muxAccessUnits } from './index.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function writeClip(units: VideoAccessUnit[], track: Parameters<typeof muxAccessUnits>[0]): Promise<{ file: string; clip: ReturnType<typeof muxAccessUnits> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skywall-mux-'));
  dirs.push(dir);
  const clip = muxAccessUnits(track, units);
  const parts: Uint8Array[] = [];
  for await (const p of clip.content()) parts.push(p);
  const bytes = Buffer.concat(parts);
  expect(bytes.length).toBe(clip.size);
  const file = path.join(dir, 'clip.mp4');
  await writeFile(file, bytes);
  return { file, clip };
}

/** Units after index `at` moved `by90k` later: a recording gap. */
function withGap(units: VideoAccessUnit[], at: number, by90k: number): VideoAccessUnit[] {
  return units.map((u, i) => (i < at ? u : { ...u, dts90k: u.dts90k + by90k, pts90k: u.pts90k + by90k }));
}

describe.each(['h264', 'h265'] as const)('export MP4 (%s)', (codec) => {
  it('ffprobe sees the codec and every frame; samples and the ffmpeg Annex B copy match the source NAL units byte for byte', async () => {
    const { track, units } = await loadDemoClip(codec);
    const { file } = await writeClip(units, track);
    const probe = await probeVideo(file);
    expect(probe).toMatchObject({ codec_name: codec === 'h264' ? 'h264' : 'hevc', width: track.width, height: track.height });
    expect(Number(probe.nb_read_packets)).toBe(units.length);
    expect(Number(probe.nb_read_frames)).toBe(units.length);
    expect(Number(probe.duration)).toBeCloseTo(units.length / 25, 3);

    const samples = await readMp4Samples(file);
    expect(samples.length).toBe(units.length);
    samples.forEach((nalus, i) => {
      expect(nalus.length).toBe(units[i].nalus.length);
      nalus.forEach((n, k) => expect(Buffer.compare(Buffer.from(n), Buffer.from(units[i].nalus[k]))).toBe(0));
    });
    const fromFfmpeg = await ffmpegAnnexBNalus(file, codec);
    // hevc_mp4toannexb repeats the hvcC parameter sets before the first slice of every
    // keyframe, in-band ones or not; expect exactly that and nothing else.
    const asFfmpegCopies = (u: VideoAccessUnit): Uint8Array[] => {
      if (codec !== 'h265' || !u.keyframe) return u.nalus;
      const firstSlice = u.nalus.findIndex((n) => ((n[0] >> 1) & 0x3f) < 32);
      return [...u.nalus.slice(0, firstSlice), track.vps!, track.sps, track.pps, ...u.nalus.slice(firstSlice)];
    };
    const source = units.flatMap(asFfmpegCopies).map((n) => Buffer.from(n));
    expect(fromFfmpeg.length).toBe(source.length);
    expect(fromFfmpeg.every((n, i) => n.equals(source[i]))).toBe(true);
  });
});

describe('export MP4 timing', () => {
  it('a gap keeps its real length in the timeline and is reported', async () => {
    const { track, units } = await loadDemoClip('h264');
    const gapped = withGap(units, 40, 5 * 90_000);
    const { file, clip } = await writeClip(gapped, track);
    expect(clip.table.gaps).toEqual([{ afterSample: 39, start90k: 40 * 3600, end90k: 40 * 3600 + 5 * 90_000 }]);
    expect(gapsUtc(clip.table, Date.parse('2026-03-01T08:00:00Z'))).toEqual([
      { startUtc: '2026-03-01T08:00:01.600Z', endUtc: '2026-03-01T08:00:06.600Z', durationMs: 5000 },
    ]);
    const probe = await probeVideo(file);
    expect(Number(probe.nb_read_frames)).toBe(units.length);
    expect(Number(probe.duration)).toBeCloseTo(units.length / 25 + 5, 3);
  });

  it('refuses a clip that does not start at a keyframe or goes back in time', async () => {
    const { track, units } = await loadDemoClip('h264');
    expect(() => muxAccessUnits(track, units.slice(1))).toThrow(/keyframe/);
    const back = units.slice(0, 10).map((u, i) => (i === 5 ? { ...u, dts90k: 0 } : u));
    expect(() => muxAccessUnits(track, back)).toThrow(/increase/);
  });
});
