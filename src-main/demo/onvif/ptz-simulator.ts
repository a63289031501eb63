// Simulated PTZ head. Each axis keeps an anchor (value and time) plus a motion; the position
// is computed from the clock when asked, so no timers run. Pan/tilt range [-1, 1], zoom [0, 1]
// (the ONVIF generic spaces).

export interface PtzVector {
  x: number;
  y: number;
  zoom: number;
}

export type MoveState = 'IDLE' | 'MOVING';
export type Axis = keyof PtzVector;

const AXES: readonly Axis[] = ['x', 'y', 'zoom'];
const LIMITS: Record<Axis, readonly [number, number]> = { x: [-1, 1], y: [-1, 1], zoom: [0, 1] };

interface AxisMotion {
  /** value at `since` */
  base: number;
  since: number;
  mode: 'idle' | 'velocity' | 'target';
  /** velocity mode: signed units/s; target mode: unsigned units/s */
  rate: number;
  target: number;
  /** velocity mode: time at which the move times out */
  until: number;
}

export function clampAxis(axis: Axis, v: number): number {
  const [lo, hi] = LIMITS[axis];
  return Math.min(hi, Math.max(lo, v));
}

export function inRange(axis: Axis, v: number): boolean {
  const [lo, hi] = LIMITS[axis];
  return v >= lo && v <= hi;
}

export class PtzSimulator {
  private readonly axes: Record<Axis, AxisMotion>;

  constructor(
    /** units per second at velocity or speed 1.0 */
    private readonly unitsPerSec: number,
    private readonly now: () => number = Date.now,
    start: PtzVector = { x: 0, y: 0, zoom: 0 },
  ) {
    const t = now();
    const idle = (v: number): AxisMotion => ({ base: v, since: t, mode: 'idle', rate: 0, target: v, until: t });
    this.axes = { x: idle(start.x), y: idle(start.y), zoom: idle(start.zoom) };
  }

  position(): PtzVector {
    const t = this.now();
    return { x: this.valueAt('x', t), y: this.valueAt('y', t), zoom: this.valueAt('zoom', t) };
  }

  moveStatus(): { panTilt: MoveState; zoom: MoveState } {
    const t = this.now();
    const moving = (a: Axis): boolean => this.isMoving(a, t);
    return { panTilt: moving('x') || moving('y') ? 'MOVING' : 'IDLE', zoom: moving('zoom') ? 'MOVING' : 'IDLE' };
  }

  /** Velocities in [-1, 1]; an axis left out keeps its current motion. */
  continuousMove(velocity: Partial<PtzVector>, timeoutMs: number): void {
    const t = this.now();
    for (const a of AXES) {
      const v = velocity[a];
      if (v === undefined) continue;
      this.anchor(a, t);
      const m = this.axes[a];
      m.mode = v === 0 ? 'idle' : 'velocity';
      m.rate = v * this.unitsPerSec;
      m.until = t + timeoutMs;
    }
  }

  /** Move to an absolute position; speed per axis in (0, 1], default 1. */
  moveTo(target: Partial<PtzVector>, speed: Partial<PtzVector> = {}): void {
    const t = this.now();
    for (const a of AXES) {
      const v = target[a];
      if (v === undefined) continue;
      this.anchor(a, t);
      const m = this.axes[a];
      const s = speed[a];
      m.mode = 'target';
      m.target = clampAxis(a, v);
      m.rate = (s !== undefined && s > 0 ? Math.min(s, 1) : 1) * this.unitsPerSec;
    }
  }

  moveBy(delta: Partial<PtzVector>, speed: Partial<PtzVector> = {}): void {
    const here = this.position();
    const target: Partial<PtzVector> = {};
    for (const a of AXES) {
      const d = delta[a];
      if (d !== undefined) target[a] = clampAxis(a, here[a] + d);
    }
    this.moveTo(target, speed);
  }

  stop(panTilt: boolean, zoom: boolean): void {
    const t = this.now();
    const axes: Axis[] = [...(panTilt ? (['x', 'y'] as const) : []), ...(zoom ? (['zoom'] as const) : [])];
    for (const a of axes) {
      this.anchor(a, t);
      this.axes[a].mode = 'idle';
    }
  }

  private anchor(a: Axis, t: number): void {
    const m = this.axes[a];
    m.base = this.valueAt(a, t);
    m.since = t;
    if (m.mode !== 'idle' && !this.isMoving(a, t)) m.mode = 'idle';
  }

  private valueAt(a: Axis, t: number): number {
    const m = this.axes[a];
    if (m.mode === 'velocity') {
      const dt = (Math.min(t, m.until) - m.since) / 1000;
      return clampAxis(a, m.base + m.rate * Math.max(0, dt));
    }
    if (m.mode === 'target') {
      const travelled = (m.rate * Math.max(0, t - m.since)) / 1000;
      const remaining = m.target - m.base;
      return Math.abs(remaining) <= travelled ? m.target : m.base + Math.sign(remaining) * travelled;
    }
    return m.base;
  }

  private isMoving(a: Axis, t: number): boolean {
    const m = this.axes[a];
    if (m.mode === 'velocity') return t < m.until;
    if (m.mode === 'target') return this.valueAt(a, t) !== m.target;
    return false;
  }
}
