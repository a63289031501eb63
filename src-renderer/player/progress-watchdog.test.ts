import { describe, expect, it } from 'vitest';
import { ProgressTracker } from './progress-watchdog.js';

describe('ProgressTracker', () => {
  it('reports stalled once after silence, resumed on progress, dead after the long timeout', () => {
    const t = new ProgressTracker({ stalledAfterMs: 1000, noDataTimeoutMs: 5000 }, 0);
    expect(t.sample(100, 1)).toBeNull();
    expect(t.sample(600, 2)).toBeNull();
    expect(t.sample(1500, 2)).toBeNull(); // 900 ms silent
    expect(t.sample(1700, 2)).toBe('stalled');
    expect(t.sample(2500, 2)).toBeNull(); // reported once
    expect(t.sample(3000, 3)).toBe('resumed');
    expect(t.sample(3500, 3)).toBeNull();
    expect(t.sample(4100, 3)).toBe('stalled');
    expect(t.sample(7900, 3)).toBeNull();
    expect(t.sample(8100, 3)).toBe('dead');
  });
});
