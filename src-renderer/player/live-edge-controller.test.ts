import { describe, expect, it } from 'vitest';
import { DEFAULT_LIVE_EDGE, gapSkipTarget, LiveEdgeController, quantizeRate } from './live-edge-controller.js';

const FRAME = 40;

/** Feed one slack sample per frame interval for `ms`, starting at `from`. */
function feed(c: LiveEdgeController, from: number, ms: number, slack: (i: number) => number): number {
  let t = from;
  for (let i = 0; t < from + ms; i++, t += FRAME) c.noteSlack(t, slack(i));
  return t;
}

describe('LiveEdgeController', () => {
  it('keeps rate 1 while the slack stays at the target', () => {
    const c = new LiveEdgeController();
    const t = feed(c, 0, 2000, () => DEFAULT_LIVE_EDGE.targetSlackMs + 5);
    expect(c.decide({ nowMs: t, aheadMs: 60, frameMs: FRAME, sinceStartMs: 10_000 })).toEqual({ kind: 'rate', rate: 1 });
  });

  it('speeds up proportionally to the excess, capped at maxRate', () => {
    const c1 = new LiveEdgeController();
    const t1 = feed(c1, 0, 2000, () => 65); // 50 ms over the 15 ms target
    expect(c1.decide({ nowMs: t1, aheadMs: 105, frameMs: FRAME, sinceStartMs: 10_000 })).toEqual({ kind: 'rate', rate: 1.05 });

    const c2 = new LiveEdgeController();
    const t2 = feed(c2, 0, 2000, () => 415);
    expect(c2.decide({ nowMs: t2, aheadMs: 455, frameMs: FRAME, sinceStartMs: 10_000 })).toEqual({ kind: 'rate', rate: 1.1 });
  });

  it('drains by the window minimum, so one jittery frame with little slack holds the rate at 1', () => {
    const c = new LiveEdgeController();
    // Mostly 120 ms of slack, but one frame came in nearly late (5 ms left).
    const t = feed(c, 0, 1400, (i) => (i === 20 ? 5 : 120));
    expect(c.decide({ nowMs: t, aheadMs: 160, frameMs: FRAME, sinceStartMs: 10_000 })).toEqual({ kind: 'rate', rate: 1 });
    // Once that sample leaves the window the excess is drained again.
    const t2 = feed(c, t, 1600, () => 120);
    const d = c.decide({ nowMs: t2, aheadMs: 160, frameMs: FRAME, sinceStartMs: 10_000 });
    expect(d.kind).toBe('rate');
    expect(d.kind === 'rate' && d.rate).toBeGreaterThan(1);
  });

  it('waits for enough samples before changing the rate', () => {
    const c = new LiveEdgeController();
    c.noteSlack(0, 300);
    c.noteSlack(40, 300);
    expect(c.decide({ nowMs: 80, aheadMs: 340, frameMs: FRAME, sinceStartMs: 10_000 })).toEqual({ kind: 'rate', rate: 1 });
  });

  it('jumps to the live edge when far behind, landing target + one frame from the end', () => {
    const c = new LiveEdgeController();
    feed(c, 0, 1000, () => 800);
    const d = c.decide({ nowMs: 1000, aheadMs: 3000, frameMs: FRAME, sinceStartMs: 60_000 });
    expect(d).toEqual({ kind: 'jump', aheadMs: DEFAULT_LIVE_EDGE.targetSlackMs + FRAME });
    // The pre-jump samples are forgotten: no immediate speed-up from stale data.
    expect(c.minSlackMs(1000)).toBeNull();
  });

  it('does not jump for a buffer just under the threshold in steady state, but does during start-up', () => {
    const c = new LiveEdgeController();
    const ahead = 400;
    expect(c.decide({ nowMs: 0, aheadMs: ahead, frameMs: FRAME, sinceStartMs: 60_000 }).kind).toBe('rate');
    expect(c.decide({ nowMs: 0, aheadMs: ahead, frameMs: FRAME, sinceStartMs: 500 }).kind).toBe('jump');
  });

  it('widens the target after stalls and forgets them after stallMemoryMs', () => {
    const c = new LiveEdgeController({ stallMarginStepMs: 10, stallMarginMaxMs: 25, stallMemoryMs: 10_000 });
    expect(c.marginMs(0)).toBe(15);
    c.noteStall(0);
    expect(c.marginMs(1)).toBe(25);
    c.noteStall(100);
    c.noteStall(200);
    expect(c.marginMs(300)).toBe(40); // capped at +25
    expect(c.marginMs(10_050)).toBe(35); // the first stall is forgotten
  });

  it('a slack that is excess without stalls is tolerated after two stalls', () => {
    const calm = new LiveEdgeController({ stallMarginStepMs: 20 });
    const stalled = new LiveEdgeController({ stallMarginStepMs: 20 });
    stalled.noteStall(0);
    stalled.noteStall(10);
    for (const c of [calm, stalled]) feed(c, 20, 1500, () => 55);
    const input = { nowMs: 1520, aheadMs: 95, frameMs: FRAME, sinceStartMs: 60_000 };
    expect(calm.decide(input)).toEqual({ kind: 'rate', rate: 1.04 }); // 40 ms over the 15 ms target
    expect(stalled.decide(input)).toEqual({ kind: 'rate', rate: 1 }); // within the deadband of 15 + 2 x 20
  });

  it('quantizes rates to 0.01', () => {
    expect(quantizeRate(1.0449)).toBe(1.04);
    expect(quantizeRate(1.0451)).toBe(1.05);
  });
});

describe('gapSkipTarget', () => {
  it('moves from before the first range to its start', () => {
    expect(gapSkipTarget([[5, 6]], 0)).toBe(5);
  });
  it('skips a hole when playback reached the end of a range and another follows', () => {
    expect(gapSkipTarget([[0, 2], [2.5, 4]], 1.98)).toBe(2.5);
    expect(gapSkipTarget([[0, 2], [2.5, 4]], 2.2)).toBe(2.5);
  });
  it('leaves playback alone inside a range or at the live end', () => {
    expect(gapSkipTarget([[0, 2], [2.5, 4]], 1.0)).toBeNull();
    expect(gapSkipTarget([[0, 2]], 1.99)).toBeNull();
    expect(gapSkipTarget([], 1)).toBeNull();
  });
});
