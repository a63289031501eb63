import type { DeviceInput } from '@common/contract/index.js';
import { devicesService } from '../../services/devices.js';
import { subscribeThenFetch, type Unsubscribe } from '../../services/sync.js';
import type { SliceCreator } from '../types.js';
import { devicesInitialState, type DevicesState } from './initialState.js';

export interface DevicesActions {
  followDevices(): Promise<Unsubscribe>;
  /** Throws a ContractError the form words for the operator. */
  addDevice(input: DeviceInput): Promise<void>;
  removeDevice(id: string): Promise<void>;
}

export const createDevicesSlice: SliceCreator<DevicesState & DevicesActions> = (set) => ({
  ...devicesInitialState,

  followDevices: () => subscribeThenFetch(devicesService.onChange, devicesService.list, { snapshot: (devices) => set({ devices }), event: (devices) => set({ devices }) }),

  async addDevice(input) {
    await devicesService.add(input);
    set({ devices: await devicesService.list() });
  },

  async removeDevice(id) {
    await devicesService.remove(id);
    set({ devices: await devicesService.list() });
  },
});
