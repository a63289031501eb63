// The clock of one tour: which step is on screen, when the next one is started underneath
// (pre-start, so the switch lands on a picture), and the pause an operator's hand on the tile
// causes. No DOM, no store: the tiles read its position (tour-state.ts).

/** The next camera starts this long before its turn (a cold RTSP camera takes 1-3 s to its first frame). */
export const TOUR_PRESTART_MS = 4000;
/** A tour paused by the operator resumes after this long without another interaction. */
export const TOUR_RESUME_IDLE_MS = 30_000;

export interface TourPosition {
  step: number;
  /** The next step is being started underneath, for its turn. */
  preparing: boolean;
  /** Held by the operator's interaction; resumes after TOUR_RESUME_IDLE_MS or on request. */
  paused: boolean;
}

/** How long before its turn the next step starts: never more than the dwell leaves room for. */
export function prestartMs(dwellMs: number): number {
  return Math.max(0, Math.min(TOUR_PRESTART_MS, dwellMs - 1000));
}

export class TourRunner {
  private position: TourPosition = { step: 0, preparing: false, paused: false };
  private prepareTimer: ReturnType<typeof setTimeout> | undefined;
  private stepTimer: ReturnType<typeof setTimeout> | undefined;
  private resumeTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private readonly length: number,
    private readonly dwellMs: number,
    private readonly onChange: (position: TourPosition) => void,
  ) {
    this.emit({ step: 0, preparing: false, paused: false });
    this.arm();
  }

  get now(): TourPosition {
    return this.position;
  }

  /** The operator acted on the tour's tile (or wall): hold the current camera, resume after a quiet spell. */
  interact(): void {
    if (this.disposed || this.length < 2) return;
    this.clearStepTimers();
    clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => this.resume(), TOUR_RESUME_IDLE_MS);
    if (!this.position.paused || this.position.preparing) this.emit({ ...this.position, preparing: false, paused: true });
  }

  /** Go on now: the camera on screen gets a full dwell (the operator just looked at it). */
  resume(): void {
    if (this.disposed || !this.position.paused) return;
    clearTimeout(this.resumeTimer);
    this.resumeTimer = undefined;
    this.emit({ ...this.position, paused: false });
    this.arm();
  }

  dispose(): void {
    this.disposed = true;
    this.clearStepTimers();
    clearTimeout(this.resumeTimer);
  }

  private arm(): void {
    if (this.length < 2) return;
    const lead = prestartMs(this.dwellMs);
    this.prepareTimer = setTimeout(() => this.emit({ ...this.position, preparing: true }), this.dwellMs - lead);
    this.stepTimer = setTimeout(() => {
      this.emit({ step: (this.position.step + 1) % this.length, preparing: false, paused: false });
      this.arm();
    }, this.dwellMs);
  }

  private clearStepTimers(): void {
    clearTimeout(this.prepareTimer);
    clearTimeout(this.stepTimer);
    this.prepareTimer = this.stepTimer = undefined;
  }

  private emit(position: TourPosition): void {
    this.position = position;
    if (!this.disposed) this.onChange(position);
  }
}
