import { create } from 'zustand';
import { createStore as createVanillaStore, type StoreApi } from 'zustand/vanilla';
import { createAppSlice } from './app/action.js';
import { createAuditSlice } from './audit/action.js';
import { createDevicesSlice } from './devices/action.js';
import { createHealthSlice } from './health/action.js';
import { createSettingsSlice } from './settings/action.js';
import { createStreamsSlice } from './streams/action.js';
import type { SliceCreator, Store } from './types.js';
import { createTreeSlice } from './tree/action.js';
import { createWallsSlice } from './walls/action.js';

export type { Store } from './types.js';
export { appSelectors } from './app/selectors.js';
export { auditSelectors } from './audit/selectors.js';
export { devicesSelectors } from './devices/selectors.js';
export { healthSelectors } from './health/selectors.js';
export { settingsSelectors } from './settings/selectors.js';
export { streamsSelectors } from './streams/selectors.js';
export { treeSelectors } from './tree/selectors.js';
export { wallsSelectors } from './walls/selectors.js';

const combined: SliceCreator<Store> = (...a) => ({
  ...createAppSlice(...a),
  ...createSettingsSlice(...a),
  ...createDevicesSlice(...a),
  ...createWallsSlice(...a),
  ...createStreamsSlice(...a),
  ...createAuditSlice(...a),
  ...createTreeSlice(...a),
  ...createHealthSlice(...a),
});

/** The window's store, as a React hook (useStore(selector)) with getState/setState. */
export const useStore = create<Store>()(combined);

/** A separate store with the same slices (unit tests). */
export function createStore(): StoreApi<Store> {
  return createVanillaStore<Store>()(combined);
}
