import { describe, expect, it } from 'vitest';
import { scrollToShow, windowRange } from './window-range.js';

describe('windowRange', () => {
  it('draws the rows in view and a few either side', () => {
    expect(windowRange(1000, 24, 0, 240, 8)).toEqual({ start: 0, end: 19 });
    expect(windowRange(1000, 24, 2400, 240, 8)).toEqual({ start: 92, end: 119 });
  });

  it('stops at the end of the list', () => {
    expect(windowRange(1000, 24, 24 * 995, 240, 8)).toEqual({ start: 987, end: 1000 });
    expect(windowRange(10, 24, 5000, 240, 8)).toEqual({ start: 1, end: 10 });
  });

  it('draws nothing for no rows', () => {
    expect(windowRange(0, 24, 0, 240)).toEqual({ start: 0, end: 0 });
  });

  it('keeps the number drawn small for a long list', () => {
    const { start, end } = windowRange(100_000, 24, 24 * 50_000, 600, 8);
    expect(end - start).toBeLessThanOrEqual(43);
  });
});

describe('scrollToShow', () => {
  it('scrolls only as far as needed', () => {
    expect(scrollToShow(5, 24, 0, 240)).toBe(0);
    expect(scrollToShow(10, 24, 0, 240)).toBe(24 * 11 - 240);
    expect(scrollToShow(2, 24, 240, 240)).toBe(48);
  });
});
