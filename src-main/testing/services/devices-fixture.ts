// A devices service over fixed records and a password map the test can change, as the operator
// would edit credentials; streams built on it resolve cameras the same way the app does.
import type { DeviceRecord } from '../../storage/index.js';
import type { DevicesService } from '../../services/devices/service.js';

export function devicesFor(records: DeviceRecord[], passwords: Map<string, string> = new Map()): DevicesService {
  return {
    list: async () => [],
    add: async () => {
      throw new Error('not used');
    },
    addMany: async () => {
      throw new Error('not used');
    },
    update: async () => {
      throw new Error('not used');
    },
    remove: async () => undefined,
    test: async () => ({ ok: false, failure: 'unreachable' }),
    scan: async () => [],
    noteLoginRefused: async (deviceId, at = new Date()) => {
      const device = records.find((d) => d.id === deviceId);
      if (device && !device.loginRefused) device.loginRefused = { at: at.toISOString() };
    },
    resolveDevice: async (deviceId) => {
      const device = records.find((d) => d.id === deviceId);
      const password = passwords.get(deviceId);
      if (!device) return undefined;
      return password === undefined ? { device } : { device, password };
    },
    resolveCamera: async (cameraId) => {
      for (const device of records) {
        const cameraIndex = device.cameras.findIndex((c) => c.id === cameraId);
        if (cameraIndex < 0) continue;
        const password = passwords.get(device.id);
        return password === undefined ? { device, cameraIndex } : { device, cameraIndex, password };
      }
      return undefined;
    },
  };
}
