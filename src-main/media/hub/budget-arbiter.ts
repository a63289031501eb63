// Sub-streams before refusals: who on a full device plays its main stream. Tiles tell main what
// they would play and how much they matter (maximised, selected, size on screen); when a device's
// budget is full, the least important tiles playing a main stream are asked to move to the
// sub-stream before any tile is refused, and the most important moved tile is asked back to
// main when room returns. The hub's admission stays the hard limit; this only decides who asks
// for what. A tile's move is make-before-break, so its new stream is admitted in place of the old
// one (StreamBudget.allowSwap).
import { formatSourceKey, parseSourceKey } from '../../common/model/source-key.js';
import type { StreamBudget } from './budget.js';

export type TileProfile = 'main' | 'sub';

/** What a tile would play without the budget, and how much it matters. */
export interface TileWish {
  wants: TileProfile;
  selected: boolean;
  maximised: boolean;
  /** Size on screen in CSS px². */
  areaPx: number;
}

export interface BudgetArbiterOptions {
  budget: StreamBudget;
  /** Tell the tile `viewer` to play at most its sub-stream (capped) or that main is its again. */
  onCap(viewer: string, capped: boolean): void;
  now?: () => number;
}

/** A move asked of a tile and not seen done yet lapses after this (the tile was hidden, closed). */
const MOVE_LAPSES_MS = 20_000;
/** A tile whose move failed is not asked to move again before this (no ask-refuse loop). */
const REST_AFTER_FAILED_MOVE_MS = 5000;
/** An open decided and not yet opened holds its place this long (the open failed on the way). */
const RESERVATION_MS = 10_000;
/** A tile that closed its only stream keeps its place this long: a tile opening again (a refusal lifted, a retry) closes first. */
const REOPEN_GRACE_MS = 1000;

interface Viewer {
  wish: TileWish;
  capped: boolean;
  /** Asked to switch to this profile; the stream it opens for it is admitted in place of its old one. */
  moving?: { to: TileProfile; until: number; group: string };
  /** The camera and profile of the stream it opened last. */
  current?: { cameraId: string; profile: TileProfile };
  /** Its last move failed: not asked again before then. */
  restUntil?: number;
}

interface OpenStream {
  viewer: string | undefined;
  cameraId: string;
  profile: TileProfile;
  key: string;
  group: string | undefined;
}

/** An open decided and on its way (the device is being asked for the stream): it counts already. */
interface Reservation {
  viewer: string | undefined;
  key: string;
  group: string;
  until: number;
}

interface Use {
  streams: number;
  kbps: number;
}

/** Maximised before selected before larger; undefined wishes (contract clients) matter most: never moved. */
function rank(w: TileWish): number {
  return (w.maximised ? 4e12 : 0) + (w.selected ? 2e12 : 0) + Math.min(1e12, Math.max(0, w.areaPx));
}

const keyOf = (cameraId: string, profile: TileProfile): string => formatSourceKey({ cameraId, profile, variant: 'direct' });

export class BudgetArbiter {
  private readonly viewers = new Map<string, Viewer>();
  private readonly streams = new Map<string, OpenStream>();
  /** Camera streams the hub refused for the budget (parked): someone waits for room. */
  private readonly waiting = new Set<string>();
  private readonly reservations: Reservation[] = [];
  private readonly now: () => number;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly opts: BudgetArbiterOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** The tile's wish changed (size, selection, maximise, or the profile it would play). */
  setWish(viewer: string, wish: TileWish): void {
    const v = this.viewers.get(viewer);
    if (!v) {
      this.viewers.set(viewer, { wish, capped: false });
      return;
    }
    v.wish = wish;
    if (wish.wants === 'sub' && v.capped) this.setCapped(viewer, v, false); // it asks for sub anyway
    const group = this.groupOfViewer(viewer);
    if (group) this.rebalance(group);
  }

  /** The tile is gone. */
  dropViewer(viewer: string): void {
    this.viewers.delete(viewer);
  }

  /** Whether the tile `viewer` is held to its sub-stream by the budget. */
  isCapped(viewer: string): boolean {
    return this.viewers.get(viewer)?.capped ?? false;
  }

