// Camera id to what PTZ talks to: the stored device's adapter and its PTZ capability. Resolved
// routes are kept briefly, so a held move does not read the vault on every renewal.
import { SkywallError } from '../../common/model/errors.js';
import type { DeviceAdapterRegistry } from '../../devices/index.js';
import type { DevicesService } from '../devices/service.js';
import { resolveChannel } from '../stream/resolve-channel.js';
import type { PtzRoute } from './service.js';

export function ptzRoutes(devices: DevicesService, adapters: DeviceAdapterRegistry, keepMs = 10_000): { route(cameraId: string): Promise<PtzRoute>; forget(): void } {
  const cache = new Map<string, { at: number; route: Promise<PtzRoute> }>();
  const resolve = async (cameraId: string): Promise<PtzRoute> => {
    const r = await resolveChannel(devices, adapters, cameraId);
    const ptz = r.adapter.ptz;
    if (!ptz) throw new SkywallError('ptz_unsupported', 'this camera cannot pan, tilt or zoom', { cameraId });
    const name = r.device.config.cameras.find((c) => c.id === cameraId)?.name;
    return { target: { device: r.device, channel: r.channel }, ptz, ...(name ? { cameraName: name } : {}) };
  };
  return {
    route(cameraId) {
      const hit = cache.get(cameraId);
      if (hit && Date.now() - hit.at < keepMs) return hit.route;
      const route = resolve(cameraId);
      cache.set(cameraId, { at: Date.now(), route });
      route.catch(() => cache.delete(cameraId));
      return route;
    },
    forget: () => cache.clear(),
  };
}
