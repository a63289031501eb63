// Make-before-break for one tile: the picture on screen stays until its successor plays. A new
// stream for the tile (the main stream after a maximise, the next camera of a tour) starts in a
// second session underneath; the tile switches when that session shows its first frame, then the
// old one is released. A tour's next camera can be started before its turn (prepare), so its
// turn begins on a picture, never on black.
import type { TileView } from './tile-session.js';

export interface TileTarget {
  cameraId: string;
  profile: 'main' | 'sub';
  /** The tile's id for the device stream budget (features/health/use-budget-cap.ts). */
  viewer?: string;
}

/** What the stage needs of a session (TileSession fits). */
export interface StageSession {
  setActive(active: boolean): void;
  dispose(): void;
  retryNow(): void;
  deviceChanged(): void;
  setKeyframesOnly(on: boolean): void;
}

export interface StagedSession {
  session: StageSession;
  /** Bring this session's picture to the front (it starts underneath the one on screen). */
  reveal(): void;
}

/** Creates a session for `target`; `front` says whether its picture starts on top or underneath. */
export type StageSessionFactory = (target: TileTarget, onView: (view: TileView) => void, front: boolean) => StagedSession;

/**
 * A successor that has not played by then takes over anyway when it shows another camera (the
 * operator asked for it; its own state tells the truth). For the same camera (another profile)
 * the picture on screen stays and the successor is dropped.
 */
export const SWITCH_TIMEOUT_MS = 6000;

interface Entry {
  target: TileTarget;
  staged: StagedSession;
  view: TileView;
  /** Asked for (not just prepared): it takes over when it plays. */
  wanted: boolean;
}

const same = (a: TileTarget | undefined, b: TileTarget | undefined) => !!a && !!b && a.cameraId === b.cameraId && a.profile === b.profile;
/** A view worth keeping on screen while a successor starts. */
const showsPicture = (v: TileView) => v.state === 'live' || v.state === 'stalled';
/** A successor that cannot play at all. */
const cannotPlay = (v: TileView) => v.darkReason !== undefined || v.overBudget !== undefined || v.state === 'auth_failed' || v.state === 'unsupported';

export class TileStage {
  private current: Entry | undefined;
  private incoming: Entry | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private keyframesOnly = false;

  constructor(
    private readonly factory: StageSessionFactory,
    /** The view of the session in front, and the target it shows (the picture's camera, for the tile's name). */
    private readonly onView: (view: TileView, showing: TileTarget | undefined) => void,
  ) {}

  /** What the tile shows (null: nothing, e.g. hidden or empty). */
  show(target: TileTarget | null): void {
    if (this.disposed) return;
    if (!target) {
      this.dropIncoming();
      this.dropCurrent();
      this.onView({}, undefined);
      return;
    }
    if (same(this.current?.target, target)) return this.dropIncoming();
    if (same(this.incoming?.target, target)) {
      this.incoming!.wanted = true;
      this.armTimeout();
      return this.maybePromote();
    }
    this.dropIncoming();
    if (!this.current || !showsPicture(this.current.view)) return this.switchAtOnce(target);
    this.incoming = this.start(target, false, true);
    this.armTimeout();
    this.maybePromote(); // it may have been refused an element already
  }

  /** Start `target` underneath, ready for its turn (a tour's next camera). */
  prepare(target: TileTarget): void {
    if (this.disposed || same(this.current?.target, target) || same(this.incoming?.target, target)) return;
    this.dropIncoming();
    this.incoming = this.start(target, false, false);
  }

  /** Drop a prepared successor that was not asked for yet (a paused tour); one asked for stays. */
  cancelPrepared(): void {
    if (this.incoming && !this.incoming.wanted) this.dropIncoming();
  }

  /** The target on screen, or the one taking over. */
  get showing(): TileTarget | undefined {
    return this.current?.target;
  }

  retryNow(): void {
    this.current?.staged.session.retryNow();
  }

  deviceChanged(): void {
    this.current?.staged.session.deviceChanged();
    this.incoming?.staged.session.deviceChanged();
  }

  /** Overload: the picture on screen and any successor get keyframes only, or every frame again. */
  setKeyframesOnly(on: boolean): void {
    this.keyframesOnly = on;
    this.current?.staged.session.setKeyframesOnly(on);
    this.incoming?.staged.session.setKeyframesOnly(on);
  }

  dispose(): void {
    this.dropIncoming();
    this.dropCurrent();
    this.disposed = true;
  }

  private start(target: TileTarget, front: boolean, wanted: boolean): Entry {
    const entry: Entry = { target, view: {}, wanted, staged: undefined as unknown as StagedSession };
    entry.staged = this.factory(target, (v) => this.viewOf(entry, v), front);
    if (this.keyframesOnly) entry.staged.session.setKeyframesOnly(true);
    entry.staged.session.setActive(true);
    return entry;
  }

  private viewOf(entry: Entry, view: TileView): void {
    entry.view = view;
    if (entry === this.current) this.onView(view, entry.target);
    else if (entry === this.incoming) this.maybePromote();
  }

  private maybePromote(): void {
    const next = this.incoming;
    if (!next?.wanted) return;
    if (next.view.state === 'live') return this.promote();
    // The window has no element for a second player (a large wall changing all its cameras):
    // for another camera, release the old picture first, then open the new one in its place.
    if (next.view.darkReason === 'player_cap' && next.target.cameraId !== this.current?.target.cameraId) return this.switchAtOnce(next.target);
    if (cannotPlay(next.view)) {
      const sameCamera = this.current && this.current.target.cameraId === next.target.cameraId;
      // Held by the device's stream budget: the room may come in a moment (this tile's own other
      // stream is being let go), so it keeps its chance until the timeout; the picture stays.
      if (sameCamera && next.view.overBudget !== undefined) return;
      if (sameCamera) this.dropIncoming(); // keep the picture
      else this.promote();
    }
  }

  /** Nothing worth keeping on screen (or no room for two players): release, then start in front. */
  private switchAtOnce(target: TileTarget): void {
    this.dropIncoming();
    this.dropCurrent();
    this.current = this.start(target, true, true);
    this.onView(this.current.view, target);
  }

  private promote(): void {
    const next = this.incoming;
    if (!next) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.incoming = undefined;
    next.staged.reveal();
    const old = this.current;
    this.current = next;
    old?.staged.session.dispose(); // after the successor is in front: no black frame between
    this.onView(next.view, next.target);
  }

  private armTimeout(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const next = this.incoming;
      if (!next?.wanted) return;
      if (this.current && this.current.target.cameraId === next.target.cameraId) this.dropIncoming();
      else this.promote();
    }, SWITCH_TIMEOUT_MS);
  }

  private dropIncoming(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.incoming?.staged.session.dispose();
    this.incoming = undefined;
  }

  private dropCurrent(): void {
    this.current?.staged.session.dispose();
    this.current = undefined;
  }
}
