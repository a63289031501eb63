// What the demo device's lenses are set to, per video source: focus mode and position (a
// continuous focus move runs on the clock) and exposure with its iris.

/** Iris range in dB (the value is an attenuation: 0 is fully open). */
export const IRIS_MIN = -22;
export const IRIS_MAX = 0;

export interface SourceImaging {
  focusMode: 'AUTO' | 'MANUAL';
  /** 0 near .. 1 far; where a continuous move started */
  focus: number;
  focusSpeed: number;
  focusSince: number;
  exposureMode: 'AUTO' | 'MANUAL';
  iris: number;
}

/** Per video source token; created on first use for the sources the stub has. */
export class ImagingState {
  private readonly sources = new Map<string, SourceImaging>();

  constructor(private readonly now: () => number = Date.now) {}

  of(token: string): SourceImaging {
    let s = this.sources.get(token);
    if (!s) {
      s = { focusMode: 'AUTO', focus: 0.5, focusSpeed: 0, focusSince: this.now(), exposureMode: 'AUTO', iris: -6 };
      this.sources.set(token, s);
    }
    return s;
  }

  /** Focus position now (a continuous move runs at 0.5 units/s at speed 1, clamped to 0..1). */
  focusAt(s: SourceImaging): number {
    const moved = s.focus + (s.focusSpeed * 0.5 * (this.now() - s.focusSince)) / 1000;
    return Math.min(1, Math.max(0, moved));
  }

  moveFocus(s: SourceImaging, speed: number): void {
    s.focus = this.focusAt(s);
    s.focusSince = this.now();
    s.focusSpeed = speed;
  }
}
