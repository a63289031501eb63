// A continuous move as a platform's eight directions plus zoom: GB/T 28181 (and so WVP and ISC)
// steer by direction and speed, not by a velocity vector. Values under the dead band count as 0.
import type { PtzVelocity } from '../capabilities.js';

export type PtzHeading = 'left' | 'right' | 'up' | 'down' | 'upleft' | 'upright' | 'downleft' | 'downright' | 'zoomin' | 'zoomout' | 'stop';

const DEAD_BAND = 0.02;

export interface PtzStep {
  heading: PtzHeading;
  /** Fractions 0..1 of the maximum speed. */
  pan: number;
  tilt: number;
  zoom: number;
}

/** Pan/tilt wins over zoom when both are asked: the platform cannot do both in one command. */
export function headingOf(v: PtzVelocity): PtzStep {
  const pan = Math.abs(v.pan) < DEAD_BAND ? 0 : Math.sign(v.pan);
  const tilt = Math.abs(v.tilt) < DEAD_BAND ? 0 : Math.sign(v.tilt);
  const zoom = Math.abs(v.zoom) < DEAD_BAND ? 0 : Math.sign(v.zoom);
  const speeds = { pan: Math.min(1, Math.abs(v.pan)), tilt: Math.min(1, Math.abs(v.tilt)), zoom: Math.min(1, Math.abs(v.zoom)) };
  const vertical = tilt > 0 ? 'up' : tilt < 0 ? 'down' : '';
  const horizontal = pan > 0 ? 'right' : pan < 0 ? 'left' : '';
  if (vertical || horizontal) return { heading: `${vertical}${horizontal}` as PtzHeading, ...speeds };
  if (zoom !== 0) return { heading: zoom > 0 ? 'zoomin' : 'zoomout', ...speeds };
  return { heading: 'stop', pan: 0, tilt: 0, zoom: 0 };
}