  /**
   * The profile a tile's open gets: what it asked for when that fits; the sub-stream when only
   * that fits (the tile is told it is capped); when neither fits, less important tiles playing
   * main are asked to move to sub, and this one waits for that room on its sub-stream.
   */
  profileFor(viewer: string | undefined, cameraId: string, requested: TileProfile): TileProfile {
    const v = viewer ? this.viewers.get(viewer) : undefined;
    const main = keyOf(cameraId, 'main');
    const sub = keyOf(cameraId, 'sub');
    const group = this.opts.budget.entryOf(main)?.group;
    if (v && viewer && group) {
      // Switching between this camera's streams: the new one takes the old one's place.
      const cur = v.current;
      if (cur && cur.cameraId === cameraId && cur.profile !== requested) this.opts.budget.allowSwap(keyOf(cameraId, cur.profile), keyOf(cameraId, requested));
      if (v.moving?.to === requested) return requested;
    }
    if (requested === 'sub' || !group) return this.reserve(viewer, cameraId, requested, group);
    // No sub-stream to move to: main or the hub's refusal.
    if (this.fits(group, main, viewer) || !this.opts.budget.entryOf(sub)) return this.reserve(viewer, cameraId, 'main', group);
    if (v && viewer) this.setCapped(viewer, v, true);
    if (this.fits(group, sub, viewer) || this.makeRoom(group, sub, viewer)) return this.reserve(viewer, cameraId, 'sub', group);
    return this.reserve(viewer, cameraId, 'main', group);
  }

  /** Opens run concurrently: a decided one counts until it is opened, so two tiles are not both given the last room. */
  private reserve(viewer: string | undefined, cameraId: string, profile: TileProfile, group: string | undefined): TileProfile {
    if (group) this.reservations.push({ viewer, key: keyOf(cameraId, profile), group, until: this.now() + RESERVATION_MS });
    return profile;
  }

  /** A tile's stream was opened (`viewer` undefined: a contract client, never moved). */
  opened(streamId: string, viewer: string | undefined, cameraId: string, profile: TileProfile): void {
    const key = keyOf(cameraId, profile);
    const group = this.opts.budget.entryOf(key)?.group;
    this.streams.set(streamId, { viewer, cameraId, profile, key, group });
    // The stream now counts for itself. A tile's places kept for it all end (its decision and the
    // grace after closing); the answer may differ from the decision (no sub-stream offered, a codec plan).
    if (viewer !== undefined) {
      for (let i = this.reservations.length - 1; i >= 0; i--) if (this.reservations[i]!.viewer === viewer) this.reservations.splice(i, 1);
    } else {
      const i = this.reservations.findIndex((x) => x.viewer === undefined && x.key === key);
      if (i >= 0) this.reservations.splice(i, 1);
    }
    const v = viewer ? this.viewers.get(viewer) : undefined;
    if (v) v.current = { cameraId, profile };
  }

  /** A tile's stream was closed: its device may have room for a waiting or capped tile. */
  closed(streamId: string): void {
    const s = this.streams.get(streamId);
    if (!s) return;
    this.streams.delete(streamId);
    const held = !this.waiting.has(s.key);
    if (!this.streamsOfKey(s.key)) this.waiting.delete(s.key);
    if (s.viewer && s.group && held && ![...this.streams.values()].some((o) => o.viewer === s.viewer)) {
      this.reservations.push({ viewer: s.viewer, key: s.key, group: s.group, until: this.now() + REOPEN_GRACE_MS });
      this.wakeAfter(s.group, 'reopen', REOPEN_GRACE_MS + 50);
    }
    const v = s.viewer ? this.viewers.get(s.viewer) : undefined;
    if (v && s.group) this.settle(s.viewer!, v, s.group);
    if (s.group) this.rebalance(s.group);
  }

  /** The hub refused `key` for the budget (true) or admitted it (false). */
  setWaiting(key: string, waiting: boolean): void {
    const direct = parseSourceKey(key);
    if (!direct) return;
    const text = formatSourceKey({ ...direct, variant: 'direct' });
    if (waiting === this.waiting.has(text)) return;
    // A refusal heard after its tile closed the stream: nobody waits for it.
    if (waiting && !this.streamsOfKey(text)) return;
    if (waiting) this.waiting.add(text);
    else this.waiting.delete(text);
    const group = this.opts.budget.entryOf(text)?.group;
    if (group) this.rebalance(group);
  }

  /** Limits changed or a stream ended: move tiles down for waiting ones, or up when there is room. */
  rebalance(group: string): void {
    this.lapseMoves();
    for (const key of this.waiting) {
      if (this.opts.budget.entryOf(key)?.group !== group || this.fits(group, key, undefined)) continue;
      this.makeRoom(group, key, undefined);
      return; // nobody goes up while someone waits
    }
    if ([...this.waiting].some((k) => this.opts.budget.entryOf(k)?.group === group)) return;
    this.promote(group);
  }

