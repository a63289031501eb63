// Reads a real per-frame fragmented MP4 made by ffmpeg and checks every fragment against
// ffprobe's own packet list.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInitSegment, isSyncSample, readFragmentInfo, readInitTimescale } from './fmp4-boxes.js';

let dir = '';
let init: Uint8Array;
let fragments: Uint8Array[] = [];
let probed: { dts: number; key: boolean; duration: number }[] = [];

/** Split the file into init (ftyp+moov) and moof+mdat pairs, the way the gateway sends them. */
function split(file: Uint8Array): { init: Uint8Array; fragments: Uint8Array[] } {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const top: { type: string; start: number; end: number }[] = [];
  for (let off = 0; off < file.byteLength; ) {
    const size = view.getUint32(off);
    top.push({ type: String.fromCharCode(...file.subarray(off + 4, off + 8)), start: off, end: off + size });
    off += size;
  }
  const moovEnd = top.find((b) => b.type === 'moov')!.end;
  const frags: Uint8Array[] = [];
  for (let i = 0; i < top.length; i++) {
    if (top[i]!.type === 'moof') frags.push(file.subarray(top[i]!.start, top[i + 1]!.end));
  }
  return { init: file.subarray(0, moovEnd), fragments: frags };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sw-fmp4-'));
  const out = join(dir, 'per-frame.mp4');
  // GOP 5 so there are keyframes at 0, 5, 10; 90 kHz like the gateway.
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-frames:v', '12', '-c:v', 'libx264', '-g', '5', '-bf', '0', '-video_track_timescale', '90000', '-movflags', 'empty_moov+default_base_moof+frag_every_frame', '-f', 'mp4', out]);
  ({ init, fragments } = split(new Uint8Array(readFileSync(out))));
  const json = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=dts,duration,flags', '-of', 'json', out], { encoding: 'utf8' });
  const packets = (JSON.parse(json) as { packets: { dts: number; duration: number; flags: string }[] }).packets;
  probed = packets.map((p) => ({ dts: p.dts, duration: p.duration, key: p.flags.includes('K') }));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
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
