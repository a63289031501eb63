// Everything sent to one camera's PTZ goes through one CameraMotion: one command in flight at a
// time, at most one per MIN_GAP_MS (stops excepted), the newest wish replacing older ones not yet
// sent (coalescing). Continuous moves and lens actions are dead-man: not renewed within the
// watchdog time, they are stopped. A stop counts only once the device has answered it; a failed
// stop is retried with backoff.
import type { PtzLensAction, PtzVelocity } from '../../devices/index.js';

export interface MotionDevice {
  move(v: PtzVelocity): Promise<void>;
  stop(): Promise<void>;
  lens(action: PtzLensAction, speed: number): Promise<void>;
}

export interface MotionHooks {
  /**
   * Called before the first move of a camera at rest is sent: the write-ahead "moving" record.
   * Synchronous, so the command follows in the same turn; anything slower belongs after it.
   */
  startedMoving(): void;
  /** The device confirmed it is at rest (or we gave up stopping it). */
  stopped(confirmed: boolean): void;
  /** A held move or lens action was not renewed in time and is being stopped. */
  deadman(what: 'move' | 'lens'): void;
  /** A stop failed and will be retried, or (attempt === undefined) retries were given up. */
  stopFailed(error: unknown, retryInMs: number | undefined): void;
}

export interface MotionTiming {
  /** A held move not renewed for this long is stopped. */
  deadmanMs: number;
  /** Least time between two commands to the device, stops excepted. */
  minGapMs: number;
  /** A held move is sent again this often, so the device's own timeout never ends it early. */
  refreshMs: number;
  /** Backoff between stop attempts; the last value repeats until `stopAttempts` is reached. */
  stopRetryMs: readonly number[];
  stopAttempts: number;
}

export const DEFAULT_TIMING: MotionTiming = {
  deadmanMs: 300,
  minGapMs: 40,
  refreshMs: 500,
  stopRetryMs: [100, 250, 500, 1000, 2000, 5000],
  stopAttempts: 30,
};

const ZERO: PtzVelocity = { pan: 0, tilt: 0, zoom: 0 };
type DeviceState<T> = T | 'unknown';
interface Deferred {
  resolve(): void;
  reject(e: unknown): void;
}
interface Lens {
  action: PtzLensAction;
  speed: number;
}
interface Job {
  isStop: boolean;
  exec(): Promise<void>;
}

const isZero = (v: PtzVelocity): boolean => v.pan === 0 && v.tilt === 0 && v.zoom === 0;
const same = (a: PtzVelocity, b: PtzVelocity): boolean => a.pan === b.pan && a.tilt === b.tilt && a.zoom === b.zoom;

function deferred(): { promise: Promise<void>; d: Deferred } {
  let d!: Deferred;
  const promise = new Promise<void>((resolve, reject) => (d = { resolve, reject }));
  return { promise, d };
}

