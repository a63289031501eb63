import type { Settings } from '../../../src-main/common/contract/index.js';

export interface SettingsState {
  settings?: Settings;
}

export const settingsInitialState: SettingsState = {};
