// Round trip of the benchmark pixel clock (e2e/bench/pixel-clock.ts) on synthetic pictures:
// scaled, range-converted, noisy and cropped frames must read back the stamp; damaged ones must not.
import { describe, expect, it } from 'vitest';
import {
  clockBandHeight,
  decodeClockCells,
  drawPixelClock,
  encodeClockCells,
  readPixelClock,
  type PixelImage,
} from '../e2e/bench/pixel-clock.js';

/** Deterministic noise source (xorshift32). */
function noise(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

function lumaFrame(width: number, height: number, stamp: number): Uint8Array {
  const y = new Uint8Array(width * height).fill(110);
  drawPixelClock(y, width, height, stamp);
  return y;
}

/** Like a browser would show it: rescaled by area averaging, limited range expanded to full, noise added, RGBA. */
function asRgba(luma: Uint8Array, w: number, h: number, outW: number, outH: number, amplitude: number, seed: number, rows = h): PixelImage {
  const rnd = noise(seed);
  const data = new Uint8ClampedArray(outW * outH * 4);
  for (let oy = 0; oy < outH; oy++) {
    for (let ox = 0; ox < outW; ox++) {
      const x0 = Math.floor((ox * w) / outW);
      const x1 = Math.max(x0 + 1, Math.floor(((ox + 1) * w) / outW));
      const y0 = Math.floor((oy * rows) / outH);
      const y1 = Math.max(y0 + 1, Math.floor(((oy + 1) * rows) / outH));
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += luma[y * w + x];
      const mean = sum / ((x1 - x0) * (y1 - y0));
      const full = ((mean - 16) * 255) / 219 + (rnd() - 0.5) * 2 * amplitude;
      const i = (oy * outW + ox) * 4;
      data[i] = data[i + 1] = data[i + 2] = full;
      data[i + 3] = 255;
    }
  }
  return { data, width: outW, height: outH, channels: 4 };
}

describe('pixel clock', () => {
  const stamps = [0, 1, 1_700_000_000_123, 1_763_820_000_999, 2 ** 48 - 1, 2 ** 40 + 12345];

  it('encodes and decodes the cell pattern for edge and typical stamps', () => {
    for (const s of stamps) expect(decodeClockCells(encodeClockCells(s))).toBe(s);
    expect(() => encodeClockCells(-1)).toThrow(RangeError);
    expect(() => encodeClockCells(2 ** 48)).toThrow(RangeError);
    expect(() => encodeClockCells(1.5)).toThrow(RangeError);
  });

  it('rejects a pattern with any single cell flipped', () => {
    const cells = encodeClockCells(1_763_820_000_999);
    for (let i = 0; i < cells.length; i++) {
      const broken = Uint8Array.from(cells);
      broken[i] ^= 1;
      expect(decodeClockCells(broken), `cell ${i}`).toBeUndefined();
    }
  });

  it('reads the stamp from a full luma frame', () => {
    for (const s of stamps) expect(readPixelClock({ data: lumaFrame(640, 360, s), width: 640, height: 360, channels: 1 })).toBe(s);
  });

  it('reads the stamp after scaling down, range conversion and noise', () => {
    const stamp = 1_763_820_001_234;
    const y = lumaFrame(1280, 720, stamp);
    for (const [w, h, amp, seed] of [
      [320, 180, 40, 7],
      [213, 120, 30, 9],
      [1280, 720, 60, 11],
      [960, 720, 40, 13], // different aspect ratio: cells are placed relative to the frame
    ] as const) {
      expect(readPixelClock(asRgba(y, 1280, 720, w, h, amp, seed)), `${w}x${h}`).toBe(stamp);
    }
  });

  it('reads the stamp from only the clock band copied into a small canvas', () => {
    const stamp = Date.UTC(2025, 10, 22, 12, 0, 0, 42);
    const y = lumaFrame(640, 360, stamp);
    const band = clockBandHeight(360);
    expect(band).toBe(160);
    expect(readPixelClock(asRgba(y, 640, 360, 64, 16, 25, 3, band), true)).toBe(stamp);
  });

  it('finds no stamp in a blank or unrelated picture', () => {
    expect(readPixelClock({ data: new Uint8Array(640 * 360).fill(128), width: 640, height: 360, channels: 1 })).toBeUndefined();
    const rnd = noise(5);
    const junk = Uint8Array.from({ length: 320 * 180 }, () => Math.floor(rnd() * 256));
    expect(readPixelClock({ data: junk, width: 320, height: 180, channels: 1 })).toBeUndefined();
  });
});
