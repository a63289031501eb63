// One controller per camera on this workstation: an operator's window or the patrol engine.
// Manual outranks patrol: a window takes a camera from its patrol at once. Between windows the
// first holds the camera while it keeps steering; another window must ask to take over. A window
// that leaves the camera alone for the hold time lets go by itself.
import { SkywallError } from '../../common/model/errors.js';

export type Controller = { kind: 'manual'; clientId: string; since: number; lastActive: number } | { kind: 'patrol'; since: number };

/** Whom a window took the camera from: nobody, the patrol, or another window. */
export type TakenFrom = 'none' | 'patrol' | 'window';

export interface LockEvents {
  changed(cameraId: string, now: Controller | null, before: Controller | null): void;
}

export class ControlLocks {
  private readonly holders = new Map<string, Controller>();
  private readonly expiry = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    /** How long a window keeps a camera it stopped steering (the patrol's idle time where one runs). */
    private readonly holdMs: (cameraId: string) => number,
    private readonly events: LockEvents,
  ) {}

  holder(cameraId: string): Controller | null {
    return this.holders.get(cameraId) ?? null;
  }

  /**
   * A window steers the camera. Returns whom it took it from when it was not already holding it
   * (the caller audits that); refuses with `ptz_busy` while another window steers, unless `takeover`.
   */
  takeManual(cameraId: string, clientId: string, takeover: boolean): TakenFrom | null {
    const now = Date.now();
    const held = this.holders.get(cameraId);
    if (held?.kind === 'manual' && held.clientId === clientId) {
      held.lastActive = now;
      this.armExpiry(cameraId);
      return null;
    }
    if (held?.kind === 'manual' && !takeover) {
      throw new SkywallError('ptz_busy', 'another window is steering this camera', { cameraId });
    }
    const next: Controller = { kind: 'manual', clientId, since: now, lastActive: now };
    this.set(cameraId, next, held ?? null);
    this.armExpiry(cameraId);
    return held ? held.kind === 'patrol' ? 'patrol' : 'window' : 'none';
  }

  /** The patrol engine asks; it gets the camera only when no window holds it. */
  takePatrol(cameraId: string): boolean {
    const held = this.holders.get(cameraId);
    if (held?.kind === 'manual') return false;
    if (!held) this.set(cameraId, { kind: 'patrol', since: Date.now() }, null);
    return true;
  }

  releasePatrol(cameraId: string): void {
    const held = this.holders.get(cameraId);
    if (held?.kind === 'patrol') this.set(cameraId, null, held);
  }

  /** A window lets go (its stop key, or it closed). */
  releaseManual(cameraId: string, clientId?: string): void {
    const held = this.holders.get(cameraId);
    if (held?.kind === 'manual' && (clientId === undefined || held.clientId === clientId)) this.set(cameraId, null, held);
  }

  /** When the window holding the camera let go or will, ms since the epoch; undefined if none holds it. */
  manualUntil(cameraId: string): number | undefined {
    const held = this.holders.get(cameraId);
    return held?.kind === 'manual' ? held.lastActive + this.holdMs(cameraId) : undefined;
  }

  dispose(): void {
    for (const t of this.expiry.values()) clearTimeout(t);
    this.expiry.clear();
  }

  private set(cameraId: string, next: Controller | null, before: Controller | null): void {
    if (next) this.holders.set(cameraId, next);
    else this.holders.delete(cameraId);
    if (!next || next.kind !== 'manual') {
      clearTimeout(this.expiry.get(cameraId));
      this.expiry.delete(cameraId);
    }
    this.events.changed(cameraId, next, before);
  }

  private armExpiry(cameraId: string): void {
    clearTimeout(this.expiry.get(cameraId));
    const until = this.manualUntil(cameraId);
    if (until === undefined) return;
    this.expiry.set(
      cameraId,
      setTimeout(() => {
        const held = this.holders.get(cameraId);
        if (held?.kind !== 'manual') return;
        if (Date.now() >= held.lastActive + this.holdMs(cameraId)) this.set(cameraId, null, held);
        else this.armExpiry(cameraId);
      }, Math.max(0, until - Date.now())),
    );
  }
}
