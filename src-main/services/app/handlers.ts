import type { appChannels } from '../../common/contract/index.js';
import type { DomainHandlers } from '../handler-types.js';
import type { AppService } from './service.js';

export function appHandlers(app: AppService): DomainHandlers<typeof appChannels> {
  return {
    'sw:app:getInfo': () => app.info(),
  };
}
