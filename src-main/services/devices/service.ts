import { randomUUID } from 'node:crypto';
import type { DeviceInput, DeviceView } from '../../common/contract/index.js';
import { SkywallError } from '../../common/model/errors.js';
import type { EventBus } from '../../ipc/event-bus.js';
import type { CredentialVault, DeviceRecord, SkywallStore } from '../../storage/index.js';

export interface ResolvedCamera {
  device: DeviceRecord;
  cameraIndex: number;
  password?: string;
}

export interface DevicesService {
  list(): Promise<DeviceView[]>;
  add(input: DeviceInput): Promise<DeviceView>;
  remove(id: string): Promise<void>;
  /** For the stream and PTZ services: a camera with its device and secret. Never sent to the renderer. */
  resolveCamera(cameraId: string): Promise<ResolvedCamera | undefined>;
}

export interface DemoDevices {
  records(): DeviceRecord[];
  password(deviceId: string): string | undefined;
}

/** Configured devices, or the demo devices while nothing is configured (the first wall is never empty). */
export function createDevicesService(store: SkywallStore, vault: CredentialVault, demo: DemoDevices): DevicesService {
  const usingDemo = (): boolean => store.listDevices().length === 0;
  const demoView = (d: DeviceRecord): DeviceView => ({ ...d, hasPassword: demo.password(d.id) !== undefined });

  return {
    list: async () => (usingDemo() ? demo.records().map(demoView) : store.listDeviceViews()),
    async add(input) {
      const { password, ...rest } = input;
      const record: DeviceRecord = { ...rest, id: `dev-${randomUUID()}`, demo: false };
      const saved = await store.upsertDevice(record, password ? { password } : {});
      return store.toDeviceView(saved);
    },
    async remove(id) {
      if (!(await store.removeDevice(id))) throw new SkywallError('not_found', 'no such device', { id });
    },
    async resolveCamera(cameraId) {
      const devices = usingDemo() ? demo.records() : store.listDevices();
      for (const device of devices) {
        const cameraIndex = device.cameras.findIndex((c) => c.id === cameraId);
        if (cameraIndex < 0) continue;
        const password = device.demo ? demo.password(device.id) : await vault.get(device.id);
        return password === undefined ? { device, cameraIndex } : { device, cameraIndex, password };
      }
      return undefined;
    },
  };
}

/** Every stored device change goes to all windows as the list the operator sees. */
export function publishDeviceChanges(store: SkywallStore, devices: DevicesService, bus: EventBus): void {
  store.onDidChange('devices', () => void devices.list().then((d) => bus.emit('sw:devices:onDidChange', d)));
}
