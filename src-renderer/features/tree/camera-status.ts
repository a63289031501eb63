// One status per camera for the tree, from three witnesses in order of authority: a device whose
// login was refused (nothing dials it until its credentials are edited), the tiles of this window
// that play the camera (they see the stream now), and the periodic health checks (every camera,
// on a wall or not).
import type { HealthState } from '@common/contract/health.js';
import type { StreamState } from '@common/contract/stream.js';
import type { CameraStatus } from '../../store/tree/tree-types.js';

const STREAM_STATUS: Partial<Record<StreamState, CameraStatus>> = {
  live: 'online',
  stalled: 'online',
  reconnecting: 'offline',
  offline: 'offline',
  unsupported: 'offline',
  auth_failed: 'auth_failed',
};

export interface StatusWitnesses {
  tiles: Iterable<{ cameraId: string; state?: StreamState | undefined }>;
  health: Record<string, { state: HealthState }>;
  devices: Iterable<{ loginRefused?: unknown; cameras: { id: string }[] }>;
}

export function cameraStatuses({ tiles, health, devices }: StatusWitnesses): Map<string, CameraStatus> {
  const byCamera = new Map<string, CameraStatus>();
  for (const [cameraId, h] of Object.entries(health)) byCamera.set(cameraId, h.state);
  // A tile that knows (live, offline...) is fresher than the last check; one still connecting is not.
  for (const t of tiles) {
    const status = t.state && STREAM_STATUS[t.state];
    if (status) byCamera.set(t.cameraId, status);
    else if (!byCamera.has(t.cameraId)) byCamera.set(t.cameraId, 'unknown');
  }
  for (const d of devices) if (d.loginRefused) for (const c of d.cameras) byCamera.set(c.id, 'auth_failed');
  return byCamera;
}
