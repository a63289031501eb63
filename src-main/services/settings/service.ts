import type { z } from 'zod';
import type { Settings, SettingsPatch } from '../../common/contract/index.js';
import type { EventBus } from '../../ipc/event-bus.js';
import type { SkywallStore } from '../../storage/index.js';

export interface SettingsService {
  get(): Settings;
  update(patch: z.output<typeof SettingsPatch>): Settings;
}

/** Operator settings; every change is published to all windows. */
export function createSettingsService(store: SkywallStore, bus: EventBus): SettingsService {
  store.onDidChange('settings', (s) => bus.emit('sw:settings:onDidChange', s));
  return {
    get: () => store.getSettings(),
    update: (patch) => store.updateSettings(patch),
  };
}
