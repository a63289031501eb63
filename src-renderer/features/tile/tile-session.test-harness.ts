// Fakes for TileSession tests: a player the test drives, main's plans and statuses, video elements.
import { afterEach, beforeEach, vi } from 'vitest';
import type { StreamFacts, StreamStatus } from '@common/contract/stream.js';
import { PlayerEmitter } from '../../player/emitter.js';
import type { Player, PlayerError, PlayerEventMap, PlayerState, PlayerStats } from '../../player/index.js';
import type { StreamPlan } from './stream-plan.js';
import { TileSession, type TileSessionDeps, type TileView } from './tile-session.js';

export class FakePlayer implements Player {
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

export const facts = (streamId: string, extra: Partial<StreamFacts> = {}): StreamFacts => ({
  streamId,
  url: `ws://127.0.0.1:1/live/${streamId}`,
  transport: 'fmp4-ws',
  plan: 'as_is',
  profile: 'main',
  status: { state: 'connecting' },
  ...extra,
});

export let n = 0;
export let plans: ((options: { transcode: boolean }) => Promise<StreamPlan>)[];
export let statusListeners: Set<(s: StreamStatus) => void>;
export let players: FakePlayer[];
export let closed: string[];
export let views: TileView[];
export let videosOut: number;
export let deps: TileSessionDeps;

export const view = (): TileView => views[views.length - 1] ?? {};
export const player = (): FakePlayer => players[players.length - 1]!;
export const status = (s: StreamStatus): void => statusListeners.forEach((l) => l(s));
/** The next open answers with stream s<n>; returns its id. */
export function playNext(extra: Partial<StreamFacts> = {}): string {
  const id = `s${++n}`;
  plans.push(async () => ({ kind: 'play', facts: facts(id, extra), transcoded: false }));
  return id;
}
export const settle = () => vi.advanceTimersByTimeAsync(0);

export function session(): TileSession {
  return new TileSession({ cameraId: 'cam-1', profile: 'main' }, deps, (v) => views.push(v));
}

/** Fresh fakes before each test, fake timers from a fixed clock. */
export function useSessionHarness(): void {
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
}
