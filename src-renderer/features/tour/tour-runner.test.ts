import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prestartMs, TOUR_RESUME_IDLE_MS, TourRunner, type TourPosition } from './tour-runner.js';

describe('TourRunner', () => {
  let seen: TourPosition[];
  let runner: TourRunner | undefined;
  beforeEach(() => {
    vi.useFakeTimers();
    seen = [];
  });
  afterEach(() => {
    runner?.dispose();
    vi.useRealTimers();
  });
  const start = (length: number, dwellMs: number) => (runner = new TourRunner(length, dwellMs, (p) => seen.push(p)));

  it('starts the next camera before its turn, then switches to it, and wraps around', () => {
    const r = start(3, 10_000);
    expect(r.now).toEqual({ step: 0, preparing: false, paused: false });
    vi.advanceTimersByTime(10_000 - prestartMs(10_000) - 1);
    expect(r.now.preparing).toBe(false);
    vi.advanceTimersByTime(1);
    expect(r.now).toEqual({ step: 0, preparing: true, paused: false });
    vi.advanceTimersByTime(prestartMs(10_000));
    expect(r.now).toEqual({ step: 1, preparing: false, paused: false });
    vi.advanceTimersByTime(20_000);
    expect(r.now.step).toBe(0);
    expect(seen.filter((p) => p.preparing).map((p) => p.step)).toEqual([0, 1, 2]);
  });

  it('leaves at least a second of the dwell before the pre-start', () => {
    expect(prestartMs(5000)).toBe(4000);
    expect(prestartMs(3000)).toBe(2000);
    expect(prestartMs(60_000)).toBe(4000);
  });

  it('holds on interaction, drops the prepared camera, and resumes after a quiet spell with a full dwell', () => {
    const r = start(3, 10_000);
    vi.advanceTimersByTime(8000);
    expect(r.now.preparing).toBe(true);
    r.interact();
    expect(r.now).toEqual({ step: 0, preparing: false, paused: true });
    vi.advanceTimersByTime(TOUR_RESUME_IDLE_MS - 1);
    expect(r.now).toEqual({ step: 0, preparing: false, paused: true });
    r.interact(); // another touch restarts the quiet spell
    vi.advanceTimersByTime(TOUR_RESUME_IDLE_MS - 1);
    expect(r.now.paused).toBe(true);
    vi.advanceTimersByTime(1);
    expect(r.now).toEqual({ step: 0, preparing: false, paused: false });
    vi.advanceTimersByTime(9999);
    expect(r.now.step).toBe(0);
    vi.advanceTimersByTime(1);
    expect(r.now.step).toBe(1);
  });

  it('resumes at once when asked', () => {
    const r = start(2, 6000);
    r.interact();
    r.resume();
    expect(r.now.paused).toBe(false);
    vi.advanceTimersByTime(6000);
    expect(r.now.step).toBe(1);
    const before = seen.length;
    vi.advanceTimersByTime(TOUR_RESUME_IDLE_MS); // the idle timer was cancelled: only the dwell moves it
    const switches = seen.slice(before).filter((p) => !p.preparing);
    expect(switches.map((p) => p.step)).toEqual([0, 1, 0, 1, 0]);
    expect(seen.slice(before).some((p) => p.paused)).toBe(false);
  });

  it('does nothing after dispose, and a one-step tour never moves', () => {
    const one = start(1, 5000);
    vi.advanceTimersByTime(60_000);
    expect(one.now).toEqual({ step: 0, preparing: false, paused: false });
    one.dispose();
    const r = start(3, 5000);
    r.dispose();
    const count = seen.length;
    vi.advanceTimersByTime(60_000);
    expect(seen).toHaveLength(count);
  });
});
