import type { DeviceView } from '@common/contract/index.js';

export interface DevicesState {
  devices: DeviceView[];
  /** The device whose edit form is open. */
  editingDeviceId: string | undefined;
}

export const devicesInitialState: DevicesState = { devices: [], editingDeviceId: undefined };
