import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING, shapeAxis, velocityFrom } from './gamepad-map.js';

describe('joystick shaping', () => {
  it('inside the dead zone is centred; past it the range restarts from zero', () => {
    expect(shapeAxis(0.1, 0.15, 1)).toBe(0);
    expect(shapeAxis(-0.15, 0.15, 1)).toBe(0);
    expect(shapeAxis(0.575, 0.15, 1)).toBeCloseTo(0.5);
    expect(shapeAxis(-1, 0.15, 2)).toBe(-1);
    expect(shapeAxis(0.575, 0.15, 2)).toBeCloseTo(0.25);
  });
  it('maps axes with inversion and the operator speed', () => {
    expect(velocityFrom([1, -1, 0], { ...DEFAULT_MAPPING, curve: 1, deadZone: 0 }, 0.5)).toEqual({ pan: 0.5, tilt: 0.5, zoom: -0 });
  });
});
