import type { DeviceView } from '@common/contract/index.js';

export interface DevicesState {
  devices: DeviceView[];
}

export const devicesInitialState: DevicesState = { devices: [] };
