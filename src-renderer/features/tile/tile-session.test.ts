// The tile's source/retry machine, transition by transition, with fake timers and a scripted main.
// TileSession: opening, live and stalled, retries with a countdown, offline after the grace, reconnect now, hidden tiles.
import { describe, expect, it, vi } from 'vitest';
import type { StreamPlan } from './stream-plan.js';
import { OFFLINE_GRACE_MS } from './tile-display.js';
import { facts, plans, statusListeners, players, closed, videosOut, deps, view, player, status, playNext, settle, session, useSessionHarness } from './tile-session.test-harness.js';

useSessionHarness();

describe('TileSession', () => {
  it('opens, attaches a player, and shows live on its first frame', async () => {
    playNext();
    const s = session();
    s.setActive(true);
    expect(view()).toEqual({ state: 'connecting' });
    await settle();
    expect(s.phase).toBe('playing');
    expect(player().attached).toBe(true);
    player().state('playing');
    expect(view().state).toBe('live');
    player().state('stalled');
    expect(view().state).toBe('stalled');
  });

  it('retries a player error after 1 s, 2 s, 4 s ... up to 15 s, and a countdown that counts each second', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    player().error('network');
    expect(closed).toEqual(['s1']);
    expect(s.phase).toBe('waiting_retry');
    expect(view()).toMatchObject({ state: 'reconnecting', retryInMs: 1000 });
    playNext();
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.phase).toBe('playing');
    player().error('no_data');
    expect(view()).toMatchObject({ state: 'reconnecting', retryInMs: 2000 });
    playNext();
    await vi.advanceTimersByTimeAsync(2000);
    player().error('no_data');
    expect(view().retryInMs).toBe(4000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(view().retryInMs).toBe(3000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(view().retryInMs).toBe(2000); // it really counts down
    // Failing opens keep doubling the wait, capped at 15 s; without a picture that long, the tile says offline.
    await vi.advanceTimersByTimeAsync(2000 + 8000 + 15_000);
    expect(view()).toMatchObject({ state: 'offline', retryInMs: 15_000 });
  });

  it('says stalled when the picture stops while main still says live, and live again when frames come back', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    status({ streamId: 's1', state: 'live' });
    expect(view().state).toBe('connecting'); // main is connected, but no frame reached the screen yet
    player().state('playing');
    expect(view().state).toBe('live');
    player().state('stalled');
    expect(view().state).toBe('stalled');
    status({ streamId: 's1', state: 'live' }); // main's word alone never brings the badge back
    expect(view().state).toBe('stalled');
    player().state('playing');
    expect(view().state).toBe('live');
    expect(s.phase).toBe('playing');
  });

  it('says offline since the picture was lost once the grace ran out, keeps counting down, and goes live by itself', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    player().state('playing');
    await vi.advanceTimersByTimeAsync(5000);
    const lostAt = Date.now();
    status({ streamId: 's1', state: 'reconnecting', retryInMs: 16_000 });
    player().state('stalled'); // the element keeps its last frame; nothing new is presented
    await vi.advanceTimersByTimeAsync(OFFLINE_GRACE_MS - 1000);
    expect(view()).toMatchObject({ state: 'reconnecting', retryInMs: 7000 });
    expect(view().offlineSince).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1000);
    expect(view()).toMatchObject({ state: 'offline', offlineSince: lostAt, retryInMs: 6000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(view().retryInMs).toBe(5000); // the countdown keeps counting while offline
    status({ streamId: 's1', state: 'connecting' });
    expect(view()).toMatchObject({ state: 'offline', offlineSince: lostAt });
    status({ streamId: 's1', state: 'live' });
    expect(view().state).toBe('offline'); // main is back, the picture not yet
    player().state('playing');
    expect(view().state).toBe('live');
    expect(view().offlineSince).toBeUndefined();
  });

  it('a camera that never answered is offline after the grace, counted from when the tile began', async () => {
    const s = session();
    const began = Date.now();
    playNext({ status: { state: 'reconnecting', retryInMs: 30_000 } });
    s.setActive(true);
    await settle();
    await vi.advanceTimersByTimeAsync(OFFLINE_GRACE_MS);
    expect(view()).toMatchObject({ state: 'offline', offlineSince: began, retryInMs: 20_000 });
  });

  it('"reconnect now" asks main to try the source at once, keeping the stream and player', async () => {
    const asked: string[] = [];
    deps.reconnect = (id) => asked.push(id);
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    status({ streamId: 's1', state: 'reconnecting', retryInMs: 30_000 });
    s.retryNow();
    expect(asked).toEqual(['s1']);
    expect(closed).toEqual([]);
    expect(view().state).toBe('connecting');
    expect(view().retryInMs).toBeUndefined();
    expect(players).toHaveLength(1);
  });

  it('starts again from 1 s once a frame played', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    player().error('network');
    playNext();
    await vi.advanceTimersByTimeAsync(1000);
    player().state('playing');
    player().error('network');
    expect(view().retryInMs).toBe(1000);
  });

  it('ignores statuses of other streams and of streams it released', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    status({ streamId: 'other', state: 'auth_failed' });
    expect(s.phase).toBe('playing');
    player().error('network');
    status({ streamId: 's1', state: 'auth_failed' });
    expect(s.phase).toBe('waiting_retry');
  });

  it('shows main\'s reconnect countdown and says connecting when it ran out', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    status({ streamId: 's1', state: 'reconnecting', retryInMs: 3000 });
    expect(view()).toMatchObject({ state: 'reconnecting', retryInMs: 3000 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(view().retryInMs).toBe(2000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(view().state).toBe('connecting');
    expect(view().retryInMs).toBeUndefined();
    status({ streamId: 's1', state: 'offline' });
    expect(view().state).toBe('offline');
  });

  it('hidden: releases player, stream, status listener and element; visible again: opens anew', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    s.setActive(false);
    expect(player().detached).toBe(true);
    expect(closed).toEqual(['s1']);
    expect(statusListeners.size).toBe(0);
    expect(videosOut).toBe(0);
    expect(view()).toEqual({});
    playNext();
    s.setActive(true);
    await settle();
    expect(s.phase).toBe('playing');
    expect(players).toHaveLength(2);
  });

  it('closes a stream whose open was answered after the tile was hidden, and stops a pending retry', async () => {
    const s = session();
    let answer!: (p: StreamPlan) => void;
    plans.push(() => new Promise((r) => (answer = r)));
    s.setActive(true);
    s.setActive(false);
    answer({ kind: 'play', facts: facts('late'), transcoded: false });
    await settle();
    expect(closed).toEqual(['late']);
    expect(players).toHaveLength(0);

    const t = session();
    t.setActive(true); // no plan: the open fails
    await settle();
    expect(t.phase).toBe('waiting_retry');
    t.dispose();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.phase).toBe('idle');
  });

  it('reads player stats each second while playing', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    await vi.advanceTimersByTimeAsync(1000);
    expect(view().stats?.fps).toBe(25);
    s.dispose();
  });

  it('retries at once when the operator asks, from the shortest delay', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    status({ streamId: 's1', state: 'auth_failed' });
    playNext();
    s.retryNow();
    await settle();
    expect(s.phase).toBe('playing');
    expect(closed).toEqual(['s1']);
  });

  it('asks main for keyframes only on its stream, again for each stream it reopens, and for every frame when it ends', async () => {
    const asked: string[] = [];
    deps.setKeyframesOnly = (id, on) => asked.push(`${id} ${on ? 'keyframes' : 'full'}`);
    const s = session();
    s.setKeyframesOnly(true); // before any stream: remembered
    playNext();
    s.setActive(true);
    await settle();
    expect(asked).toEqual(['s1 keyframes']);
    player().error('network');
    playNext();
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked).toEqual(['s1 keyframes', 's2 keyframes']);
    s.setKeyframesOnly(false);
    s.setKeyframesOnly(false);
    expect(asked).toEqual(['s1 keyframes', 's2 keyframes', 's2 full']);
  });
});
