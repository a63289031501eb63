import type { Store } from '../types.js';

export const healthSelectors = {
  open: (s: Store) => s.healthOpen,
  all: (s: Store) => s.health,
  device: (s: Store, deviceId: string | null | undefined) => (deviceId ? s.health[deviceId] : undefined),
  /** A camera's channel health (state, since, reason): for the tree and the tiles. */
  camera: (s: Store, cameraId: string | null | undefined) => (cameraId ? s.healthByCamera[cameraId] : undefined),
  exportResult: (s: Store) => s.healthExport,
  intervalMs: (s: Store) => s.healthIntervalMs,
};
