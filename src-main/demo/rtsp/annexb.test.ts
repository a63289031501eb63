import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAssetsDir } from '../assets-dir.js';
import { groupAccessUnits, readAnnexBAccessUnits, splitAnnexB } from './annexb.js';
import { isFirstSliceOfPicture, isVcl, nalType } from './nal-units.js';

const assets = resolveAssetsDir();
const manifest = JSON.parse(readFileSync(path.join(assets, 'demo', 'clips.json'), 'utf8')) as {
  clips: Array<{ id: 'h264' | 'h265'; file: string; codec: 'h264' | 'h265'; frames: number; gop: number }>;
};

function ffprobeFrameCount(file: string): number {
  const out = execFileSync('ffprobe', ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file]);
  return Number(out.toString().trim());
}

describe('Annex-B reader on the committed clips', () => {
  for (const clip of manifest.clips) {
    it(`${clip.id}: one unit per picture, keyframe every ${clip.gop}, parameter sets lead each keyframe`, () => {
      const file = path.join(assets, 'demo', clip.file);
      const units = readAnnexBAccessUnits(clip.codec, new Uint8Array(readFileSync(file)));

      expect(units.length).toBe(ffprobeFrameCount(file));
      expect(units.length).toBe(clip.frames);
      units.forEach((u, i) => expect(u.keyframe, `unit ${i}`).toBe(i % clip.gop === 0));

      const paramTypes = clip.codec === 'h264' ? [7, 8] : [32, 33, 34];
      for (const [i, u] of units.entries()) {
        const types = u.nalus.map((n) => nalType(clip.codec, n));
        const firstSlices = u.nalus.filter((n) => isVcl(clip.codec, n) && isFirstSliceOfPicture(clip.codec, n));
        expect(firstSlices.length, `unit ${i} first slices`).toBe(1);
        // Every non-VCL unit before the first slice, and parameter sets only in keyframes.
        const firstVcl = u.nalus.findIndex((n) => isVcl(clip.codec, n));
        expect(u.nalus.slice(firstVcl).every((n) => isVcl(clip.codec, n) || !paramTypes.includes(nalType(clip.codec, n)))).toBe(true);
        if (u.keyframe) expect(paramTypes.every((t) => types.slice(0, firstVcl).includes(t)), `unit ${i} params`).toBe(true);
        else expect(types.some((t) => paramTypes.includes(t)), `unit ${i} has no params`).toBe(false);
      }
    });
  }
});

describe('Annex-B reader on hand-made streams', () => {
  const sc4 = [0, 0, 0, 1];
  const sc3 = [0, 0, 1];

  it('splits at 3- and 4-byte start codes and drops trailing zero bytes', () => {
    const stream = new Uint8Array([0xff, ...sc4, 0x67, 1, 2, 0, 0, ...sc3, 0x68, 3, ...sc4, 0x65, 0x88, 0, 0, 3, 4]);
    const nalus = splitAnnexB(stream).map((n) => [...n]);
    expect(nalus).toEqual([
      [0x67, 1, 2],
      [0x68, 3],
      [0x65, 0x88, 0, 0, 3, 4],
    ]);
  });

  it('H.264: AUD, multi-slice pictures and SEI grouping', () => {
    const aud = [0x09, 0xf0];
    const sps = [0x67, 0x4d, 0x40, 0x1e];
    const pps = [0x68, 0xee];
    const sei = [0x06, 0x05, 0x01, 0x80];
    const idrFirst = [0x65, 0x88, 0x10]; // first_mb_in_slice = 0
    const idrSecond = [0x65, 0x40, 0x10]; // first_mb_in_slice = 1
    const pFirst = [0x41, 0x9a, 0x01];
    const pSecond = [0x41, 0x22, 0x01];
    const nalus = [aud, sps, pps, sei, idrFirst, idrSecond, pFirst, pSecond, sei, pFirst, aud, pFirst].map((n) => new Uint8Array(n));
    const units = groupAccessUnits('h264', nalus);
    expect(units.map((u) => u.nalus.length)).toEqual([6, 2, 2, 2]);
    expect(units.map((u) => u.keyframe)).toEqual([true, false, false, false]);
    expect(units[2].nalus[0][0]).toBe(0x06); // SEI opens the picture after it
    expect(units[3].nalus[0][0]).toBe(0x09);
  });

  it('H.265: VPS/SPS/PPS/prefix SEI go with the IRAP picture, suffix SEI stays behind', () => {
    const nal = (type: number, ...rest: number[]): Uint8Array => new Uint8Array([type << 1, 1, ...rest]);
    const nalus = [
      nal(32, 0x0c), // VPS
      nal(33, 0x01), // SPS
      nal(34, 0xc1), // PPS
      nal(39, 0x05), // prefix SEI
      nal(19, 0x80), // IDR_W_RADL, first slice segment
      nal(19, 0x20), // second slice segment of the same picture
      nal(40, 0x05), // suffix SEI
      nal(1, 0x80), // TRAIL_R first slice
      nal(1, 0x80), // next picture
    ];
    const units = groupAccessUnits('h265', nalus);
    expect(units.map((u) => u.nalus.map((n) => nalType('h265', n)))).toEqual([[32, 33, 34, 39, 19, 19, 40], [1], [1]]);
    expect(units.map((u) => u.keyframe)).toEqual([true, false, false]);
  });
});
