import type { DeviceView } from '../../../src-main/common/contract/index.js';

export interface DevicesState {
  devices: DeviceView[];
}

export const devicesInitialState: DevicesState = { devices: [] };