export class CameraMotion {
  private wantMove: PtzVelocity = ZERO;
  private deviceMove: DeviceState<PtzVelocity>;
  private moveSentAt = 0;
  private wantLens: Lens | null = null;
  private deviceLens: DeviceState<Lens | null> = null;
  private moveWaiters: Deferred[] = [];
  private lensWaiters: Deferred[] = [];
  private readonly oneShots: Array<{ run: () => Promise<void>; d: Deferred }> = [];
  private stopWaiters: Array<() => void> = [];
  private busy = false;
  private lastSentAt = -Infinity;
  private stopFailures = 0;
  private stopRetryAt = 0;
  private moveDog: ReturnType<typeof setTimeout> | undefined;
  private lensDog: ReturnType<typeof setTimeout> | undefined;
  private wake: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly device: MotionDevice,
    private readonly hooks: MotionHooks,
    private readonly timing: MotionTiming = DEFAULT_TIMING,
    /** A camera found recorded as moving (after a crash) starts unknown, so it is stopped at once. */
    startUnknown = false,
  ) {
    this.deviceMove = startUnknown ? 'unknown' : ZERO;
    if (startUnknown) this.pump();
  }

  /** True while the device may be moving (told to move, or not yet confirmed stopped). */
  get moving(): boolean {
    return this.deviceMove === 'unknown' || !isZero(this.deviceMove) || !isZero(this.wantMove) || this.deviceLens !== null;
  }

  /**
   * Asks for a continuous move (zero stops). Renewing the same velocity sends nothing until the
   * refresh time; resolves once the device took the command carrying this wish.
   */
  move(v: PtzVelocity): Promise<void> {
    if (this.disposed) return Promise.resolve();
    clearTimeout(this.moveDog);
    if (!isZero(v)) {
      this.moveDog = setTimeout(() => {
        if (isZero(this.wantMove)) return;
        this.hooks.deadman('move');
        this.wantMove = ZERO;
        this.pump();
      }, this.timing.deadmanMs);
    }
    const changed = !same(v, this.wantMove);
    this.wantMove = v;
    const device = this.deviceMove;
    if (device !== 'unknown' && same(device, v)) {
      // Already what the device does: wishes coalesced here need no command.
      for (const w of this.moveWaiters.splice(0)) w.resolve();
      return Promise.resolve();
    }
    if (!changed && this.moveWaiters.length === 0 && !isZero(v)) return Promise.resolve();
    const { promise, d } = deferred();
    this.moveWaiters.push(d);
    this.pump();
    return promise;
  }

  /**
   * Focus or iris while renewed (dead-man like a move); `focus_auto` is a one-off. Resolves once
   * the device took a changed action (or rejects with its refusal); a renewal resolves at once.
   */
  lens(action: PtzLensAction, speed: number): Promise<void> {
    if (action === 'focus_auto' || action === 'lens_stop') return this.once(() => this.device.lens(action, speed));
    clearTimeout(this.lensDog);
    this.lensDog = setTimeout(() => {
      if (!this.wantLens) return;
      this.hooks.deadman('lens');
      this.wantLens = null;
      // A wish let go of before it was sent: nothing to wait for.
      for (const w of this.lensWaiters.splice(0)) w.resolve();
      this.pump();
    }, this.timing.deadmanMs);
    const changed = this.wantLens?.action !== action || this.wantLens.speed !== speed;
    this.wantLens = { action, speed };
    if (!changed) return Promise.resolve();
    const { promise, d } = deferred();
    this.lensWaiters.push(d);
    this.pump();
    return promise;
  }

  /** Lets go of the move and any lens action (a window's stop); resolves once the move's stop was taken. */
  release(): Promise<void> {
    clearTimeout(this.lensDog);
    this.wantLens = null;
    for (const w of this.lensWaiters.splice(0)) w.resolve();
    const stopped = this.move(ZERO);
    this.pump();
    return stopped;
  }

  /** A one-off command (preset, home, centre) queued behind whatever is in flight. */
  once<T>(run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.oneShots.push({ run: () => run().then(resolve), d: { resolve: () => undefined, reject } });
      this.pump();
    });
  }

  /** Stops pan, tilt, zoom and lens now; resolves when the device confirmed or retries ran out. */
  stopNow(): Promise<void> {
    clearTimeout(this.moveDog);
    clearTimeout(this.lensDog);
    this.wantMove = ZERO;
    this.wantLens = null;
    for (const w of this.lensWaiters.splice(0)) w.resolve();
    this.stopRetryAt = 0;
    if (!this.moving) return Promise.resolve();
    const p = new Promise<void>((r) => this.stopWaiters.push(r));
    this.pump();
    return p;
  }

  dispose(): void {
    this.disposed = true;
    for (const t of [this.moveDog, this.lensDog, this.wake]) clearTimeout(t);
  }

  private pump(): void {
    if (this.busy) return;
    clearTimeout(this.wake);
    this.wake = undefined;
    const now = Date.now();
    const job = this.pick(now);
    if (!job) return;
    const wait = job.isStop ? 0 : this.lastSentAt + this.timing.minGapMs - now;
    if (wait > 0) {
      this.wake = setTimeout(() => this.pump(), wait);
      return;
    }
    this.busy = true;
    this.lastSentAt = now;
    void job
      .exec()
      .catch(() => undefined)
      .finally(() => {
        this.busy = false;
        this.pump();
      });
  }

  private pick(now: number): Job | undefined {
    const moveStopDue = isZero(this.wantMove) && (this.deviceMove === 'unknown' || !isZero(this.deviceMove));
    const lensStopDue = this.wantLens === null && this.deviceLens !== null;
    if (moveStopDue || lensStopDue) {
      if (now >= this.stopRetryAt) return { isStop: true, exec: () => this.sendStop(moveStopDue, lensStopDue) };
      this.wakeAt(this.stopRetryAt - now);
    }
    if (!isZero(this.wantMove)) {
      const current = this.deviceMove;
      const due = current === 'unknown' || !same(current, this.wantMove) || now - this.moveSentAt >= this.timing.refreshMs;
      if (due) return { isStop: false, exec: () => this.sendMove() };
      this.wakeAt(this.moveSentAt + this.timing.refreshMs - now);
    }
    const lens = this.wantLens;
    if (lens && (this.deviceLens === 'unknown' || this.deviceLens?.action !== lens.action || this.deviceLens.speed !== lens.speed)) {
      return { isStop: false, exec: () => this.sendLens(lens) };
    }
    if (this.oneShots.length > 0) {
      return {
        isStop: false,
        exec: () => {
          const shot = this.oneShots.shift()!;
          return shot.run().then(shot.d.resolve, (e: unknown) => shot.d.reject(e));
        },
      };
    }
    return undefined;
  }

  private wakeAt(inMs: number): void {
    if (this.disposed) return;
    clearTimeout(this.wake);
    this.wake = setTimeout(() => this.pump(), Math.max(0, inMs));
  }

  private async sendMove(): Promise<void> {
    const v = this.wantMove;
    const waiters = this.moveWaiters;
    this.moveWaiters = [];
    try {
      if (this.deviceMove !== 'unknown' && isZero(this.deviceMove) && this.deviceLens === null) this.hooks.startedMoving();
      this.moveSentAt = Date.now();
      await this.device.move(v);
      this.deviceMove = v;
      for (const w of waiters) w.resolve();
    } catch (e) {
      // Fail safe: the camera may have taken the move; stop it. A renewal tries again.
      this.deviceMove = 'unknown';
      if (same(this.wantMove, v)) this.wantMove = ZERO;
      for (const w of waiters) w.reject(e);
    }
  }

  private async sendLens(lens: Lens): Promise<void> {
    const waiters = this.lensWaiters;
    this.lensWaiters = [];
    try {
      if (this.deviceMove !== 'unknown' && isZero(this.deviceMove) && this.deviceLens === null) this.hooks.startedMoving();
      await this.device.lens(lens.action, lens.speed);
      this.deviceLens = lens;
      for (const w of waiters) w.resolve();
    } catch (e) {
      // Fail safe as for moves: the lens may have started; stop it.
      this.deviceLens = 'unknown';
      this.wantLens = null;
      for (const w of waiters) w.reject(e);
    }
  }

  private async sendStop(move: boolean, lens: boolean): Promise<void> {
    try {
      if (move) await this.device.stop();
      if (lens) await this.device.lens('lens_stop', 0);
      if (move) this.deviceMove = ZERO;
      if (lens) this.deviceLens = null;
      this.stopFailures = 0;
      this.stopRetryAt = 0;
      if (!this.moving) this.settle(true);
      for (const w of this.moveWaiters.splice(0)) w.resolve();
    } catch (e) {
      this.stopFailures += 1;
      if (this.stopFailures >= this.timing.stopAttempts) {
        this.hooks.stopFailed(e, undefined);
        this.deviceMove = ZERO;
        this.deviceLens = null;
        this.stopFailures = 0;
        this.settle(false);
        return;
      }
      const r = this.timing.stopRetryMs;
      const delay = r[Math.min(this.stopFailures - 1, r.length - 1)] ?? 1000;
      this.stopRetryAt = Date.now() + delay;
      this.hooks.stopFailed(e, delay);
    }
  }

  private settle(confirmed: boolean): void {
    this.hooks.stopped(confirmed);
    for (const w of this.stopWaiters.splice(0)) w();
  }
}
