// Make-before-break, step by step, with fake sessions whose views the test drives.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TileView } from './tile-session.js';
import { SWITCH_TIMEOUT_MS, TileStage, type TileTarget } from './tile-stage.js';

interface Fake {
  target: TileTarget;
  front: boolean;
  revealed: boolean;
  disposed: boolean;
  push(v: TileView): void;
}

let made: Fake[];
/** The next session started finds no free video element (the window's player cap). */
let capNext: boolean;
let shown: TileView[];
let events: string[];

const name = (t: TileTarget) => `${t.cameraId}:${t.profile}`;
const fake = (cameraId: string, profile: 'main' | 'sub') => made.filter((f) => f.target.cameraId === cameraId && f.target.profile === profile).at(-1)!;
const last = () => shown.at(-1);

function stage(): TileStage {
  return new TileStage((target, onView, front) => {
    const f: Fake = { target, front, revealed: front, disposed: false, push: (v) => onView(v) };
    made.push(f);
    return {
      session: {
        setActive: () => {
          events.push(`start ${name(target)}`);
          if (capNext) {
            capNext = false;
            onView({ darkReason: 'player_cap' });
          }
        },
        dispose: () => ((f.disposed = true), events.push(`stop ${name(target)}`)),
        retryNow: () => undefined,
        deviceChanged: () => undefined,
        setKeyframesOnly: (on) => events.push(`${on ? 'keyframes' : 'full'} ${name(target)}`),
      },
      reveal: () => ((f.revealed = true), events.push(`reveal ${name(target)}`)),
    };
  }, (v) => shown.push(v));
}

beforeEach(() => {
  vi.useFakeTimers();
  made = [];
  capNext = false;
  shown = [];
  events = [];
});
afterEach(() => vi.useRealTimers());

