import type { Settings } from '@common/contract/index.js';

export interface SettingsState {
  settings?: Settings;
}

export const settingsInitialState: SettingsState = {};
