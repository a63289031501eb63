import { describe, expect, it } from 'vitest';
import { frameIndexAt, positionOfFrame, replayClockText } from './replay-time.js';

describe('replay frame arithmetic', () => {
  it('a seek to picture k reads back as picture k, for every picture of a 30 s clip at 25 and 30 fps', () => {
    for (const frameMs of [40, 1000 / 30]) {
      for (let k = 0; k < 900; k++) expect(frameIndexAt(positionOfFrame(k, frameMs), frameMs)).toBe(k);
    }
  });

  it('a presented picture reported at its exact start, or a hair before it, is that picture', () => {
    expect(frameIndexAt(0.4, 40)).toBe(10);
    expect(frameIndexAt(0.3999999, 40)).toBe(10);
    expect(frameIndexAt(0.429, 40)).toBe(10);
    expect(frameIndexAt(0, 40)).toBe(0);
  });

  it('shows local time to the tenth of a second', () => {
    const at = new Date(2026, 11, 3, 9, 5, 7, 980).getTime();
    expect(replayClockText(at)).toBe('09:05:07.9');
  });
});
