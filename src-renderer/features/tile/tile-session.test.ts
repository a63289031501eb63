// The tile's source/retry machine, transition by transition, with fake timers and a scripted main.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamFacts, StreamStatus } from '@common/contract/stream.js';
import { PlayerEmitter } from '../../player/emitter.js';
import type { Player, PlayerError, PlayerEventMap, PlayerState, PlayerStats } from '../../player/index.js';
import type { StreamPlan } from './stream-plan.js';
import { OFFLINE_GRACE_MS } from './tile-display.js';
import { TileSession, type TileSessionDeps, type TileView } from './tile-session.js';

class FakePlayer implements Player {
  attached = false;
  detached = false;
  private readonly events = new PlayerEmitter();
  constructor(readonly facts: StreamFacts) {}
  attach(): void {
    this.attached = true;
  }
  detach(): void {
    this.detached = true;
  }
  stats(): PlayerStats {
    return { transport: this.facts.transport, state: 'playing', width: 640, height: 360, fps: 25 } as PlayerStats;
  }
  on<E extends keyof PlayerEventMap>(event: E, cb: (p: PlayerEventMap[E]) => void): () => void {
    return this.events.on(event, cb);
  }
  state(s: PlayerState): void {
    this.events.emit('state', s);
  }
  error(code: PlayerError['code']): void {
    this.events.emit('error', { code, message: code, fatal: true });
  }
}

const facts = (streamId: string, extra: Partial<StreamFacts> = {}): StreamFacts => ({
  streamId,
  url: `ws://127.0.0.1:1/live/${streamId}`,
  transport: 'fmp4-ws',
  plan: 'as_is',
  profile: 'main',
  status: { state: 'connecting' },
  ...extra,
});

let n = 0;
let plans: ((options: { transcode: boolean }) => Promise<StreamPlan>)[];
let statusListeners: Set<(s: StreamStatus) => void>;
let players: FakePlayer[];
let closed: string[];
let views: TileView[];
let videosOut: number;
let deps: TileSessionDeps;

const view = (): TileView => views[views.length - 1] ?? {};
const player = (): FakePlayer => players[players.length - 1]!;
const status = (s: StreamStatus): void => statusListeners.forEach((l) => l(s));
/** The next open answers with stream s<n>; returns its id. */
function playNext(extra: Partial<StreamFacts> = {}): string {
  const id = `s${++n}`;
  plans.push(async () => ({ kind: 'play', facts: facts(id, extra), transcoded: false }));
  return id;
}
const settle = () => vi.advanceTimersByTimeAsync(0);

