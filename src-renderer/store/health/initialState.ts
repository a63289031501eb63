import type { ChannelHealth, DeviceHealth } from '@common/contract/index.js';

export interface HealthState {
  /** By device id. */
  health: Record<string, DeviceHealth>;
  /** By camera id: what the tree and tiles read. */
  healthByCamera: Record<string, ChannelHealth>;
  healthIntervalMs?: number;
  healthOpen: boolean;
  /** The last CSV export: where it went, or the contract error code. */
  healthExport?: { path: string; rows: number } | { error: string; params?: Record<string, string | number> } | 'writing';
}

export const healthInitialState: HealthState = { health: {}, healthByCamera: {}, healthOpen: false };
