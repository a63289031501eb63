// Records in the audit log when a camera refused its credentials and the hub stopped retrying
// (the auth lockout): once per stream and set of credentials, until the stream plays again. A
// stream of a device under the persisted guard is restarted as "refused" (another window opens
// it, the host restarts); that passes through other states but is the same refusal, so the mark
// is kept by credentials, not by the last state seen. New credentials that fail are a new entry.
import { createHash } from 'node:crypto';
import { parseSourceKey } from '../../common/model/source-key.js';
import type { HubStatus } from '../../media/hub/index.js';
import type { AuditRecorder } from '../audit/service.js';
import type { DevicesService, ResolvedCamera } from '../devices/service.js';

function credentialsMark(streamKey: string, found: ResolvedCamera | undefined): string {
  const d = found?.device;
  const secret = createHash('sha256').update(found?.password ?? '').digest('hex').slice(0, 16);
  return [streamKey, d?.host ?? '', d?.port ?? '', d?.username ?? '', secret].join('|');
}

export function auditLoginLockouts(hub: { onStatus(cb: (s: HubStatus) => void): unknown }, devices: Pick<DevicesService, 'resolveCamera'>, audit: AuditRecorder): void {
  const recorded = new Set<string>(); // credentialsMark of refusals already in the log
  hub.onStatus((s) => {
    const key = parseSourceKey(s.key);
    // A re-encode reads the camera's own stream, which is recorded already.
    if (!key || key.variant !== 'direct') return;
    if (s.state === 'live') {
      for (const mark of recorded) if (mark.startsWith(`${s.key}|`)) recorded.delete(mark);
      return;
    }
    if (s.state !== 'auth_failed') return;
    void (async () => {
      const found = await devices.resolveCamera(key.cameraId).catch(() => undefined);
      const mark = credentialsMark(s.key, found);
      if (recorded.has(mark)) return;
      recorded.add(mark);
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
