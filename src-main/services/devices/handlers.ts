import type { devicesChannels } from '../../common/contract/index.js';
import type { DomainHandlers } from '../handler-types.js';
import type { DevicesService } from './service.js';

export function devicesHandlers(devices: DevicesService): DomainHandlers<typeof devicesChannels> {
  return {
    'sw:devices:list': () => devices.list(),
    'sw:devices:test': (req) => devices.test(req),
    'sw:devices:scan': () => devices.scan(),
    'sw:devices:add': (input) => devices.add(input),
    'sw:devices:update': (change) => devices.update(change),
    'sw:devices:remove': async ({ id }) => {
      await devices.remove(id);
      return { ok: true as const };
    },
  };
}
