// Records in the audit log when a camera refused its credentials and the hub stopped retrying
// (the auth lockout), once per stream until it leaves that state: the operator has to act.
import { parseSourceKey } from '../../common/model/source-key.js';
import type { HubStatus } from '../../media/hub/index.js';
import type { AuditRecorder } from '../audit/service.js';
import type { DevicesService } from '../devices/service.js';

export function auditLoginLockouts(hub: { onStatus(cb: (s: HubStatus) => void): unknown }, devices: Pick<DevicesService, 'resolveCamera'>, audit: AuditRecorder): void {
  const stopped = new Set<string>(); // hub keys now stopped on auth_failed
  hub.onStatus((s) => {
    const key = parseSourceKey(s.key);
    // A re-encode reads the camera's own stream, which is recorded already.
    if (!key || key.variant !== 'direct') return;
    if (s.state !== 'auth_failed') {
      stopped.delete(s.key);
      return;
    }
    if (stopped.has(s.key)) return;
    stopped.add(s.key);
    void (async () => {
      const found = await devices.resolveCamera(key.cameraId).catch(() => undefined);
      const device = found?.device;
      const camera = device?.cameras[found!.cameraIndex];
      await audit.record({
        kind: 'stream.auth_lockout',
        target: { id: key.cameraId, ...(camera ? { name: camera.name } : {}) },
        details: { profile: key.profile, deviceId: device?.id ?? null, deviceName: device?.name ?? null, host: device?.host ?? null, username: device?.username ?? null },
      });
    })();
  });
}
