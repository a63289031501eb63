import type { Locale } from '@common/contract/index.js';
import { settingsService } from '../../services/settings.js';
import { subscribeThenFetch, type Unsubscribe } from '../../services/sync.js';
import type { SliceCreator } from '../types.js';
import { settingsInitialState, type SettingsState } from './initialState.js';

export interface SettingsActions {
  followSettings(): Promise<Unsubscribe>;
  setLocale(locale: Locale): Promise<void>;
  setShowTileStats(show: boolean): Promise<void>;
}

export const createSettingsSlice: SliceCreator<SettingsState & SettingsActions> = (set, get) => ({
  ...settingsInitialState,

  followSettings: () => subscribeThenFetch(settingsService.onChange, settingsService.get, { snapshot: (settings) => set({ settings }), event: (settings) => set({ settings }) }),

  async setLocale(locale) {
    set({ settings: await settingsService.update({ locale }) });
  },

  async setShowTileStats(showTileStats) {
    const before = get().settings;
    if (before) set({ settings: { ...before, showTileStats } }); // a checkbox must follow the click at once
    try {
      set({ settings: await settingsService.update({ showTileStats }) });
    } catch {
      if (before) set({ settings: before });
    }
  },
});
