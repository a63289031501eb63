// Reads a real per-frame fragmented MP4 made by ffmpeg and checks every fragment against
// ffprobe's own packet list.
import { beforeAll, describe, expect, it } from 'vitest';
import { makePerFrameMp4, type PerFrameMp4 } from '../../e2e/fixtures/player-harness/ffmpeg-fragments.js';
import { isInitSegment, isSyncSample, readFragmentInfo, readInitTimescale } from './fmp4-boxes.js';

let init: Uint8Array;
let fragments: Uint8Array[] = [];
let probed: PerFrameMp4['probed'] = [];

beforeAll(() => {
  // GOP 5 so there are keyframes at 0, 5, 10; 90 kHz like the gateway.
  ({ init, fragments, probed } = makePerFrameMp4(12, 5));
});

describe('fmp4 box reading on ffmpeg output', () => {
  it('tells the init segment from fragments and reads its timescale', () => {
    expect(isInitSegment(init)).toBe(true);
    expect(isInitSegment(fragments[0]!)).toBe(false);
    expect(readInitTimescale(init)).toBe(90000);
  });

  it('reads decode time, duration and keyframe flag of every fragment like ffprobe does', () => {
    expect(fragments.length).toBe(12);
    expect(probed.length).toBe(12);
    const read = fragments.map((f) => readFragmentInfo(f)!);
    expect(read.map((r) => r.baseDecodeTime)).toEqual(probed.map((p) => p.dts));
    expect(read.map((r) => r.keyframe)).toEqual(probed.map((p) => p.key));
    expect(read.map((r) => r.sampleCount)).toEqual(Array(12).fill(1));
    // ffmpeg knows each frame's duration (it writes on the next packet): 3600 ticks at 25 fps.
    expect(read.slice(0, -1).map((r) => r.durationTicks)).toEqual(Array(11).fill(3600));
  });

  it('reads one message holding several fragments as one span (a coalesced burst)', () => {
    const joined = new Uint8Array(fragments[0]!.byteLength + fragments[1]!.byteLength);
    joined.set(fragments[0]!, 0);
    joined.set(fragments[1]!, fragments[0]!.byteLength);
    expect(readFragmentInfo(joined)).toEqual({ baseDecodeTime: 0, durationTicks: 7200, sampleCount: 2, keyframe: true });
  });

  it('returns null for bytes that are not a fragment, and survives truncation', () => {
    expect(readFragmentInfo(init)).toBeNull();
    expect(readFragmentInfo(new Uint8Array([0, 0, 0, 8]))).toBeNull();
    expect(readFragmentInfo(fragments[3]!.subarray(0, 40))).toBeNull();
  });
});

describe('isSyncSample', () => {
  it('decodes ISO sample_flags', () => {
    expect(isSyncSample(0x02000000)).toBe(true); // depends on nothing
    expect(isSyncSample(0x01010000)).toBe(false); // depends on others, non-sync
    expect(isSyncSample(0x00010000)).toBe(false); // non-sync bit
    expect(isSyncSample(0)).toBe(true);
  });
});