  /** The most important capped tile goes back to main when it fits, else it may swap with a less important tile on main. */
  private promote(group: string): void {
    // One move at a time per device: the hub counts a tile's old and new stream until the old one ends.
    if ([...this.viewers.values()].some((v) => v.moving?.group === group)) return;
    const capped = this.viewersIn(group)
      .filter(([, v]) => v.capped && !v.moving && !this.resting(v) && v.current?.profile === 'sub' && v.wish.wants === 'main')
      .sort((a, b) => rank(b[1].wish) - rank(a[1].wish));
    for (const [id, v] of capped) {
      const main = keyOf(v.current!.cameraId, 'main');
      if (this.fits(group, main, id)) {
        this.setCapped(id, v, false);
        v.moving = { to: 'main', until: this.now() + MOVE_LAPSES_MS, group };
        return;
      }
      // A less important tile on main gives way when that makes room; this one goes up once its main has ended.
      const victim = this.onMain(group)
        .filter(([, w]) => rank(w.wish) < rank(v.wish))
        .sort((a, b) => rank(a[1].wish) - rank(b[1].wish))[0];
      if (victim && this.fitsOnceMoved(group, main, id, victim[1])) this.demote(victim[0], victim[1], group);
      return;
    }
  }

  /** Asks the least important tiles on main to move to sub until `key` fits; false when that cannot make room. */
  private makeRoom(group: string, key: string, viewer: string | undefined): boolean {
    const candidates = this.onMain(group)
      .filter(([id]) => id !== viewer)
      .sort((a, b) => rank(a[1].wish) - rank(b[1].wish));
    const victims: [string, Viewer][] = [];
    const use = this.usage(group, viewer);
    const need = this.cost(key);
    const limits = this.opts.budget.entryOf(key)?.limits;
    if (!limits || limits.maxBitrateKbps === undefined) return false; // moving to sub saves bandwidth, not streams
    if (limits.maxStreams !== undefined && use.streams + 1 > limits.maxStreams) return false;
    let kbps = use.kbps;
    for (const c of candidates) {
      if (kbps + need <= limits.maxBitrateKbps) break;
      const cam = c[1].current!.cameraId;
      kbps -= this.cost(keyOf(cam, 'main')) - this.cost(keyOf(cam, 'sub'));
      victims.push(c);
    }
    if (kbps + need > limits.maxBitrateKbps) return false;
    for (const [id, w] of victims) this.demote(id, w, group);
    return true;
  }

  /** Whether `key` would fit for `viewer` once `other` has moved to its sub-stream. */
  private fitsOnceMoved(group: string, key: string, viewer: string, other: Viewer): boolean {
    other.moving = { to: 'sub', until: this.now() + MOVE_LAPSES_MS, group };
    try {
      return this.fits(group, key, viewer);
    } finally {
      delete other.moving;
    }
  }

  /**
   * One of the tile's streams closed: what it still has open is what it shows. A move is done when
   * only the new profile is left, and failed when the new stream is gone (its tile kept the old
   * picture): either way the next decision starts from what plays.
   */
  private settle(id: string, v: Viewer, group: string): void {
    const mine = [...this.streams.values()].filter((o) => o.viewer === id);
    const last = mine[mine.length - 1];
    if (last) v.current = { cameraId: last.cameraId, profile: last.profile };
    // Only a stream of the device the move is on tells about the move (its old camera may be elsewhere).
    if (!v.moving || v.moving.group !== group) return;
    const to = v.moving.to;
    const here = mine.filter((o) => o.group === group);
    if (here.every((o) => o.profile === to)) {
      delete v.moving;
    } else if (!here.some((o) => o.profile === to)) {
      // The new stream was refused and the tile kept its picture: say what it plays, so a later move is asked afresh.
      delete v.moving;
      v.restUntil = this.now() + REST_AFTER_FAILED_MOVE_MS;
      this.setCapped(id, v, to === 'main');
      this.wakeAfter(group, 'rest', REST_AFTER_FAILED_MOVE_MS + 50);
    }
  }

  private demote(id: string, v: Viewer, group: string): void {
    v.moving = { to: 'sub', until: this.now() + MOVE_LAPSES_MS, group };
    this.setCapped(id, v, true);
  }

