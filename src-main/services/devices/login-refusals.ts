// The lockout guard's memory: when a camera's device refuses its credentials (the hub stops the
// stream on auth_failed), the refusal is written into the device record, so after a restart the
// device is not dialled again with the same credentials. Editing them clears it (devices service).
import { parseSourceKey } from '../../common/model/source-key.js';
import type { HubStatus } from '../../media/hub/index.js';
import type { DevicesService } from './service.js';

export function keepLoginRefusals(hub: { onStatus(cb: (s: HubStatus) => void): unknown }, devices: Pick<DevicesService, 'resolveCamera' | 'noteLoginRefused'>): void {
  hub.onStatus((s) => {
    // auth_locked is the guard itself answering (already recorded); only a device's refusal counts.
    if (s.state !== 'auth_failed' || s.errorCode !== 'auth_failed') return;
    const key = parseSourceKey(s.key);
    if (!key || key.variant !== 'direct') return;
    void (async () => {
      const found = await devices.resolveCamera(key.cameraId).catch(() => undefined);
      if (found && !found.device.loginRefused) await devices.noteLoginRefused(found.device.id);
    })();
  });
}
