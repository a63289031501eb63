import { randomUUID } from 'node:crypto';
import type { DeviceInput, DeviceView } from '../common/contract/index.js';
import { SkywallError } from '../common/model/errors.js';
import type { EventBus } from '../ipc/event-bus.js';
import type { DeviceRecord, Repository, SecretStore } from './ports.js';

export interface DevicesService {
  list(): Promise<DeviceView[]>;
  add(input: DeviceInput): Promise<DeviceView>;
  remove(id: string): Promise<void>;
  /** Internal: a device with its secret, for the stream and PTZ services. Never sent to the renderer. */
  resolveCamera(cameraId: string): Promise<{ device: DeviceRecord; cameraIndex: number; password?: string } | undefined>;
}

/**
 * Configured devices, plus the demo devices while nothing is configured (so the first wall
 * is never empty). Passwords live in the vault only.
 */
export function createDevicesService(repo: Repository, vault: SecretStore, bus: EventBus, demoDevices: () => DeviceRecord[]): DevicesService {
  const all = (): DeviceRecord[] => {
    const configured = repo.listDevices();
    return configured.length > 0 ? configured : demoDevices();
  };
  const view = async (d: DeviceRecord): Promise<DeviceView> => ({
    id: d.id,
    name: d.name,
    kind: d.kind,
    host: d.host,
    port: d.port,
    ...(d.username !== undefined ? { username: d.username } : {}),
    hasPassword: (await vault.get(d.id)) !== undefined,
    demo: d.demo,
    cameras: d.cameras,
  });
  const publish = async (): Promise<void> => bus.emit('sw:devices:onDidChange', await Promise.all(all().map(view)));

  return {
    list: async () => Promise.all(all().map(view)),
    async add(input) {
      const id = `dev-${randomUUID()}`;
      const taken = new Set(all().flatMap((d) => d.cameras.map((c) => c.id)));
      const clash = input.cameras.find((c) => taken.has(c.id));
      if (clash) throw new SkywallError('conflict', 'camera id already in use', { id: clash.id });
      const record: DeviceRecord = {
        id,
        name: input.name,
        kind: input.kind,
        host: input.host,
        port: input.port,
        username: input.username,
        demo: false,
        cameras: input.cameras,
      };
      if (input.password) await vault.set(id, input.password);
      await repo.upsertDevice(record);
      await publish();
      return view(record);
    },
    async remove(id) {
      if (!repo.listDevices().some((d) => d.id === id)) throw new SkywallError('not_found', 'no such device', { id });
      await repo.removeDevice(id);
      await vault.delete(id);
      await publish();
    },
    async resolveCamera(cameraId) {
      for (const device of all()) {
        const cameraIndex = device.cameras.findIndex((c) => c.id === cameraId);
        if (cameraIndex >= 0) {
          const password = await vault.get(device.id);
          return password === undefined ? { device, cameraIndex } : { device, cameraIndex, password };
        }
      }
      return undefined;
    },
  };
}