function session(): TileSession {
  return new TileSession({ cameraId: 'cam-1', profile: 'main' }, deps, (v) => views.push(v));
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  n = 0;
  plans = [];
  statusListeners = new Set();
  players = [];
  closed = [];
  views = [];
  videosOut = 0;
  deps = {
    plan: (_c, _p, options) => {
      const next = plans.shift();
      return next ? next(options) : Promise.reject(new Error('camera unreachable'));
    },
    closeStream: (id) => closed.push(id),
    onStreamStatus: (l) => (statusListeners.add(l), () => statusListeners.delete(l)),
    createPlayer: (f) => {
      const p = new FakePlayer(f);
      players.push(p);
      return p;
    },
    acquireVideo: () => (videosOut++, {} as HTMLVideoElement),
    releaseVideo: () => videosOut--,
  };
});
afterEach(() => {
  vi.useRealTimers();
});

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

  it('holds "authentication failed": player errors and time never turn it into connecting', async () => {
    const s = session();
    const id = playNext();
    s.setActive(true);
    await settle();
    status({ streamId: id, state: 'auth_failed', errorCode: 'auth_failed' });
    expect(s.phase).toBe('held');
    expect(view()).toEqual({ state: 'auth_failed' });
    expect(player().detached).toBe(true);
    player().error('network'); // the old player's socket closing late changes nothing
    status({ streamId: id, state: 'offline' }); // main idles the source nobody plays after its grace period
    status({ streamId: id, state: 'reconnecting', retryInMs: 1000 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view()).toEqual({ state: 'auth_failed' });
    expect(closed).toEqual([]); // the stream stays open to hear when the credentials change
    expect(players).toHaveLength(1);
  });

  it('holds a stream budget refusal with its reason and opens again when main says there is room', async () => {
    const s = session();
    const over = { limit: 'streams', max: 2, used: 2, device: 'NVR' };
    playNext({ status: { state: 'offline', errorCode: 'over_budget', errorParams: over } });
    s.setActive(true);
    await settle();
    expect(s.phase).toBe('held');
    expect(view()).toEqual({ state: 'offline', overBudget: over });
    expect(players).toHaveLength(0); // nothing to play: no player waits on an empty stream
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view()).toEqual({ state: 'offline', overBudget: over });
    const next = playNext();
    status({ streamId: 's1', state: 'connecting' }); // another stream of the device stopped
    await settle();
    expect(closed).toEqual(['s1']);
    expect(s.phase).toBe('playing');
    expect(player().facts.streamId).toBe(next);
    expect(view().overBudget).toBeUndefined();
  });

  it('holds "authentication failed" sent before the open was answered (subscribe before open)', async () => {
    const s = session();
    plans.push(async () => {
      status({ streamId: 's1', state: 'auth_failed' }); // main publishes while answering
      return { kind: 'play', facts: facts('s1'), transcoded: false };
    });
    s.setActive(true);
    await settle();
    expect(s.phase).toBe('held');
    expect(view().state).toBe('auth_failed');
    expect(players).toHaveLength(0);
  });

  it('a retry that meets refused credentials stops retrying, its countdown stops too', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    player().error('no_data');
    plans.push(async () => {
      status({ streamId: 's2', state: 'auth_failed' });
      return { kind: 'play', facts: facts('s2'), transcoded: false };
    });
    await vi.advanceTimersByTimeAsync(1000);
    expect(view()).toEqual({ state: 'auth_failed' });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(view()).toEqual({ state: 'auth_failed' });
  });

  it('starts afresh when main moves on from refused credentials (they were corrected)', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    status({ streamId: 's1', state: 'auth_failed' });
    playNext();
    status({ streamId: 's1', state: 'connecting' });
    expect(closed).toEqual(['s1']);
    await settle();
    expect(s.phase).toBe('playing');
    player().state('playing');
    expect(view().state).toBe('live');
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

  it('asks main for the transcode when the player finds a stream of unknown codec undecodable', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    let asked: { transcode: boolean } | undefined;
    plans.push(async (o) => ((asked = o), { kind: 'play', facts: facts('s2'), transcoded: true }));
    player().error('h265_unsupported');
    await settle();
    expect(asked).toEqual({ transcode: true });
    expect(view()).toMatchObject({ state: 'connecting', transcoded: true });
    // Later retries stay on the transcode.
    player().error('network');
    plans.push(async (o) => ((asked = o), { kind: 'play', facts: facts('s3'), transcoded: true }));
    asked = undefined;
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked).toEqual({ transcode: true });
  });

  it('stays dark with the reason when nothing is playable', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    plans.push(async () => ({ kind: 'play', facts: facts('s9', { plan: 'transcode' }), transcoded: true }));
    player().error('h265_unsupported');
    await settle();
    player().error('h265_unsupported'); // even the re-encode does not decode here
    expect(s.phase).toBe('dark');
    expect(view()).toEqual({ darkReason: 'h265_unsupported' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(players).toHaveLength(2);

    const t = session();
    plans.push(async () => ({ kind: 'dark', reason: 'codec_unsupported' }));
    t.setActive(true);
    await settle();
    expect(view()).toEqual({ darkReason: 'codec_unsupported' });
  });

  it('says "too many players" without opening anything when no video element is left', () => {
    deps.acquireVideo = () => undefined;
    const s = session();
    s.setActive(true);
    expect(s.phase).toBe('dark');
    expect(view()).toEqual({ darkReason: 'player_cap' });
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
  it('starts from the state main answered with, before any event', async () => {
    const s = session();
    plans.push(async () => ({ kind: 'play', facts: facts('s1', { status: { state: 'auth_failed', errorCode: 'auth_failed' } }), transcoded: false }));
    s.setActive(true);
    await settle();
    expect(s.phase).toBe('held');
    expect(view()).toEqual({ state: 'auth_failed' });
    expect(players).toHaveLength(0);
  });

  it('holds "unsupported format" like refused credentials: no retry loop', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    status({ streamId: 's1', state: 'unsupported', errorCode: 'unsupported_codec' });
    player().error('no_data');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(view()).toEqual({ state: 'unsupported' });
    expect(players).toHaveLength(1);
  });
  it('opens again when its device changed while held (main learns new credentials on open), not while playing', async () => {
    const s = session();
    playNext();
    s.setActive(true);
    await settle();
    s.deviceChanged();
    expect(closed).toEqual([]);
    status({ streamId: 's1', state: 'auth_failed' });
    playNext();
    s.deviceChanged();
    await settle();
    expect(closed).toEqual(['s1']);
    expect(s.phase).toBe('playing');
  });
});
