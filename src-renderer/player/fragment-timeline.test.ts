import { describe, expect, it } from 'vitest';
import type { FragmentInfo } from './fmp4-boxes.js';
import { FragmentTimeline } from './fragment-timeline.js';

const TS = 90_000;
const frame = (dts: number, keyframe = false, durationTicks = 3600): FragmentInfo => ({ baseDecodeTime: dts, durationTicks, sampleCount: 1, keyframe });

describe('FragmentTimeline', () => {
  it('places fragments at their own decode time (segments mode) and estimates the frame interval', () => {
    const t = new FragmentTimeline(TS);
    const placed = [0, 1, 2, 3].map((i) => t.place(frame(900_000 + i * 3600, i === 0)));
    expect(placed.map((p) => p.startSec)).toEqual([10, 10.04, 10.08, 10.12].map((x) => expect.closeTo(x, 9)));
    expect(placed.every((p) => p.timestampOffset === 0 && !p.spliced)).toBe(true);
    expect(t.frameMs).toBeCloseTo(40, 5);
  });

  it('keeps a real frame gap (a dropped camera frame) as a gap', () => {
    const t = new FragmentTimeline(TS);
    t.place(frame(0, true));
    const p = t.place(frame(7200)); // one frame missing
    expect(p.startSec).toBeCloseTo(0.08, 9);
    expect(p.spliced).toBe(false);
  });

  it('splices a timestamp reset onto the end of what is buffered', () => {
    const t = new FragmentTimeline(TS);
    for (let i = 0; i < 50; i++) t.place(frame(i * 3600, i === 0)); // 0 .. 2 s
    const p = t.place(frame(0, true)); // upstream restarted at 0
    expect(p.spliced).toBe(true);
    expect(p.startSec).toBeCloseTo(2, 9);
    expect(p.timestampOffset).toBeCloseTo(2, 9);
    const q = t.place(frame(3600));
    expect(q.startSec).toBeCloseTo(2.04, 9);
    expect(q.spliced).toBe(false);
  });

  it('splices a large forward jump too, but not a 1 s camera hiccup', () => {
    const t = new FragmentTimeline(TS);
    t.place(frame(0, true));
    expect(t.place(frame(90_000)).spliced).toBe(false);
    expect(t.place(frame(90_000 * 60)).spliced).toBe(true);
  });

  it('remembers keyframes for trimming and forgets trimmed ones', () => {
    const t = new FragmentTimeline(TS);
    for (let i = 0; i < 100; i++) t.place(frame(i * 3600, i % 25 === 0)); // keyframes each second
    expect(t.keyframeAtOrBefore(2.5)).toBeCloseTo(2, 9);
    expect(t.keyframeAtOrBefore(-1)).toBeNull();
    t.forgetBefore(2);
    expect(t.keyframeAtOrBefore(1.5)).toBeNull();
    expect(t.keyframeAtOrBefore(3.99)).toBeCloseTo(3, 9);
  });

  it('uses the frame estimate for a fragment without durations', () => {
    const t = new FragmentTimeline(TS);
    const p = t.place(frame(0, true, 0));
    expect(p.endSec - p.startSec).toBeCloseTo(0.04, 9);
  });
});

describe('FragmentTimeline.trimRange', () => {
  it('cuts just before the keyframe that starts the kept data, never through a GOP', () => {
    const t = new FragmentTimeline(TS);
    for (let i = 0; i < 500; i++) t.place(frame(i * 3600, i % 50 === 0)); // 20 s, keyframe every 2 s
    // Keep from 13.1 s: the GOP starting at 12 s must stay whole.
    const r = t.trimRange(0, 13.1, 1)!;
    expect(r.start).toBe(0);
    expect(r.end).toBeCloseTo(11.99, 9);
    // Already trimmed: nothing more until another GOP falls behind.
    expect(t.trimRange(11.99, 13.9, 1)).toBeNull();
    expect(t.trimRange(11.99, 14.1, 1)?.end).toBeCloseTo(13.99, 9);
  });
  it('frees nothing when the gain is below the minimum or no keyframe is old enough', () => {
    const t = new FragmentTimeline(TS);
    for (let i = 0; i < 100; i++) t.place(frame(i * 3600, i % 50 === 0));
    expect(t.trimRange(0, 1.5, 1)).toBeNull(); // only the keyframe at 0
    expect(t.trimRange(0, 2.5, 3)).toBeNull(); // would free 2 s < 3 s
    expect(t.trimRange(0, 2.5, 0)?.end).toBeCloseTo(1.99, 9);
  });
});
