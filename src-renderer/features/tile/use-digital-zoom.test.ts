import { describe, expect, it } from 'vitest';
import { clampZoom, MAX_ZOOM, zoomAbout } from './use-digital-zoom.js';

describe('digital zoom', () => {
  it('keeps the point under the pointer where it was', () => {
    const z = zoomAbout({ scale: 1, x: 0, y: 0 }, 2, 100, 50, 400, 200);
    expect(z).toEqual({ scale: 2, x: -100, y: -50 });
    // The tile point (100, 50) shows picture point ((100 - x) / scale, ...) = (100, 50) still.
    expect((100 - z.x) / z.scale).toBe(100);
  });

  it('never shows an empty edge, never goes past the limits, and 1x is no transform', () => {
    expect(clampZoom({ scale: 2, x: 50, y: -500 }, 400, 200)).toEqual({ scale: 2, x: 0, y: -200 });
    expect(zoomAbout({ scale: 6, x: 0, y: 0 }, 4, 0, 0, 400, 200).scale).toBe(MAX_ZOOM);
    expect(zoomAbout({ scale: 1.2, x: -10, y: -10 }, 0.5, 0, 0, 400, 200)).toEqual({ scale: 1, x: 0, y: 0 });
  });
});
