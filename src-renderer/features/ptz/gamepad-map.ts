// Joystick mapping: which axis pans, tilts and zooms, the dead zone and response curve, and what
// each button does; saved per controller id (Gamepad.id) in this workstation's browser storage.

export type ButtonAction = { kind: 'none' } | { kind: 'preset'; n: number } | { kind: 'nextTile' } | { kind: 'prevTile' };

export interface GamepadMapping {
  pan: { axis: number; invert: boolean };
  tilt: { axis: number; invert: boolean };
  zoom: { axis: number; invert: boolean } | null;
  /** Deflection below this counts as centred (0 to 0.5). */
  deadZone: number;
  /** Exponent of the response curve: 1 linear, 2 and up gentler near the centre. */
  curve: number;
  buttons: Record<number, ButtonAction>;
}

export const DEFAULT_MAPPING: GamepadMapping = {
  pan: { axis: 0, invert: false },
  // Most sticks report "up" as negative.
  tilt: { axis: 1, invert: true },
  zoom: { axis: 2, invert: true },
  deadZone: 0.15,
  curve: 1.6,
  buttons: { 0: { kind: 'preset', n: 1 }, 1: { kind: 'preset', n: 2 }, 2: { kind: 'preset', n: 3 }, 3: { kind: 'preset', n: 4 }, 4: { kind: 'prevTile' }, 5: { kind: 'nextTile' } },
};

/** Dead zone, then the rest rescaled to 0..1 and bent by the curve; the sign is kept. */
export function shapeAxis(raw: number, deadZone: number, curve: number): number {
  const a = Math.abs(raw);
  if (!Number.isFinite(raw) || a <= deadZone) return 0;
  const scaled = Math.min(1, (a - deadZone) / (1 - deadZone));
  return Math.sign(raw) * Math.pow(scaled, curve);
}

export function velocityFrom(axes: readonly number[], m: GamepadMapping, speed: number): { pan: number; tilt: number; zoom: number } {
  const read = (a: { axis: number; invert: boolean } | null): number => {
    if (!a) return 0;
    const v = shapeAxis(axes[a.axis] ?? 0, m.deadZone, m.curve) * speed;
    return a.invert ? -v : v;
  };
  return { pan: read(m.pan), tilt: read(m.tilt), zoom: read(m.zoom) };
}

const KEY = 'skywall.gamepad.';

export function loadMapping(id: string): GamepadMapping {
  try {
    const raw = localStorage.getItem(KEY + id);
    if (raw) return { ...DEFAULT_MAPPING, ...(JSON.parse(raw) as Partial<GamepadMapping>) };
  } catch {
    // An unreadable saved mapping falls back to the default.
  }
  return DEFAULT_MAPPING;
}

export function saveMapping(id: string, m: GamepadMapping): void {
  localStorage.setItem(KEY + id, JSON.stringify(m));
}
