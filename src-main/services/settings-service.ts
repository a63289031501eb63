import type { Settings } from '../common/contract/index.js';
import type { EventBus } from '../ipc/event-bus.js';
import type { Repository } from './ports.js';

export function createSettingsService(repo: Repository, bus: EventBus) {
  return {
    get: (): Settings => repo.getSettings(),
    async update(patch: Partial<Settings>): Promise<Settings> {
      const next = await repo.updateSettings(patch);
      bus.emit('sw:settings:onDidChange', next);
      return next;
    },
  };
}
