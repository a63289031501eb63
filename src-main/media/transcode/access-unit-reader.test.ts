import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAssetsDir } from '../../demo/assets-dir.js';
import { readAnnexBAccessUnits, splitAnnexB } from '../../demo/rtsp/index.js';
import type { VideoCodec } from '../types.js';
import { AccessUnitReader, type StreamedAccessUnit } from './access-unit-reader.js';
import { AnnexBSplitter } from './annexb-splitter.js';

const demoDir = path.join(resolveAssetsDir(), 'demo');
const clips: Array<{ codec: VideoCodec; file: string }> = [
  { codec: 'h264', file: 'demo-h264.h264' },
  { codec: 'h265', file: 'demo-h265.h265' },
];

/** Deterministic pseudo-random chunk sizes (1..max), so failures reproduce. */
function chunked(data: Uint8Array, max: number, seed: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let s = seed;
  for (let o = 0; o < data.length; ) {
    s = (s * 1103515245 + 12345) >>> 0;
    const n = 1 + (s % max);
    out.push(data.subarray(o, o + n));
    o += n;
  }
  return out;
}

function readStreaming(codec: VideoCodec, chunks: Uint8Array[]): StreamedAccessUnit[] {
  const reader = new AccessUnitReader(codec);
  const units: StreamedAccessUnit[] = [];
  for (const c of chunks) units.push(...reader.push(c));
  units.push(...reader.end());
  return units;
}

function expectSameUnits(actual: StreamedAccessUnit[], expected: Array<{ nalus: Uint8Array[]; keyframe: boolean }>): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((u, i) => {
    expect(u.keyframe, `unit ${i} keyframe`).toBe(expected[i]!.keyframe);
    expect(u.nalus.map((n) => Buffer.from(n).toString('hex')), `unit ${i} NAL units`).toEqual(expected[i]!.nalus.map((n) => Buffer.from(n).toString('hex')));
  });
}

describe('AnnexBSplitter', () => {
  it('finds 3- and 4-byte start codes split across chunks, ignores leading garbage, trims trailing zeros', () => {
    const stream = new Uint8Array([0xff, 0xee, 0, 0, 0, 1, 0x67, 0xaa, 0, 0, 1, 0x68, 0xbb, 0, 0, 0, 0, 1, 0x65, 0x88, 0x84, 0, 0]);
    const whole = new AnnexBSplitter();
    const expected = [...whole.push(stream), ...whole.end()].map((n) => Array.from(n));
    expect(expected).toEqual([[0x67, 0xaa], [0x68, 0xbb], [0x65, 0x88, 0x84]]);
    // Every split point, one byte at a time included.
    for (let cut = 1; cut < stream.length; cut++) {
      const s = new AnnexBSplitter();
      const got = [...s.push(stream.subarray(0, cut)), ...s.push(stream.subarray(cut)), ...s.end()].map((n) => Array.from(n));
      expect(got, `cut at ${cut}`).toEqual(expected);
    }
    const bytewise = new AnnexBSplitter();
    const got: number[][] = [];
    for (const b of stream) got.push(...bytewise.push(new Uint8Array([b])).map((n) => Array.from(n)));
    got.push(...bytewise.end().map((n) => Array.from(n)));
    expect(got).toEqual(expected);
  });

  it('emits a unit only once the next start code has arrived, and holds no more than the unit in progress', () => {
    const s = new AnnexBSplitter();
    expect(s.push(new Uint8Array([0, 0, 0, 1, 0x67, 1, 2, 3]))).toEqual([]);
    expect(Array.from(s.pendingHead(2)!)).toEqual([0x67, 1]);
    const done = s.push(new Uint8Array([4, 0, 0, 1, 0x68]));
    expect(done.map((n) => Array.from(n))).toEqual([[0x67, 1, 2, 3, 4]]);
    expect(s.bufferedBytes).toBe(1);
  });

  it('returns copies: later input does not change units already returned', () => {
    const clip = new Uint8Array(readFileSync(path.join(demoDir, 'demo-h264.h264')));
    const s = new AnnexBSplitter();
    const first = s.push(clip.subarray(0, 20_000));
    const snapshot = first.map((n) => Buffer.from(n).toString('hex'));
    s.push(clip.subarray(20_000, 200_000));
    expect(first.map((n) => Buffer.from(n).toString('hex'))).toEqual(snapshot);
    expect(first.map((n) => Buffer.from(n).toString('hex'))).toEqual(splitAnnexB(clip.subarray(0, 20_000)).slice(0, first.length).map((n) => Buffer.from(n).toString('hex')));
  });
});

describe('AccessUnitReader', () => {
  for (const { codec, file } of clips) {
    it(`${codec}: streaming in random chunks gives the same units as the whole-file reader`, () => {
      const clip = new Uint8Array(readFileSync(path.join(demoDir, file)));
      const expected = readAnnexBAccessUnits(codec, clip);
      expect(expected.length).toBe(250);
      for (const [max, seed] of [[7, 1], [1500, 2], [65536, 3]] as const) expectSameUnits(readStreaming(codec, chunked(clip, max, seed)), expected);
    });
  }

  it('joins multi-slice pictures and honours AUDs (real x264 output with 4 slices and AUDs)', () => {
    const out = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', path.join(demoDir, 'demo-h264.h264'), '-frames:v', '30', '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '10', '-bf', '0', '-x264-params', 'slices=4:aud=1', '-f', 'h264', 'pipe:1'], { maxBuffer: 64 << 20 });
    const stream = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    const units = readStreaming('h264', chunked(stream, 4000, 9));
    expect(units.length).toBe(30);
    units.forEach((u, i) => {
      expect(u.nalus[0]![0]! & 0x1f, `unit ${i} starts with an AUD`).toBe(9);
      expect(u.nalus.filter((n) => (n[0]! & 0x1f) === 1 || (n[0]! & 0x1f) === 5).length, `unit ${i} slices`).toBe(4);
      expect(u.keyframe).toBe(i % 10 === 0);
    });
    expectSameUnits(units, readAnnexBAccessUnits('h264', stream));
  });

  it('closes a unit as soon as the first bytes of the next picture arrive, not one unit later', () => {
    const clip = new Uint8Array(readFileSync(path.join(demoDir, 'demo-h264.h264')));
    const expected = readAnnexBAccessUnits('h264', clip);
    const reader = new AccessUnitReader('h264');
    let emitted = 0;
    let offset = 0;
    for (let k = 1; k < 40; k++) {
      // Up to and including the NAL header and first slice-header byte of unit k's first NAL unit.
      const firstNal = expected[k]!.nalus[0]!;
      const upTo = firstNal.byteOffset - clip.byteOffset + 2;
      emitted += reader.push(clip.subarray(offset, upTo)).length;
      offset = upTo;
      expect(emitted, `after the head of unit ${k}`).toBe(k);
    }
  });
});