  /** Tiles of `group` playing main by their own wish, not moving or resting. */
  private onMain(group: string): [string, Viewer][] {
    return this.viewersIn(group).filter(([, v]) => !v.moving && v.current?.profile === 'main' && !this.resting(v) && !!this.opts.budget.entryOf(keyOf(v.current.cameraId, 'sub')));
  }

  private resting(v: Viewer): boolean {
    return v.restUntil !== undefined && v.restUntil > this.now();
  }

  /** Whether `key` would fit beside what the tiles of `group` play or are moving to (`viewer`'s own stream given back). */
  private fits(group: string, key: string, viewer: string | undefined): boolean {
    const limits = this.opts.budget.entryOf(key)?.limits;
    if (!limits) return true;
    const use = this.usage(group, viewer, key);
    if (use.has) return true; // shared with another tile: costs nothing more
    if (limits.maxStreams !== undefined && use.streams + 1 > limits.maxStreams) return false;
    if (limits.maxBitrateKbps !== undefined && use.kbps + this.cost(key) > limits.maxBitrateKbps) return false;
    return true;
  }

  /**
   * Streams and kbit/s the tiles of `group` hold or are moving to, leaving out what `viewer`
   * holds now (it is being replaced) and streams refused for the budget. `has`: `probe` is among them.
   */
  private usage(group: string, viewer: string | undefined, probe?: string): Use & { has: boolean } {
    const keys = new Set<string>();
    const counted = new Set<string>();
    for (const s of this.streams.values()) {
      if (s.group !== group || (viewer !== undefined && s.viewer === viewer) || this.waiting.has(s.key)) continue;
      const v = s.viewer ? this.viewers.get(s.viewer) : undefined;
      if (s.viewer) counted.add(s.viewer);
      // A tile counts for the stream it plays or is moving to, once, however many it has open.
      const k = v?.current ? keyOf(v.current.cameraId, v.moving?.to ?? v.current.profile) : s.key;
      keys.add(this.opts.budget.entryOf(k)?.group === group ? k : s.key);
    }
    // A tile between its old stream closed and its new one opened still has its place.
    for (const [id, v] of this.viewers) {
      if (counted.has(id) || id === viewer || v.moving?.group !== group || !v.current) continue;
      keys.add(keyOf(v.current.cameraId, v.moving.to));
    }
    const t = this.now();
    for (const r of this.reservations) if (r.group === group && r.until >= t && (viewer === undefined || r.viewer !== viewer)) keys.add(r.key);
    let kbps = 0;
    for (const k of keys) kbps += this.cost(k);
    return { streams: keys.size, kbps, has: probe !== undefined && keys.has(probe) };
  }

  private cost(key: string): number {
    return this.opts.budget.entryOf(key)?.kbps ?? 0;
  }

  private viewersIn(group: string): [string, Viewer][] {
    const ids = new Set<string>();
    for (const s of this.streams.values()) if (s.group === group && s.viewer) ids.add(s.viewer);
    return [...ids].flatMap((id) => {
      const v = this.viewers.get(id);
      // A tile whose old stream of another device is still closing belongs to its new camera's device.
      const here = v?.current && this.opts.budget.entryOf(keyOf(v.current.cameraId, 'main'))?.group === group;
      return here ? [[id, v] as [string, Viewer]] : [];
    });
  }

  private groupOfViewer(viewer: string): string | undefined {
    for (const s of this.streams.values()) if (s.viewer === viewer && s.group) return s.group;
    return undefined;
  }

  private streamsOfKey(key: string): boolean {
    for (const s of this.streams.values()) if (s.key === key) return true;
    return false;
  }

  private lapseMoves(): void {
    const t = this.now();
    for (const v of this.viewers.values()) if (v.moving && v.moving.until < t) delete v.moving;
    for (let i = this.reservations.length - 1; i >= 0; i--) if (this.reservations[i]!.until < t) this.reservations.splice(i, 1);
  }

  /** A device is looked at again when a tile's rest or a closed tile's grace is over. */
  private wakeAfter(group: string, why: 'rest' | 'reopen', ms: number): void {
    const id = `${why}|${group}`;
    clearTimeout(this.timers.get(id));
    const timer = setTimeout(() => {
      this.timers.delete(id);
      this.rebalance(group);
    }, ms);
    timer.unref?.();
    this.timers.set(id, timer);
  }

  /** Stops the timers (the service is closing). */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private setCapped(id: string, v: Viewer, capped: boolean): void {
    if (v.capped === capped) return;
    v.capped = capped;
    this.opts.onCap(id, capped);
  }
}
