import type { Camera } from '@common/contract/index.js';
import type { Store } from '../types.js';

export const devicesSelectors = {
  devices: (s: Store) => s.devices,
  editingDevice: (s: Store) => (s.editingDeviceId ? s.devices.find((d) => d.id === s.editingDeviceId) : undefined),
  cameraById: (s: Store, id: string | null): Camera | undefined => {
    if (!id) return undefined;
    for (const d of s.devices) for (const c of d.cameras) if (c.id === id) return c;
    return undefined;
  },
};
