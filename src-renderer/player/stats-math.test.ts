import { describe, expect, it } from 'vitest';
import { ArrivalLog, ingestWallMs, percentile, RateWindow, RecentSamples } from './stats-math.js';

describe('RateWindow', () => {
  it('turns per-message byte counts into a rate over the window', () => {
    const w = new RateWindow(2000);
    // 25 messages/s of 5000 bytes = 125 kB/s = 1 Mbit/s
    for (let t = 0; t <= 4000; t += 40) w.add(t, 5000);
    expect(w.perSecond(4000)).toBeCloseTo(125_000, -3);
    expect(w.count).toBe(5000 * 101);
  });
  it('follows an absolute counter (presentedFrames) and forgets old history', () => {
    const w = new RateWindow(2000);
    let frames = 0;
    for (let t = 0; t <= 3000; t += 40) w.record(t, frames++); // 25 fps
    for (let t = 3040; t <= 6000; t += 100) w.record(t, frames++); // then 10 fps
    expect(w.perSecond(6000)).toBeCloseTo(10, 0);
  });
  it('reports 0 for a silent stream and with a single sample', () => {
    const w = new RateWindow(2000);
    expect(w.perSecond(0)).toBe(0);
    w.add(0, 100);
    expect(w.perSecond(10)).toBe(0);
    w.add(40, 100);
    expect(w.perSecond(40)).toBeGreaterThan(0);
    expect(w.perSecond(5000)).toBe(0);
  });
});

describe('percentile / RecentSamples', () => {
  it('nearest rank', () => {
    const v = [50, 10, 40, 20, 30];
    expect(percentile(v, 50)).toBe(30);
    expect(percentile(v, 95)).toBe(50);
    expect(percentile(v, 0)).toBe(10);
    expect(percentile([], 50)).toBeNull();
  });
  it('keeps only the newest samples', () => {
    const r = new RecentSamples(3);
    for (const v of [1000, 1000, 1000, 10, 20, 30]) r.push(v);
    expect(r.median()).toBe(20);
  });
});

describe('ArrivalLog', () => {
  it('finds the arrival of a presented frame by media time, tolerating float rounding', () => {
    const log = new ArrivalLog(10);
    for (let i = 0; i < 20; i++) log.add({ mediaSec: 100 + i * 0.04, arrivedMs: 5000 + i * 40, ingestWallMs: null });
    expect(log.lookup(100 + 15 * 0.04 + 0.0005)?.arrivedMs).toBe(5000 + 15 * 40);
    expect(log.lookup(100.02)).toBeNull(); // between frames
    expect(log.lookup(100)).toBeNull(); // fell out of the capacity
  });
});

describe('ingestWallMs', () => {
  it('maps a decode time to the gateway wall clock through the latest clock pair', () => {
    const clock = { dts: 900_000, wallMs: 1_700_000_000_000 };
    expect(ingestWallMs(clock, 900_000 + 90_000 * 2, 90_000)).toBe(1_700_000_002_000);
    expect(ingestWallMs(clock, 900_000 - 3600, 90_000)).toBe(1_700_000_000_000 - 40);
  });
});
