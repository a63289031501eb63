// Turns "held" inputs (keys, the pad, a drag, a joystick) into PTZ commands: a change is sent at
// once, a held move is renewed every PTZ_RENEW_MS (main stops a camera whose move is not renewed),
// and letting go sends one stop. Each input is a source; the one that changed last steers.
import { PTZ_RENEW_MS } from '@common/contract/ptz.js';

export interface Velocity {
  pan: number;
  tilt: number;
  zoom: number;
}

export interface DriverLink {
  move(cameraId: string, v: Velocity): Promise<unknown>;
  stop(cameraId: string): Promise<unknown>;
  failed(error: unknown): void;
}

const isZero = (v: Velocity): boolean => v.pan === 0 && v.tilt === 0 && v.zoom === 0;
const clamp = (n: number): number => Math.max(-1, Math.min(1, Math.round(n * 1000) / 1000));

export class PtzDriver {
  private readonly sources = new Map<string, Velocity>();
  private order: string[] = [];
  private cameraId: string | null = null;
  private current: Velocity | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly link: DriverLink,
    private readonly renewMs = PTZ_RENEW_MS,
  ) {}

  /** The camera inputs steer; changing it stops the previous one. */
  setCamera(cameraId: string | null): void {
    if (cameraId === this.cameraId) return;
    this.release();
    this.cameraId = cameraId;
  }

  /** A source's velocity (components in [-1, 1]); null or all zero lets go. */
  set(source: string, v: Velocity | null): void {
    this.order = this.order.filter((s) => s !== source);
    if (v && !isZero(v)) {
      this.sources.set(source, { pan: clamp(v.pan), tilt: clamp(v.tilt), zoom: clamp(v.zoom) });
      this.order.push(source);
    } else {
      this.sources.delete(source);
    }
    this.apply();
  }

  /** Lets go of everything (window hidden or closing, camera changed). */
  release(): void {
    this.sources.clear();
    this.order = [];
    this.apply();
  }

  get active(): boolean {
    return this.current !== null;
  }

  private apply(): void {
    const top = this.order.at(-1);
    const want = top ? this.sources.get(top)! : null;
    const cam = this.cameraId;
    if (!cam) return;
    if (want && this.current && want.pan === this.current.pan && want.tilt === this.current.tilt && want.zoom === this.current.zoom) return;
    // Nothing held and nothing to let go (a joystick at rest is polled every 30 ms): send nothing.
    if (!want && !this.current) return;
    this.current = want;
    clearInterval(this.timer);
    this.timer = undefined;
    if (!want) {
      this.link.stop(cam).catch((e: unknown) => this.link.failed(e));
      return;
    }
    const send = (): void => void this.link.move(cam, want).catch((e: unknown) => {
      this.link.failed(e);
      this.release();
    });
    send();
    this.timer = setInterval(send, this.renewMs);
  }
}
