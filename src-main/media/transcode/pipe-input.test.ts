import { describe, expect, it } from 'vitest';
import { splitAnnexB } from '../codec/index.js';
import type { HubStatus } from '../hub/hub-types.js';
import type { VideoAccessUnit, VideoTrackInfo } from '../types.js';
import { pipeBytes } from './pipe-input.js';
import { sourceVerdict } from './source-status.js';
import { TimingQueue } from './timing-queue.js';

// Fake NAL units: only the header bytes matter here (H.265 type in bits 1-6 of the first byte).
const h265 = (type: number, ...rest: number[]): Uint8Array => new Uint8Array([type << 1, 1, ...rest]);
const VPS = h265(32, 0xaa);
const SPS = h265(33, 0xbb);
const PPS = h265(34, 0xcc);
const IDR = h265(19, 0x80, 0x11);
const TRAIL = h265(1, 0x80, 0x22);
const AUD = h265(35, 0x50);
const track = { codec: 'h265', vps: h265(32, 0x01), sps: h265(33, 0x02), pps: h265(34, 0x03), width: 64, height: 64, codecString: 'hvc1' } as VideoTrackInfo;
const unit = (nalus: Uint8Array[], keyframe: boolean): VideoAccessUnit => ({ kind: 'video', codec: 'h265', nalus, keyframe, pts90k: 0, dts90k: 0, receivedAt: 0 });
const types = (bytes: Uint8Array): number[] => splitAnnexB(bytes).map((n) => (n[0]! >> 1) & 0x3f);

describe('pipeBytes', () => {
  it('puts the track parameter sets in front of a keyframe that lacks them, in VPS/SPS/PPS order', () => {
    const out = pipeBytes(unit([PPS, IDR], true), track);
    expect(types(out)).toEqual([32, 33, 34, 34, 19, 35]);
    expect([...splitAnnexB(out)[0]!]).toEqual([...track.vps!]);
  });

  it('leaves keyframes with their own parameter sets and other pictures alone', () => {
    expect(types(pipeBytes(unit([VPS, SPS, PPS, IDR], true), track))).toEqual([32, 33, 34, 19, 35]);
    expect(types(pipeBytes(unit([TRAIL], false), track))).toEqual([1, 35]);
  });

  it('ends every unit with one delimiter, dropping the unit\'s own', () => {
    const out = pipeBytes(unit([AUD, TRAIL], false), track);
    expect(types(out)).toEqual([1, 35]);
    expect([...out.subarray(0, 4)]).toEqual([0, 0, 0, 1]);
    const h264 = pipeBytes({ ...unit([new Uint8Array([0x09, 0xf0]), new Uint8Array([0x41, 0x9a])], false), codec: 'h264' }, track);
    expect([...h264]).toEqual([0, 0, 0, 1, 0x41, 0x9a, 0, 0, 0, 1, 0x09, 0xf0]);
  });
});

describe('TimingQueue', () => {
  it('hands out timings in presentation order, which is decode order without B-frames', () => {
    const q = new TimingQueue();
    for (const pts of [0, 3600, 7200]) q.push({ pts90k: pts, receivedAt: pts / 90 });
    expect(q.take()).toEqual({ pts90k: 0, receivedAt: 0 });
    // A reordered stream (decode order I P B) comes out of the decoder as I B P.
    q.push({ pts90k: 14400, receivedAt: 1 });
    q.push({ pts90k: 10800, receivedAt: 2 });
    expect([q.take(), q.take(), q.take(), q.take()].map((t) => t?.pts90k)).toEqual([3600, 7200, 10800, 14400]);
    expect(q.take()).toBeUndefined();
  });
});

describe('sourceVerdict', () => {
  const st = (state: HubStatus['state'], errorCode?: HubStatus['errorCode']): HubStatus => ({ key: 'cam:main', state, since: 0, ...(errorCode ? { errorCode } : {}) });
  it('maps the source states', () => {
    expect(sourceVerdict(st('auth_failed', 'auth_failed'), true)).toMatchObject({ action: 'close', error: { code: 'auth_failed' } });
    expect(sourceVerdict(st('offline', 'unsupported_codec'), false)).toMatchObject({ action: 'close', error: { code: 'unsupported_codec' } });
    expect(sourceVerdict(st('offline'), false)).toEqual({ action: 'close' });
    expect(sourceVerdict(st('reconnecting', 'unreachable'), false)).toMatchObject({ action: 'close', error: { code: 'unreachable' } });
    expect(sourceVerdict(st('reconnecting', 'unreachable'), true)).toEqual({ action: 'none' });
    expect(sourceVerdict(st('stalled'), false)).toEqual({ action: 'stalled' });
    expect(sourceVerdict(st('live'), false)).toEqual({ action: 'none' });
    expect(sourceVerdict(st('connecting'), true)).toEqual({ action: 'none' });
  });
});