describe('TileStage', () => {
  it('starts the first target in front at once', () => {
    const s = stage();
    s.show({ cameraId: 'a', profile: 'sub' });
    expect(made).toHaveLength(1);
    expect(made[0]!.front).toBe(true);
    fake('a', 'sub').push({ state: 'live' });
    expect(last()).toEqual({ state: 'live' });
  });

  it('keeps the picture on screen until the new stream plays, then releases the old one (no black frame)', () => {
    const s = stage();
    s.show({ cameraId: 'a', profile: 'sub' });
    fake('a', 'sub').push({ state: 'live' });
    s.show({ cameraId: 'a', profile: 'main' });
    const main = fake('a', 'main');
    expect(main.front).toBe(false);
    expect(fake('a', 'sub').disposed).toBe(false);
    main.push({ state: 'connecting' });
    expect(last()).toEqual({ state: 'live' }); // the tile still shows the sub-stream's picture
    expect(s.showing).toEqual({ cameraId: 'a', profile: 'sub' });
    main.push({ state: 'live' });
    // Revealed first, the old one released after: never a moment without a picture.
    expect(events.slice(-2)).toEqual(['reveal a:main', 'stop a:sub']);
    expect(s.showing).toEqual({ cameraId: 'a', profile: 'main' });
    expect(last()).toEqual({ state: 'live' });
  });

  it('switches at once when the tile shows no picture anyway', () => {
    const s = stage();
    s.show({ cameraId: 'a', profile: 'sub' });
    fake('a', 'sub').push({ state: 'offline', offlineSince: 1 });
    s.show({ cameraId: 'b', profile: 'sub' });
    expect(fake('a', 'sub').disposed).toBe(true);
    expect(fake('b', 'sub').front).toBe(true);
  });

  it('going back before the successor played drops the successor', () => {
    const s = stage();
    s.show({ cameraId: 'a', profile: 'sub' });
    fake('a', 'sub').push({ state: 'live' });
    s.show({ cameraId: 'a', profile: 'main' });
    s.show({ cameraId: 'a', profile: 'sub' });
    expect(fake('a', 'main').disposed).toBe(true);
    expect(fake('a', 'sub').disposed).toBe(false);
  });

  it('the same camera\'s other stream that cannot play (budget, refused) leaves the picture alone', () => {
    const s = stage();
    s.show({ cameraId: 'a', profile: 'sub' });
    fake('a', 'sub').push({ state: 'live' });
    s.show({ cameraId: 'a', profile: 'main' });
    fake('a', 'main').push({ darkReason: 'over_budget' });
    expect(fake('a', 'main').disposed).toBe(true);
    expect(s.showing?.profile).toBe('sub');
    // One that never plays is given up after the timeout, the picture stays.
    s.show({ cameraId: 'a', profile: 'main' });
    vi.advanceTimersByTime(SWITCH_TIMEOUT_MS);
    expect(fake('a', 'main').disposed).toBe(true);
    expect(s.showing?.profile).toBe('sub');
  });

  it('the same camera\'s other stream held by the budget keeps its chance until the timeout (its room may be on the way)', () => {
    const s = stage();
    s.show({ cameraId: 'a', profile: 'sub' });
    fake('a', 'sub').push({ state: 'live' });
    s.show({ cameraId: 'a', profile: 'main' });
    fake('a', 'main').push({ state: 'offline', overBudget: { limit: 'bitrate' } });
    expect(fake('a', 'main').disposed).toBe(false);
    expect(s.showing?.profile).toBe('sub');
    fake('a', 'main').push({ state: 'live' }); // the room came
    expect(s.showing?.profile).toBe('main');
    expect(fake('a', 'sub').disposed).toBe(true);
    // Held until the timeout: given up, the picture stays.
    s.show({ cameraId: 'a', profile: 'sub' });
    fake('a', 'sub').push({ state: 'offline', overBudget: { limit: 'bitrate' } });
    vi.advanceTimersByTime(SWITCH_TIMEOUT_MS);
    expect(fake('a', 'sub').disposed).toBe(true);
    expect(s.showing?.profile).toBe('main');
  });

  it('another camera that does not play takes over after the timeout and tells its own state', () => {
    const s = stage();
    s.show({ cameraId: 'a', profile: 'sub' });
    fake('a', 'sub').push({ state: 'live' });
    s.show({ cameraId: 'b', profile: 'sub' });
    fake('b', 'sub').push({ state: 'reconnecting', retryInMs: 4000 });
    vi.advanceTimersByTime(SWITCH_TIMEOUT_MS - 1);
    expect(s.showing?.cameraId).toBe('a');
    vi.advanceTimersByTime(1);
    expect(s.showing?.cameraId).toBe('b');
    expect(last()).toEqual({ state: 'reconnecting', retryInMs: 4000 });
    expect(fake('a', 'sub').disposed).toBe(true);
  });

  it('a prepared camera plays underneath and takes over the moment it is asked for', () => {
    const s = stage();
    s.show({ cameraId: 'a', profile: 'sub' });
    fake('a', 'sub').push({ state: 'live' });
    s.prepare({ cameraId: 'b', profile: 'sub' });
    fake('b', 'sub').push({ state: 'live' });
    expect(s.showing?.cameraId).toBe('a'); // prepared, not yet its turn
    s.show({ cameraId: 'b', profile: 'sub' });
    expect(s.showing?.cameraId).toBe('b');
    expect(events.slice(-2)).toEqual(['reveal b:sub', 'stop a:sub']);
  });

  it('nothing to show releases both sessions', () => {
    const s = stage();
    s.show({ cameraId: 'a', profile: 'sub' });
    fake('a', 'sub').push({ state: 'live' });
    s.prepare({ cameraId: 'b', profile: 'sub' });
    s.show(null);
    expect(made.every((f) => f.disposed)).toBe(true);
    expect(last()).toEqual({});
  });

  it('a prepared camera is dropped when the tour pauses, but a successor already asked for stays', () => {
    const s = stage();
    s.show({ cameraId: 'a', profile: 'sub' });
    fake('a', 'sub').push({ state: 'live' });
    s.prepare({ cameraId: 'b', profile: 'sub' });
    s.cancelPrepared();
    expect(fake('b', 'sub').disposed).toBe(true);
    expect(s.showing?.cameraId).toBe('a');
    s.show({ cameraId: 'c', profile: 'sub' });
    s.cancelPrepared();
    expect(fake('c', 'sub').disposed).toBe(false);
    fake('c', 'sub').push({ state: 'live' });
    expect(s.showing?.cameraId).toBe('c');
  });

  it('keyframes only reaches the session on screen, its successor, and sessions started later', () => {
    const s = stage();
    s.show({ cameraId: 'a', profile: 'sub' });
    fake('a', 'sub').push({ state: 'live' });
    s.show({ cameraId: 'a', profile: 'main' });
    events.length = 0;
    s.setKeyframesOnly(true);
    expect(events).toEqual(['keyframes a:sub', 'keyframes a:main']);
    events.length = 0;
    s.prepare({ cameraId: 'b', profile: 'sub' });
    expect(events).toEqual(['stop a:main', 'keyframes b:sub', 'start b:sub']); // told before it opens its stream
    events.length = 0;
    s.setKeyframesOnly(false);
    expect(events).toEqual(['full a:sub', 'full b:sub']);
  });

  it('another camera refused a second player releases the picture first, then opens in its place', () => {
    const s = stage();
    s.show({ cameraId: 'a', profile: 'sub' });
    fake('a', 'sub').push({ state: 'live' });
    events.length = 0;
    capNext = true;
    s.show({ cameraId: 'b', profile: 'sub' });
    expect(events).toEqual(['start b:sub', 'stop b:sub', 'stop a:sub', 'start b:sub']);
    expect(fake('b', 'sub').front).toBe(true);
    expect(s.showing?.cameraId).toBe('b');
    // The same camera's other stream refused a player: the picture on screen stays.
    fake('b', 'sub').push({ state: 'live' });
    events.length = 0;
    capNext = true;
    s.show({ cameraId: 'b', profile: 'main' });
    expect(events).toEqual(['start b:main', 'stop b:main']);
    expect(s.showing).toEqual({ cameraId: 'b', profile: 'sub' });
  });

  it('a prepared camera that got no player takes its turn by releasing the picture first', () => {
    const s = stage();
    s.show({ cameraId: 'a', profile: 'sub' });
    fake('a', 'sub').push({ state: 'live' });
    capNext = true;
    s.prepare({ cameraId: 'b', profile: 'sub' });
    expect(s.showing?.cameraId).toBe('a'); // not asked yet: the picture stays
    events.length = 0;
    s.show({ cameraId: 'b', profile: 'sub' });
    expect(events).toEqual(['stop b:sub', 'stop a:sub', 'start b:sub']);
    expect(s.showing?.cameraId).toBe('b');
  });
});
