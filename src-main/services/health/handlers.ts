import type { healthChannels } from '../../common/contract/index.js';
import type { DomainHandlers } from '../handler-types.js';
import type { HealthService } from './service.js';

export function healthHandlers(health: HealthService): DomainHandlers<typeof healthChannels> {
  return {
    'sw:health:list': () => health.snapshot(),
    'sw:health:checkNow': async ({ deviceId }) => {
      await health.checkNow(deviceId);
      return { ok: true as const };
    },
    'sw:health:exportCsv': (req) => health.exportCsv(req),
  };
}
