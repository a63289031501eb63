// The window's one PTZ driver, wired to main: every on-video input, key and joystick steers
// through it. A hidden or closing page lets go at once (main's dead-man would stop it anyway).
import { ContractError } from '../../services/bridge.js';
import { ptzService } from '../../services/ptz.js';
import { usePtzStore } from '../../store/ptz/ptz-store.js';
import { PtzDriver } from './ptz-driver.js';

let takeoverFor: string | null = null;

export const ptzDriver = new PtzDriver({
  move: (cameraId, v) => ptzService.move(cameraId, v.pan, v.tilt, v.zoom, takeoverFor === cameraId),
  stop: (cameraId) => ptzService.stop(cameraId),
  failed: (e) => reportPtzError(e),
});

export function reportPtzError(e: unknown): void {
  const cameraId = usePtzStore.getState().openCamera;
  if (cameraId) usePtzStore.getState().setProblem({ cameraId, code: e instanceof ContractError ? e.code : 'internal' });
}

/** The operator chose to take the camera from another window: the next moves say so. */
export function allowTakeover(cameraId: string): void {
  takeoverFor = cameraId;
  usePtzStore.getState().setProblem(null);
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', () => ptzDriver.release());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') ptzDriver.release();
  });
  window.addEventListener('blur', () => ptzDriver.set('keys', null));
}
