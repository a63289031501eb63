// StreamHub behaviour with scripted producers: refcounting and grace, GOP cache start,
// slow-consumer bounds, stall detection, reconnect policy, auth failure.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MediaSample } from '../types.js';
import { FakeProducer, TEST_TRACKS, unit, unitId } from '../../testing/hub/fake-producer.js';
import type { HubConsumer, HubStatus } from './hub-types.js';
import { StreamHub, type StreamHubOptions } from './stream-hub.js';

class Recorder implements HubConsumer {
  samples: MediaSample[] = [];
  statuses: HubStatus[] = [];
  tracks = 0;
  accept = true;
  onTracks(): void {
    this.tracks++;
  }
  onSample(s: MediaSample): boolean {
    this.samples.push(s);
    return this.accept;
  }
  onStatus(s: HubStatus): void {
    this.statuses.push(s);
  }
  ids(): number[] {
    return this.samples.map(unitId);
  }
}

let producers: FakeProducer[] = [];
let hub: StreamHub;

function makeHub(opts: Partial<StreamHubOptions> = {}, onStart?: (p: FakeProducer) => void): StreamHub {
  hub = new StreamHub({
    producerFactory: (key) => {
      const p = new FakeProducer(key, onStart);
      producers.push(p);
      return p;
    },
    ...opts,
  });
  return hub;
}

beforeEach(() => {
  vi.useFakeTimers();
  producers = [];
});
afterEach(() => {
  hub?.close();
  vi.useRealTimers();
});

describe('refcount and grace period', () => {
  it('shares one producer and stops it only after the last consumer left for the grace period', () => {
    makeHub({ graceMs: 5000 });
    const a = hub.subscribe('cam1:main', new Recorder());
    const b = hub.subscribe('cam1:main', new Recorder());
    expect(producers.length).toBe(1);
    expect(producers[0].started).toBe(true);
    a();
    b.unsubscribe();
    vi.advanceTimersByTime(4999);
    expect(producers[0].stopped).toBe(false);
    expect(hub.status('cam1:main')?.state).toBe('connecting');
    vi.advanceTimersByTime(1);
    expect(producers[0].stopped).toBe(true);
    expect(hub.keys()).toEqual([]);
  });

  it('keeps the pull when a consumer comes back within the grace period', () => {
    makeHub({ graceMs: 5000, deadAfterMs: 60_000 }); // this producer sends nothing; do not time it out
    hub.subscribe('cam1:main', new Recorder())();
    vi.advanceTimersByTime(3000);
    const again = hub.subscribe('cam1:main', new Recorder());
    vi.advanceTimersByTime(10_000);
    expect(producers.length).toBe(1);
    expect(producers[0].stopped).toBe(false);
    again();
    vi.advanceTimersByTime(5000);
    expect(producers[0].stopped).toBe(true);
  });
});

describe('GOP cache', () => {
  it('starts a new consumer at the latest keyframe at once, then continues live', () => {
    makeHub();
    hub.subscribe('k', new Recorder());
    const p = producers[0];
    p.tracks(TEST_TRACKS);
    [unit(1, true), unit(2, false), unit(3, false), unit(4, true), unit(5, false), unit(6, false)].forEach((u) => p.sample(u));
    const late = new Recorder();
    hub.subscribe('k', late);
    expect(late.tracks).toBe(1);
    expect(late.ids()).toEqual([4, 5, 6]);
    expect(late.statuses.at(-1)?.state).toBe('live');
    p.sample(unit(7, false));
    expect(late.ids()).toEqual([4, 5, 6, 7]);
  });

  it('does not deliver a sample twice to a consumer that subscribes while it is being delivered', () => {
    makeHub();
    const late = new Recorder();
    hub.subscribe('k', {
      onTracks: () => undefined,
      onSample: (s) => {
        if (unitId(s) === 2) hub.subscribe('k', late);
      },
    });
    const p = producers[0];
    p.tracks(TEST_TRACKS);
    [unit(1, true), unit(2, false), unit(3, false)].forEach((u) => p.sample(u));
    expect(late.ids()).toEqual([1, 2, 3]);
  });

  it('drops a GOP larger than its bound; the next consumer waits for the next keyframe', () => {
    makeHub({ gopCacheMaxBytes: 2500 });
    hub.subscribe('k', new Recorder());
    const p = producers[0];
    p.tracks(TEST_TRACKS);
    [unit(1, true), unit(2, false), unit(3, false)].forEach((u) => p.sample(u));
    expect(hub.stats().gopBytes).toBe(0);
    const late = new Recorder();
    hub.subscribe('k', late);
    p.sample(unit(4, false));
    p.sample(unit(5, true));
    expect(late.ids()).toEqual([5]);
  });
});

