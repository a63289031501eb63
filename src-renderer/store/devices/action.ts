import { devicesService } from '../../services/devices.js';
import { subscribeThenFetch } from '../../services/sync.js';
import type { SliceCreator } from '../types.js';
import type { DevicesActions } from './actions-shape.js';
import { devicesInitialState, type DevicesState } from './initialState.js';


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

  async updateDevice(change) {
    await devicesService.update(change);
    set({ devices: await devicesService.list() });
  },

  openDeviceEditor: (id) => set({ editingDeviceId: id }),
  closeDeviceEditor: () => set({ editingDeviceId: undefined }),
});
