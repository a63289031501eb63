// Patrols (巡航) run in the client as timed GotoPreset calls: many cameras' own preset tours
// differ or are missing, and a client patrol can pause for an operator and say where it is.
// Each step's dwell counts from its GotoPreset, so travel time is part of the dwell.
import type { PatrolPlan } from '../../common/contract/ptz.js';
import type { ControlLocks } from './control-lock.js';

export type PatrolStatus = 'running' | 'paused' | 'waiting_schedule';

export interface PatrolView {
  status: PatrolStatus;
  plan: PatrolPlan;
  stepIndex: number;
}

export interface PatrolDeps {
  locks: ControlLocks;
  goto(cameraId: string, presetToken: string, speed: number): Promise<void>;
  /** The patrol's state changed (status or step): the tile shows it; the record is saved. */
  changed(cameraId: string, view: PatrolView | null): void;
  failed(cameraId: string, error: unknown): void;
  now?: () => Date;
}

interface Running extends PatrolView {
  timer: ReturnType<typeof setTimeout> | undefined;
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Is `at` inside the daily window? A window may cross midnight (22:00-06:00); from == to is all day. */
export function insideSchedule(schedule: PatrolPlan['schedule'], at: Date): boolean {
  if (!schedule) return true;
  const from = minutesOf(schedule.from);
  const to = minutesOf(schedule.to);
  const m = at.getHours() * 60 + at.getMinutes();
  if (from === to) return true;
  return from < to ? m >= from && m < to : m >= from || m < to;
}

/** Ms from `at` until the window next opens (at least one second, so a boundary cannot spin). */
export function untilScheduleOpens(schedule: NonNullable<PatrolPlan['schedule']>, at: Date): number {
  const next = new Date(at);
  next.setHours(Number(schedule.from.slice(0, 2)), Number(schedule.from.slice(3, 5)), 0, 0);
  if (next.getTime() <= at.getTime()) next.setDate(next.getDate() + 1);
  return Math.max(1000, next.getTime() - at.getTime());
}

export class PatrolEngine {
  private readonly patrols = new Map<string, Running>();
  private readonly now: () => Date;

  constructor(private readonly deps: PatrolDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  view(cameraId: string): PatrolView | null {
    const p = this.patrols.get(cameraId);
    return p ? { status: p.status, plan: p.plan, stepIndex: p.stepIndex } : null;
  }

  cameras(): string[] {
    return [...this.patrols.keys()];
  }

  start(cameraId: string, plan: PatrolPlan, stepIndex = 0): void {
    this.halt(cameraId);
    this.patrols.set(cameraId, { plan, status: 'running', stepIndex: stepIndex % plan.steps.length, timer: undefined });
    this.step(cameraId);
  }

  stop(cameraId: string): void {
    if (!this.patrols.has(cameraId)) return;
    this.halt(cameraId);
    this.patrols.delete(cameraId);
    this.deps.locks.releasePatrol(cameraId);
    this.deps.changed(cameraId, null);
  }

  /** The camera's controller changed: a window took it (pause) or let go (resume where it was). */
  controllerChanged(cameraId: string, kind: 'manual' | 'patrol' | null): void {
    const p = this.patrols.get(cameraId);
    if (!p) return;
    if (kind === 'manual' && p.status !== 'paused') {
      clearTimeout(p.timer);
      p.timer = undefined;
      this.set(cameraId, p, 'paused');
    } else if (kind === null && p.status === 'paused') {
      this.step(cameraId);
    }
  }

  dispose(): void {
    for (const p of this.patrols.values()) clearTimeout(p.timer);
  }

  private halt(cameraId: string): void {
    const p = this.patrols.get(cameraId);
    if (p) clearTimeout(p.timer);
  }

  private set(cameraId: string, p: Running, status: PatrolStatus): void {
    p.status = status;
    this.deps.changed(cameraId, this.view(cameraId));
  }

  private step(cameraId: string): void {
    const p = this.patrols.get(cameraId);
    if (!p) return;
    clearTimeout(p.timer);
    const schedule = p.plan.schedule;
    if (schedule && !insideSchedule(schedule, this.now())) {
      this.deps.locks.releasePatrol(cameraId);
      p.timer = setTimeout(() => this.step(cameraId), untilScheduleOpens(schedule, this.now()));
      this.set(cameraId, p, 'waiting_schedule');
      return;
    }
    if (!this.deps.locks.takePatrol(cameraId)) {
      this.set(cameraId, p, 'paused');
      return;
    }
    const stepAt = p.stepIndex;
    const s = p.plan.steps[stepAt]!;
    this.set(cameraId, p, 'running');
    this.deps.goto(cameraId, s.presetToken, s.speed).catch((e: unknown) => this.deps.failed(cameraId, e));
    p.timer = setTimeout(() => {
      if (this.patrols.get(cameraId) !== p || p.status !== 'running') return;
      p.stepIndex = (stepAt + 1) % p.plan.steps.length;
      this.step(cameraId);
    }, s.dwellSec * 1000);
  }
}
