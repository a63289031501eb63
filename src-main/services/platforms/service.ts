// Adding a county platform: show its certificate, log in and list its channels (the connection
// test), store it as one device with a camera per channel. Credentials reach the vault through
// the devices service and are never answered back.
import { SkywallError } from '../../common/model/errors.js';
import type { PlatformAdd, PlatformCertificate, PlatformChannelView, PlatformConnection } from '../../common/contract/index.js';
import type { DeviceAdapterRegistry, DeviceConfig, DeviceHandle } from '../../devices/index.js';
import { probeCertificate } from '../../devices/platforms/certificate-probe.js';
import type { PlatformAdapter, PlatformListing } from '../../devices/platforms/platform-adapter.js';
import type { DevicesService } from '../devices/service.js';
import { cameraFromChannel, mergeChannels } from './channel-import.js';

export interface PlatformsService {
  certificate(host: string, port: number): Promise<PlatformCertificate>;
  discover(conn: PlatformConnection): Promise<{ channels: PlatformChannelView[]; pages: number }>;
  add(req: PlatformAdd): Promise<{ deviceId: string; cameras: number }>;
  /** Lists a stored platform again; camera ids (and so wall tiles) stay. */
  refresh(deviceId: string): Promise<{ cameras: number; added: number; updated: number; missing: number }>;
}

function isPlatformAdapter(a: unknown): a is PlatformAdapter {
  return typeof (a as Partial<PlatformAdapter>).listChannels === 'function';
}

export function createPlatformsService(devices: DevicesService, adapters: DeviceAdapterRegistry): PlatformsService {
  const list = async (conn: PlatformConnection): Promise<PlatformListing> => {
    if (conn.https && !conn.tlsPinSha256) throw new SkywallError('auth_failed', 'an HTTPS platform is trusted only through the certificate the operator accepted', { reason: 'certificate' });
    const config: DeviceConfig = {
      // A handle for this one listing: no stored device yet, nothing cached under a real id.
      id: `probe-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
      name: 'platform',
      kind: conn.kind,
      category: 'platform',
      host: conn.host,
      port: conn.port,
      username: conn.username,
      demo: false,
      cameras: [],
      https: conn.https,
      ...(conn.tlsPinSha256 ? { tlsPinSha256: conn.tlsPinSha256 } : {}),
    };
    const handle: DeviceHandle = { config, credentials: async () => ({ username: conn.username, password: conn.password }) };
    const adapter = adapters.forDevice(config);
    if (!isPlatformAdapter(adapter)) throw new SkywallError('not_found', `no platform adapter for ${conn.kind}`, { kind: conn.kind });
    return adapter.listChannels(handle);
  };

  return {
    certificate: (host, port) => probeCertificate(host, port),
    async discover(conn) {
      const { channels, pages } = await list(conn);
      return {
        pages,
        channels: channels.map((c) => ({ externalId: c.id, name: c.name, online: c.online, ptz: c.ptz, ...(c.subDevice ? { subDevice: c.subDevice } : {}), ...(c.area ? { area: c.area } : {}) })),
      };
    },
    async add(req) {
      const { channels } = await list(req);
      const area = req.area ?? [];
      const cameras = channels.map((c) => cameraFromChannel(c, area));
      const view = await devices.add({
        name: req.name,
        kind: req.kind,
        category: 'platform',
        host: req.host,
        port: req.port,
        username: req.username,
        password: req.password,
        https: req.https,
        ...(req.tlsPinSha256 ? { tlsPinSha256: req.tlsPinSha256 } : {}),
        area,
        cameras,
      });
      return { deviceId: view.id, cameras: view.cameras.length };
    },
    async refresh(deviceId) {
      const found = await devices.resolveDevice(deviceId);
      if (!found || found.device.category !== 'platform') throw new SkywallError('not_found', 'no such platform', { deviceId });
      const { device, password } = found;
      const handle: DeviceHandle = { config: device, credentials: async () => ({ ...(device.username !== undefined ? { username: device.username } : {}), ...(password !== undefined ? { password } : {}) }) };
      const adapter = adapters.forDevice(device);
      if (!isPlatformAdapter(adapter)) throw new SkywallError('not_found', `no platform adapter for ${device.kind}`, { kind: device.kind });
      const { channels } = await adapter.listChannels(handle);
      const merged = mergeChannels(device.cameras, channels, device.area ?? []);
      const view = await devices.update({ id: deviceId, cameras: merged.cameras });
      return { cameras: view.cameras.length, added: merged.added, updated: merged.updated, missing: merged.missing };
    },
  };
}