describe('slow consumer', () => {
  it('queues within its byte bound, then skips to the next keyframe', () => {
    makeHub();
    const slow = new Recorder();
    slow.accept = false; // busy after the first sample
    const sub = hub.subscribe('k', slow, { maxQueueBytes: 10_000 });
    const fast = new Recorder();
    hub.subscribe('k', fast);
    const p = producers[0];
    p.tracks(TEST_TRACKS);
    p.sample(unit(1, true));
    for (let i = 2; i <= 40; i++) {
      p.sample(unit(i, false));
      expect(sub.stats().queuedBytes).toBeLessThanOrEqual(10_000);
    }
    expect(slow.ids()).toEqual([1]);
    expect(sub.stats().skips).toBeGreaterThanOrEqual(1);
    expect(fast.ids().length).toBe(40); // others are not held back
    slow.accept = true;
    sub.resume();
    expect(slow.ids()).toEqual([1]); // nothing usable was kept: it waits for a keyframe
    p.sample(unit(41, false));
    p.sample(unit(42, true));
    p.sample(unit(43, false));
    expect(slow.ids()).toEqual([1, 42, 43]);
    expect(sub.stats().dropped).toBeGreaterThanOrEqual(30);
  });

  it('delivers the queue in order when the consumer resumes in time', () => {
    makeHub();
    const c = new Recorder();
    c.accept = false;
    const sub = hub.subscribe('k', c);
    const p = producers[0];
    p.tracks(TEST_TRACKS);
    [1, 2, 3, 4].forEach((i) => p.sample(unit(i, i === 1)));
    expect(c.ids()).toEqual([1]);
    c.accept = true;
    sub.resume();
    expect(c.ids()).toEqual([1, 2, 3, 4]);
    expect(sub.stats()).toMatchObject({ skips: 0, queuedBytes: 0, delivered: 4 });
  });

  it('skipToKeyframe() drops until the next keyframe', () => {
    makeHub();
    const c = new Recorder();
    const sub = hub.subscribe('k', c);
    const p = producers[0];
    p.tracks(TEST_TRACKS);
    p.sample(unit(1, true));
    sub.skipToKeyframe();
    p.sample(unit(2, false));
    p.sample(unit(3, true));
    expect(c.ids()).toEqual([1, 3]);
    expect(sub.stats().skips).toBe(1);
  });
});

describe('status and stalls', () => {
  it('goes connecting -> live -> stalled -> live, and reconnects after the dead timeout', () => {
    makeHub({ stallAfterMs: 3000, deadAfterMs: 8000 });
    const c = new Recorder();
    hub.subscribe('k', c);
    const p = producers[0];
    p.tracks(TEST_TRACKS);
    p.sample(unit(1, true));
    vi.advanceTimersByTime(4000);
    expect(hub.status('k')?.state).toBe('stalled');
    p.sample(unit(2, false));
    expect(hub.status('k')?.state).toBe('live');
    vi.advanceTimersByTime(9000);
    expect(p.stopped).toBe(true);
    const st = hub.status('k')!;
    expect(st.state).toBe('reconnecting');
    expect(st.errorCode).toBe('timeout');
    expect(st.retryInMs).toBeGreaterThanOrEqual(800);
    expect(c.statuses.map((s) => s.state)).toEqual(['connecting', 'live', 'stalled', 'live', 'stalled', 'reconnecting']);
    vi.advanceTimersByTime(st.retryInMs!);
    expect(producers.length).toBe(2);
  });
});

describe('auth failure', () => {
  it('stops retrying until retry(key), also across re-subscribes', () => {
    makeHub({ graceMs: 1000 }, (p) => p.status({ state: 'closed', error: { code: 'auth_failed', message: '401 from camera' } }));
    const c = new Recorder();
    const sub = hub.subscribe('k', c);
    expect(hub.status('k')?.state).toBe('auth_failed');
    vi.advanceTimersByTime(120_000);
    expect(producers.length).toBe(1);
    sub();
    vi.advanceTimersByTime(1000);
    hub.subscribe('k', c);
    expect(producers.length).toBe(1); // still blocked: no new attempt against the camera
    expect(hub.status('k')?.state).toBe('auth_failed');
    hub.retry('k');
    expect(producers.length).toBe(2);
  });
});
