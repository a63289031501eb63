// Extends 32-bit RTP timestamps to a monotonic number line (safe integers) that starts near 0.

const WRAP = 2 ** 32;

export class TimestampUnwrapper {
  private lastRaw: number | undefined;
  private extended = 0;
  private base: number | undefined;

  /**
   * @param base raw RTP timestamp that maps to 0 (e.g. RTP-Info rtptime from PLAY, so audio and
   *   video share a zero point). Without it, the first timestamp seen maps to 0.
   */
  constructor(base?: number) {
    if (base !== undefined) this.setBase(base);
  }

  setBase(base: number): void {
    this.lastRaw = base >>> 0;
    this.extended = this.lastRaw;
    this.base = this.lastRaw;
  }

  /** Unwraps a raw 32-bit timestamp. Steps are taken as the shortest signed distance (±2^31). */
  unwrap(raw: number): number {
    raw = raw >>> 0;
    if (this.lastRaw === undefined || this.base === undefined) {
      this.setBase(raw);
      return 0;
    }
    let delta = raw - this.lastRaw;
    if (delta > WRAP / 2) delta -= WRAP;
    else if (delta < -WRAP / 2) delta += WRAP;
    this.extended += delta;
    this.lastRaw = raw;
    return this.extended - this.base;
  }

  /**
   * Re-anchors after a source change (new SSRC, encoder restart): `raw` will map to `value`,
   * so output keeps going forward instead of jumping by a random offset.
   */
  rebase(raw: number, value: number): void {
    this.lastRaw = raw >>> 0;
    this.extended = this.lastRaw;
    this.base = this.lastRaw - value;
  }
}
