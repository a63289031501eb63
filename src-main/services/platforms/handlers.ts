import type { platformsChannels } from '../../common/contract/index.js';
import type { DomainHandlers } from '../handler-types.js';
import type { PlatformsService } from './service.js';

export function platformsHandlers(platforms: PlatformsService): DomainHandlers<typeof platformsChannels> {
  return {
    'sw:platforms:certificate': ({ host, port }) => platforms.certificate(host, port),
    'sw:platforms:discover': (conn) => platforms.discover(conn),
    'sw:platforms:add': (req) => platforms.add(req),
    'sw:platforms:refresh': ({ deviceId }) => platforms.refresh(deviceId),
  };
}
