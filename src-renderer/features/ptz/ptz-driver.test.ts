import { afterEach, describe, expect, it, vi } from 'vitest';
import { PtzDriver, type Velocity } from './ptz-driver.js';

afterEach(() => vi.useRealTimers());

function rig() {
  const sent: string[] = [];
  const d = new PtzDriver({
    move: async (c, v: Velocity) => void sent.push(`${c} move ${v.pan},${v.tilt},${v.zoom}`),
    stop: async (c) => void sent.push(`${c} stop`),
    failed: () => undefined,
  }, 100);
  return { d, sent };
}

describe('PtzDriver', () => {
  it('sends a change at once, renews while held, one stop on release', () => {
    vi.useFakeTimers();
    const { d, sent } = rig();
    d.setCamera('cam');
    d.set('keys', { pan: 0.5, tilt: 0, zoom: 0 });
    expect(sent).toEqual(['cam move 0.5,0,0']);
    vi.advanceTimersByTime(350);
    expect(sent).toHaveLength(4);
    d.set('keys', null);
    vi.advanceTimersByTime(500);
    expect(sent.slice(4)).toEqual(['cam stop']);
  });

  it('the source that changed last steers; letting go of it falls back to the other', () => {
    vi.useFakeTimers();
    const { d, sent } = rig();
    d.setCamera('cam');
    d.set('pad', { pan: 0, tilt: 1, zoom: 0 });
    d.set('keys', { pan: -1, tilt: 0, zoom: 0 });
    d.set('keys', null);
    expect(sent).toEqual(['cam move 0,1,0', 'cam move -1,0,0', 'cam move 0,1,0']);
  });

  it('letting go of what is not held sends nothing (a joystick at rest, a key released twice)', () => {
    const { d, sent } = rig();
    d.setCamera('cam');
    d.set('gamepad', null);
    d.set('keys', null);
    d.release();
    expect(sent).toEqual([]);
    d.set('keys', { pan: 1, tilt: 0, zoom: 0 });
    d.set('keys', null);
    d.set('keys', null);
    expect(sent).toEqual(['cam move 1,0,0', 'cam stop']);
  });

  it('changing camera stops the one steered', () => {
    const { d, sent } = rig();
    d.setCamera('a');
    d.set('keys', { pan: 1, tilt: 0, zoom: 0 });
    d.setCamera('b');
    expect(sent).toEqual(['a move 1,0,0', 'a stop']);
    d.release();
  });
});
