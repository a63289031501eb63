import type { settingsChannels } from '../../common/contract/index.js';
import type { DomainHandlers } from '../handler-types.js';
import type { SettingsService } from './service.js';

export function settingsHandlers(settings: SettingsService): DomainHandlers<typeof settingsChannels> {
  return {
    'sw:settings:get': () => settings.get(),
    'sw:settings:update': (patch) => settings.update(patch),
  };
}
