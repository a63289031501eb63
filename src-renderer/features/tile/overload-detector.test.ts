// When the page is called overloaded, and when it tries full rate again, sample by sample.
import { describe, expect, it } from 'vitest';
import { OverloadDetector, type TileRates } from './overload-detector.js';

const tiles = (n: number, fps: number, receivedFps = 25, keyframesOnly = false): TileRates[] => Array.from({ length: n }, () => ({ fps, receivedFps, keyframesOnly }));

/** Feeds one sample a second from `start`; returns the answers. */
function run(d: OverloadDetector, start: number, samples: TileRates[][]): boolean[] {
  return samples.map((s, i) => d.sample(start + i * 1000, s));
}

describe('OverloadDetector', () => {
  it('calls it overload after three seconds of presenting under 80 % of what arrives, not before', () => {
    const d = new OverloadDetector();
    expect(run(d, 0, [tiles(16, 18), tiles(16, 18), tiles(16, 18)])).toEqual([false, false, true]);
  });

  it('a good second in between starts the count again; keeping up is never overload', () => {
    const d = new OverloadDetector();
    expect(run(d, 0, [tiles(16, 18), tiles(16, 18), tiles(16, 24), tiles(16, 18), tiles(16, 18)])).toEqual([false, false, false, false, false]);
    expect(run(d, 10_000, Array.from({ length: 10 }, () => tiles(16, 21)))).toEqual(Array(10).fill(false));
  });

  it('needs four tiles at full rate: one jittery camera is not the machine', () => {
    const d = new OverloadDetector();
    expect(run(d, 0, Array.from({ length: 5 }, () => [...tiles(3, 5), ...tiles(6, 1, 1)]))).toEqual(Array(5).fill(false));
  });

  it('holds 60 s, tries full rate again, and holds twice as long when the overload comes straight back', () => {
    const d = new OverloadDetector();
    run(d, 0, [tiles(16, 10), tiles(16, 10), tiles(16, 10)]);
    const degraded = [...tiles(15, 1, 1, true), ...tiles(1, 25)];
    expect(d.sample(61_000, degraded)).toBe(true);
    expect(d.sample(62_000, degraded)).toBe(false); // 60 s after 2 000: try again
    expect(run(d, 63_000, [tiles(16, 10), tiles(16, 10), tiles(16, 10)])).toEqual([false, false, true]);
    expect(d.holdMs).toBe(120_000);
    expect(d.sample(184_000, degraded)).toBe(true);
    expect(d.sample(185_000, degraded)).toBe(false);
    // Back after longer than 30 s of full rate: the hold starts from 60 s again.
    run(d, 300_000, [tiles(16, 10), tiles(16, 10), tiles(16, 10)]);
    expect(d.holdMs).toBe(60_000);
  });

  it('returns to full rate at once when the wall shrinks under what the page managed to present', () => {
    const d = new OverloadDetector();
    // 16 tiles of 25 fps asked 400 frames a second; the page presented 160.
    run(d, 0, [tiles(16, 10), tiles(16, 10), tiles(16, 10)]);
    expect(d.sample(3000, tiles(9, 1, 1, true))).toBe(true); // 225 asked: still too many
    expect(d.sample(4000, tiles(5, 1, 1, true))).toBe(false); // 125 asked: fits in 80 % of 160
  });
});
