// Reconnect policy: backoff ladder and jitter, a source that fails instantly, the global
// attempt limiter with 64 sources dropping at once, and the ladder reset after a stable run.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReconnectBackoff } from './backoff.js';
import { ConnectLimiter } from './connect-limiter.js';
import { FakeProducer, TEST_TRACKS, unit } from '../../testing/hub/fake-producer.js';
import { StreamHub } from './stream-hub.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ReconnectBackoff', () => {
  it('doubles from 1 s to a 30 s ceiling at the jitter extremes', () => {
    const low = new ReconnectBackoff({ random: () => 0 });
    const high = new ReconnectBackoff({ random: () => 0.999999 });
    const lows = Array.from({ length: 8 }, () => low.next());
    const highs = Array.from({ length: 8 }, () => high.next());
    expect(lows).toEqual([800, 1600, 3200, 6400, 12800, 24000, 24000, 24000]);
    expect(highs).toEqual([1200, 2400, 4800, 9600, 19200, 30000, 30000, 30000]);
    low.reset();
    expect(low.next()).toBe(800);
  });

  it('spreads delays over ±20% with the real random source', () => {
    const values = Array.from({ length: 2000 }, () => new ReconnectBackoff().next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(800);
    expect(Math.max(...values)).toBeLessThanOrEqual(1200);
    // Spread across the range, not clustered: both outer fifths are hit.
    expect(values.some((v) => v < 880)).toBe(true);
    expect(values.some((v) => v > 1120)).toBe(true);
  });
});

describe('ConnectLimiter', () => {
  it('lets at most 10 attempts through in any sliding 1 s window', () => {
    const limiter = new ConnectLimiter({ ratePerSec: 10 });
    const times: number[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 64; i++) limiter.schedule(() => times.push(Date.now() - t0));
    expect(times.length).toBe(1); // the first at once, the others paced
    vi.advanceTimersByTime(10_000);
    expect(times.length).toBe(64);
    expect(maxInAnyWindow(times, 1000)).toBe(10);
    expect(maxInAnyWindow(times, 1100)).toBe(10);
    // ...and no slower than that: one every 110 ms.
    expect(times[63]).toBeLessThanOrEqual(63 * 110 + 63);
    limiter.dispose();
  });

  it('keeps the window across waves that arrive later', () => {
    const limiter = new ConnectLimiter({ ratePerSec: 10 });
    const times: number[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 5; i++) limiter.schedule(() => times.push(Date.now() - t0));
    vi.advanceTimersByTime(900);
    for (let i = 0; i < 20; i++) limiter.schedule(() => times.push(Date.now() - t0));
    vi.advanceTimersByTime(5000);
    expect(times.length).toBe(25);
    expect(maxInAnyWindow(times, 1000)).toBeLessThanOrEqual(10);
    limiter.dispose();
  });

  it('skips cancelled waiters', () => {
    const limiter = new ConnectLimiter({ ratePerSec: 1 });
    const ran: string[] = [];
    limiter.schedule(() => ran.push('a'));
    const cancel = limiter.schedule(() => ran.push('b'));
    limiter.schedule(() => ran.push('c'));
    cancel();
    vi.advanceTimersByTime(1100); // one window
    expect(ran).toEqual(['a', 'c']);
    limiter.dispose();
  });
});

describe('hub reconnects', () => {
  it('never loops a source that fails instantly faster than the backoff', () => {
    const attempts: number[] = [];
    const hub = new StreamHub({
      producerFactory: (key) =>
        new FakeProducer(key, (p) => {
          attempts.push(Date.now());
          p.status({ state: 'closed', error: { code: 'unreachable', message: 'connection refused' } });
        }),
    });
    hub.subscribe('k', { onTracks: () => undefined, onSample: () => undefined });
    vi.advanceTimersByTime(120_000);
    // 1+2+4+8+16+30+30+30 s nominal: about 8-9 attempts in two minutes, not thousands.
    expect(attempts.length).toBeGreaterThanOrEqual(6);
    expect(attempts.length).toBeLessThanOrEqual(10);
    const b = new ReconnectBackoff();
    for (let i = 1; i < attempts.length; i++) {
      expect(attempts[i] - attempts[i - 1]).toBeGreaterThanOrEqual(0.8 * b.nominal(i - 1));
    }
    expect(hub.status('k')).toMatchObject({ state: 'reconnecting', errorCode: 'unreachable' });
    hub.close();
  });

  it('reconnects 64 dropped sources at about 10 attempts per second', () => {
    const starts: number[] = [];
    const live: FakeProducer[] = [];
    const hub = new StreamHub({
      producerFactory: (key) =>
        new FakeProducer(key, (p) => {
          starts.push(Date.now());
          live.push(p);
        }),
      backoff: { initialMs: 1000, jitter: 0 }, // everyone retries at once: the limiter must spread them
    });
    for (let i = 0; i < 64; i++) hub.subscribe(`cam${i}`, { onTracks: () => undefined, onSample: () => undefined });
    vi.advanceTimersByTime(8000);
    expect(starts.length).toBe(64);
    starts.length = 0;
    const dropAt = Date.now();
    for (const p of live.splice(0)) p.status({ state: 'closed', error: { code: 'unreachable', message: 'switch rebooted' } });
    vi.advanceTimersByTime(10_000);
    expect(starts.length).toBe(64);
    expect(maxInAnyWindow(starts, 1000)).toBeLessThanOrEqual(10);
    expect(Math.max(...starts) - dropAt).toBeGreaterThanOrEqual(1000 + 5000);
    hub.close();
  });

  it('resets the ladder only after a connection stayed live', () => {
    let n = 0;
    const starts: number[] = [];
    const hub = new StreamHub({
      stableAfterMs: 10_000,
      deadAfterMs: 60_000,
      backoff: { jitter: 0 },
      producerFactory: (key) =>
        new FakeProducer(key, (p) => {
          starts.push(Date.now());
          n++;
          p.tracks(TEST_TRACKS);
          p.sample(unit(1, true));
          // attempts 1-3 die after 100 ms; attempt 4 stays 20 s, then dies
          setTimeout(() => p.status({ state: 'closed' }), n <= 3 ? 100 : 20_000);
        }),
    });
    hub.subscribe('k', { onTracks: () => undefined, onSample: () => undefined });
    vi.advanceTimersByTime(40_000);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    expect(gaps.slice(0, 4)).toEqual([1100, 2100, 4100, 21_000]); // 1, 2, 4 s ladder, then reset to 1 s
    hub.close();
  });
});

/** Most events inside any half-open window [t, t + ms) starting at an event. */
function maxInAnyWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j < sorted.length && sorted[j] - sorted[i] < ms) j++;
    most = Math.max(most, j - i);
  }
  return most;
}
