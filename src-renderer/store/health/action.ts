import type { ChannelHealth, DeviceHealth } from '@common/contract/index.js';
import { ContractError } from '../../services/bridge.js';
import { healthService } from '../../services/health.js';
import { subscribeThenFetch } from '../../services/sync.js';
import type { SliceCreator } from '../types.js';
import type { HealthActions } from './actions-shape.js';
import { healthInitialState, type HealthState } from './initialState.js';

function byCamera(devices: Record<string, DeviceHealth>): Record<string, ChannelHealth> {
  const out: Record<string, ChannelHealth> = {};
  for (const d of Object.values(devices)) for (const c of d.channels) out[c.cameraId] = c;
  return out;
}

export const createHealthSlice: SliceCreator<HealthState & HealthActions> = (set, get) => {
  const apply = (devices: Record<string, DeviceHealth>): void => set({ health: devices, healthByCamera: byCamera(devices) });

  return {
    ...healthInitialState,

    followHealth: () =>
      subscribeThenFetch(healthService.onChange, healthService.list, {
        snapshot: (snap) => {
          set({ healthIntervalMs: snap.intervalMs });
          apply(Object.fromEntries(snap.devices.map((d) => [d.deviceId, d])));
        },
        event: ({ changed, removed }) => {
          const next = { ...get().health, ...Object.fromEntries(changed.map((d) => [d.deviceId, d])) };
          for (const id of removed) delete next[id];
          apply(next);
        },
      }),

    openHealth: () => set({ healthOpen: true }),
    closeHealth: () => set({ healthOpen: false, healthExport: undefined }),

    async checkHealthNow(deviceId) {
      await healthService.checkNow(deviceId);
    },

    async exportHealthCsv(folder, all) {
      set({ healthExport: 'writing' });
      try {
        const done = await healthService.exportCsv({ locale: get().settings?.locale ?? 'zh-CN', ...(folder ? { folder } : {}), ...(all ? { all } : {}) });
        set({ healthExport: done });
      } catch (err) {
        set({ healthExport: err instanceof ContractError ? { error: err.code, ...(err.params ? { params: err.params } : {}) } : { error: 'internal' } });
      }
    },
  };
};
