// Who plays main on a full device: the arbiter's decisions over a real StreamBudget, with tiles
// scripted as the renderer drives them (wish, open, close) and the hub's admissions done by hand.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BudgetArbiter, type TileWish } from './budget-arbiter.js';
import { StreamBudget, type BudgetLimits } from './budget.js';

const MAIN = 4000;
const SUB = 500;

function setup(limits: BudgetLimits, cameras = ['c1', 'c2', 'c3', 'c4']) {
  let t = 1000;
  const budget = new StreamBudget({ maxTranscodes: 1, now: () => t });
  for (const c of cameras) {
    budget.describe(`${c}/main`, { group: 'nvr', label: '村口 NVR', kbps: MAIN, limits });
    budget.describe(`${c}/sub`, { group: 'nvr', label: '村口 NVR', kbps: SUB, limits });
  }
  const caps: Array<[string, boolean]> = [];
  const arbiter = new BudgetArbiter({ budget, onCap: (v, c) => caps.push([v, c]), now: () => t });
  let n = 0;
  const held = new Map<string, string>(); // streamId -> key
  /** A tile opens `cameraId` as the renderer does; the hub admits what fits (no parking here). */
  const open = (viewer: string | undefined, cameraId: string, requested: 'main' | 'sub') => {
    const profile = arbiter.profileFor(viewer, cameraId, requested);
    const streamId = `s${++n}`;
    arbiter.opened(streamId, viewer, cameraId, profile);
    const key = `${cameraId}/${profile}`;
    const verdict = budget.acquire(key);
    if (verdict.ok) held.set(streamId, key);
    else arbiter.setWaiting(key, true);
    return { streamId, profile, admitted: verdict.ok };
  };
  const close = (streamId: string) => {
    const key = held.get(streamId);
    held.delete(streamId);
    if (key && ![...held.values()].includes(key)) budget.release(key);
    arbiter.closed(streamId);
  };
  const wish = (viewer: string, w: Partial<TileWish> = {}) => arbiter.setWish(viewer, { wants: 'main', selected: false, maximised: false, areaPx: 640 * 360, ...w });
  const advance = (ms: number) => {
    t += ms;
    vi.advanceTimersByTime(ms);
  };
  return { budget, arbiter, caps, open, close, wish, advance };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('BudgetArbiter', () => {
  it('gives a new tile the sub-stream when main does not fit, and says it is capped', () => {
    const { open, wish, caps, arbiter } = setup({ maxBitrateKbps: 2 * MAIN + SUB });
    for (const v of ['t1', 't2', 't3']) wish(v);
    expect(open('t1', 'c1', 'main').profile).toBe('main');
    expect(open('t2', 'c2', 'main').profile).toBe('main');
    expect(open('t3', 'c3', 'main')).toMatchObject({ profile: 'sub', admitted: true });
    expect(caps).toEqual([['t3', true]]);
    expect(arbiter.isCapped('t3')).toBe(true);
  });

  it('counts an open that is decided but not opened yet: two tiles opening at once do not both get the last room', () => {
    const { arbiter, wish, open } = setup({ maxBitrateKbps: 2 * MAIN });
    wish('t1');
    wish('t2');
    wish('t3');
    open('t1', 'c1', 'main');
    // t2 and t3 are decided before either stream is opened (the device is asked in between).
    expect(arbiter.profileFor('t2', 'c2', 'main')).toBe('main');
    expect(arbiter.profileFor('t3', 'c3', 'main')).toBe('sub');
  });

  it('weighs a tile on the device of the camera it shows now, not on one whose old stream is still closing', () => {
    const { open, wish, arbiter, budget } = setup({ maxBitrateKbps: MAIN + SUB });
    budget.describe('o1/main', { group: 'other', label: '乡政府', kbps: MAIN, limits: {} });
    wish('t1');
    wish('t9');
    open('t9', 'c1', 'main');
    open('t1', 'o1', 'main'); // its old camera, on another device, still closing
    expect(open('t1', 'c2', 'main').profile).toBe('sub');
    expect(arbiter.isCapped('t1')).toBe(true);
    arbiter.rebalance('other');
    expect(arbiter.isCapped('t1')).toBe(true);
  });

  it('a tile\'s old camera on another device closing says nothing about its move on this one', () => {
    const { open, wish, close, arbiter, budget, caps } = setup({ maxBitrateKbps: MAIN + SUB });
    budget.describe('o1/main', { group: 'other', label: '乡政府', kbps: MAIN, limits: {} });
    wish('t1');
    wish('t2');
    const old = open('t1', 'o1', 'main'); // its old camera, still closing
    open('t1', 'c1', 'main');
    open('t2', 'c2', 'main'); // sub
    wish('t2', { selected: true }); // t1 is asked to move to sub
    expect(arbiter.isCapped('t1')).toBe(true);
    caps.length = 0;
    close(old.streamId);
    expect(caps).toEqual([]); // not taken for a failed move
    expect(open('t1', 'c1', 'sub').admitted).toBe(true);
  });

  it('moves the least important tile on main to sub before refusing one: not the selected, not the maximised, the smallest', () => {
    // Room for 2 mains and 1 sub; four tiles. The fourth's sub does not fit until a main moves.
    const { open, wish, caps, budget, close } = setup({ maxBitrateKbps: 2 * MAIN + SUB + 100 });
    wish('big', { areaPx: 900 * 500, selected: true });
    wish('small', { areaPx: 300 * 200 });
    wish('t3');
    wish('t4');
    const big = open('big', 'c1', 'main');
    const small = open('small', 'c2', 'main');
    expect([big.profile, small.profile]).toEqual(['main', 'main']);
    expect(open('t3', 'c3', 'main')).toMatchObject({ profile: 'sub', admitted: true });
    caps.length = 0;
    const t4 = open('t4', 'c4', 'main');
    // t4 waits on its sub-stream; the small tile (least important on main) is asked to move.
    expect(t4).toMatchObject({ profile: 'sub', admitted: false });
    expect(caps).toEqual([['t4', true], ['small', true]]);
    // The small tile opens its sub-stream underneath: admitted in place of its main.
    const smallSub = open('small', 'c2', 'sub');
    expect(smallSub).toMatchObject({ profile: 'sub', admitted: true });
    close(small.streamId); // its sub plays: the main is let go
    expect(budget.check('c4/sub').ok).toBe(true);
    expect(budget.usage().groups['nvr']).toEqual({ streams: 3, kbps: MAIN + 2 * SUB });
  });

  it('refuses instead of moving tiles when the device is limited by streams (a sub-stream is a stream too)', () => {
    const { open, wish, caps } = setup({ maxStreams: 2 });
    for (const v of ['t1', 't2', 't3']) wish(v);
    open('t1', 'c1', 'main');
    open('t2', 'c2', 'main');
    expect(open('t3', 'c3', 'main')).toMatchObject({ profile: 'main', admitted: false });
    expect(caps).toEqual([['t3', true]]);
  });

  it('moves the most important capped tile back to main when room returns', () => {
    const { open, wish, caps, close, advance } = setup({ maxBitrateKbps: MAIN + 2 * SUB });
    wish('t1');
    wish('t2', { areaPx: 100 });
    wish('t3', { areaPx: 200, selected: true });
    const t1 = open('t1', 'c1', 'main');
    const t2 = open('t2', 'c2', 'main');
    const t3 = open('t3', 'c3', 'main');
    expect([t1.profile, t2.profile, t3.profile]).toEqual(['main', 'sub', 'sub']);
    caps.length = 0;
    close(t1.streamId); // the tile on main is cleared
    // Its place is kept a moment (a tile opening again closes first), then the selected tile goes
    // up first; the other stays capped (no room for two mains).
    expect(caps).toEqual([]);
    advance(1100);
    expect(caps).toEqual([['t3', false]]);
    // It opens main underneath its sub (admitted in the sub's place), then lets the sub go; one move at a time.
    expect(open('t3', 'c3', 'main')).toMatchObject({ profile: 'main', admitted: true });
    expect(caps).toEqual([['t3', false]]);
    close(t3.streamId);
    expect(caps).toEqual([['t3', false]]); // no room for t2's main beside t3's
  });

  it('ignores a refusal heard after its tile closed the stream: nobody waits, so capped tiles still go up', () => {
    const { open, wish, caps, close, arbiter, advance } = setup({ maxBitrateKbps: MAIN + SUB });
    wish('t1');
    wish('t2');
    const t1 = open('t1', 'c1', 'main');
    open('t2', 'c2', 'main'); // sub
    arbiter.setWaiting('c3/main', true); // the hub's word about a stream closed meanwhile
    caps.length = 0;
    close(t1.streamId);
    advance(1100);
    expect(caps).toEqual([['t2', false]]);
  });

  it('keeps the place of a tile that closes its stream to open it again at once (a refusal lifted, a retry)', () => {
    const { open, wish, caps, close, advance } = setup({ maxBitrateKbps: MAIN + SUB });
    wish('t1');
    wish('t2');
    const t1 = open('t1', 'c1', 'main');
    open('t2', 'c2', 'main'); // sub
    caps.length = 0;
    close(t1.streamId);
    expect(open('t1', 'c1', 'main')).toMatchObject({ profile: 'main', admitted: true });
    advance(1100);
    expect(caps).toEqual([]); // t2 was not given t1's room meanwhile
  });

  it('lets a selected capped tile swap with a less important tile on main', () => {
    const { open, wish, caps, close } = setup({ maxBitrateKbps: MAIN + SUB });
    wish('t1');
    wish('t2');
    const t1 = open('t1', 'c1', 'main');
    const t2 = open('t2', 'c2', 'main');
    expect(t2.profile).toBe('sub');
    caps.length = 0;
    wish('t2', { selected: true }); // the operator selects the capped tile
    expect(caps).toEqual([['t1', true]]);
    const t1Sub = open('t1', 'c1', 'sub');
    expect(t1Sub.admitted).toBe(true);
    close(t1.streamId);
    expect(caps).toEqual([['t1', true], ['t2', false]]);
    expect(open('t2', 'c2', 'main')).toMatchObject({ profile: 'main', admitted: true });
    // Equal tiles never swap back and forth.
    caps.length = 0;
    wish('t1', { selected: false });
    expect(caps).toEqual([]);
  });

  it('says what a tile plays when its move failed (the new stream was refused and the tile kept its picture), and asks again later', () => {
    const { open, wish, caps, close, arbiter, advance } = setup({ maxBitrateKbps: MAIN + SUB });
    wish('t1');
    wish('t2');
    const t1 = open('t1', 'c1', 'main');
    open('t2', 'c2', 'main'); // sub
    wish('t2', { selected: true });
    expect(arbiter.isCapped('t1')).toBe(true);
    // Its tile opened sub, which was refused after all, and closed it: t1 still plays main.
    const refused = open('t1', 'c1', 'sub');
    close(refused.streamId);
    expect(arbiter.isCapped('t1')).toBe(false);
    caps.length = 0;
    wish('t2', { selected: true, areaPx: 2 });
    expect(caps).toEqual([]); // not asked again at once: no ask-refuse loop
    advance(6000);
    wish('t2', { selected: true, areaPx: 1 }); // the next decision asks again
    expect(caps).toEqual([['t1', true]]);
    expect(t1.profile).toBe('main');
  });

  it('neither holds to sub nor moves a camera that has no sub-stream', () => {
    const limits = { maxBitrateKbps: MAIN + SUB - 1 };
    const { open, wish, caps, budget } = setup(limits, ['c1']);
    for (const c of ['m1', 'm2']) budget.describe(`${c}/main`, { group: 'nvr', label: '村口 NVR', kbps: MAIN, limits });
    wish('t1');
    wish('t2');
    open('t1', 'm1', 'main');
    expect(open('t2', 'm2', 'main')).toMatchObject({ profile: 'main', admitted: false });
    // c1's sub-stream would fit only if t1 moved to a sub-stream it does not have.
    expect(open(undefined, 'c1', 'main')).toMatchObject({ profile: 'main', admitted: false });
    expect(caps).toEqual([]);
  });

  it('never moves streams opened without a tile (contract clients), and un-caps a tile that wants sub anyway', () => {
    const { open, wish, caps, arbiter } = setup({ maxBitrateKbps: MAIN + SUB });
    open(undefined, 'c1', 'main');
    wish('t2');
    expect(open('t2', 'c2', 'main').profile).toBe('sub');
    caps.length = 0;
    expect(open('t3', 'c3', 'main')).toMatchObject({ profile: 'main', admitted: false }); // nothing to move: refused
    wish('t2', { wants: 'sub' });
    expect(caps).toEqual([['t2', false]]);
    expect(arbiter.isCapped('t2')).toBe(false);
  });
});
